"""Fixtures of the web tests: demo databases built once per session, an app, a test client.

`web_db` holds the repo's examples (published 2024-03-12) and, when ../shared exists, the seed
article (published 2023-11-17). `hostile_db` holds an article whose title and text carry script
and SQL, for the injection tests. Shared texts are read in place, never copied into the repo.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsevents
from newsevents.store import Store
from newsevents.text.read import ReadOptions

with warnings.catch_warnings():
    # Older starlette warns when it falls back to httpx instead of httpx2; not our concern.
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "corpus" / "seed-de-russia-pakistan-ct-working-group.txt"
TOKEN = "test-token-0123456789"

# Script and SQL that must come out of every page as inert text.
XSS_TITLE = '<script>window.__xss = "title"</script><img src=x onerror="window.__xss=\'img\'">'
XSS_TEXT = (
    "BERLIN: Deutschland und Frankreich haben am Dienstag in Berlin über "
    '<script>window.__xss = "text"</script> beraten. Das Protokoll vermerkte '
    "'; DROP TABLE events; -- als Anhang.\n"
    'Die Regierung erklärte, "<b onmouseover=alert(1)>" sei kein Thema.'
)


def build_store(path: Path, sources: list[tuple[str, dt.date]]) -> Path:
    """Ingest each (path, publication date) into a new DuckDB file at `path`."""
    with Store(path) as store:
        for source, published in sources:
            report = newsevents.ingest([source], store, ReadOptions(published=published))
            assert not report.failed, report.failed
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the examples, plus the seed article when ../shared is there."""
    sources = [(str(EXAMPLES), dt.date(2024, 3, 12))]
    if SEED.exists():
        sources.append((str(SEED), dt.date(2023, 11, 17)))
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb", sources)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one article whose title and text try script and SQL injection."""
    folder = tmp_path_factory.mktemp("hostile")
    record = {"text": XSS_TEXT, "title": XSS_TITLE, "url": "https://example.org/<x>"}
    source = folder / "hostile.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return build_store(folder / "hostile.duckdb", [(str(source), dt.date(2024, 3, 12))])


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    """A read-only app over the demo store."""
    from newsevents.web import create_app

    with TestClient(create_app(web_db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_client(hostile_db: Path) -> Iterator[TestClient]:
    """A read-only app over the hostile store."""
    from newsevents.web import create_app

    with TestClient(create_app(hostile_db)) as test_client:
        yield test_client


@pytest.fixture
def writable_client(tmp_path: Path, web_db: Path) -> Iterator[TestClient]:
    """An app over a copy of the demo store that accepts POST /articles with TOKEN."""
    from newsevents.web import create_app

    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(web_db.read_bytes())
    with TestClient(create_app(copy, ingest_token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture
def seed() -> Path:
    """The seed article; the test is skipped (visibly) when ../shared is absent."""
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: seed checks skipped")
    return SEED
