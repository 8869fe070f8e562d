"""The database: a decision and its reply are one transaction; a send is claimed once."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mailbot.core.model import Decision, Kind, Outcome, Participant
from mailbot.store import db, lease, repo, views
from mailbot.store.models import DecisionRow, InboundMessage, OutboxEntry


@pytest.fixture
def store(tmp_path: Path) -> db.sessionmaker:  # type: ignore[type-arg]
    engine = db.connect(f"sqlite:///{tmp_path / 'mailbot.db'}")
    db.ensure_current(engine)
    return db.sessions(engine)


NOW = dt.datetime(2016, 8, 10, 8, 0, tzinfo=dt.UTC)
LATER = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
DECISION = Decision(
    Kind.REGISTRATION,
    Outcome.CONFIRMED,
    "Nacka",
    session=dt.date(2016, 9, 19),
    participants=(Participant("Lars Ohlsson", "M"),),
    store_registration=True,
)


def arrival(n: int) -> repo.Arrival:
    return repo.Arrival(
        message_id=f"<{n}@nacka.se>",
        folder="INBOX",
        uidvalidity=7,
        uid=n,
        internaldate=NOW,
        size=10,
        raw=b"x",
        sender="elin@nacka.se",
    )


def reply() -> repo.OutgoingMail:
    return repo.OutgoingMail(
        "reply",
        "reply/confirmation",
        "rebecka.frej@sll.se",
        "elin@nacka.se",
        "Sv: x",
        "<r@sll.se>",
        b"raw",
    )


def test_the_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "private.db"
    db.connect(f"sqlite:///{path}")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_decision_its_state_and_its_reply_are_stored_together(store: db.sessionmaker) -> None:  # type: ignore[type-arg]
    with db.transaction(store) as session:
        event = repo.event_id(session, "e", "E")
        repo.record(session, event=event, arrival=arrival(1), decision=DECISION, own_words="", reply=reply())
    with db.transaction(store) as session:
        assert [r.municipality for r in views.active_registrations(session, event)] == ["Nacka"]
        assert [e.status for e in repo.outbox_entries(session, event)] == ["pending"]
        assert [a.action for a in repo.audit_entries(session, event)] == ["register"]
        assert repo.known_uids(session, event, "INBOX", 7) == {1}


def test_a_failure_inside_the_transaction_leaves_nothing_behind(store: db.sessionmaker) -> None:  # type: ignore[type-arg]
    with db.transaction(store) as session:
        event = repo.event_id(session, "e", "E")
    with pytest.raises(RuntimeError), db.transaction(store) as session:
        repo.record(session, event=event, arrival=arrival(2), decision=DECISION, own_words="", reply=reply())
        raise RuntimeError("crash before commit")
    with db.transaction(store) as session:
        for table in (InboundMessage, DecisionRow, OutboxEntry):
            assert session.scalar(select(func.count()).select_from(table)) == 0
        assert views.active_registrations(session, event) == []


def test_an_outbox_entry_is_claimed_by_one_delivery_only(store: db.sessionmaker) -> None:  # type: ignore[type-arg]
    with db.transaction(store) as session:
        event = repo.event_id(session, "e", "E")
        repo.record(session, event=event, arrival=arrival(3), decision=DECISION, own_words="", reply=reply())
    with db.transaction(store) as session:
        entry = repo.due_outbox(session, event, LATER)[0].id
    with db.transaction(store) as session:
        assert repo.claim(session, entry, attempts=1)
    with db.transaction(store) as session:
        assert not repo.claim(session, entry, attempts=1)
        assert repo.sending_to_uncertain(session, event) == 1
    with db.transaction(store) as session:
        assert [e.status for e in repo.outbox_entries(session, event)] == ["uncertain"]
        assert repo.due_outbox(session, event, LATER) == []


def test_a_second_worker_is_refused_while_the_first_holds_the_lease(store: db.sessionmaker) -> None:  # type: ignore[type-arg]
    ttl = dt.timedelta(minutes=5)
    first = lease.acquire(store, "worker:x", ttl=ttl)
    with pytest.raises(lease.LeaseHeld):
        lease.acquire(store, "worker:x", ttl=ttl, holder="otherhost:1")
    lease.release(store, "worker:x", first)
    assert lease.acquire(store, "worker:x", ttl=ttl, holder="otherhost:1") == "otherhost:1"


def test_a_lease_left_by_a_dead_process_on_this_machine_is_taken_over(
    store: db.sessionmaker,
) -> None:  # type: ignore[type-arg]
    import socket

    dead = f"{socket.gethostname()}:{2**22 + 12345}"
    lease.acquire(store, "worker:y", ttl=dt.timedelta(hours=1), holder=dead)
    assert lease.acquire(store, "worker:y", ttl=dt.timedelta(minutes=5)) == lease.this_process()


def test_an_older_schema_is_refused_with_what_to_do(tmp_path: Path) -> None:
    engine = db.connect(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('0000')")
    with pytest.raises(db.DatabaseError, match="run `mailbot db upgrade`"):
        db.ensure_current(engine)


def test_the_digest_reads_registrations_in_order_and_only_the_latest_changes(
    store: db.sessionmaker,  # type: ignore[type-arg]
) -> None:

    towns = ["Nacka", "Solna", "Täby"]
    with db.transaction(store) as session:
        event = repo.event_id(session, "test", "Test")
        for n in range(9):  # three registrations each, so two changes each
            town = towns[n % 3]
            day = dt.date(2016, 9, 19) if n % 2 else dt.date(2016, 9, 2)
            people = (Participant(f"{town} Ett {n}", "S"), Participant(f"{town} Två {n}", "M"))
            decision = Decision(
                Kind.REGISTRATION, Outcome.CONFIRMED, town, session=day, participants=people, store_registration=True
            )
            at = repo.Arrival(f"<{n}@x.se>", "INBOX", 7, n + 1, NOW, 10, b"x", sender=f"a@{town}.se")
            repo.record(session, event=event, arrival=at, decision=decision, own_words="", reply=None)
    with db.transaction(store) as session:
        registrations = views.active_registrations(session, event)
        latest, total = views.changes(session, event, since=None, until=LATER, latest=4)
    # The last message of each town stands: Nacka n=6 (2 Sep), Solna n=7 (19 Sep), Täby n=8 (2 Sep).
    assert [(r.municipality, r.session.day) for r in registrations] == [("Nacka", 2), ("Täby", 2), ("Solna", 19)]
    assert [p.name for p in registrations[0].participants] == ["Nacka Ett 6", "Nacka Två 6"]
    assert total == 9
    assert [c.municipality for c in latest] == ["Täby", "Nacka", "Solna", "Täby"]  # the newest four, oldest first
