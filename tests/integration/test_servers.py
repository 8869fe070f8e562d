"""The real-server test helpers (tests/servers.py) themselves."""

from __future__ import annotations

import smtplib
import socket
import threading
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from servers import PrivateDovecot, RawImap, SmtpSink, free_port

pytestmark = pytest.mark.servers

PLUS_TWO = timezone(timedelta(hours=2))
# LF-only line ends, a bare CR, 8-bit bytes and a line that starts with a dot.
RAW_LF = (
    b"From: Anna <anna@example.org>\n"
    b"To: coordinator@example.org\n"
    b"Subject: Anmeldung\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"\n"
    b"Hallo, ich m\xc3\xb6chte mich anmelden.\n"
    b"bare\rCR stays\n"
    b".dot line\n"
)


def _message(n: int) -> bytes:
    return f"From: p{n}@example.org\r\nSubject: m{n}\r\n\r\nbody {n}\r\n".encode()


def test_append_stores_exact_bytes_and_internaldate(mailbox: PrivateDovecot) -> None:
    when = datetime(2024, 3, 31, 1, 30, 5, tzinfo=PLUS_TWO)
    uid = mailbox.append(RAW_LF, when)

    assert mailbox.uids() == [uid]
    stored = mailbox.fetch(uid)
    assert stored.internaldate == when  # same instant (Dovecot answers in its own zone)
    assert stored.internaldate.utcoffset() is not None
    # On disk Dovecot keeps what we sent byte for byte ...
    files = list((mailbox.maildir / "cur").iterdir()) + list((mailbox.maildir / "new").iterdir())
    assert [f.read_bytes() for f in files] == [RAW_LF]
    # ... while FETCH turns bare LF into CRLF (bare CR untouched; imaplib would rewrite it).
    assert stored.raw == RAW_LF.replace(b"\n", b"\r\n")
    with mailbox.client() as imap:
        imap.select_folder("INBOX", readonly=True)
        data = imap.fetch([uid], ["INTERNALDATE", "RFC822.SIZE"])[uid]
    assert data[b"INTERNALDATE"] == when
    assert data[b"RFC822.SIZE"] == len(RAW_LF) + RAW_LF.count(b"\n")


def test_raw_append_sends_literal_unchanged() -> None:
    """RawImap puts exactly our bytes on the wire (checked with a fake server)."""
    received: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with conn, conn.makefile("rb") as reader:
            conn.sendall(b"* OK fake\r\n")
            line = reader.readline()
            size = int(line.rsplit(b"{", 1)[1].rstrip(b"}\r\n"))
            received.append(line)
            conn.sendall(b"+ go\r\n")
            received.append(reader.read(size))
            received.append(reader.readline())
            conn.sendall(b"T1 OK [APPENDUID 7 42] done\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=PLUS_TWO)
    try:
        with RawImap("127.0.0.1", port) as raw:  # LOGOUT on exit fails quietly
            assert raw.append("INBOX", RAW_LF, when, ["\\Seen"]) == (7, 42)
    finally:
        thread.join(5)
        listener.close()
    assert received[0] == (b'T1 APPEND "INBOX" (\\Seen) "02-Jan-2024 03:04:05 +0200" {%d}\r\n' % len(RAW_LF))
    assert received[1:] == [RAW_LF, b"\r\n"]


def test_keyword_flags_and_permanentflags(mailbox: PrivateDovecot) -> None:
    uid = mailbox.append(_message(1), datetime.now(PLUS_TWO), flags=["\\Seen"])
    assert mailbox.flags(uid) == {"\\Seen"}
    with mailbox.client() as imap:
        info = imap.select_folder("INBOX")
        assert b"\\*" in info[b"PERMANENTFLAGS"]
        imap.add_flags([uid], [b"$MailbotProcessed"])
        assert b"IDLE" in imap.capabilities()
    assert mailbox.flags(uid) == {"\\Seen", "$MailbotProcessed"}
    mailbox.add_flags(uid, ["$Other"])
    assert "$Other" in mailbox.flags(uid)


def test_folders_move_delete_and_reset(mailbox: PrivateDovecot) -> None:
    first = mailbox.append(_message(1), datetime.now(PLUS_TWO))
    second = mailbox.append(_message(2), datetime.now(PLUS_TWO))
    mailbox.create_folder("Processed")
    mailbox.create_folder("Processed.Anmeldungen")
    new_uid = mailbox.move(first, "Processed")
    assert mailbox.uids("Processed") == [new_uid]
    assert mailbox.fetch(new_uid, "Processed").raw == _message(1)
    mailbox.delete_message(second)
    assert mailbox.uids() == []
    assert mailbox.folders() == ["INBOX", "Processed", "Processed.Anmeldungen"]

    mailbox.append(_message(3), datetime.now(PLUS_TWO))
    mailbox.create_folder("Ä.Unterordner")  # "Ä" is only an implicit (\Noselect) parent
    mailbox.reset()
    assert mailbox.folders() == ["INBOX"]
    assert mailbox.uids() == []


def test_restart_keeps_mail_and_port(mailbox: PrivateDovecot) -> None:
    uid = mailbox.append(_message(1), datetime(2023, 12, 24, 18, 0, tzinfo=PLUS_TWO))
    port = mailbox.port
    mailbox.restart()
    assert mailbox.port == port
    assert mailbox.uids() == [uid]
    assert mailbox.fetch(uid).raw == _message(1)

    mailbox.stop()  # outage
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    mailbox.start()
    assert mailbox.uids() == [uid]


def test_rebuild_mailbox_changes_uidvalidity(mailbox: PrivateDovecot) -> None:
    dates = [datetime(2024, 6, day, 12, 0, tzinfo=PLUS_TWO) for day in (1, 2, 3)]
    for n, when in enumerate(dates):
        mailbox.append(_message(n), when, flags=["$MailbotProcessed"] if n == 1 else ())
    mailbox.delete_message(mailbox.uids()[0])
    mailbox.append(RAW_LF, dates[0])
    before = mailbox.messages()
    validity = mailbox.uidvalidity()

    new_validity = mailbox.rebuild_mailbox()

    after = mailbox.messages()
    assert new_validity == mailbox.uidvalidity() != validity
    assert [(m.raw, m.internaldate, m.flags) for m in after] == [(m.raw, m.internaldate, m.flags) for m in before]
    assert [m.uid for m in after] == [1, 2, 3]


def test_rebuild_other_folder(mailbox: PrivateDovecot) -> None:
    mailbox.create_folder("Archiv")
    mailbox.append(_message(1), datetime(2024, 1, 1, tzinfo=PLUS_TWO), folder="Archiv")
    validity = mailbox.uidvalidity("Archiv")
    assert mailbox.rebuild_mailbox("Archiv") != validity
    assert [m.raw for m in mailbox.messages("Archiv")] == [_message(1)]


def test_env(mailbox: PrivateDovecot, smtp_sink: SmtpSink) -> None:
    assert mailbox.env() == {
        "MAILBOT_IMAP_HOST": "127.0.0.1",
        "MAILBOT_IMAP_PORT": str(mailbox.port),
        "MAILBOT_IMAP_USER": "coordinator",
        "MAILBOT_IMAP_PASSWORD": "secret",
        "MAILBOT_IMAP_SECURITY": "none",
        "MAILBOT_IMAP_FOLDER": "INBOX",
    }
    assert smtp_sink.env() == {
        "MAILBOT_SMTP_HOST": "127.0.0.1",
        "MAILBOT_SMTP_PORT": str(smtp_sink.port),
        "MAILBOT_SMTP_SECURITY": "none",
    }


def _email(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "coordinator@example.org"
    msg["To"] = "anna@example.org"
    msg["Subject"] = subject
    msg.set_content("Danke für die Anmeldung.\n")
    return msg


def test_smtp_sink_receives(smtp_sink: SmtpSink) -> None:
    with smtplib.SMTP("127.0.0.1", smtp_sink.port, local_hostname="127.0.0.1") as smtp:
        smtp.send_message(_email("Bestätigung"))
    [received] = smtp_sink.wait_for(1, timeout=5)
    assert received.mail_from == "coordinator@example.org"
    assert received.rcpt_tos == ("anna@example.org",)
    assert received.email["Subject"] == "Bestätigung"
    assert received.raw.endswith(b"\r\n")
    assert received.received_at.tzinfo is not None
    assert received.auth_user is None
    smtp_sink.clear()
    assert smtp_sink.messages == []
    assert smtp_sink.wait_for(1, timeout=0.1) == []


def test_smtp_sink_fail_next(smtp_sink: SmtpSink) -> None:
    smtp_sink.fail_next(1, 451)
    with smtplib.SMTP("127.0.0.1", smtp_sink.port, local_hostname="127.0.0.1") as smtp:
        with pytest.raises(smtplib.SMTPDataError) as excinfo:
            smtp.send_message(_email("first"))
        assert excinfo.value.smtp_code == 451
        smtp.send_message(_email("second"))
    assert [m.raw.count(b"Subject: second") for m in smtp_sink.wait_for(1)] == [1]

    smtp_sink.fail_next(1, 550, "5.1.1 No such user", stage="RCPT")
    with (
        smtplib.SMTP("127.0.0.1", smtp_sink.port, local_hostname="127.0.0.1") as smtp,
        pytest.raises(smtplib.SMTPRecipientsRefused),
    ):
        smtp.send_message(_email("third"))
    assert len(smtp_sink.messages) == 1


def test_smtp_sink_auth() -> None:
    with SmtpSink(port=free_port(), user="bot", password="pw") as sink:
        assert sink.env()["MAILBOT_SMTP_USER"] == "bot"
        with smtplib.SMTP("127.0.0.1", sink.port, local_hostname="127.0.0.1") as smtp:
            with pytest.raises(smtplib.SMTPSenderRefused):
                smtp.send_message(_email("no auth"))
            with pytest.raises(smtplib.SMTPAuthenticationError):
                smtp.login("bot", "wrong")
            smtp.login("bot", "pw")
            smtp.send_message(_email("auth"))
        [received] = sink.wait_for(1)
        assert received.auth_user == "bot"
        port = sink.port
        sink.stop()
        sink.start()  # same port again
        assert sink.port == port
        assert len(sink.messages) == 1
