"""用户管理: admins list, add, disable/enable users and reset passwords in their counties;
each change is audited; inspectors and school users cannot reach it."""

from __future__ import annotations

import re

from sqlalchemy import select

from junheng.store.accounts import AuditEntry, User

from .conftest import NINE_YEAR, csrf_of, login


def _post(client, path, **data):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, "/users")})


def _audit(app, action):
    with app.state.web.sessions() as session:
        return [(a.username, a.entity_key) for a in
                session.scalars(select(AuditEntry).where(AuditEntry.action == action))]


def test_the_list_shows_the_county_users_only(as_user):
    page = as_user("admin").get("/users").text
    for name in ("admin", "inspector", "school_a", "school_b"):
        assert f"<td>{name}</td>" in page
    assert "<td>other_admin</td>" not in page and "<td>city_admin</td>" not in page
    assert "河口乡九年一贯制学校" in page  # school_b's school by name


def test_only_admins_reach_the_page(as_user):
    assert as_user("inspector").get("/users").status_code == 403
    assert as_user("school_a").get("/users").status_code == 403
    assert _post(as_user("inspector"), "/users", username="x", role="inspector").status_code == 403


def test_an_admin_adds_a_school_user_who_can_log_in(app, as_user, anon):
    response = _post(as_user("admin"), "/users", username="wang", role="school",
                     school_id=NINE_YEAR)
    assert response.status_code == 200
    assert "已新增用户 wang（学校填报员）。" in response.text
    password = re.search(r'<strong class="password">([^<]+)</strong>', response.text).group(1)
    assert login(anon, "wang", password).status_code == 303
    with app.state.web.sessions() as session:
        user = session.scalar(select(User).where(User.username == "wang"))
        assert (user.role, user.county_code, user.school_id) == ("school", "410306", NINE_YEAR)
    assert _audit(app, "user_add") == [("admin", "wang")]


def test_bad_additions_are_refused_in_chinese(as_user):
    admin = as_user("admin")
    taken = _post(admin, "/users", username="inspector", role="inspector")
    assert taken.status_code == 422 and "未新增用户：用户“inspector”已存在：请换一个用户名。" in taken.text
    school = _post(admin, "/users", username="li", role="school", school_id="9999")
    assert school.status_code == 422
    assert "未新增用户：学校：学校标识码“9999”不是本县区 2025 学年的学校，请核对。" in school.text
    blank = _post(admin, "/users", username=" ", role="inspector")
    assert blank.status_code == 422 and "用户名不能为空。" in blank.text


def test_disable_enable_and_reset_are_audited(app, as_user, anon):
    admin = as_user("admin")
    off = _post(admin, "/users/inspector/active", active="0")
    assert "用户 inspector 已停用" in off.text
    assert login(anon, "inspector").status_code != 303
    assert "用户 inspector 已重新启用" in _post(admin, "/users/inspector/active", active="1").text
    reset = _post(admin, "/users/school_a/password")
    assert "已重置用户 school_a 的密码" in reset.text
    new = re.search(r'<strong class="password">([^<]+)</strong>', reset.text).group(1)
    assert login(anon, "school_a", new).status_code == 303
    assert _audit(app, "user_disable") == [("admin", "inspector")]
    assert _audit(app, "user_enable") == [("admin", "inspector")]
    assert _audit(app, "password_reset") == [("admin", "school_a")]


def test_out_of_scope_and_self_changes_are_refused(as_user):
    admin = as_user("admin")
    assert _post(admin, "/users/other_admin/active", active="0").status_code == 403
    assert _post(admin, "/users/nobody/password").status_code == 404
    own = _post(admin, "/users/admin/active", active="0")
    assert own.status_code == 422 and "不能停用或启用自己的账号" in own.text


def test_the_page_and_its_answers_do_not_leak(as_user):
    from .leaks import leaks, visible_text
    from .test_leaks import DATA_WORDS, scrub

    admin = as_user("admin")
    pages = {"list": admin.get("/users").text,
             "taken": _post(admin, "/users", username="inspector", role="inspector").text,
             "no role": _post(admin, "/users", username="zhao", role="").text,
             "bad school": _post(admin, "/users", username="li", role="school",
                                 school_id="123").text,
             "disable": _post(admin, "/users/inspector/active", active="0").text,
             "self": _post(admin, "/users/admin/active", active="0").text}
    found = {k: leaks(scrub(visible_text(v)).replace("zhao", "").replace("li", ""), DATA_WORDS)
             for k, v in pages.items()}
    assert {k: f for k, f in found.items() if f} == {}
