"""Parsing raw bytes: every charset people send, and broken mail that must never stop a run."""

from __future__ import annotations

import pytest

from mailbot import message


def _raw(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode("latin-1") + b"\r\n" + body


@pytest.mark.parametrize(
    ("content_type", "encoding", "body", "expected"),
    [
        (
            'text/plain; charset="utf-8"',
            "8bit",
            "Anmälan för Österåker".encode(),
            "Anmälan för Österåker",
        ),
        (
            "text/plain; charset=iso-8859-1",
            "8bit",
            "Anmälan för Österåker".encode("latin-1"),
            "Anmälan för Österåker",
        ),
        (
            "text/plain; charset=windows-1252",
            "8bit",
            "Anmälan – Österåker”".encode("cp1252"),
            "Anmälan – Österåker”",
        ),
        ("text/plain", "8bit", "Anmälan för Österåker".encode("latin-1"), "Anmälan för Österåker"),
        (
            "text/plain; charset=iso-8859-1",
            "8bit",
            "Anmälan för Österåker".encode(),
            "Anmälan för Österåker",
        ),
        (
            "text/plain; charset=utf-8",
            "8bit",
            "Anmälan för Österåker".encode("latin-1"),
            "Anmälan för Österåker",
        ),
        (
            "text/plain; charset=x-unknown",
            "8bit",
            "Anmälan för Österåker".encode(),
            "Anmälan för Österåker",
        ),
        (
            "text/plain; charset=utf-8",
            "quoted-printable",
            b"Anm=C3=A4lan f=C3=B6r =\r\n=C3=96ster=C3=A5ker",
            "Anmälan för Österåker",
        ),
        (
            "text/plain; charset=utf-8",
            "base64",
            b"QW5tw6RsYW4gZsO2ciDDlnN0ZXLDpWtlcg==",
            "Anmälan för Österåker",
        ),
    ],
    ids=[
        "utf8",
        "latin1",
        "cp1252",
        "undeclared-latin1",
        "declared-latin1-really-utf8",
        "declared-utf8-really-latin1",
        "unknown-charset",
        "quoted-printable",
        "base64",
    ],
)
def test_the_body_reads_as_the_sender_wrote_it(content_type: str, encoding: str, body: bytes, expected: str) -> None:
    mail = message.parse(
        _raw(
            f"From: a@nacka.se\nMessage-ID: <1@nacka.se>\nMIME-Version: 1.0\n"
            f"Content-Type: {content_type}\nContent-Transfer-Encoding: {encoding}\n",
            body,
        )
    )
    assert mail.plain.strip() == expected


def test_format_flowed_joins_soft_line_breaks() -> None:
    body = "Vi kommer tisdag den 20 \r\nseptember med tre personer.\r\nNy rad.\r\n".encode("cp1252")
    mail = message.parse(
        _raw(
            "From: a@nacka.se\nMessage-ID: <2@nacka.se>\n"
            "Content-Type: text/plain; charset=windows-1252; format=flowed\n",
            body,
        )
    )
    assert "den 20 september med tre personer." in mail.plain
    assert "\nNy rad." in mail.plain


def test_headers_in_rfc2047_and_raw_8bit_keep_their_letters() -> None:
    raw = (
        b"From: =?iso-8859-1?Q?=C5sa_=D6hrvall?= <asa.ohrvall@osteraker.se>\r\n"
        b"Subject: Anm\xe4lan \xd6ster\xe5ker\r\nMessage-ID: <3@osteraker.se>\r\n\r\nhej\r\n"
    )
    mail = message.parse(raw)
    assert mail.from_name == "Åsa Öhrvall"
    assert mail.from_address == "asa.ohrvall@osteraker.se"
    assert mail.subject == "Anmälan Österåker"


def test_exchange_message_ids_survive() -> None:
    mail = message.parse(b"From: a@nacka.se\r\nMessage-ID: <[abc-123]@microsoft.com>\r\n\r\nhej\r\n")
    assert mail.message_id == "<[abc-123]@microsoft.com>"


def test_a_message_without_message_id_gets_a_stable_one() -> None:
    raw = b"From: a@nacka.se\r\nSubject: x\r\n\r\nhej\r\n"
    assert message.parse(raw).message_id == message.parse(raw).message_id
    assert message.parse(raw).message_id != message.parse(raw + b"!").message_id


def test_a_forwarded_message_is_kept_apart_from_the_own_text() -> None:
    raw = (
        b"From: a@nacka.se\r\nMessage-ID: <4@nacka.se>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSe nedan.\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: kso@nacka.se\r\nSubject: Anm\xc3\xa4lan\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Vi kommer den 19/9.\r\n--b--\r\n"
    )
    mail = message.parse(raw)
    assert mail.plain.strip() == "Se nedan."
    assert mail.forwarded[0].plain.strip() == "Vi kommer den 19/9."
    assert mail.forwarded[0].from_address == "kso@nacka.se"


def test_attachments_are_listed_not_read() -> None:
    raw = (
        b"From: a@nacka.se\r\nMessage-ID: <5@nacka.se>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nSe bifogad fil.\r\n"
        b'--b\r\nContent-Type: application/pdf; name="anmalan.pdf"\r\nContent-Disposition: attachment; '
        b'filename="anmalan.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n'
    )
    mail = message.parse(raw)
    assert mail.plain.strip() == "Se bifogad fil."
    assert [(a.filename, a.content_type) for a in mail.attachments] == [("anmalan.pdf", "application/pdf")]


def test_an_attachment_named_in_raw_8bit_is_listed_and_the_text_read() -> None:
    raw = (
        b"From: a@nacka.se\r\nMessage-ID: <6@nacka.se>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBifogat finns v\xc3\xa5r anm\xc3\xa4lan.\r\n"
        b"--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n"
        b'Content-Disposition: attachment;\r\n\tfilename="Anm\xc3\xa4lan dialog.docx"; size=1073\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n--b--\r\n"
    )
    mail = message.parse(raw)
    assert mail.plain.strip() == "Bifogat finns vår anmälan."
    assert [a.filename for a in mail.attachments] == ["Anmälan dialog.docx"]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\x00\x00",
        b"From: \r\n\r\n",
        b"Subject: =?utf-8?B?broken?=\r\nFrom: =?x-nope?Q?abc?= <a@b>\r\n\r\nhej",
        b"Content-Type: multipart/mixed; boundary=\r\n\r\n--\r\n--",
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!notbase64",
        b"From: a@nacka.se\r\n" + b"X-Long: " + b"a" * 100_000 + b"\r\n\r\nhej",
        b"Content-Type: multipart/mixed; boundary=a\r\n\r\n"
        + b"--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n" * 200,
    ],
    ids=[
        "empty",
        "nul-bytes",
        "empty-from",
        "invalid-encoded-words",
        "empty-boundary",
        "bad-base64",
        "huge-header",
        "deep-nesting",
    ],
)
def test_broken_mail_still_parses(raw: bytes) -> None:
    mail = message.parse(raw)
    assert mail.message_id.startswith("<")
