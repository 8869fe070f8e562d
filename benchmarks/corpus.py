"""Plausible Swedish registration replies, generated deterministically from a seed.

Every message is built from its own ``random.Random`` (seeded from the run's seed and its
index), so message *i* of a run is the same whatever else is generated. Senders come from
the 26 municipalities of ``config/mailbot.toml``; arrival dates are spread in order over
2016-07-11 … 2016-08-26 (the deadline); 1–3 participants with parties in several forms;
a quoted invitation below about a third of them; plain text or multipart/alternative with
HTML; and a share (5 % by default) carrying a 2 MB attachment of random bytes (base64).

A ``Spool`` writes the messages once to a file in a temp dir, so that a mailbox can be
filled more than once without holding gigabytes in memory or generating twice.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import quopri
import random
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks._common import CONFIG

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIRST_DAY = dt.datetime(2016, 7, 11, 8, 0, tzinfo=STOCKHOLM)
LAST_DAY = dt.datetime(2016, 8, 26, 18, 0, tzinfo=STOCKHOLM)
ATTACHMENT_BYTES = 2 * 1024 * 1024
INVITATION_ID = "<6C1F0D9E2B8A4F17A3E5C7D9B1F3A5C7@SLLEXMB03.sll.sll.se>"

FIRST_NAMES = [
    "Anna",
    "Maria",
    "Karin",
    "Eva",
    "Kristina",
    "Lena",
    "Sara",
    "Emma",
    "Ingrid",
    "Birgitta",
    "Malin",
    "Elin",
    "Johanna",
    "Cecilia",
    "Åsa",
    "Ulla",
    "Helena",
    "Sofia",
    "Annika",
    "Linnea",
    "Lars",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Mikael",
    "Fredrik",
    "Jan",
    "Peter",
    "Magnus",
    "Mats",
    "Henrik",
    "Jonas",
    "Björn",
    "Stefan",
    "Ola",
    "Göran",
    "Håkan",
    "Sören",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Holm",
    "Berg",
    "Ekström",
    "Sjöberg",
    "Wallin",
    "Nyström",
    "Lundgren",
    "Åberg",
    "Öberg",
    "Forsberg",
    "Hedlund",
    "Strömberg",
    "Bergström",
    "Holmqvist",
    "Sandberg",
    "Engström",
    "Lindgren",
    "Dahl",
    "Björk",
    "Sundqvist",
    "Wikström",
    "Håkansson",
    "Fors",
]
PARTIES = {
    "S": "Socialdemokraterna",
    "M": "Moderaterna",
    "L": "Liberalerna",
    "C": "Centerpartiet",
    "KD": "Kristdemokraterna",
    "V": "Vänsterpartiet",
    "MP": "Miljöpartiet",
    "SD": "Sverigedemokraterna",
}
PARTY_WEIGHTS = {"S": 30, "M": 28, "L": 8, "C": 9, "KD": 6, "V": 7, "MP": 7, "SD": 5}
SENDER_TITLES = ("Kommunsekreterare", "Nämndsekreterare", "Registrator", "Utredare", "Kanslichef", "Assistent")
ROLES = ("kommunstyrelsens ordförande", "oppositionsråd", "kommunalråd", "1:e vice ordförande", "ledamot")
MONTH_DAYS = {
    dt.date(2016, 9, 2): ("fredag", "2"),
    dt.date(2016, 9, 19): ("måndag", "19"),
    dt.date(2016, 9, 22): ("torsdag", "22"),
    dt.date(2016, 9, 26): ("måndag", "26"),
}
INVITATION = """Från: Rebecka Frej [mailto:rebecka.frej@sll.se]
Skickat: den 11 juli 2016 09:47
Till: Registrator {municipality}
Ämne: Inbjudan: Dialog om regional samverkan och utveckling

Hej,

Härmed bjuder Stockholms läns landsting in er kommun till dialog om regional samverkan och
utveckling. Vänligen vidarebefordra till kommunstyrelsens ordförande.

Vi erbjuder fyra tillfällen i september:
fredag 2 september kl. 14.00–16.00, Skärgårdssalen
måndag 19 september kl. 15.00–17.00, Skärgårdssalen
torsdag 22 september kl. 09.30–11.30, Mälarsalen
måndag 26 september kl. 13.00–15.00, Skärgårdssalen

Varje kommun anmäler högst tre förtroendevalda, gärna från olika partier, senast den 26 augusti.
Informationsmöte för kommunstyrelsens ordförande hålls den 30 augusti kl. 13.00.

Med vänlig hälsning
Rebecka Frej
Stockholms läns landsting
"""


@dataclass(frozen=True)
class Generated:
    index: int
    raw: bytes
    internaldate: dt.datetime
    message_id: str
    has_attachment: bool


@functools.cache
def municipalities(config: Path = CONFIG) -> list[tuple[str, list[str]]]:
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    return [(name, list(domains)) for name, domains in data["event"]["municipalities"].items()]


def _ascii(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "A", "Ä": "A", "Ö": "O", " ": "."})
    return text.translate(table).lower()


def _date_phrase(rng: random.Random, day: dt.date) -> str:
    weekday, number = MONTH_DAYS[day]
    return rng.choice(
        (
            f"den {number} september",
            f"{weekday} {number} september",
            f"{weekday}en den {number} september",
            f"den {number}/9",
            f"{number} sept",
            day.isoformat(),
        )
    )


def _person(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def _party(rng: random.Random, used: set[str]) -> str:
    codes = list(PARTY_WEIGHTS)
    for _ in range(5):  # mostly different parties, sometimes not (mailbot notes it)
        code = rng.choices(codes, weights=[PARTY_WEIGHTS[c] for c in codes])[0]
        if code not in used:
            break
    used.add(code)
    return code


def _participants(rng: random.Random) -> list[tuple[str, str, str]]:
    count = rng.choices((1, 2, 3), weights=(15, 25, 60))[0]
    names: set[str] = set()
    parties: set[str] = set()
    people = []
    for position in range(count):
        role = ROLES[0] if position == 0 and rng.random() < 0.5 else (rng.choice(ROLES) if rng.random() < 0.2 else "")
        people.append((_person(rng, names), _party(rng, parties), role))
    return people


def _listed(rng: random.Random, people: list[tuple[str, str, str]]) -> str:
    style = rng.randrange(4)
    lines = []
    for name, code, role in people:
        if style == 0:
            line = f"{name} ({code})"
        elif style == 1:
            line = f"{name}, {PARTIES[code]}"
        elif style == 2:
            line = f"- {name} ({PARTIES[code]})"
        else:
            line = f"{name}, {code}"
        lines.append(line + (f", {role}" if role else ""))
    return "\n".join(lines)


def _inline(people: list[tuple[str, str, str]]) -> str:
    named = [f"{name} ({code})" for name, code, _ in people]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " och " + named[-1]


def _body(rng: random.Random, municipality: str, sender: str, title: str) -> tuple[str, str]:
    """(the sender's own words, the quoted invitation or "")."""
    day = rng.choice(list(MONTH_DAYS))
    people = _participants(rng)
    greeting = rng.choice(("Hej Rebecka,", "Hej Rebecka!", "Hej!", "Hej,", "Hej Rebecka"))
    form = rng.choices(range(7), weights=(23, 23, 22, 22, 4, 3, 3))[0]
    if form == 4:  # a question: mailbot acknowledges it and leaves it to the coordinator
        text = rng.choice(
            (
                "Går det bra att en ersättare i kommunstyrelsen tar en av de tre platserna?",
                f"Vi funderar på {_date_phrase(rng, day)}. Finns det parkering vid Landstingshuset?",
                "Kan ni skicka inbjudan igen? Den verkar ha fastnat hos registrator.",
            )
        )
    elif form == 5:  # the information meeting
        name, code, _role = people[0]
        text = f"Kommunstyrelsens ordförande {name} ({code}) kommer till informationsmötet den 30 augusti."
    elif form == 6:  # a cancellation
        text = f"Tyvärr måste {municipality} avboka sitt deltagande i dialogen. Vi avbokar härmed."
    elif form == 0:
        text = f"{municipality} anmäler följande till dialogen {_date_phrase(rng, day)}:\n\n{_listed(rng, people)}"
    elif form == 1:
        text = f"{municipality} kommer {_date_phrase(rng, day)} med {_inline(people)}."
    elif form == 2:
        text = f"Datum: {day.isoformat()}\n\nDeltagare:\n{_listed(rng, people)}"
    else:
        text = (
            f"Tack för inbjudan! {municipality} anmäler sig till dialogen {_date_phrase(rng, day)}. "
            f"Från kommunstyrelsen kommer:\n\n{_listed(rng, people)}"
        )
    closing = rng.choice(("Vänliga hälsningar", "Med vänlig hälsning", "Hälsningar", "Mvh"))
    phone = f"08-{rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(10, 99)}"
    signature = f"{closing}\n{sender}\n{title}\n{municipality} kommun\nTel {phone}"
    own = f"{greeting}\n\n{text}\n\n{signature}\n"
    quoted = INVITATION.format(municipality=municipality) if rng.random() < 0.35 else ""
    return own, quoted


def _html(own: str, quoted: str) -> str:
    def paragraphs(text: str) -> str:
        return "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in text.strip().split("\n\n"))

    divider = (
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        + paragraphs(quoted)
        + "</div>"
        if quoted
        else ""
    )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        f'<body><div style="font-family:Calibri,sans-serif;font-size:11pt">{paragraphs(own)}</div>{divider}'
        "</body></html>"
    )


def _qp(text: str) -> bytes:
    return quopri.encodestring(text.encode("utf-8")).replace(b"\n", b"\r\n")


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def _header_value(text: str) -> str:
    if text.isascii():
        return text
    return "=?utf-8?b?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def generate(index: int, total: int, *, seed: int, attachment_share: float = 0.05) -> Generated:
    """Message ``index`` (0-based) of ``total``: arrival dates rise with the index."""
    rng = random.Random(seed * 1_000_003 + index)
    towns = municipalities()
    municipality, domains = towns[rng.randrange(len(towns))]
    domain = rng.choice(domains)
    sender = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    address = f"{_ascii(sender)}@{domain}"
    title = rng.choice(SENDER_TITLES)
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    arrival = FIRST_DAY + dt.timedelta(seconds=int(span * (index + rng.random()) / max(total, 1)))
    sent = arrival - dt.timedelta(seconds=rng.randrange(2, 40))
    message_id = f"<bench-{seed}-{index}-{rng.getrandbits(48):012x}@{domain}>"
    every = round(1 / attachment_share) if attachment_share > 0 else 0
    has_attachment = bool(every) and index % every == every // 2
    is_reply = rng.random() < 0.6
    subject = (
        rng.choice(("SV: ", "Sv: ", "RE: ")) + "Inbjudan: Dialog om regional samverkan och utveckling"
        if is_reply
        else rng.choice((f"Anmälan {municipality}", f"Anmälan till dialog – {municipality}", "Anmälan dialogmöte"))
    )
    own, quoted = _body(rng, municipality, sender, title)
    text = own + ("\n" + quoted if quoted else "")
    headers = [
        f"Return-Path: <{address}>",
        f"From: {_header_value(sender)} <{address}>",
        "To: Rebecka Frej <rebecka.frej@sll.se>",
        f"Subject: {_header_value(subject)}",
        f"Date: {format_datetime(sent.astimezone(dt.UTC))}",
        f"Message-ID: {message_id}",
    ]
    if is_reply:
        headers += [f"In-Reply-To: {INVITATION_ID}", f"References: {INVITATION_ID}"]
    headers += ["Content-Language: sv-SE", "MIME-Version: 1.0"]
    plain_part = (
        b'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' + _qp(text)
    )
    if rng.random() < 0.5:
        body_part = plain_part
    else:
        boundary = f"_000_{rng.getrandbits(64):016X}_alt_"
        html_part = (
            b'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
            + _qp(_html(own, quoted))
        )
        body_part = (
            f'Content-Type: multipart/alternative;\r\n\tboundary="{boundary}"\r\n\r\n'.encode()
            + f"--{boundary}\r\n".encode()
            + plain_part
            + f"\r\n--{boundary}\r\n".encode()
            + html_part
            + f"\r\n--{boundary}--\r\n".encode()
        )
    if has_attachment:
        boundary = f"_004_{rng.getrandbits(64):016X}_mixed_"
        filename = rng.choice(("Deltagarlista.pdf", "Anmalan.pdf", "Protokollsutdrag KS.pdf"))
        attachment = (
            f'Content-Type: application/pdf; name="{filename}"\r\n'
            f'Content-Disposition: attachment; filename="{filename}"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode() + _b64(rng.randbytes(ATTACHMENT_BYTES))
        body_part = (
            f'Content-Type: multipart/mixed;\r\n\tboundary="{boundary}"\r\n\r\n'.encode()
            + f"--{boundary}\r\n".encode()
            + body_part
            + f"\r\n--{boundary}\r\n".encode()
            + attachment
            + f"\r\n--{boundary}--\r\n".encode()
        )
    raw = "\r\n".join(headers).encode("ascii") + b"\r\n" + body_part
    return Generated(index, raw, arrival, message_id, has_attachment)


@dataclass(frozen=True)
class _Entry:
    offset: int
    length: int
    internaldate: dt.datetime
    message_id: str
    has_attachment: bool


class Spool:
    """``count`` generated messages written once to ``path``; read back as often as needed."""

    def __init__(self, path: Path, count: int, *, seed: int, attachment_share: float = 0.05) -> None:
        self.path = path
        self.count = count
        self.seed = seed
        self._entries: list[_Entry] = []
        offset = 0
        with path.open("wb") as out:
            for index in range(count):
                message = generate(index, count, seed=seed, attachment_share=attachment_share)
                out.write(message.raw)
                self._entries.append(
                    _Entry(offset, len(message.raw), message.internaldate, message.message_id, message.has_attachment)
                )
                offset += len(message.raw)
        self.total_bytes = offset

    @property
    def attachments(self) -> int:
        return sum(e.has_attachment for e in self._entries)

    @property
    def message_ids(self) -> list[str]:
        return [e.message_id for e in self._entries]

    def __iter__(self) -> Iterator[tuple[bytes, dt.datetime]]:
        with self.path.open("rb") as spool:
            for entry in self._entries:
                spool.seek(entry.offset)
                yield spool.read(entry.length), entry.internaldate
