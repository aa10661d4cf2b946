"""Run the Alembic migrations in code: no alembic.ini, works the same from a checkout and an installed wheel."""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError
from watcher.storage.db import reason, safe_url, writer

from watcher.errors import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic's `context` module is one global per process: migrations in two threads at once would clash.
_ALEMBIC = threading.Lock()
MIGRATION_LOCK = 0x77617463  # PostgreSQL advisory lock key held while migrating ("watc")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config built in code; `connection`, when given, is the one the migrations run on."""
    config = Config()
    # ConfigParser interpolates "%": escape it in the path.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this version of watcher ships."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if revision is None:  # pragma: no cover - the package always ships 0001
        raise StorageError(f"no database migrations found in {MIGRATIONS}")
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database watcher has never set up."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, url: str) -> None:
    """Bring the database to the newest revision; nothing happens when it is already there.

    Runs in one write transaction, so two processes starting at once do not both create the tables.
    """
    try:
        with _ALEMBIC, writer(engine).connect() as conn:
            if conn.dialect.name == "postgresql":  # instances starting together on PostgreSQL take turns
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            command.upgrade(alembic_config(conn), "head")
            conn.commit()
    except CommandError as exc:
        raise StorageError(f"cannot set up database {safe_url(url)}: {_unknown(exc)}") from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open database {safe_url(url)}: {reason(exc)}") from exc


def check(engine: Engine, url: str) -> None:
    """Raise StorageError unless the database is at the newest revision (used when not upgrading)."""
    try:
        at = current(engine)
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open database {safe_url(url)}: {reason(exc)}") from exc
    wanted = head()
    if at != wanted:
        state = "has no watcher tables yet" if at is None else f"is at schema revision {at}"
        raise StorageError(f"database {safe_url(url)} {state}, this version of watcher needs revision {wanted}: "
                           "open it with migrations enabled")


def _unknown(exc: CommandError) -> str:
    text = str(exc)
    if "Can't locate revision" in text:
        return (f"its schema revision is unknown to this version of watcher ({text}); "
                "was it written by a newer version?")
    return text
