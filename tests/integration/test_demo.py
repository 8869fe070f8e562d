"""`make demo` works on its own: it starts its servers, shows every kind of answer, and leaves nothing running."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.servers


def orphaned_dovecots() -> set[str]:
    """Dovecot masters no Python process owns any more: what a demo that forgot its server leaves behind.

    Other tests run beside this one (pytest -n) and start Dovecots of their own; theirs have a live
    Python parent, so only a master whose parent is gone (re-parented to init) counts.
    """
    found = subprocess.run(["pgrep", "-f", "dovecot -F -c"], capture_output=True, text=True).stdout
    orphans: set[str] = set()
    for pid in found.split():
        try:
            parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue  # ended while we looked
        try:
            owner = Path(f"/proc/{parent}/cmdline").read_bytes()
        except OSError:
            owner = b""  # init's command line may be closed to us
        if parent == "1" or b"python" not in owner:
            orphans.add(pid)
    return orphans


def test_the_demo_shows_mailbot_doing_its_job_within_a_minute() -> None:
    before = orphaned_dovecots()
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "demo.py")], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "kind=registration outcome=confirmed",  # a confirmation
        "kind=change outcome=confirmed",  # a change
        "outcome=rejected violations=multiple_session_dates,missing_party",  # a rejection with its notice
        "kind=info_meeting outcome=confirmed",  # the information meeting
        "kind=auto_reply outcome=ignored",  # an auto-reply that gets no answer
        "outcome=needs_review",  # a review
        "Vi kunde tyvärr inte registrera anmälan",
        "digest.html",
        "deltagare.xlsx",
        "MAILBOT_IMAP_HOST",
    ):
        assert expected in out, expected
    assert (REPO / "demo-output" / "digest.html").exists()
    assert orphaned_dovecots() <= before, "the demo left its mail server running"
