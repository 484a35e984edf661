"""The page cache of 概览 and the school pages: per user, per session token, per data stamp.

Both pages keep their rendered HTML (see ``routers/_common.cached_page``); these tests open
each page twice so the second answer comes from the cache, then check that nothing of one
user or session leaks to another and that an import or an approval shows the new data.
"""

from __future__ import annotations

import re

from junheng.io import example_county
from junheng.store import open_store
from junheng.web import create_app

from .conftest import COUNTY, PRIMARY, csrf_of, post_form
from .test_submissions import _submit

SCHOOL = f"/schools/{PRIMARY}"


def _twice(client, path: str) -> str:
    client.get(path)
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.text


def _meta_token(html: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


def test_a_cached_school_page_is_not_served_to_another_role_or_user(as_user):
    school_a = _twice(as_user("school_a"), SCHOOL)
    inspector = _twice(as_user("inspector"), SCHOOL)
    # The content block differs by role (the inspector's link only reads the form) ...
    assert "填报设施和班级数据" in school_a and "查看填报" not in school_a
    assert "查看填报" in inspector and "填报设施和班级数据" not in inspector
    # ... and the layout by user.
    assert "school_a（学校填报员）" in school_a and "inspector（" not in school_a
    assert "inspector（督学）" in inspector and "school_a（" not in inspector


def test_a_cached_dashboard_is_not_served_to_another_user_of_the_same_role(as_user):
    # Both are admins reaching the example county: same content block, different layouts.
    county_admin = _twice(as_user("admin"), "/")
    city_admin = _twice(as_user("city_admin"), "/")
    assert "admin（管理员）" in county_admin and "city_admin（" not in county_admin
    assert "city_admin（管理员）" in city_admin


def test_a_cached_school_page_still_refuses_users_outside_its_scope(as_user):
    _twice(as_user("admin"), SCHOOL)
    other_school = as_user("school_b").get(SCHOOL)
    assert other_school.status_code == 403
    assert "示例县城关第一小学" not in other_school.text
    other_county = as_user("other_admin").get(f"{SCHOOL}?county={COUNTY}")
    assert other_county.status_code == 403
    assert "示例县城关第一小学" not in other_county.text


def test_each_session_gets_its_own_csrf_token_in_a_cached_dashboard(as_user):
    first, second = as_user("admin"), as_user("admin")
    first_token = _meta_token(_twice(first, "/"))
    second_token = _meta_token(_twice(second, "/"))
    assert first_token != second_token
    assert first_token == csrf_of(first, "/submissions")  # the session's own token
    assert f'name="csrf_token" value="{second_token}"' in second.get("/").text  # logout form
    # One session's token is refused in the other session, accepted in its own.
    assert second.post("/logout", data={"csrf_token": first_token}).status_code == 403
    assert second.post("/logout", data={"csrf_token": second_token}).status_code == 303


def test_a_cached_school_page_shows_a_new_import(db_url, as_user):
    admin = as_user("admin")
    assert "示例县城关第一小学" in _twice(admin, SCHOOL)
    data = example_county()
    schools = data.schools
    schools.loc[schools["school_id"] == PRIMARY, "name"] = "示例县城关实验小学"
    store = open_store(db_url)  # a second process importing, as `junheng store import` does
    try:
        store.import_county(data, replace=True, source="renamed.xlsx", user="test")
    finally:
        store.close()
    page = admin.get(SCHOOL).text
    assert "示例县城关实验小学" in page and "示例县城关第一小学" not in page


def test_a_cached_school_page_shows_an_approved_submission(as_user):
    admin = as_user("admin")
    assert "2,750 平方米" in _twice(admin, SCHOOL)
    number = _submit(as_user("school_a"), teaching_area=3000)
    assert "有 1 份填报待审核" in admin.get(SCHOOL).text
    response = post_form(admin, f"/submissions/{number}/approve", {"version": "1", "note": ""})
    assert response.status_code == 303
    page = admin.get(SCHOOL).text
    assert "3,000 平方米" in page and "2,750 平方米" not in page
    assert "待审核" not in page


def test_a_cached_school_page_shows_a_rejection(as_user):
    admin = as_user("admin")
    number = _submit(as_user("school_a"), teaching_area=3000)
    assert "有 1 份填报待审核" in _twice(admin, SCHOOL)
    response = post_form(admin, f"/submissions/{number}/reject", {"version": "1", "note": "不符"})
    assert response.status_code == 303
    page = admin.get(SCHOOL).text
    assert "待审核" not in page and "2,750 平方米" in page


def test_a_cached_page_refuses_a_session_whose_password_was_changed(app, as_user):
    from junheng.store.accounts import set_password
    from junheng.web.security import hash_password

    admin = as_user("admin")
    _twice(admin, "/")
    with app.state.web.sessions.begin() as session:  # as `junheng user passwd` would
        set_password(session, username="admin", password_hash=hash_password("a-new-password"))
    response = admin.get("/")
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/"


def test_the_data_stamp_changes_with_every_submission_and_decision(app, as_user):
    from sqlalchemy import text

    from junheng.web.services import data_stamp, user_scope

    def stamp():
        with app.state.web.store.engine.connect() as connection:
            stamped = data_stamp(connection, county_code=COUNTY, school_year=2025)
            admin_id = connection.execute(text("select id from users where username = 'admin'"))
            _, listed = user_scope(connection, admin_id.scalar_one())
        assert [cy.stamp for cy in listed if cy.school_year == 2025] == [stamped]
        return stamped

    admin, school = as_user("admin"), as_user("school_a")
    seen = [stamp()]
    assert seen[0] == (1, 0, 0, 0)  # import 1, nothing approved, no submission, no overlay
    first = _submit(school, teaching_area=3000)
    seen.append(stamp())
    post_form(admin, f"/submissions/{first}/reject", {"version": "1"})
    seen.append(stamp())
    second = _submit(school, teaching_area=3100)
    seen.append(stamp())
    post_form(admin, f"/submissions/{second}/approve", {"version": "1"})
    seen.append(stamp())
    # Each submission adds 1 to the versions' sum, each decision 1 more; approval also moves
    # the last approved id.
    assert seen == [(1, 0, 0, 0), (1, 0, 1, 0), (1, 0, 2, 0), (1, 0, 3, 0), (1, second, 4, 0)]
    with app.state.web.store.engine.connect() as connection:
        assert data_stamp(connection, county_code=COUNTY, school_year=1999) is None


def test_without_the_page_cache_every_request_renders_the_same_page(db_url, tmp_path):
    # bench.web's baseline: page_cache_size=0 keeps no page, and the pages are unchanged.
    from fastapi.testclient import TestClient

    from .conftest import SECRET, close_app, login

    pages = {}
    for size in (1024, 0):
        application = create_app(db_url, secret_key=SECRET, data_dir=tmp_path / f"web{size}",
                                 page_cache_size=size)
        try:
            with TestClient(application, follow_redirects=False) as client:
                assert login(client, "admin").status_code == 303
                token = _meta_token(client.get("/").text)
                pages[size] = [_twice(client, path).replace(token, "TOKEN")
                               for path in ("/", SCHOOL)]
                assert len(application.state.web.counties.pages) == (4 if size else 0)
        finally:
            close_app(application)
    assert pages[0] == pages[1024]
    assert "示例县城关第一小学" in pages[0][1]
