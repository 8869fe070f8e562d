"""Shared pytest fixtures."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import PrivateDovecot, SmtpSink, find_dovecot

# ======================================================================================
# Real servers (helpers in tests/servers.py): private Dovecot IMAP + aiosmtpd SMTP sink.
# ======================================================================================

_INSTALL_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "install-system-deps.sh"


def _ensure_dovecot_installed() -> None:
    if find_dovecot() is not None:
        return
    result = subprocess.run(
        ["sh", str(_INSTALL_SCRIPT)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or find_dovecot() is None:
        pytest.fail(
            f"dovecot is not installed and {_INSTALL_SCRIPT} failed "
            f"(exit {result.returncode}):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[PrivateDovecot]:
    """One private Dovecot for the whole session (may hold other tests' mail)."""
    _ensure_dovecot_installed()
    server = PrivateDovecot()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture
def mailbox(dovecot_server: PrivateDovecot) -> PrivateDovecot:
    """The session Dovecot, running, with INBOX empty and no other folders."""
    dovecot_server.reset()
    return dovecot_server


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A fresh SMTP sink on its own port, stopped after the test."""
    with SmtpSink() as sink:
        yield sink


# ---- end of real-server fixtures -----------------------------------------------------
