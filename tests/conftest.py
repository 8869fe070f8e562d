"""Shared pytest fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from postgres import PrivatePostgres, create_database, find_pg_bin
from servers import PrivateDovecot, SmtpSink, find_dovecot

# ======================================================================================
# Real servers (helpers in tests/servers.py): private Dovecot IMAP + aiosmtpd SMTP sink.
# ======================================================================================

_INSTALL_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "install-system-deps.sh"


def _ensure_installed(what: str, finder: Callable[[], object]) -> None:
    if finder() is not None:
        return
    result = subprocess.run(["sh", str(_INSTALL_SCRIPT)], capture_output=True, text=True, check=False)
    if result.returncode != 0 or finder() is None:
        pytest.fail(
            f"{what} is not installed and {_INSTALL_SCRIPT} failed:\n{result.stdout}{result.stderr}", pytrace=False
        )


def _ensure_dovecot_installed() -> None:
    if find_dovecot() is not None:
        return
    result = subprocess.run(["sh", str(_INSTALL_SCRIPT)], capture_output=True, text=True, check=False)
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


# ======================================================================================
# Running mailbot as a user does: a subprocess with MAILBOT_* variables.
# ======================================================================================

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
DATA = REPO / "tests" / "data"
OWN_CORPUS = REPO / "tests" / "data" / "corpus_own"
BLIND_CORPUS = REPO / "tests" / "data" / "corpus_blind"
BLIND2_CORPUS = REPO / "tests" / "data" / "corpus_blind2"


class Mailbot:
    """`mailbot …` against the test servers and a private database (SQLite file or PostgreSQL)."""

    def __init__(self, env: dict[str, str], database_url: str) -> None:
        self.env = env
        self.database_url = database_url

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        """Look into the database directly, whichever it is."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.database_url)
        try:
            with engine.begin() as connection:
                result = connection.execute(text(query))
                return [tuple(row) for row in result] if result.returns_rows else []
        finally:
            engine.dispose()

    def __call__(self, *args: str, timeout: float = 120, check: bool = False) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "mailbot", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"mailbot {' '.join(args)} exited {result.returncode}:\n{result.stderr}",
                pytrace=False,
            )
        return result

    def export(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self("export", "--format", "json", check=True).stdout)
        return data


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server for the tests: MAILBOT_TEST_POSTGRES_URL, or a private one."""
    given = os.environ.get("MAILBOT_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    _ensure_installed("initdb", find_pg_bin)
    server = PrivatePostgres()
    try:
        server.start()
        yield server.admin_url
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: every test that touches one runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mailbot.db'}"
    return create_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def another_database(request: pytest.FixtureRequest, database_url: str, tmp_path: Path) -> str:
    """A second fresh database of the same kind as `database_url`."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'another.db'}"
    return create_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def mailbot(mailbox: PrivateDovecot, smtp_sink: SmtpSink, database_url: str) -> Mailbot:
    """mailbot wired to the private Dovecot, the SMTP sink and a fresh database."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")},
        **mailbox.env(),
        **smtp_sink.env(),
        "MAILBOT_CONFIG": str(REPO / "config" / "mailbot.toml"),
        "MAILBOT_DATABASE_URL": database_url,
    }
    return Mailbot(env, database_url)


def load_corpus(folder: Path) -> list[tuple[dict[str, Any], bytes]]:
    """A labelled corpus (FORMAT.md): each truth entry with its raw message, in arrival order."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [(entry, (folder / entry["file"]).read_bytes()) for entry in sorted(truth, key=lambda t: t["arrival"])]


def corpora() -> list[Path]:
    """Our labelled corpora always; the shared one when this checkout sits beside it."""
    return [
        OWN_CORPUS,
        BLIND_CORPUS,
        BLIND2_CORPUS,
        *([SHARED_CORPUS] if (SHARED_CORPUS / "truth.json").exists() else []),
    ]


@pytest.fixture(scope="module")
def keywordless_server() -> Iterator[PrivateDovecot]:
    """A Dovecot that, like Exchange, keeps no custom keywords (PERMANENTFLAGS without \\*)."""
    _ensure_dovecot_installed()
    with PrivateDovecot(keep_keywords=False) as server:
        yield server


def write_config(folder: Path, **sections: dict[str, Any]) -> Path:
    """The shipped config with some values changed, e.g. schedule={"poll_minutes": 0.05}."""
    import tomllib

    text = (REPO / "config" / "mailbot.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    lines = []
    for section, values in sections.items():
        for key, value in values.items():
            old = data[section][key] if key in data.get(section, {}) else None
            rendered = json.dumps(value) if not isinstance(value, bool) else str(value).lower()
            if old is None:
                text = text.replace(f"[{section}]\n", f"[{section}]\n{key} = {rendered}\n", 1)
            else:
                old_rendered = json.dumps(old) if not isinstance(old, bool) else str(old).lower()
                lines.append((f"\n{key} = {old_rendered}", f"\n{key} = {rendered}"))
    for old_line, new_line in lines:
        assert old_line in text, old_line
        text = text.replace(old_line, new_line, 1)
    path = folder / "mailbot.toml"
    path.write_text(text.replace('templates = "../templates"', f'templates = "{REPO / "templates"}"'), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateDovecot]:
    """A Dovecot offering STARTTLS with a self-signed certificate (which nobody should trust)."""
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    key.chmod(0o644)
    folder.chmod(0o755)
    for parent in folder.parents:
        if str(parent).startswith("/tmp/pytest-of"):
            parent.chmod(0o755)
    extra = f"\nssl = yes\nssl_cert = <{cert}\nssl_key = <{key}\n"
    with PrivateDovecot(extra_config=extra) as server:
        yield server
