"""Alembic environment: runs on a connection handed over by the application, or its own.

:func:`junheng.store.engine.migrate` passes its connection in ``config.attributes``; the
Alembic command line (see ``junheng.migrations``) makes an engine from ``-x db=URL``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

from alembic import context

import junheng.store
from junheng.store.base import Base
from junheng.store.engine import make_engine, sqlite_begin, sqlite_foreign_keys_off


def _import_models() -> None:
    """Import every module of ``junheng.store`` so that all tables are on ``Base.metadata``."""
    for module in pkgutil.iter_modules(junheng.store.__path__):
        importlib.import_module(f"junheng.store.{module.name}")


def _url() -> str:
    return (context.get_x_argument(as_dictionary=True).get("db")
            or context.config.get_main_option("sqlalchemy.url")
            or os.environ.get("JUNHENG_DATABASE_URL")
            or "sqlite:///junheng.db")


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transactional_ddl=True,
    )


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True,
                      render_as_batch=_url().startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    try:
        with (engine.connect() as connection, sqlite_foreign_keys_off(connection),
              connection.begin()):
            sqlite_begin(connection, immediate=True)
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


_import_models()
if context.is_offline_mode():
    run_offline()
else:
    run_online()
