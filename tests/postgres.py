"""A private PostgreSQL for the tests: its own data directory and port on 127.0.0.1, started and stopped here.

Debian's `postgresql` package provides the binaries; the server runs as the
`postgres` user when the tests run as root (PostgreSQL refuses root), or as
the current user otherwise. Set MAILBOT_TEST_POSTGRES_URL to use a server of
your own instead (a database per test is created in it).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from servers import free_port

LOCALHOST = "127.0.0.1"


def find_pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PrivatePostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.root: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.bin = find_pg_bin()

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@{LOCALHOST}:{self.port}/postgres"

    def _as_owner(self) -> tuple[int | None, int | None]:
        if os.geteuid() != 0:
            return None, None
        owner = pwd.getpwnam("postgres")
        return owner.pw_uid, owner.pw_gid

    def start(self) -> None:
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (run scripts/install-system-deps.sh)")
        self.root = Path(tempfile.mkdtemp(prefix="mbpg-"))
        self.root.chmod(0o755)
        data = self.root / "data"
        uid, gid = self._as_owner()
        if uid is not None:
            os.chown(self.root, uid, gid or -1)
        subprocess.run(
            [
                str(self.bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            user=uid,
            group=gid,
        )
        self.process = subprocess.Popen(
            [
                str(self.bin / "postgres"),
                "-D",
                str(data),
                "-p",
                str(self.port),
                "-k",
                str(self.root),
                "-c",
                f"listen_addresses={LOCALHOST}",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "postgres.log", "wb"),  # noqa: SIM115
            user=uid,
            group=gid,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [str(self.bin / "pg_isready"), "-h", LOCALHOST, "-p", str(self.port)], capture_output=True
            )
            if ready.returncode == 0:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not start:\n{(self.root / 'postgres.log').read_text()[-2000:]}")

    def create_database(self) -> str:
        """A fresh, empty database; returns its SQLAlchemy URL."""
        return create_database(self.admin_url)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)


def create_database(admin_url: str) -> str:
    import psycopg

    name = f"mailbot_{uuid.uuid4().hex[:12]}"
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0]
    return f"{base}/{name}"
