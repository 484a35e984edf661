"""Back up a whole store to one file and restore it: county data, users, audit, submissions.

Export and import carry one county-year; a backup carries the database: every table but the
web sessions (a restored store starts with everyone logged out), and optionally the files of
computed layout plans. It is taken from one consistent snapshot: SQLite through its online
backup API (``sqlite3.Connection.backup``, which includes what is still in the write-ahead
log, where a plain copy of the ``.db`` file missed rows), PostgreSQL in one REPEATABLE READ
read-only transaction. ``pg_dump`` is not needed.

The file (format ``junheng-backup``, version 1, described in ``docs/backup-format.md``) is a
zip archive::

    manifest.json          format, version, created_at, schema_revision, source back end,
                           and per table its row count and the SHA-256 of its rows file
    tables/<table>.jsonl   one JSON object per row, columns by name; times in ISO 8601 UTC,
                           days (format-v2 date columns) as 2025-09-01
    files/<path>           the files of the data folder's layout/ (when asked)

A backup restores into an empty store of either back end (SQLite to PostgreSQL works), at
the schema revision it was taken at, which is then migrated to this program's newest; a
store that holds data is refused unless ``force`` is given, and then emptied first.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Engine,
    LargeBinary,
    MetaData,
    Table,
    func,
    insert,
    select,
    text,
)

from junheng.errors import StoreError
from junheng.store.engine import (
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    migrate,
    transaction,
)

FORMAT = "junheng-backup"
VERSION = 1
SKIPPED_TABLES = frozenset({"alembic_version", "web_sessions"})
FILE_FOLDERS = ("layout",)
_BATCH = 1000
_OTHER_LABELS = {"county_years": "基本信息（县区学年）", "import_log": "导入记录", "users": "用户",
                 "audit_log": "审计日志", "submissions": "学校填报", "web_sessions": "登录会话",
                 "province_results": "批量计算结果", "ledger_entries": "台账填报",
                 "ledger_files": "台账佐证材料", "county_overlays": "省级补充标准",
                 "zone_plans": "就近划片方案"}


def table_label(name: str) -> str:
    """The Chinese name of a store table (its sheet's name for county data)."""
    from junheng.model import SHEETS_BY_KEY

    return SHEETS_BY_KEY[name].name if name in SHEETS_BY_KEY else _OTHER_LABELS.get(name, name)


def revision_label(revision: str) -> str:
    """A schema revision as users see it: its number (``0003_security`` -> ``0003``)."""
    return revision.split("_", 1)[0]


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds (or a restore wrote): rows per table and files, with the revision."""

    path: Path
    schema_revision: str
    rows: dict[str, int]
    files: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# --- taking a backup --------------------------------------------------------------------------


def backup_store(url: str, out: str | Path, *, data_dir: str | Path | None = None
                 ) -> BackupSummary:
    """Write the store at ``url`` (and ``data_dir``'s layout files) to the backup file ``out``.

    Raises
    ------
    StoreError
        The database cannot be read, or ``out`` exists.
    """
    out = Path(out)
    if out.exists():
        raise StoreError(f"备份文件“{out}”已存在，未覆盖：请换一个文件名。")
    with _snapshot(url) as (connection, source):
        revision = _revision(connection)
        tables = _data_tables(connection)
        out.parent.mkdir(parents=True, exist_ok=True)
        # strict_timestamps=False: a data file dated before 1980 (mtime 0, copied from an archive
        # that zeroed its dates) is stored as 1980-01-01 instead of failing the backup (brief hq)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, strict_timestamps=False) as archive:
            rows = {t.name: _write_table(archive, connection, t) for t in tables}
            files = _write_files(archive, Path(data_dir)) if data_dir else []
            manifest = {"format": FORMAT, "version": VERSION,
                        "created_at": datetime.now(UTC).isoformat(),
                        "schema_revision": revision, "source": source,
                        "tables": rows, "files": files}
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return BackupSummary(out, revision, {n: r["rows"] for n, r in rows.items()}, len(files))


@contextmanager
def _snapshot(url: str) -> Iterator[tuple[Connection, str]]:
    """A connection on one consistent snapshot of the store, and the back end's name."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            with _sqlite_copy(engine) as copy, copy.connect() as connection:
                yield connection, "sqlite"
                return
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield connection, engine.dialect.name
    finally:
        engine.dispose()


@contextmanager
def _sqlite_copy(engine: Engine) -> Iterator[Engine]:
    """The SQLite database copied with its online backup API into a temporary file."""
    database = engine.url.database
    if not database or database == ":memory:" or not Path(database).is_file():
        raise StoreError(f"找不到 SQLite 数据库文件“{database}”：请检查 --db。")
    with tempfile.TemporaryDirectory(prefix="junheng-backup-") as folder:
        copy = Path(folder) / "snapshot.db"
        source = sqlite3.connect(database)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        snapshot = make_engine(f"sqlite:///{copy}")
        try:
            yield snapshot
        finally:
            snapshot.dispose()


def _revision(connection: Connection) -> str:
    try:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:  # no alembic_version: not a junheng store
        raise StoreError("该数据库不是 junheng 数据库（没有结构版本表），无法备份。") from exc
    return str(revision)


def _data_tables(connection: Connection) -> list[Table]:
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def _write_table(archive: zipfile.ZipFile, connection: Connection, table: Table) -> dict:
    order = list(table.primary_key.columns) or list(table.columns)
    digest, count = hashlib.sha256(), 0
    with archive.open(f"tables/{table.name}.jsonl", "w") as stream:
        for row in connection.execute(select(table).order_by(*order)).mappings():
            line = (json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False)
                    + "\n").encode("utf-8")
            digest.update(line)
            stream.write(line)
            count += 1
    return {"rows": count, "sha256": digest.hexdigest()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.isoformat()
    if isinstance(value, date):  # a day of a format-v2 date column: 2025-09-01
        return value.isoformat()
    if isinstance(value, bytes):  # an evidence file's bytes: base64 text
        return base64.b64encode(value).decode("ascii")
    return value


def _write_files(archive: zipfile.ZipFile, data_dir: Path) -> list[str]:
    names = []
    for folder in FILE_FOLDERS:
        for path in sorted((data_dir / folder).rglob("*")) if (data_dir / folder).is_dir() else ():
            if path.is_file():
                name = path.relative_to(data_dir).as_posix()
                archive.write(path, f"files/{name}")
                names.append(name)
    return names


# --- restoring ----------------------------------------------------------------------------------


def read_manifest(path: str | Path) -> dict:
    """The manifest of a backup file, checked against its rows files.

    Raises
    ------
    StoreError
        Not a junheng backup, a newer format, or a rows file that does not match its checksum.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            _check_manifest(path, manifest)
            for name, table in manifest["tables"].items():
                data = archive.read(f"tables/{name}.jsonl")
                if hashlib.sha256(data).hexdigest() != table["sha256"]:
                    raise StoreError(f"备份文件“{path.name}”中的“{table_label(name)}”与其校验值不符："
                                     "文件已损坏，请换一个备份。")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise StoreError(f"无法读取备份文件“{path.name}”：它不是完整的 junheng 备份（{type(exc).__name__}）。"
                         ) from exc
    return manifest


def _check_manifest(path: Path, manifest: dict) -> None:
    if manifest.get("format") != FORMAT:
        raise StoreError(f"“{path.name}”不是 junheng 备份文件。")
    if manifest.get("version") != VERSION:
        raise StoreError(f"备份文件“{path.name}”的格式版本为 {manifest.get('version')}，本程序只能读取"
                         f"第 {VERSION} 版：请升级 junheng 后再恢复。")


def restore_store(url: str, backup: str | Path, *, force: bool = False,
                  data_dir: str | Path | None = None) -> BackupSummary:
    """Restore ``backup`` into the store at ``url`` (empty, or emptied when ``force``).

    The target is migrated to the backup's schema revision, filled, then migrated to the
    newest revision. Layout files go to ``data_dir`` when given.

    Raises
    ------
    StoreError
        The backup is damaged or from a newer junheng, or the store holds data and
        ``force`` is false (the message says what it holds).
    """
    backup = Path(backup)
    manifest = read_manifest(backup)
    revision = manifest["schema_revision"]
    _check_revision(revision)
    engine = make_engine(url)
    try:
        _prepare_empty(engine, force=force)
        migrate(engine, revision)
        with zipfile.ZipFile(backup) as archive, transaction(engine, write=True) as connection:
            rows = _load_tables(archive, connection, manifest)
            _reset_sequences(connection)
        migrate(engine)
    finally:
        engine.dispose()
    files = _restore_files(backup, manifest, Path(data_dir)) if data_dir else 0
    return BackupSummary(backup, revision, rows, files)


def _check_revision(revision: str) -> None:
    from alembic.script import ScriptDirectory

    from junheng.store.engine import alembic_config

    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision not in known:
        raise StoreError(f"备份的数据库结构版本“{revision_label(revision)}”不在本程序已知的版本中（本程序"
                         f"最新为 {revision_label(head_revision() or '')}）：它可能由更新版本的 junheng "
                         "创建，请升级后再恢复。")


def _prepare_empty(engine: Engine, *, force: bool) -> None:
    if current_revision(engine) is None:
        return
    held = _held_rows(engine)
    if held and not force:
        shown = "、".join(f"{table_label(name)} {n:,} 行" for name, n in held.items())
        raise StoreError(f"目标数据库中已有数据（{shown}），恢复会覆盖全部数据，未做任何修改。"
                         "确认要用备份覆盖，请加 --force。")
    downgrade(engine, "base")


def _held_rows(engine: Engine) -> dict[str, int]:
    with transaction(engine) as connection:
        tables = _data_tables(connection)
        counts = {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in tables}
    return {name: n for name, n in counts.items() if n}


def _load_tables(archive: zipfile.ZipFile, connection: Connection, manifest: dict
                 ) -> dict[str, int]:
    tables = {t.name: t for t in _data_tables(connection)}
    missing = sorted(set(manifest["tables"]) - set(tables))
    if missing:
        raise StoreError(f"备份中的表 {'、'.join(map(table_label, missing))} 在该结构版本的数据库中"
                         "不存在：备份文件与其声明的结构版本不符。")
    rows = {}
    for name, table in tables.items():
        if name not in manifest["tables"]:
            continue
        rows[name] = _load_table(archive, connection, table)
    return rows


def _load_table(archive: zipfile.ZipFile, connection: Connection, table: Table) -> int:
    times = {c.name for c in table.columns if isinstance(c.type, DateTime)}
    days = {c.name for c in table.columns if isinstance(c.type, Date)}
    blobs = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
    batch, count = [], 0
    with archive.open(f"tables/{table.name}.jsonl") as stream:
        for line in io.TextIOWrapper(stream, encoding="utf-8"):
            row = json.loads(line)
            for name in times & row.keys():
                if row[name] is not None:
                    row[name] = datetime.fromisoformat(row[name])
            for name in days & row.keys():
                if row[name] is not None:
                    row[name] = date.fromisoformat(row[name])
            for name in blobs & row.keys():
                if row[name] is not None:
                    row[name] = base64.b64decode(row[name])
            batch.append(row)
            if len(batch) == _BATCH:
                connection.execute(insert(table), batch)
                count, batch = count + len(batch), []
    if batch:
        connection.execute(insert(table), batch)
    return count + len(batch)


def _reset_sequences(connection: Connection) -> None:
    """PostgreSQL: every serial id continues after the restored rows (SQLite does so itself)."""
    if connection.dialect.name != "postgresql":
        return
    for table in _data_tables(connection):
        if "id" in table.columns and table.columns["id"].autoincrement is not False:
            sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                                          {"t": table.name}).scalar()
            if sequence:
                connection.execute(text(
                    f"SELECT setval('{sequence}', COALESCE((SELECT MAX(id) FROM \"{table.name}\"), "
                    f"1), (SELECT MAX(id) FROM \"{table.name}\") IS NOT NULL)"))


def _restore_files(backup: Path, manifest: dict, data_dir: Path) -> int:
    count = 0
    with zipfile.ZipFile(backup) as archive:
        for name in manifest.get("files", []):
            target = (data_dir / name).resolve()
            if data_dir.resolve() not in target.parents:
                raise StoreError(f"备份中的文件路径“{name}”不在数据目录之内，已拒绝。")
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(f"files/{name}") as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
            count += 1
    return count


__all__ = ["FORMAT", "VERSION", "BackupSummary", "backup_store", "read_manifest",
           "restore_store", "revision_label", "table_label"]
