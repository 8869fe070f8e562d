"""Broken and hostile mail: every message gets an outcome, nothing raises, nothing is confirmed by accident."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot import message
from mailbot import settings as config
from mailbot.core.judge import Judge
from mailbot.core.model import Outcome, StoredState

DATA = Path(__file__).resolve().parents[1] / "data"
EVENT = config.load(Path(__file__).resolve().parents[2] / "config" / "mailbot.toml", environ={}).to_event()
JUDGE = Judge(EVENT)
ARRIVAL = dt.datetime(2016, 8, 10, 9, 0, tzinfo=dt.UTC)
REALISTIC = sorted((DATA / "corpus_own").glob("*.eml"))[:20]


def decide(raw: bytes) -> Outcome:
    mail = message.parse(raw)
    return JUDGE.judge(mail, arrival=ARRIVAL, stored=StoredState()).decision.outcome


@pytest.mark.parametrize("path", sorted((DATA / "cpython_email").glob("msg_*.txt")), ids=lambda p: p.name)
def test_cpythons_test_messages_are_never_confirmed(path: Path) -> None:
    assert decide(path.read_bytes()) is not Outcome.CONFIRMED


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=len(REALISTIC) - 1),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.binary(max_size=40)), max_size=6),
)
def test_mutated_realistic_replies_always_get_an_outcome(index: int, cuts: list[tuple[float, int, bytes]]) -> None:
    raw = bytearray(REALISTIC[index].read_bytes())
    for where, drop, insert in cuts:
        at = int(where * len(raw))
        raw[at : at + drop] = insert
    assert decide(bytes(raw)) in set(Outcome)


def nested(depth: int) -> bytes:
    head = b"From: a@nacka.se\r\nMessage-ID: <deep@nacka.se>\r\nMIME-Version: 1.0\r\n"
    body = b"Content-Type: text/plain\r\n\r\nVi kommer den 19/9: Anna Ek (S), Bo Berg (M).\r\n"
    for level in range(depth):
        boundary = f"b{level}".encode()
        body = (
            b'Content-Type: multipart/mixed; boundary="'
            + boundary
            + b'"\r\n\r\n--'
            + boundary
            + b"\r\n"
            + body
            + b"\r\n--"
            + boundary
            + b"--\r\n"
        )
    return head + body


@pytest.mark.parametrize(
    "raw",
    [
        nested(100),
        b"From: a@nacka.se\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\n"
        b"Vi kommer den 19/9: \xc5sa \xd6hrvall (S), Bo Berg (M).\r\n",
        b"From: a@nacka.se\r\nSubject: =?x-unknown?B?!!!?= =?utf-8?Q?=ZZ?=\r\n\r\nhej\r\n",
        b"From: a\x00@nacka.se\r\nSubject: a\x00b\r\n\r\nVi\x00 kommer\x00 den 19/9.\x00\r\n",
        b"\xff\xfe\x00\x00garbage" * 1000,
    ],
    ids=["100-deep-multipart", "unknown-charset", "invalid-encoded-words", "nul-bytes", "binary-garbage"],
)
def test_broken_structure_gets_an_outcome_and_no_confirmation(raw: bytes) -> None:
    assert decide(raw) is not Outcome.CONFIRMED


REGISTRATION = (
    "From: Elin <elin@nacka.se>\r\nMessage-ID: <auth@nacka.se>\r\nSubject: Anmälan\r\n{auth}"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Nacka kommer den 19 september: Lars Ohlsson (M), Sofia Karlberg (S), Henrik Wallin (L).\r\n"
)


@pytest.mark.parametrize(
    ("header", "outcome"),
    [
        ("", Outcome.CONFIRMED),
        (
            "Authentication-Results: mx.sll.se; spf=pass smtp.mailfrom=nacka.se; dmarc=pass header.from=nacka.se\r\n",
            Outcome.CONFIRMED,
        ),
        (
            "Authentication-Results: mx.sll.se; spf=fail smtp.mailfrom=elin@nacka.se; "
            "dmarc=fail header.from=nacka.se\r\n",
            Outcome.NEEDS_REVIEW,
        ),
        ("Authentication-Results: mx.sll.se; spf=fail smtp.mailfrom=nacka.se\r\n", Outcome.NEEDS_REVIEW),
        (
            "Authentication-Results: mx.sll.se; spf=fail smtp.mailfrom=bounces.example.net; dmarc=pass\r\n",
            Outcome.CONFIRMED,
        ),
        # Only the first header counts: the coordinator's own server put it there.
        (
            "Authentication-Results: mx.sll.se; dmarc=fail header.from=nacka.se\r\n"
            "Authentication-Results: forged.example; dmarc=pass\r\n",
            Outcome.NEEDS_REVIEW,
        ),
    ],
    ids=["no-header", "pass", "dmarc-fail", "spf-fail-for-from-domain", "spf-fail-other-domain", "first-header-counts"],
)
def test_a_sender_the_server_could_not_vouch_for_is_never_confirmed(header: str, outcome: Outcome) -> None:
    assert decide(REGISTRATION.format(auth=header).encode()) is outcome
