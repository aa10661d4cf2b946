"""Engines and sessions: SQLite pragmas, transaction control, aware-UTC datetimes, error sentences.

SQLite is the default database, PostgreSQL the one for several instances; both go through `make_engine`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from watcher.errors import StorageError

BUSY_TIMEOUT_MS = 10_000
# Execution option that makes a SQLite transaction take the write lock at once (BEGIN IMMEDIATE), so two
# writers wait for each other (busy_timeout) instead of failing when a read lock cannot be upgraded.
WRITE_OPTION = "watcher_write"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always an aware UTC datetime in Python.

    Stored as naive UTC on SQLite (which has no time zones) and as `timestamp with time zone` elsewhere.
    Naive datetimes are refused: every time in watcher is aware.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given to the database: use an aware UTC time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def safe_url(url: str | URL) -> str:
    """The URL as it may be shown: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def reason(exc: BaseException) -> str:
    """The driver's own message, without SQLAlchemy's statement dump and background links."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        text = str(exc.orig)
    else:
        text = str(exc).split("\n", 1)[0]
        text = text.split(" (Background on this error", 1)[0]
    return " ".join(text.split()) or type(exc).__name__


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database or another backend."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return Path(database).expanduser()


def make_engine(url: str) -> Engine:
    """Create the engine for `url`, creating a SQLite file's folder first. Raises StorageError."""
    shown = safe_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(f"cannot open database {url!r}: it is not a database URL such as "
                           "sqlite:///path/to/watcher.db or postgresql+psycopg://host/db") from None
    options: dict[str, Any] = {}
    path = sqlite_file(parsed)
    if parsed.get_backend_name() == "sqlite":
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot open database {shown}: cannot create folder {path.parent}: "
                                   f"{exc.strerror or exc}") from None
        else:
            # One shared connection, or every new connection would see its own empty in-memory database.
            options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        options["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **options)
    except (NoSuchModuleError, ImportError) as exc:
        raise StorageError(f"cannot open database {shown}: its driver is not installed ({reason(exc)})") from None
    except (SQLAlchemyError, TypeError, ValueError) as exc:
        raise StorageError(f"cannot open database {shown}: {reason(exc)}") from None
    if parsed.get_backend_name() == "sqlite":
        _sqlite_events(engine)
    return engine


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit BEGIN is switched off; SQLAlchemy's "begin" event below emits it, so
        # every transaction (reads included) is a real one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions are write transactions."""
    return engine.execution_options(**{WRITE_OPTION: True})


@contextmanager
def storage_errors(action: str, url: str) -> Iterator[None]:
    """Turn database errors into a StorageError sentence: `cannot <action> in database <url>: <reason>`."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot {action} in database {safe_url(url)}: {reason(exc)}") from exc
