"""The floor: only the work no registration desk can avoid, with the libraries mailbot uses.

IMAPClient login and SELECT, one UID SEARCH, FETCH of every message in batches of 50
(BODY.PEEK[] + INTERNALDATE), a mail-parser parse of each, one minimal threaded reply per
message over ONE smtplib connection, and a keyword on each batch. No database, no
decision, no templates. Run as ``python -m benchmarks.floor`` with the same MAILBOT_*
environment as mailbot; it prints one JSON line (messages, replies sent) on stdout.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import mailparser
from imapclient import IMAPClient

BATCH = 50
KEYWORD = "$FloorProcessed"
FROM = "Rebecka Frej <rebecka.frej@sll.se>"
FROM_ADDRESS = "rebecka.frej@sll.se"


def reply_to(parsed: mailparser.MailParser) -> tuple[str, bytes] | None:
    """(recipient, bytes) of a minimal threaded reply, or None when the message has no sender."""
    senders = [address for _name, address in parsed.from_ if "@" in address]
    if not senders:
        return None
    message_id = parsed.message_id or ""
    reply = EmailMessage()
    reply["From"] = FROM
    reply["To"] = senders[0]
    reply["Subject"] = "Sv: " + (parsed.subject or "")
    reply["Date"] = formatdate(localtime=True)
    reply["Message-ID"] = make_msgid(domain="sll.se")
    if message_id:
        reply["In-Reply-To"] = message_id
        reply["References"] = message_id
    reply.set_content("Tack, vi har tagit emot ert meddelande.\n")
    return senders[0], reply.as_bytes()


def run(env: dict[str, str]) -> dict[str, int]:
    imap = IMAPClient(env["MAILBOT_IMAP_HOST"], port=int(env["MAILBOT_IMAP_PORT"]), ssl=False, timeout=60)
    smtp = smtplib.SMTP(env["MAILBOT_SMTP_HOST"], int(env["MAILBOT_SMTP_PORT"]), timeout=60)
    messages = sent = 0
    try:
        imap.login(env["MAILBOT_IMAP_USER"], env["MAILBOT_IMAP_PASSWORD"])
        imap.select_folder(env.get("MAILBOT_IMAP_FOLDER", "INBOX"))
        uids = sorted(imap.search(["UNKEYWORD", KEYWORD]))
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            response = imap.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
            for uid in batch:
                data = response.get(uid)
                if data is None:
                    continue
                parsed = mailparser.parse_from_bytes(bytes(data[b"BODY[]"]))
                messages += 1
                reply = reply_to(parsed)
                if reply is not None:
                    smtp.sendmail(FROM_ADDRESS, [reply[0]], reply[1])
                    sent += 1
            imap.add_flags(batch, [KEYWORD], silent=True)
    finally:
        smtp.quit()
        imap.logout()
    return {"messages": messages, "sent": sent}


def main() -> int:
    # As mailbot does: mail-parser warns about every part type it does not render.
    logging.getLogger("mailparser").setLevel(logging.ERROR)
    print(json.dumps(run(dict(os.environ))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
