"""Opening databases: migrations in code, SQLite setup, error sentences."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from watcher.storage import migrate
from watcher.storage.models import Base
from watcher.storage.repository import Store

from watcher.errors import StorageError

TABLES = {"sources", "fetches", "snapshots", "changes", "change_instruments", "change_dates", "alerts",
          "alert_attempts", "source_events", "alembic_version"}


def test_migration_sets_up_an_empty_file_in_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "watcher.db"
    store = Store.open(f"sqlite:///{path}")
    try:
        assert path.exists()
        assert set(inspect(store.engine).get_table_names()) == TABLES
        assert migrate.current(store.engine) == migrate.head()
        indexes = {i["name"] for i in inspect(store.engine).get_indexes("fetches")}
        assert "ix_fetches_source_id_at" in indexes
        assert {"ix_changes_source_id_created_at"} <= {i["name"] for i in inspect(store.engine).get_indexes("changes")}
    finally:
        store.close()


def test_migrated_schema_is_exactly_the_models(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        store.close()


def test_opening_again_is_a_no_op_and_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store.open(url)
    store.record_failure("s", url="https://x", status=None, error="boom", duration_ms=1, retry_after=None)
    store.close()
    again = Store.open(url)
    try:
        state = again.source_state("s")
        assert state is not None and state.consecutive_failures == 1
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        again.close()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    finally:
        store.close()


def test_in_memory_database_works() -> None:
    store = Store.open("sqlite://")
    try:
        store.record_failure("s", url="https://x", status=500, error="boom", duration_ms=1, retry_after=None)
        assert store.source_state("s") is not None
    finally:
        store.close()


def test_without_upgrade_an_unmigrated_database_is_an_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with pytest.raises(StorageError, match=rf"has no watcher tables yet.*needs revision {migrate.head()}"):
        Store.open(url, upgrade=False)
    Store.open(url).close()
    Store.open(url, upgrade=False).close()


def test_a_database_from_a_newer_watcher_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    Store.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match=r"cannot set up database .*w\.db: .*newer version"):
        Store.open(f"sqlite:///{path}")


def test_unopenable_database_is_a_storage_error_sentence(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as err:
        Store.open(f"sqlite:///{tmp_path}")  # a folder, not a file
    assert str(err.value) == f"cannot open database sqlite:///{tmp_path}: unable to open database file"

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match=r"^cannot open database .*: cannot create folder"):
        Store.open(f"sqlite:///{blocker}/sub/w.db")


def test_bad_urls_and_missing_drivers_are_sentences() -> None:
    with pytest.raises(StorageError, match="not a database URL"):
        Store.open("not a url")
    with pytest.raises(StorageError, match=r"^cannot open database nosuchdb://x: its driver is not installed"):
        Store.open("nosuchdb://x")


def test_password_is_hidden_in_messages() -> None:
    with pytest.raises(StorageError) as err:
        Store.open("nosuchdb://user:secret@host/db")
    assert "secret" not in str(err.value) and "***" in str(err.value)


def test_migrations_need_no_ini_file() -> None:
    config = migrate.alembic_config()
    assert config.config_file_name is None
    assert Path(config.get_main_option("script_location") or "").joinpath("env.py").is_file()


def test_every_migration_folder_is_a_packaged_package() -> None:
    """The wheel ships only listed packages: a migration folder missing from pyproject would be left out."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    packages = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {p.parent for p in (root / "storage").rglob("*.py") if "__pycache__" not in p.parts}
    for folder in folders:
        assert (folder / "__init__.py").is_file(), folder
        name = ".".join(("watcher", *folder.relative_to(root).parts))
        assert name in packages, f"{name} is not listed in pyproject's packages"


def test_several_instances_opening_a_fresh_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'w.db'}"
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: Store.open(url), range(4)))
    try:
        assert {migrate.current(s.engine) for s in stores} == {migrate.head()}
    finally:
        for s in stores:
            s.close()
