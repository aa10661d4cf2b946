from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from watcher.storage.repository import Store

from tests.server import TestServer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def server() -> Iterator[TestServer]:
    srv = TestServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store in the test's folder."""
    opened = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        yield opened
    finally:
        opened.close()
