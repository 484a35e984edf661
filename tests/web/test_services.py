"""The per-request read: a user and the county-years its scope reaches, in one statement."""

from __future__ import annotations

import pytest

from junheng.store import open_store
from junheng.web.services import user_scope

from .conftest import COUNTY, recoded_county


def _ids(app) -> dict[str, int]:
    from sqlalchemy import text

    with app.state.web.store.engine.connect() as connection:
        return dict(connection.execute(text("select username, id from users")).all())


def _scope(app, user_id: int):
    with app.state.web.reads.connect() as connection:
        return user_scope(connection, user_id)


def test_a_county_user_reaches_its_county_years_with_their_stamps(app):
    user, years = _scope(app, _ids(app)["school_a"])
    assert (user.username, user.role, user.county_code, user.school_id) == \
        ("school_a", "school", COUNTY, "4103060001")
    assert user.active is True and user.password_hash.startswith("$argon2")
    assert [(cy.county_code, cy.school_year, cy.import_id, cy.stamp) for cy in years] == \
        [(COUNTY, 2025, 1, (1, 0, 0, 0))]
    assert years[0].county_name == "示例县" and years[0].city_name == "洛阳市"


def test_a_city_user_reaches_every_county_of_its_city_and_no_other(app, db_url):
    # A second county of 洛阳市 (as 410307) and one of another city (as 410701).
    store = open_store(db_url)
    try:
        for code, city in (("410307", "洛阳市"), ("410701", "新乡市")):
            store.import_county(recoded_county(code, city_name=city), source=f"{code}.xlsx", user="test")
    finally:
        store.close()
    user, years = _scope(app, _ids(app)["city_admin"])
    assert user.county_code is None and user.city_name == "洛阳市"
    assert [(cy.county_code, cy.school_year) for cy in years] == [(COUNTY, 2025),
                                                                   ("410307", 2025)]
    assert [cy.import_id for cy in years] == [1, 2]


def test_a_user_whose_county_holds_no_data_reaches_nothing(app):
    user, years = _scope(app, _ids(app)["other_admin"])
    assert user.username == "other_admin" and years == []


def test_an_unknown_user_id_is_none(app):
    assert _scope(app, 999_999) == (None, [])


def test_the_inline_reader_of_a_sqlite_file_cannot_write(app):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    assert app.state.web.read_executor is None  # inline
    with app.state.web.reads.connect() as connection, \
            pytest.raises(OperationalError, match="readonly database"):
        connection.execute(text("delete from users"))
    assert len(_ids(app)) == 7  # every user still there


def test_an_in_memory_store_reads_through_its_one_connection(tmp_path):
    from junheng.web import create_app

    from .conftest import SECRET, close_app

    application = create_app("sqlite://", secret_key=SECRET, data_dir=tmp_path)
    try:
        assert application.state.web.reads is application.state.web.store.engine
        assert application.state.web.read_executor is not None
        assert _scope(application, 1) == (None, [])
    finally:
        close_app(application)


def test_a_cached_page_costs_one_statement_on_the_reader_and_none_elsewhere(app, as_user):
    from sqlalchemy import event

    state = app.state.web
    admin = as_user("admin")
    admin.get("/schools/4103060001")  # cached from here on
    seen = {"reader": [], "store": []}
    listeners = [(state.reads, lambda *a: seen["reader"].append(a[2])),
                 (state.store.engine, lambda *a: seen["store"].append(a[2]))]
    for engine, listener in listeners:
        event.listen(engine, "before_cursor_execute", listener)
    try:
        assert admin.get("/schools/4103060001").status_code == 200
    finally:
        for engine, listener in listeners:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(seen["reader"]) == 1 and "FROM users LEFT OUTER JOIN county_years" in \
        seen["reader"][0]
    assert seen["store"] == []
