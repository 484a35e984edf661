"""The store's Alembic migrations, shipped inside the package so an installed junheng can migrate.

The application never needs Alembic's command line: :func:`junheng.store.open_store`
upgrades the database to the newest revision every time it opens a store
(:func:`junheng.store.engine.migrate`). Revisions live in ``versions/`` and are named by
their revision id (``0001_initial``, ``0002_accounts``, ...), each with ``down_revision``
set to the one before.

Writing a new migration (developers)
------------------------------------
1. Add or change the typed models (a module in ``junheng/store/`` subclassing
   :class:`junheng.store.base.Base`; ``env.py`` imports every module there).
2. Let Alembic compare the models with a database migrated to the current head::

       ALEMBIC=".venv/bin/alembic -c src/junheng/migrations/alembic.ini -x db=sqlite:///scratch.db"
       $ALEMBIC upgrade head
       $ALEMBIC revision --autogenerate --rev-id 0003_something -m "something"

   This writes ``versions/0003_something.py`` with ``down_revision`` set to the previous head.
3. Read and tidy what autogenerate wrote (it misses renames and server defaults), then check
   both back ends: ``tests/store`` upgrades SQLite and PostgreSQL from empty and asserts the
   migrated schema equals the models. SQLite migrations run in batch mode
   (``render_as_batch``), so ``op.batch_alter_table`` works there.

``-x db=URL`` chooses the database; without it ``JUNHENG_DATABASE_URL`` is used, else
``sqlite:///junheng.db``. ``alembic ... upgrade head --sql`` prints the SQL instead of running it.
"""
