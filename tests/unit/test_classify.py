"""Automatic mail is recognised and never answered; a person's mail is left for reading."""

from __future__ import annotations

import pytest

from mailbot.core.classify import automatic_kind
from mailbot.core.mail import Mail
from mailbot.core.model import Kind

_PERSON_HEADERS = (
    ("from", "Kerstin Holm <kerstin.holm@nacka.se>"),
    ("to", "Rebecka Frej <rebecka.frej@sll.se>"),
    ("subject", "SV: Inbjudan – Dialog om regional samverkan och utveckling"),
    ("mime-version", "1.0"),
)


def _mail(
    *,
    subject: str = "SV: Inbjudan – Dialog om regional samverkan och utveckling",
    from_address: str = "kerstin.holm@nacka.se",
    headers: tuple[tuple[str, str], ...] = (),
    content_type: str = "text/plain",
    part_types: tuple[str, ...] = ("text/plain",),
    plain: str = "Hej!\nVi kommer den 19 september med Anna Andersson (S).\n",
) -> Mail:
    return Mail(
        message_id="<x@y>",
        from_address=from_address,
        subject=subject,
        headers=_PERSON_HEADERS + headers,
        content_type=content_type,
        part_types=part_types,
        plain=plain,
    )


_OOF_TEXT = "Jag är på semester till och med den 15 augusti och läser inte min e-post."

# (id, mail)
AUTO_REPLIES = [
    (
        "auto-submitted-auto-replied",
        _mail(headers=(("auto-submitted", "auto-replied"),), plain=_OOF_TEXT),
    ),
    (
        "auto-submitted-auto-replied-with-vacation",
        _mail(headers=(("auto-submitted", "auto-replied (vacation)"),), plain=_OOF_TEXT),
    ),
    (
        "auto-submitted-auto-generated",
        _mail(headers=(("auto-submitted", "auto-generated"),), plain=_OOF_TEXT),
    ),
    (
        "auto-submitted-upper-case",
        _mail(headers=(("auto-submitted", "Auto-Replied"),), plain=_OOF_TEXT),
    ),
    ("x-autoreply", _mail(headers=(("x-autoreply", "yes"),), plain=_OOF_TEXT)),
    ("x-autorespond", _mail(headers=(("x-autorespond", "Frånvaro"),), plain=_OOF_TEXT)),
    ("precedence-auto-reply", _mail(headers=(("precedence", "auto_reply"),), plain=_OOF_TEXT)),
    (
        "auto-reply-that-also-says-bulk",
        _mail(headers=(("x-autoreply", "yes"), ("precedence", "bulk")), plain=_OOF_TEXT),
    ),
    (
        "subject-automatiskt-svar",
        _mail(
            subject="Automatiskt svar: Inbjudan – Dialog om regional samverkan och utveckling",
            plain=_OOF_TEXT,
        ),
    ),
    ("subject-autosvar", _mail(subject="Autosvar: Inbjudan", plain=_OOF_TEXT)),
    ("subject-franvaro", _mail(subject="Frånvaro: Inbjudan", plain=_OOF_TEXT)),
    ("subject-franvaromeddelande", _mail(subject="Frånvaromeddelande", plain=_OOF_TEXT)),
    (
        "subject-franvaromeddelande-colon",
        _mail(subject="Frånvaromeddelande: SV: Inbjudan", plain=_OOF_TEXT),
    ),
    ("subject-out-of-office", _mail(subject="Out of Office: Inbjudan", plain=_OOF_TEXT)),
    ("subject-automatic-reply", _mail(subject="Automatic reply: Inbjudan", plain=_OOF_TEXT)),
    (
        "calendar-accepterat",
        _mail(
            subject="Accepterat: Dialog om regional samverkan 19 sept",
            content_type="multipart/alternative",
            part_types=("multipart/alternative", "text/plain", "text/html", "text/calendar"),
            plain="",
        ),
    ),
    (
        "calendar-accepted",
        _mail(
            subject="Accepted: Dialog om regional samverkan",
            content_type="multipart/alternative",
            part_types=("multipart/alternative", "text/plain", "text/calendar"),
            plain="",
        ),
    ),
    (
        "calendar-avbojt",
        _mail(
            subject="Avböjt: Dialog om regional samverkan",
            content_type="multipart/mixed",
            part_types=("multipart/mixed", "text/plain", "text/calendar"),
            plain="Tyvärr krockar det.",
        ),
    ),
    (
        "calendar-preliminart",
        _mail(
            subject="Preliminärt: Dialog om regional samverkan",
            content_type="multipart/alternative",
            part_types=("multipart/alternative", "text/plain", "text/calendar"),
            plain="",
        ),
    ),
]


@pytest.mark.parametrize("mail", [pytest.param(mail, id=case_id) for case_id, mail in AUTO_REPLIES])
def test_auto_replies_are_recognised(mail: Mail) -> None:
    assert automatic_kind(mail) is Kind.AUTO_REPLY


_DSN_TEXT = "Det gick inte att leverera meddelandet till följande mottagare."

# (id, mail)
BOUNCES = [
    (
        "multipart-report",
        _mail(
            subject="Olevererbart: Anmälan dialog",
            from_address="postmaster@nacka.se",
            content_type="multipart/report",
            part_types=(
                "multipart/report",
                "text/plain",
                "message/delivery-status",
                "message/rfc822",
            ),
            plain=_DSN_TEXT,
        ),
    ),
    (
        "delivery-status-part-from-ordinary-address",
        _mail(
            subject="Undeliverable: Anmälan",
            from_address="exchange@nacka.se",
            content_type="multipart/mixed",
            part_types=("multipart/mixed", "text/plain", "message/delivery-status"),
            plain=_DSN_TEXT,
        ),
    ),
    (
        "mailer-daemon",
        _mail(
            subject="Mail delivery failed: returning message to sender",
            from_address="MAILER-DAEMON@mx1.vaxholm.se",
            plain=_DSN_TEXT,
        ),
    ),
    (
        "postmaster",
        _mail(subject="Leveransfel", from_address="postmaster@tyreso.se", plain=_DSN_TEXT),
    ),
    (
        "empty-return-path",
        _mail(
            subject="Returned mail: see transcript for details",
            from_address="mailer@salem.se",
            headers=(("return-path", "<>"),),
            plain=_DSN_TEXT,
        ),
    ),
    (
        "bounce-that-also-says-auto-replied",
        _mail(
            subject="Undelivered Mail Returned to Sender",
            from_address="MAILER-DAEMON@solna.se",
            headers=(("auto-submitted", "auto-replied"),),
            content_type="multipart/report",
            part_types=("multipart/report", "text/plain", "message/delivery-status"),
            plain=_DSN_TEXT,
        ),
    ),
    (
        "read-receipt-part",
        _mail(
            subject="Läst: Inbjudan",
            content_type="multipart/report",
            part_types=("multipart/report", "text/plain", "message/disposition-notification"),
            plain="Ditt meddelande har lästs.",
        ),
    ),
    (
        "read-receipt-subject-only",
        _mail(
            subject="Läst: Inbjudan – Dialog om regional samverkan och utveckling",
            plain="Ditt meddelande\n\n  Till: Rebecka Frej\n\nlästes den 12 juli 2016 09:14.",
        ),
    ),
    (
        "read-receipt-english-subject",
        _mail(subject="Read: Inbjudan", plain="Your message was read on 12 July 2016 09:14."),
    ),
]


@pytest.mark.parametrize("mail", [pytest.param(mail, id=case_id) for case_id, mail in BOUNCES])
def test_bounces_and_read_receipts_are_recognised(mail: Mail) -> None:
    assert automatic_kind(mail) is Kind.BOUNCE


_NEWSLETTER = "Nyhetsbrev från Kommunförbundet. Avregistrera dig här."

# (id, mail)
BULK = [
    (
        "list-id",
        _mail(
            subject="[ksl-info] Veckobrev 32",
            from_address="info@ksl.se",
            headers=(("list-id", "<ksl-info.lists.ksl.se>"),),
            plain=_NEWSLETTER,
        ),
    ),
    (
        "list-unsubscribe",
        _mail(
            subject="Nyhetsbrev augusti",
            from_address="nyheter@skl.se",
            headers=(("list-unsubscribe", "<mailto:unsubscribe@skl.se>"),),
            plain=_NEWSLETTER,
        ),
    ),
    (
        "precedence-bulk",
        _mail(
            subject="Nyhetsbrev",
            from_address="info@ksl.se",
            headers=(("precedence", "bulk"),),
            plain=_NEWSLETTER,
        ),
    ),
    (
        "precedence-list",
        _mail(
            subject="Veckobrev",
            from_address="info@ksl.se",
            headers=(("precedence", "list"),),
            plain=_NEWSLETTER,
        ),
    ),
]


@pytest.mark.parametrize("mail", [pytest.param(mail, id=case_id) for case_id, mail in BULK])
def test_bulk_and_list_mail_is_unrelated(mail: Mail) -> None:
    assert automatic_kind(mail) is Kind.UNRELATED


def test_mailbots_own_reply_coming_back_is_unrelated() -> None:
    own = _mail(
        subject="Sv: Anmälan dialog 19/9",
        from_address="rebecka.frej@sll.se",
        headers=(("auto-submitted", "auto-replied"),),
        plain="Tack för er anmälan till dialogen den 19 september.",
    )
    assert automatic_kind(own, own_addresses=frozenset({"rebecka.frej@sll.se"})) is Kind.UNRELATED


# (id, mail) written by a person, however the subject reads
PEOPLE = [
    ("plain-reply", _mail()),
    ("subject-svar-angaende", _mail(subject="Svar angående anmälan")),
    ("subject-svar-pa-inbjudan", _mail(subject="Svar på inbjudan till dialog")),
    ("subject-anmalan-date", _mail(subject="Anmälan dialog 19/9")),
    ("subject-forward", _mail(subject="VB: Anmälan till dialog")),
    (
        "subject-question",
        _mail(subject="Fråga om parkering vid Landstingshuset", plain="Finns det parkering?"),
    ),
    (
        "subject-absent-chair",
        _mail(
            subject="Frånvarande KSO – ersättare till informationsmötet",
            plain="Vår KSO är bortrest, 1:e vice ordförande Bo Berg (M) kommer i stället.",
        ),
    ),
    ("auto-submitted-no", _mail(headers=(("auto-submitted", "no"),))),
    (
        "exchange-person-headers",
        _mail(
            headers=(
                ("thread-topic", "Inbjudan – Dialog om regional samverkan och utveckling"),
                ("thread-index", "AdHbYWnmZp6p1F9bQ0K4z6Ccd1w8aQ=="),
                ("x-ms-has-attach", ""),
                ("x-ms-tnef-correlator", ""),
                ("content-language", "sv-SE"),
                ("x-ms-exchange-organization-authas", "Internal"),
                ("importance", "high"),
            )
        ),
    ),
    (
        "html-person-mail",
        _mail(
            content_type="multipart/alternative",
            part_types=("multipart/alternative", "text/plain", "text/html"),
        ),
    ),
    (
        "person-attaches-calendar-file",
        _mail(
            subject="Anmälan 22 september",
            content_type="multipart/mixed",
            part_types=("multipart/mixed", "text/plain", "text/calendar"),
            plain="Vi kommer 22/9, jag bifogar en kalenderbokning.",
        ),
    ),
    (
        "person-attaches-forwarded-mail",
        _mail(
            subject="VB: Anmälan",
            content_type="multipart/mixed",
            part_types=("multipart/mixed", "text/plain", "message/rfc822", "text/plain"),
            plain="Se nedan.",
        ),
    ),
    ("function-mailbox", _mail(from_address="kommunstyrelsen@nacka.se")),
]


@pytest.mark.parametrize("mail", [pytest.param(mail, id=case_id) for case_id, mail in PEOPLE])
def test_a_persons_mail_is_not_automatic(mail: Mail) -> None:
    assert automatic_kind(mail) is None


_EXCHANGE_SENDER = "microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@sll.se"


def test_an_exchange_delivery_report_in_swedish_words_is_a_bounce() -> None:
    mail = _mail(
        subject="Det gick inte att leverera: Sv: Inbjudan",
        from_address=_EXCHANGE_SENDER,
        headers=(("return-path", "<>"), ("auto-submitted", "auto-replied")),
        plain="Det gick inte att leverera meddelandet till följande mottagare.",
    )
    assert automatic_kind(mail) is Kind.BOUNCE


def test_an_exchange_system_notice_is_unrelated_mail_not_a_bounce() -> None:
    mail = _mail(
        subject="Din postlåda är nästan full.",
        from_address=_EXCHANGE_SENDER,
        plain="Din postlåda har nästan nått sin maxstorlek.",
    )
    assert automatic_kind(mail) is Kind.UNRELATED
