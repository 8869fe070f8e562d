"""How a municipality's name is written in running text."""

from __future__ import annotations

import re

from mailbot.core.model import Event


def municipality_pattern(name: str) -> str:
    """The name, with a space or a hyphen between its words, and an optional genitive s ("Upplands-Bros").

    "Stockholm" alone is the county or the landsting as often as the city, so only "Stockholms stad" and
    "Stockholms kommun" name the municipality.
    """
    if name == "Stockholm":
        return r"\bStockholms?\s+(?:stad|kommun)\b"
    spaced = re.escape(name).replace(r"\ ", r"[\s-]").replace(r"\-", r"[\s-]")
    return rf"(?<![\w-]){spaced}s?(?![\w-])"


def other_municipalities(event: Event, own: str | None) -> re.Pattern[str] | None:
    """Any invited municipality but the sender's own, as written in running text."""
    names = [municipality_pattern(m.name) for m in event.municipalities if m.name != own]
    return re.compile("|".join(names)) if names else None
