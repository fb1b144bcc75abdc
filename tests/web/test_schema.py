"""Schema-driven: schemathesis generates requests from the app's OpenAPI; none may get a 5xx.

Bounded (`MAX_EXAMPLES` per operation, no deadline) so that it finishes in well under two
minutes. POST /articles is exercised with the token on a copy of the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TOKEN

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

MAX_EXAMPLES = 40  # per operation; 17 operations


def _schema(app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, web_db: Path) -> Iterator[Any]:
    """An app with ingest enabled over a copy of the demo store."""
    from newsevents.web import create_app

    copy = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    copy.write_bytes(web_db.read_bytes())
    web_app = create_app(copy, ingest_token=TOKEN)
    yield web_app
    web_app.state.snapshots.close()


def _operations(app: Any) -> list[Any]:
    schema = _schema(app)
    return [result.ok() for result in schema.get_all_operations()]


calls: list[str] = []


def _run(operation: Any) -> None:
    strategy = operation.as_strategy()
    post = operation.method.upper() == "POST"
    examples = 8 if post else MAX_EXAMPLES  # each POST runs the whole pipeline
    calls.append(operation.path)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    def check(case: Any) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"} if post else None
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    given(case=strategy)(check)()


def test_no_operation_answers_5xx(app: Any) -> None:
    operations = _operations(app)
    assert len(operations) >= 17
    for operation in operations:
        _run(operation)
    assert len(calls) == len(operations)
