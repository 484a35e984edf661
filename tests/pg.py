"""PostgreSQL for tests: a fresh, uniquely named database per test session, dropped afterwards.

A plain module any test folder can import (``pythonpath`` in pyproject.toml holds ``tests/``)::

    from pg import pg_database

    @pytest.fixture(scope="session")
    def pg_url():
        with pg_database("web") as url:   # skips, or fails when JUNHENG_TEST_PG_REQUIRED=1
            yield url

The server is the one at 127.0.0.1:5432 (user postgres, trust authentication); override
with ``JUNHENG_TEST_PG_HOST``/``_PORT``/``_USER``. When it cannot be reached the test is
skipped with the reason, unless ``JUNHENG_TEST_PG_REQUIRED=1`` (set by ``.ci/run``), which
turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ADMIN_DATABASES = ("postgres", "test")


def pg_server() -> tuple[str, int, str]:
    """Host, port and user of the test server."""
    return (os.environ.get("JUNHENG_TEST_PG_HOST", "127.0.0.1"),
            int(os.environ.get("JUNHENG_TEST_PG_PORT", "5432")),
            os.environ.get("JUNHENG_TEST_PG_USER", "postgres"))


def pg_required() -> bool:
    """True when a missing server must fail the tests instead of skipping them."""
    return os.environ.get("JUNHENG_TEST_PG_REQUIRED", "") == "1"


def pg_url(database: str) -> str:
    """The SQLAlchemy URL of ``database`` on the test server."""
    host, port, user = pg_server()
    return f"postgresql+psycopg://{user}@{host}:{port}/{database}"


def _admin_connection():
    """An autocommit connection to an administrative database (``postgres``, else ``test``)."""
    import psycopg

    host, port, user = pg_server()
    errors = []
    for name in ADMIN_DATABASES:
        try:
            return psycopg.connect(host=host, port=port, user=user, dbname=name,
                                   autocommit=True, connect_timeout=3)
        except psycopg.Error as exc:
            errors.append(f"{name}: {str(exc).strip().splitlines()[0] if str(exc) else exc}")
    raise ConnectionError(f"PostgreSQL at {host}:{port} (user {user}) unreachable — "
                          + "; ".join(errors))


def unavailable(reason: str) -> None:
    """Skip the test for ``reason``, or fail it when PostgreSQL is required."""
    if pg_required():
        pytest.fail(f"JUNHENG_TEST_PG_REQUIRED=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def create_database(prefix: str = "junheng_test") -> str:
    """Create a new uniquely named database and return its URL (raises when unreachable)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return pg_url(name)


def drop_database(url: str) -> None:
    """Drop the database of ``url``, closing any connection still open to it."""
    name = url.rsplit("/", 1)[1]
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_url_or_skip(prefix: str = "junheng_test") -> str:
    """A fresh database's URL, or skip (fail when required) when the server is unreachable."""
    try:
        return create_database(prefix)
    except ConnectionError as exc:
        unavailable(str(exc))
    raise AssertionError("unreachable")  # pragma: no cover - unavailable() always raises


@contextmanager
def pg_database(prefix: str = "junheng_test") -> Iterator[str]:
    """A fresh database for the duration of the block, dropped afterwards."""
    url = pg_url_or_skip(prefix)
    try:
        yield url
    finally:
        drop_database(url)
