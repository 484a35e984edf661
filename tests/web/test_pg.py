"""The web application on PostgreSQL: migration 0002, the append-only audit trigger, the
approval flow with its version check, and the busiest pages."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError

from junheng.io import example_county
from junheng.store import open_store
from junheng.store.accounts import AuditEntry, add_user, list_audit, record_audit
from pg import pg_database

from .conftest import NINE_YEAR, PASSWORD, PRIMARY, SECRET, close_app, login, post_form
from .test_permissions import _facility_form

pytestmark = pytest.mark.pg


@pytest.fixture(scope="module")
def pg_app(tmp_path_factory):
    from junheng.web import create_app

    with pg_database("junheng_web") as url:
        store = open_store(url)
        store.import_county(example_county(), source="example.xlsx")
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        with store.session() as session:
            for name, role, school in (("admin", "admin", None), ("school_a", "school", PRIMARY)):
                add_user(session, username=name, password_hash=hasher.hash(PASSWORD), role=role,
                         county_code="410306", school_id=school)
            session.commit()
        store.close()
        app = create_app(url, secret_key=SECRET, data_dir=tmp_path_factory.mktemp("pg"))
        yield app
        close_app(app)


def _client(app, username):
    client = TestClient(app, follow_redirects=False)
    assert login(client, username).status_code == 303
    return client


def test_postgresql_refuses_to_edit_or_delete_audit_rows(pg_app):
    with pg_app.state.web.sessions() as session:
        record_audit(session, username="admin", action="import", entity="county_year",
                     county_code="410306")
        session.commit()
    with pg_app.state.web.sessions() as session, pytest.raises(DBAPIError,
                                                               match="审计日志只能追加"):
        session.execute(update(AuditEntry).values(username="someone-else"))


def test_approval_on_postgresql_applies_once_and_refuses_the_stale_one(pg_app):
    school, admin = _client(pg_app, "school_a"), _client(pg_app, "admin")
    path = f"/schools/{PRIMARY}/facilities"
    first = post_form(school, path, _facility_form(version=1, import_id=1, books=17000))
    second = post_form(school, path, _facility_form(version=1, import_id=1, books=18000))
    numbers = [r.headers["location"].split("/")[2].split("?")[0] for r in (first, second)]
    assert post_form(admin, f"/submissions/{numbers[0]}/approve",
                     {"version": "1"}).status_code == 303
    refused = post_form(admin, f"/submissions/{numbers[1]}/approve", {"version": "1"})
    assert refused.status_code == 409
    assert "当前版本 2，填报依据版本 1" in refused.text
    assert "17,000 册" in admin.get(f"/schools/{PRIMARY}").text
    with pg_app.state.web.sessions() as session:
        actions = [e.action for e in list_audit(session)]
    assert actions.count("approve") == 1 and actions.count("submit") == 2


def test_pages_render_on_postgresql(pg_app):
    admin = _client(pg_app, "admin")
    for path in ("/", "/schools", f"/schools/{NINE_YEAR}", "/evaluation", "/class-size",
                 "/audit", "/submissions?status=all"):
        assert admin.get(path).status_code == 200, path


def test_the_per_request_read_on_postgresql_is_one_autocommit_statement_on_its_threads(pg_app):
    from sqlalchemy import event

    from junheng.web.app import READ_THREADS

    state = pg_app.state.web
    assert state.reads.get_execution_options()["isolation_level"] == "AUTOCOMMIT"
    assert state.read_executor._max_workers == READ_THREADS
    admin = _client(pg_app, "admin")
    admin.get("/")  # the page is cached from here on
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(state.store.engine, "before_cursor_execute", record)
    try:
        assert admin.get("/").status_code == 200
    finally:
        event.remove(state.store.engine, "before_cursor_execute", record)
    # A cached page costs one query: the user and its scope.
    assert len(statements) == 1 and "FROM users LEFT OUTER JOIN county_years" in statements[0]
