"""Configuration: the shipped invitation loads; a wrong value names file, key and what is expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mailbot import settings
from mailbot.settings import ConfigError

SHIPPED = Path(__file__).resolve().parents[2] / "config" / "mailbot.toml"


def test_the_shipped_config_is_the_seed_invitation() -> None:
    event = settings.load(SHIPPED, environ={}).to_event()
    assert [s.date for s in event.sessions] == [
        dt.date(2016, 9, 2),
        dt.date(2016, 9, 19),
        dt.date(2016, 9, 22),
        dt.date(2016, 9, 26),
    ]
    assert event.session_on(dt.date(2016, 9, 22)).room.startswith("Mälarsalen")  # type: ignore[union-attr]
    assert event.deadline == dt.date(2016, 8, 26)
    assert event.max_participants == 3
    assert event.distinct_parties == "warn"
    assert event.timezone == "Europe/Stockholm"
    assert len(event.municipalities) == 26
    assert event.coordinator.address == "rebecka.frej@sll.se"
    assert event.info_meeting is not None and event.info_meeting.date == dt.date(2016, 8, 30)


def test_environment_overrides_connection_settings_and_secrets() -> None:
    loaded = settings.load(
        SHIPPED,
        environ={
            "MAILBOT_IMAP_HOST": "127.0.0.1",
            "MAILBOT_IMAP_PORT": "1143",
            "MAILBOT_IMAP_USER": "u",
            "MAILBOT_IMAP_PASSWORD": "s3cret",
            "MAILBOT_IMAP_SECURITY": "none",
            "MAILBOT_IMAP_FOLDER": "Anmälan",
            "MAILBOT_SMTP_HOST": "127.0.0.1",
            "MAILBOT_SMTP_PORT": "2525",
            "MAILBOT_SMTP_SECURITY": "starttls",
            "MAILBOT_SMTP_USER": "v",
            "MAILBOT_SMTP_PASSWORD": "t0p",
            "MAILBOT_DATABASE_URL": "sqlite:///x.db",
        },
    )
    assert (loaded.mailbox.port, loaded.mailbox.security, loaded.mailbox.folder) == (
        1143,
        "none",
        "Anmälan",
    )
    assert loaded.mailbox.password == "s3cret"
    assert (loaded.smtp.port, loaded.smtp.security, loaded.smtp.password) == (
        2525,
        "starttls",
        "t0p",
    )
    assert loaded.database.url == "sqlite:///x.db"
    assert "s3cret" not in repr(loaded)


def test_a_password_can_come_from_a_file_named_in_the_environment(tmp_path: Path) -> None:
    secret = tmp_path / "imap-password"
    secret.write_text("from-file\n", encoding="utf-8")
    loaded = settings.load(SHIPPED, environ={"MAILBOT_IMAP_PASSWORD_FILE": str(secret)})
    assert loaded.mailbox.password == "from-file"


def test_mailbot_config_names_the_file(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("max_participants = 3", "max_participants = 4"),
        encoding="utf-8",
    )
    assert settings.load(environ={"MAILBOT_CONFIG": str(other)}).event.max_participants == 4


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'start = "14:00"',
            'start = "25:00"',
            "event.sessions[0].start: expected a time as \"HH:MM\", got '25:00'",
        ),
        (
            'distinct_parties = "warn"',
            'distinct_parties = "maybe"',
            "event.distinct_parties: Input should be 'warn', 'require' or 'off'",
        ),
        (
            'timezone = "Europe/Stockholm"',
            'timezone = "Europe/Stokholm"',
            "event.timezone: expected an IANA time zone",
        ),
        (
            "max_participants = 3",
            "max_participants = 0",
            "event.max_participants: Input should be greater than or equal to 1",
        ),
        (
            'security = "ssl"\nuser = "rebecka',
            'security = "tls"\nuser = "rebecka',
            "mailbox.security: Input should be 'ssl', 'starttls' or 'none'",
        ),
        (
            "batch_size = 50",
            "batch_sise = 50",
            "mailbox.batch_sise: unknown key (check its spelling)",
        ),
        (
            'address = "rebecka.frej@sll.se"',
            'address = "rebecka.frej"',
            "event.coordinator.address:",
        ),
        ("invited = []", 'invited = ["Atlantis"]', "invited names municipalities not listed"),
    ],
)
def test_a_wrong_value_names_the_file_the_key_and_what_is_expected(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    broken = tmp_path / "mailbot.toml"
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings.load(broken, environ={})
    assert str(broken) in str(caught.value)
    assert expected in str(caught.value)


def test_a_wrong_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="MAILBOT_IMAP_PORT"):
        settings.load(SHIPPED, environ={"MAILBOT_IMAP_PORT": "imap"})


def test_a_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"does not exist; copy config/mailbot\.toml or set MAILBOT_CONFIG"):
        settings.load(tmp_path / "nope.toml", environ={})


def test_invalid_toml_is_reported_with_its_file(tmp_path: Path) -> None:
    broken = tmp_path / "mailbot.toml"
    broken.write_text("[event\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        settings.load(broken, environ={})
