"""Understanding the sender's own words: dates, people, parties and what they want."""
