"""Manual ledger values on PostgreSQL: migration 0010, the JSON value, the file bytes (bytea)
and the version count."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from junheng.store.ledger_entries import LedgerEntryRow, LedgerFileRow

from .test_ledger_entries import PLAN, _enter, _status_of
from .test_pg import _client, pg_app  # noqa: F401  (the module's PostgreSQL app fixture)

pytestmark = pytest.mark.pg


def test_entries_and_files_on_postgresql(pg_app):  # noqa: F811
    admin = _client(pg_app, "admin")
    assert _enter(admin).status_code == 303
    assert _enter(admin, value="否").status_code == 303
    page = admin.get(f"/ledger?plan={PLAN}").text
    assert _status_of(page, "编制学校布局三年专项规划") != "已达成"
    with pg_app.state.web.sessions() as session:
        rows = session.scalars(select(LedgerEntryRow).order_by(LedgerEntryRow.version)).all()
        assert [(r.version, r.value) for r in rows] == [(1, True), (2, False)]
        files = session.scalars(select(LedgerFileRow)).all()
        assert [f.data for f in files] == [b"%PDF-1.4 evidence"] * 2
    download = admin.get(f"/ledger/files/{files[0].id}")
    assert download.content == b"%PDF-1.4 evidence"
