"""The TOML configuration and the environment's connection settings, validated together."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from mailbot.core import model

DEFAULT_CONFIG = Path("config/mailbot.toml")

Security = Literal["ssl", "starttls", "none"]


class ConfigError(Exception):
    """A configuration value is wrong; the message names file, key and what is expected."""


def _hh_mm(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.datetime.strptime(value.strip().replace(".", ":"), "%H:%M").time()
        except ValueError as error:
            raise ValueError(f'expected a time as "HH:MM", got {value!r}') from error
    return value


Clock = Annotated[dt.time, BeforeValidator(_hh_mm)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContactConfig(Strict):
    name: str
    address: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    title: str = ""
    phone: str = ""


class SessionConfig(Strict):
    date: dt.date
    start: Clock
    end: Clock
    room: str
    address: str
    capacity: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _ends_after_start(self) -> SessionConfig:
        if self.end <= self.start:
            raise ValueError("end must be later than start")
        return self


class InfoMeetingConfig(Strict):
    date: dt.date
    start: Clock
    end: Clock
    place: str
    for_whom: str = "kommunstyrelsens ordförande"


class PartyConfig(Strict):
    code: str = Field(min_length=1, max_length=8)
    name: str
    aliases: list[str] = []


class EventConfig(Strict):
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    organiser: str
    timezone: str = "Europe/Stockholm"
    deadline: dt.date
    max_participants: int = Field(default=3, ge=1)
    distinct_parties: model.DistinctPartiesPolicy = "warn"
    invited: list[str] = []
    coordinator: ContactConfig
    questions: ContactConfig | None = None
    sessions: list[SessionConfig] = Field(min_length=1)
    info_meeting: InfoMeetingConfig | None = None
    municipalities: dict[str, list[str]] = Field(min_length=1)
    # Where reminders go: municipality → address (e.g. its registry). Optional.
    contacts: dict[str, str] = {}
    parties: list[PartyConfig] = Field(min_length=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"expected an IANA time zone such as Europe/Stockholm, got {value!r}") from error
        return value

    @model_validator(mode="after")
    def _invited_are_known(self) -> EventConfig:
        unknown = sorted(set(self.invited) - set(self.municipalities))
        if unknown:
            raise ValueError(f"invited names municipalities not listed in event.municipalities: {unknown}")
        if len({s.date for s in self.sessions}) != len(self.sessions):
            raise ValueError("two sessions share a date; each session needs its own date")
        return self


class MailboxConfig(Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=993, gt=0, lt=65536)
    security: Security = "ssl"
    user: str = ""
    password: str = Field(default="", repr=False)
    folder: str = "INBOX"
    processed_keyword: str = "$MailbotProcessed"
    move_to: str = ""
    batch_size: int = Field(default=50, ge=1, le=1000)
    max_message_bytes: int = Field(default=25 * 1024 * 1024, gt=0)
    verify_certificates: bool = True
    timeout_seconds: float = Field(default=60, gt=0)


class SmtpConfig(Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=465, gt=0, lt=65536)
    security: Security = "ssl"
    user: str = ""
    password: str = Field(default="", repr=False)
    verify_certificates: bool = True
    timeout_seconds: float = Field(default=60, gt=0)
    from_address: str = ""
    message_id_domain: str = ""


class RepliesConfig(Strict):
    max_per_sender_per_day: int = Field(default=10, ge=1)
    redirect_all_to: str = ""
    # Relative to the folder of the configuration file.
    templates: str = "../templates"
    # Questions go on to the contact for questions ([event.questions]), with the original attached.
    forward_questions: bool = True


class MaterialConfig(Strict):
    # Material goes out to delegations of sessions that start within this many days.
    lead_days: int = Field(default=7, ge=0)
    # `mailbot run` sends what lies in <folder>/<session date>/ (relative to this file); empty = off.
    folder: str = ""


class DatabaseConfig(Strict):
    url: str = "sqlite:///mailbot.db"
    # Personal data (messages, names, parties) is erased this many days after the last
    # session; 0 keeps it until `mailbot purge`.
    keep_days_after_event: int = Field(default=0, ge=0)


class ScheduleConfig(Strict):
    poll_minutes: float = Field(default=2, gt=0)
    idle_renew_minutes: float = Field(default=9, gt=0, le=29)
    digest_time: Clock = dt.time(7, 0)
    alarm_after_minutes: float = Field(default=30, gt=0)
    send_digest: bool = True
    # Days before the deadline when silent municipalities get one reminder; 0 = off.
    reminder_days_before: int = Field(default=0, ge=0)


class Settings(Strict):
    """Everything mailbot is told, after the environment has had its say."""

    event: EventConfig
    mailbox: MailboxConfig = MailboxConfig()
    smtp: SmtpConfig = SmtpConfig()
    replies: RepliesConfig = RepliesConfig()
    material: MaterialConfig = MaterialConfig()
    database: DatabaseConfig = DatabaseConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    source: str = "config/mailbot.toml"

    def to_event(self) -> model.Event:
        return event_from_config(self.event)


class Environment(BaseModel):
    """The MAILBOT_* variables that tools and deployments rely on (exact names), validated as typed values."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    config: str | None = None
    imap_host: str | None = None
    imap_port: int | None = None
    imap_user: str | None = None
    imap_password: str | None = None
    imap_password_file: str | None = None
    imap_security: Security | None = None
    imap_folder: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_password_file: str | None = None
    smtp_security: Security | None = None
    database_url: str | None = None


_ENVIRONMENT_KEYS = {
    "imap_host": ("mailbox", "host"),
    "imap_port": ("mailbox", "port"),
    "imap_user": ("mailbox", "user"),
    "imap_password": ("mailbox", "password"),
    "imap_security": ("mailbox", "security"),
    "imap_folder": ("mailbox", "folder"),
    "smtp_host": ("smtp", "host"),
    "smtp_port": ("smtp", "port"),
    "smtp_user": ("smtp", "user"),
    "smtp_password": ("smtp", "password"),
    "smtp_security": ("smtp", "security"),
    "database_url": ("database", "url"),
}


def config_path(explicit: str | Path | None = None, environ: dict[str, str] | None = None) -> Path:
    environ = dict(os.environ) if environ is None else environ
    chosen = explicit or environ.get("MAILBOT_CONFIG") or DEFAULT_CONFIG
    return Path(chosen)


def load(path: str | Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read the TOML file, apply MAILBOT_* overrides, validate; raise ConfigError on any fault."""
    environ = dict(os.environ) if environ is None else environ
    source = config_path(path, environ)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{source}: the configuration file does not exist; "
            "copy config/mailbot.toml or set MAILBOT_CONFIG to its path"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{source}: cannot be read ({error})") from None

    try:
        env = Environment.model_validate(_only_mailbot(environ))
    except ValidationError as error:
        raise ConfigError(_describe(error, source="the environment", prefix="MAILBOT_")) from None
    _apply_environment(data, env)

    try:
        return Settings.model_validate({**data, "source": str(source)})
    except ValidationError as error:
        raise ConfigError(_describe(error, source=str(source))) from None


def _only_mailbot(environ: dict[str, str]) -> dict[str, str]:
    fields = Environment.model_fields
    return {
        key[len("MAILBOT_") :].lower(): value
        for key, value in environ.items()
        if key.startswith("MAILBOT_") and key[len("MAILBOT_") :].lower() in fields
    }


def _apply_environment(data: dict[str, Any], env: Environment) -> None:
    for name, (section, key) in _ENVIRONMENT_KEYS.items():
        value = getattr(env, name)
        if value is not None:
            data.setdefault(section, {})[key] = value
    for name, section in (("imap_password_file", "mailbox"), ("smtp_password_file", "smtp")):
        secret_file = getattr(env, name)
        if secret_file:
            try:
                secret = Path(secret_file).read_text(encoding="utf-8").strip()
            except OSError as error:
                raise ConfigError(f"MAILBOT_{name.upper()}: cannot read {secret_file} ({error.strerror})") from None
            data.setdefault(section, {})["password"] = secret


def _describe(error: ValidationError, *, source: str, prefix: str = "") -> str:
    lines = []
    for problem in error.errors():
        key = ".".join(f"[{part}]" if isinstance(part, int) else str(part) for part in problem["loc"]).replace(
            ".[", "["
        )
        if prefix:
            key = prefix + key.upper()
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            message = "unknown key (check its spelling)"
        elif problem["type"] == "missing":
            message = "is required but missing"
        given = problem.get("input")
        shown = (
            ""
            if problem["type"] in {"missing", "extra_forbidden"} or isinstance(given, dict | list)
            else f" (got {given!r})"
        )
        lines.append(f"{source}: {key}: {message}{shown}")
    return "\n".join(lines)


def event_from_config(config: EventConfig) -> model.Event:
    invited = set(config.invited) or set(config.municipalities)
    return model.Event(
        slug=config.slug,
        title=config.title,
        organiser=config.organiser,
        timezone=config.timezone,
        sessions=tuple(
            model.Session(
                date=s.date,
                start=s.start,
                end=s.end,
                room=s.room,
                address=s.address,
                capacity=s.capacity,
            )
            for s in sorted(config.sessions, key=lambda s: (s.date, s.start))
        ),
        info_meeting=(
            model.InfoMeeting(
                date=config.info_meeting.date,
                start=config.info_meeting.start,
                end=config.info_meeting.end,
                place=config.info_meeting.place,
                for_whom=config.info_meeting.for_whom,
            )
            if config.info_meeting
            else None
        ),
        deadline=config.deadline,
        max_participants=config.max_participants,
        distinct_parties=config.distinct_parties,
        coordinator=model.Contact(
            name=config.coordinator.name,
            address=config.coordinator.address,
            title=config.coordinator.title,
            phone=config.coordinator.phone,
        ),
        municipalities=tuple(
            model.Municipality(name=name, domains=tuple(d.lower() for d in domains))
            for name, domains in config.municipalities.items()
            if name in invited
        ),
        parties=tuple(model.Party(code=p.code.upper(), name=p.name, aliases=tuple(p.aliases)) for p in config.parties),
        questions_contact=(
            model.Contact(
                name=config.questions.name,
                address=config.questions.address,
                title=config.questions.title,
                phone=config.questions.phone,
            )
            if config.questions
            else None
        ),
    )
