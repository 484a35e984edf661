"""The store: many counties and school years in one SQLite or PostgreSQL database.

>>> from junheng.store import open_store
>>> store = open_store("sqlite://")   # or sqlite:///junheng.db, postgresql+psycopg://...
>>> store.counties()
[]

:func:`open_store` migrates the database to the newest schema (Alembic, shipped in
``junheng.migrations``). ``Store.import_county`` validates and stores a county-year in one
transaction; ``Store.load_county`` gives it back exactly as imported. Table models are in
:mod:`junheng.store.models`; connection-level operations for callers that manage their own
transaction are in :mod:`junheng.store.repository`.
"""

from junheng.store.base import Base
from junheng.store.engine import make_engine, migrate
from junheng.store.repository import CountyYear, ImportRecord
from junheng.store.store import Store, open_store

__all__ = ["Base", "CountyYear", "ImportRecord", "Store", "make_engine", "migrate", "open_store"]
