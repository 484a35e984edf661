"""``junheng backup`` and ``junheng restore`` (issue 14, item 9), on SQLite and PostgreSQL.

Export and import carried a county-year exactly, but not users, audit rows, submissions or
the import log; a plain copy of the live SQLite file missed rows still in its write-ahead
log. A backup now round-trips every table, on each back end and from one to the other.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from county_builders import sample_county
from sqlalchemy import MetaData, select, text

from cli_run import invoke
from junheng.errors import StoreError
from junheng.store import open_store
from junheng.store.accounts import (
    add_user,
    apply_submission,
    create_submission,
    record_audit,
    school_records,
)
from junheng.store.backup import backup_store, read_manifest, restore_store
from junheng.store.engine import head_revision, make_engine
from junheng.store.sessions import start_session
from pg import pg_database


def fill(url: str) -> None:
    """Two counties, users, audit rows, a decided and a pending submission, a live session."""
    with open_store(url) as store:
        store.import_county(sample_county())
        store.import_county(sample_county("410307", name="新县"))
        with store.session() as session:
            user = add_user(session, username="张督学", password_hash="$argon2id$x",
                            role="inspector", county_code="410306")
            start_session(session, user_id=user.id)
            record_audit(session, username="张督学", action="login", entity="user",
                         entity_key="张督学", county_code="410306", after={"ok": [1, "二"]})
            facility, version, classes = school_records(
                session, county_code="410306", school_year=2025, school_id="4103060001")
            for books in (17_500, 18_000):
                sub = create_submission(session, county_code="410306", school_year=2025,
                                        school_id="4103060001", base_import_id=1,
                                        payload={"facility": {**facility, "books": books},
                                                 "classes": classes},
                                        base_version=version, submitted_by="s")
            apply_submission(session, submission=sub, decided_by="a", expected_version=1)
            session.commit()


def tables_of(url: str) -> dict[str, list[dict]]:
    """Every table's rows by primary key, times in UTC (SQLite hands back naive times)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            metadata = MetaData()
            metadata.reflect(bind=connection)
            return {t.name: [{k: _utc(v) for k, v in row.items()} for row in
                             connection.execute(select(t).order_by(*t.primary_key.columns))
                             .mappings()]
                    for t in metadata.sorted_tables if t.name != "alembic_version"}
    finally:
        engine.dispose()


def _utc(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def rewritten(source, target, change) -> None:
    """Copy the zip ``source`` to ``target`` with ``change(name, data)`` applied."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, change(item.filename, old.read(item)))


def assert_restored(source: dict, restored: dict) -> None:
    assert restored.pop("web_sessions") == []  # everyone logs in again
    assert len(source.pop("web_sessions")) == 1
    assert restored == source
    assert all(restored[name] for name in ("users", "audit_log", "submissions", "import_log",
                                           "county_years", "teachers", "facilities"))


@pytest.fixture
def fresh_url(request, tmp_path):
    """An empty database of the same back end as ``store_url``."""
    if "sqlite" in request.getfixturevalue("store_url"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    with pg_database("junheng_restore") as url:
        yield url


def test_a_backup_restores_every_table_exactly(store_url, fresh_url, tmp_path):
    fill(store_url)
    summary = backup_store(store_url, tmp_path / "b.zip")
    assert summary.rows["users"] == 1 and summary.rows["submissions"] == 2
    assert "web_sessions" not in summary.rows
    restored = restore_store(fresh_url, tmp_path / "b.zip")
    assert restored.rows == summary.rows
    assert_restored(tables_of(store_url), tables_of(fresh_url))


@pytest.mark.pg
def test_a_sqlite_backup_restores_into_postgresql(tmp_path):
    source = f"sqlite:///{tmp_path / 's.db'}"
    fill(source)
    backup_store(source, tmp_path / "b.zip")
    with pg_database("junheng_cross") as target:
        restore_store(target, tmp_path / "b.zip")
        assert_restored(tables_of(source), tables_of(target))
        with open_store(target) as store, store.session() as session:  # ids continue after
            entry = record_audit(session, username="x", action="login", entity="user")
            session.commit()
            assert entry.id == len(tables_of(source)["audit_log"]) + 1


def test_the_sqlite_backup_holds_rows_still_in_the_write_ahead_log(tmp_path):
    path = tmp_path / "live.db"
    fill(f"sqlite:///{path}")
    live = sqlite3.connect(path)  # a server's connection, writing without a checkpoint
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.execute("INSERT INTO users (username, password_hash, role, county_code, active, "
                 "created_at) VALUES ('王校长', 'h', 'admin', '410306', 1, '2025-09-01')")
    live.commit()
    shutil.copy(path, tmp_path / "copy.db")  # what the attack run did
    copied = sqlite3.connect(tmp_path / "copy.db").execute("SELECT count(*) FROM users")
    assert copied.fetchone() == (1,)  # the plain copy lost the new user
    backup_store(f"sqlite:///{path}", tmp_path / "b.zip")
    live.close()
    assert read_manifest(tmp_path / "b.zip")["tables"]["users"]["rows"] == 2


def test_a_store_holding_data_is_refused_unless_forced(store_url, tmp_path):
    fill(store_url)
    backup_store(store_url, tmp_path / "b.zip")
    with open_store(store_url) as store:
        store.import_county(sample_county("410308", name="外县"))
    with pytest.raises(StoreError, match="目标数据库中已有数据（.*基本信息（县区学年） 3 行.*"
                                         "恢复会覆盖全部数据，未做任何修改。确认要用备份覆盖，请加 --force"):
        restore_store(store_url, tmp_path / "b.zip")
    restore_store(store_url, tmp_path / "b.zip", force=True)
    with open_store(store_url) as store:
        assert [c.county_code for c in store.counties()] == ["410306", "410307"]


def test_a_damaged_or_foreign_backup_is_refused_before_anything_is_written(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    fill(url)
    backup_store(url, tmp_path / "b.zip")
    rewritten(tmp_path / "b.zip", tmp_path / "bad.zip", lambda name, data: data.replace(
        b"18000", b"99999") if name == "tables/facilities.jsonl" else data)
    target = f"sqlite:///{tmp_path / 't.db'}"
    with pytest.raises(StoreError, match="“bad.zip”中的“校舍设施”与其校验值不符：文件已损坏"):
        restore_store(target, tmp_path / "bad.zip")
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    with pytest.raises(StoreError, match="它不是完整的 junheng 备份"):
        restore_store(target, tmp_path / "x.zip")
    with pytest.raises(StoreError, match="已存在，未覆盖"):
        backup_store(url, tmp_path / "b.zip")
    assert not (tmp_path / "t.db").exists() or tables_of(target).get("users") in (None, [])


def test_a_backup_from_a_newer_junheng_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    fill(url)
    backup_store(url, tmp_path / "b.zip")
    rewritten(tmp_path / "b.zip", tmp_path / "new.zip", lambda name, data: json.dumps(
        {**json.loads(data), "schema_revision": "0099_future"}).encode()
        if name == "manifest.json" else data)
    with pytest.raises(StoreError, match="结构版本“0099”不在本程序已知的版本中"):
        restore_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "new.zip")
    assert read_manifest(tmp_path / "b.zip")["schema_revision"] == head_revision()


def filled_with_plan(tmp_path: Path) -> tuple[str, Path]:
    """A filled store in ``tmp_path`` and one layout plan file under its ``web-data``."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    fill(url)
    plan = tmp_path / "web-data" / "layout" / "job1" / "plan.json"
    plan.parent.mkdir(parents=True)
    plan.write_text('{"scenario": "默认方案"}', encoding="utf-8")
    return url, plan


def test_backup_and_restore_commands_carry_the_layout_files(tmp_path):
    url, _ = filled_with_plan(tmp_path)
    (tmp_path / "web-data" / "uploads").mkdir()
    (tmp_path / "web-data" / "uploads" / "x.xlsx").write_bytes(b"PK")
    done = invoke("backup", tmp_path / "b.zip", "--db", url, "--data-dir", tmp_path / "web-data")
    assert done.exit_code == 0, done.output
    assert "已备份到" in done and "学校填报" in done and "布局方案文件1个" in done
    assert f"  {tmp_path / 'b.zip'}" in done.output.splitlines()  # rw 3: the path on its own line
    target = f"sqlite:///{tmp_path / 't.db'}"
    back = invoke("restore", tmp_path / "b.zip", "--db", target, "--data-dir", tmp_path / "new")
    assert back.exit_code == 0, back.output
    assert "所有用户需重新登录" in back
    assert (tmp_path / "new/layout/job1/plan.json").read_text(encoding="utf-8") == \
        '{"scenario": "默认方案"}'
    assert not (tmp_path / "new" / "uploads").exists()
    again = invoke("restore", tmp_path / "b.zip", "--db", target)
    assert again.exit_code == 1 and "请加--force" in again
    engine = make_engine(target)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM teachers")).scalar() > 0
    engine.dispose()
