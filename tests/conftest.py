from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
