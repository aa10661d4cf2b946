"""The Store against a real SQLite file: versions, fetches, changes, linked documents, source state."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from watcher.storage import repository, rows
from watcher.storage.models import ChangeRow, FetchRow, SnapshotRow, SourceRow
from watcher.storage.repository import Store

from watcher.config import SourceConfig
from watcher.errors import StorageError
from watcher.records import Change, Document, FetchResult, Item, LinkedDocument, Validators

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now



def fetched(body: bytes = b"<html>v1</html>", etag: str | None = '"e1"', status: int = 200) -> FetchResult:
    headers = {"content-type": "text/html"}
    if etag:
        headers["etag"] = etag
    return FetchResult(url="https://x.eu/page", final_url="https://x.eu/page/", status=status, headers=headers,
                       body=body, content_type="text/html", encoding="utf-8", text=body.decode(), elapsed_ms=5)


def doc(text_: str, *items: Item) -> Document:
    return Document(text=text_, extractor_version="2", title="Page", items=tuple(items) if items else None)


def added(key: str, title: str = "New item") -> Change:
    return Change(type="added", title=title, url=f"https://x.eu/{key}", item_key=key, diff=f"+{title}",
                  excerpt=title, new_text=title, date="2026-11-02")


def save(store: Store, source: str, body: bytes, digest: str, changes: list[Change] | None = None,
         previous: int | None = None, **kw: Any) -> tuple[int, list[Any]]:
    return store.save_version(
        source, fetched=fetched(body, kw.pop("etag", '"e1"')), document=kw.pop("document", doc(body.decode())),
        content_hash=digest, raw_hash="raw-" + digest, previous_id=previous, changes=changes or [],
        outcome=kw.pop("outcome", "changed" if changes else "baseline"), duration_ms=12, **kw,
    )


def count(store: Store, model: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def source(id_: str, name: str = "A source", url: str = "https://x.eu") -> SourceConfig:
    return SourceConfig(id=id_, name=name, url=url, kind="html", jurisdiction="EU", publisher="EC", interval=3600)


def test_sync_sources_inserts_updates_and_never_deletes(store: Store) -> None:
    store.sync_sources([source("a"), source("b")])
    with store.engine.connect() as conn:
        before = dict(conn.execute(select(SourceRow.id, SourceRow.config_hash)).all())
    store.sync_sources([source("a", name="Renamed", url="https://x.eu/new")])
    with store.engine.connect() as conn:
        after = {r.id: r for r in conn.execute(select(SourceRow))}
    assert set(after) == {"a", "b"}
    assert after["a"].name == "Renamed" and after["a"].config_hash != before["a"]
    assert after["b"].config_hash == before["b"]
    state = store.source_state("a")
    assert state is not None and (state.health, state.checks, state.consecutive_failures) == ("ok", 0, 0)
    assert store.source_state("missing") is None


def test_config_hash_leaves_out_secret_header_values_and_file_line() -> None:
    plain = source("a")
    secret = plain.model_copy(update={"headers": {"Authorization": "Bearer xyz"}, "line": 40})
    assert rows.config_hash(plain) == rows.config_hash(secret)
    assert rows.config_hash(plain) != rows.config_hash(plain.model_copy(update={"interval": 60.0}))


def test_baseline_round_trip_with_items_and_compressed_body(store: Store) -> None:
    body = b"<html>" + b"the same words again " * 500 + b"</html>"
    items = (Item("k1", "First", "https://x.eu/1", "2026-11-01", "Sum."), Item("k2", "Second"))
    snapshot_id, views = save(store, "s", body, "h1", document=doc("text one", *items))
    assert views == []
    [version] = store.recent_versions("s", 5)
    assert version.id == snapshot_id and version.content_hash == "h1" and version.raw_hash == "raw-h1"
    assert version.document == doc("text one", *items)
    assert version.created_at.tzinfo is UTC
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT raw_body, headers, final_url FROM snapshots")).one()
    assert len(stored.raw_body) < len(body) / 5
    assert store.raw_body(snapshot_id) == body and store.raw_body(999) is None
    state = store.source_state("s")
    assert state is not None and state.checks == 1 and state.last_change_at is None


def test_recent_versions_do_not_load_raw_bodies(store: Store) -> None:
    save(store, "s", b"v1", "h1")
    statements: list[str] = []

    def log(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", log)
    try:
        store.recent_versions("s", 5)
    finally:
        event.remove(store.engine, "before_cursor_execute", log)
    [query] = [s for s in statements if "snapshots" in s]
    assert "raw_body" not in query


def test_same_content_hash_reuses_one_snapshot_and_refreshes_it(store: Store) -> None:
    first, _ = save(store, "s", b"v1", "h1")
    second, _ = save(store, "s", b"v2", "h2", previous=first, outcome="unchanged")
    third, _ = save(store, "s", b"v1-new-markup", "h1", previous=second, outcome="unchanged",
                    document=Document("v1", extractor_version="3"))
    assert third == first
    assert count(store, SnapshotRow) == 2 and count(store, FetchRow) == 3
    latest = store.recent_versions("s", 5)
    assert [v.id for v in latest] == [first, second]  # the reused version is the latest seen
    assert latest[0].extractor_version == "3" and latest[0].raw_hash == "raw-h1"
    assert store.raw_body(first) == b"v1-new-markup"
    # Another source may store the same content: uniqueness is per source.
    other, _ = save(store, "t", b"v1", "h1")
    assert other != first


def test_record_unchanged_marks_the_matched_version_as_latest(store: Store) -> None:
    first, _ = save(store, "s", b"A", "hA")
    second, _ = save(store, "s", b"B", "hB", [added("k")], previous=first)
    assert [v.id for v in store.recent_versions("s", 5)] == [second, first]
    store.record_unchanged("s", url="https://x.eu", status=200, duration_ms=3, bytes_=1,
                           validators=Validators('"eA"'), snapshot_id=first, outcome="unchanged")
    assert [v.id for v in store.recent_versions("s", 5)] == [first, second]
    assert [v.id for v in store.recent_versions("s", 1)] == [first]
    state = store.source_state("s")
    assert state is not None and state.checks == 3


def test_validators_come_only_from_stored_200_responses(store: Store) -> None:
    assert store.latest_validators("s") == Validators()
    save(store, "s", b"v1", "h1", etag='"e1"')
    assert store.latest_validators("s") == Validators(etag='"e1"')
    store.record_failure("s", url="https://x.eu", status=200, error="error page", duration_ms=1, retry_after=None)
    store.record_failure("s", url="https://x.eu", status=503, error="unavailable", duration_ms=1, retry_after=None)
    store.record_unchanged("s", url="https://x.eu", status=304, duration_ms=1, bytes_=0, validators=None,
                           snapshot_id=None, outcome="not-modified")
    assert store.latest_validators("s") == Validators(etag='"e1"')
    store.record_unchanged("s", url="https://x.eu", status=200, duration_ms=1, bytes_=2,
                           validators=Validators('"e2"', "Tue, 19 May 2026 21:00:55 GMT"), snapshot_id=None,
                           outcome="unchanged")
    assert store.latest_validators("s") == Validators('"e2"', "Tue, 19 May 2026 21:00:55 GMT")
    # The latest stored response had no validators: nothing older is echoed.
    save(store, "s", b"v2", "h2", etag=None)
    assert store.latest_validators("s") == Validators()


def test_failures_count_up_turn_failing_and_reset_on_success(store: Store) -> None:
    later = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    for n in range(3):
        store.record_failure("s", url="https://x.eu", status=429, error=f"too many requests {n}", duration_ms=1,
                             retry_after=later)
        state = store.source_state("s")
        assert state is not None
        assert state.consecutive_failures == n + 1
        assert state.health == ("failing" if n == 2 else "ok")
    state = store.source_state("s")
    assert state is not None
    assert state.retry_after == later and state.retry_after.tzinfo is UTC
    assert state.last_error == "too many requests 2" and state.checks == 3
    store.record_unchanged("s", url="https://x.eu", status=200, duration_ms=1, bytes_=1, validators=None,
                           snapshot_id=None, outcome="unchanged")
    state = store.source_state("s")
    assert state is not None
    assert (state.consecutive_failures, state.health, state.retry_after) == (0, "ok", None)


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(StorageError, match="naive datetime"):
        store.record_failure("s", url="u", status=None, error="e", duration_ms=1, retry_after=datetime(2026, 1, 1))


def test_save_version_stores_changes_with_documents(store: Store) -> None:
    first, _ = save(store, "s", b"v1", "h1")
    changes = [added("a", "Item A"), added("b", "Item B"), added("c", "Item C"),
               Change("removed", "Old", None, "old", "-Old", "Old")]
    documents = {
        "a": LinkedDocument("https://x.eu/a", "fetched", text="Draft text", content_type="text/html"),
        "b": LinkedDocument("https://x.eu/b", "unavailable", error="the server answered 503"),
        "c": LinkedDocument("https://x.eu/c", "pending"),
    }
    snapshot_id, views = save(store, "s", b"v2", "h2", changes, previous=first, documents=documents)
    assert [(v.type, v.title) for v in views] == [("added", "Item A"), ("added", "Item B"), ("added", "Item C"),
                                                 ("removed", "Old")]
    assert all(v.id > 0 and v.source_id == "s" and v.created_at.tzinfo is UTC for v in views)
    assert views[0].document == documents["a"]
    assert views[1].document is not None and views[1].document.error == "the server answered 503"
    assert views[3].document is None
    assert [store.get_change(v.id) for v in views] == views
    with store.engine.connect() as conn:
        row = conn.execute(select(ChangeRow).where(ChangeRow.id == views[0].id)).one()
    assert (row.snapshot_id, row.previous_snapshot_id, row.item_key, row.item_date) == (snapshot_id, first, "a",
                                                                                        "2026-11-02")
    assert [r[0] for r in store.pending_documents("s", 10)] == [views[1].id, views[2].id]
    state = store.source_state("s")
    assert state is not None and state.last_change_at is not None


def test_pending_documents_are_retried_until_fetched_or_five_attempts(store: Store) -> None:
    first, _ = save(store, "s", b"v1", "h1")
    docs = {k: LinkedDocument(f"https://x.eu/{k}", "pending") for k in "abc"}
    _, views = save(store, "s", b"v2", "h2", [added(k) for k in "abc"], previous=first, documents=docs)
    a, b, c = (v.id for v in views)
    assert store.pending_documents("s", 2) == [(a, "https://x.eu/a"), (b, "https://x.eu/b")]
    assert store.pending_documents("other", 5) == []
    store.set_document(a, LinkedDocument("https://x.eu/a", "fetched", text="Body", content_type="text/html"))
    for _ in range(5):
        store.set_document(b, LinkedDocument("https://x.eu/b", "unavailable", error="timed out"))
    assert store.pending_documents("s", 5) == [(c, "https://x.eu/c")]
    fetched_a = store.get_change(a)
    assert fetched_a is not None and fetched_a.document == LinkedDocument(
        "https://x.eu/a", "fetched", text="Body", content_type="text/html")
    with pytest.raises(StorageError, match="no such change"):
        store.set_document(12345, LinkedDocument("https://x.eu/z", "fetched"))


def test_an_error_mid_save_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = save(store, "s", b"v1", "h1")
    calls = 0

    def explode(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("disk on fire")
        return rows.change_row(*args)

    monkeypatch.setattr(repository, "change_row", explode)
    with pytest.raises(RuntimeError):
        save(store, "s", b"v2", "h2", [added("a"), added("b")], previous=first)
    assert count(store, SnapshotRow) == 1 and count(store, ChangeRow) == 0 and count(store, FetchRow) == 1
    state = store.source_state("s")
    assert state is not None and state.checks == 1


def test_a_database_error_mid_save_is_a_storage_error_and_rolls_back(store: Store) -> None:
    bad = Change("bogus", "x", None, None, "", "")  # type: ignore[arg-type]
    with pytest.raises(StorageError, match=r"^cannot save a new version of source s in database sqlite:///"):
        save(store, "s", b"v1", "h1", [added("a"), bad])
    assert count(store, SnapshotRow) == 0 and count(store, ChangeRow) == 0 and count(store, FetchRow) == 0
    assert store.recent_versions("s", 5) == []


def test_list_changes_newest_first_with_filters(store: Store) -> None:
    s1, _ = save(store, "s", b"v1", "h1")
    t1, _ = save(store, "t", b"w1", "g1")
    _, early = save(store, "s", b"v2", "h2", [added("a", "A"), added("b", "B")], previous=s1)
    _, other = save(store, "t", b"w2", "g2", [added("c", "C")], previous=t1)
    _, late = save(store, "s", b"v3", "h3", [added("d", "D")], previous=s1)
    assert [v.title for v in store.list_changes()] == ["D", "C", "B", "A"]
    assert [v.title for v in store.list_changes(limit=2)] == ["D", "C"]
    assert [v.title for v in store.list_changes(source_id="s")] == ["D", "B", "A"]
    assert [v.title for v in store.list_changes(since=other[0].created_at)] == ["D", "C"]
    assert store.list_changes(source_id="nobody") == []
    assert store.list_changes(since=late[0].created_at + timedelta(hours=1)) == []
    listed = {v.id: v for v in store.list_changes()}
    assert all(listed[v.id] == v for v in early + other + late)
    assert store.get_change(999) is None


def test_two_stores_on_one_file_see_each_others_writes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    one, two = Store.open(url), Store.open(url)
    try:
        save(one, "s", b"v1", "h1")
        assert [v.content_hash for v in two.recent_versions("s", 5)] == ["h1"]
        two.record_failure("s", url="u", status=None, error="e", duration_ms=1, retry_after=None)
        state = one.source_state("s")
        assert state is not None and state.consecutive_failures == 1
    finally:
        one.close()
        two.close()


def test_concurrent_writers_wait_for_each_other_and_lose_no_update(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'w.db'}"
    stores = [Store.open(url) for _ in range(4)]

    def fail_often(store: Store) -> None:
        for _ in range(50):
            store.record_failure("s", url="u", status=None, error="e", duration_ms=1, retry_after=None)

    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(fail_often, stores))
        state = stores[0].source_state("s")
        assert state is not None and state.consecutive_failures == 200 and state.checks == 200
    finally:
        for store in stores:
            store.close()


def test_a_check_of_500_sources_is_fast(store: Store) -> None:
    sources = [source(f"s{n:03}") for n in range(500)]
    started = time.monotonic()
    store.sync_sources(sources)
    for n, src in enumerate(sources):
        store.latest_validators(src.id)
        store.recent_versions(src.id, 5)
        if n % 2:
            save(store, src.id, b"<p>page</p>" * 200, f"h{n}", [added("k")] if n % 4 == 1 else None)
        else:
            store.record_unchanged(src.id, url=src.url, status=304, duration_ms=1, bytes_=0, validators=None,
                                   snapshot_id=None, outcome="not-modified")
    elapsed = time.monotonic() - started
    assert count(store, FetchRow) == 500
    assert elapsed < 10, f"500 sources took {elapsed:.1f}s"
