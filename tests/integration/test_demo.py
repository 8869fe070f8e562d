"""`make demo` works on its own: it starts its servers, shows every kind of answer, and leaves nothing running."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.servers


def dovecots() -> set[str]:
    found = subprocess.run(["pgrep", "-f", "dovecot -F -c"], capture_output=True, text=True).stdout
    return set(found.split())


def test_the_demo_shows_mailbot_doing_its_job_within_a_minute() -> None:
    before = dovecots()
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
    assert dovecots() <= before, "the demo left its mail server running"
