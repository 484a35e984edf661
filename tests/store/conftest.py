"""Store fixtures: every store test runs on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL gets one fresh database per test session (``tests/pg.py``), emptied before each
test; when the server is unreachable those tests are skipped with the reason, or fail when
``JUNHENG_TEST_PG_REQUIRED=1``.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from junheng.store import Store, open_store
from pg import pg_database

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]


@pytest.fixture(scope="session")
def pg_session_url():
    """The URL of this session's PostgreSQL database (skips when there is no server)."""
    with pg_database("junheng_store") as url:
        yield url


@pytest.fixture(scope="session")
def pg_emptier(pg_session_url):
    """Empties the migrated session database: every table, ids restarting at 1."""
    store = open_store(pg_session_url)
    with store.engine.connect() as conn:
        tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
    statement = text("TRUNCATE {} RESTART IDENTITY CASCADE".format(
        ", ".join(f'"{t}"' for t in tables)))

    def empty() -> None:
        with store.engine.begin() as conn:
            conn.execute(statement)

    yield empty
    store.close()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    """A database URL holding no county yet, on each back end."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    request.getfixturevalue("pg_emptier")()
    return request.getfixturevalue("pg_session_url")


@pytest.fixture
def store(store_url) -> Store:
    with open_store(store_url) as opened:
        yield opened
