"""A lease row in the database makes sure only one worker serves a mailbox at a time."""

from __future__ import annotations

import datetime as dt
import os
import socket

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mailbot.store.models import Lease


class LeaseHeld(Exception):
    """Another live worker holds the lease."""


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _holder_is_dead(holder: str) -> bool:
    """A holder on this machine whose process is gone left its lease behind (a crash or SIGKILL)."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def acquire(factory: sessionmaker[Session], name: str, *, ttl: dt.timedelta, holder: str | None = None) -> str:
    """Take or renew the lease; raise LeaseHeld naming the holder if someone else has it."""
    holder = holder or this_process()
    now = dt.datetime.now(dt.UTC)
    try:
        with factory() as session, session.begin():
            row = session.scalar(select(Lease).where(Lease.name == name).with_for_update())
            if row is None:
                session.add(Lease(name=name, holder=holder, expires_at=now + ttl))
            elif row.holder == holder or row.expires_at <= now or _holder_is_dead(row.holder):
                row.holder, row.expires_at = holder, now + ttl
            else:
                raise LeaseHeld(row.holder)
    except IntegrityError:
        raise LeaseHeld("another worker starting at the same moment") from None
    return holder


def release(factory: sessionmaker[Session], name: str, holder: str) -> None:
    with factory() as session, session.begin():
        session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))
