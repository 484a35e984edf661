"""用户管理 above the county: a city admin (洛阳市, holding the example county 410306) and a
province admin (city 全省, ``province_admin`` of the fixtures) manage the accounts down their line; every refusal names the field
in Chinese; any user changes their own password (修改密码)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from junheng.store.accounts import AuditEntry, User, add_user

from .conftest import _FAST_HASHER, PASSWORD, csrf_of, login


@pytest.fixture
def province(app):
    with app.state.web.sessions() as session:
        add_user(session, username="zhengzhou_admin", password_hash=_FAST_HASHER.hash(PASSWORD),
                 role="admin", city_name="郑州市")
        session.commit()


def _post(client, path, **data):
    return client.post(path, data={**data, "csrf_token": csrf_of(client, "/account/password")})


def _user(app, name):
    with app.state.web.sessions() as session:
        user = session.scalar(select(User).where(User.username == name))
        return (user.role, user.county_code, user.city_name, user.active)


def _audit(app, action):
    with app.state.web.sessions() as session:
        return [(a.username, a.entity_key) for a in
                session.scalars(select(AuditEntry).where(AuditEntry.action == action))]


def _listed(page: str) -> set[str]:
    return set(re.findall(r"<tr><td>([a-z_0-9]+)</td>", page))


def test_each_admin_lists_the_accounts_down_its_line(app, as_user, province):
    assert _listed(as_user("admin").get("/users").text) == {
        "admin", "inspector", "school_a", "school_b"}
    assert _listed(as_user("city_admin").get("/users").text) == {
        "admin", "inspector", "school_a", "school_b", "city_admin"}
    assert _listed(as_user("province_admin").get("/users").text) == {
        "admin", "inspector", "school_a", "school_b", "city_admin", "other_admin",
        "province_admin", "zhengzhou_admin"}


def test_the_scope_choices_follow_the_role(as_user, province):
    county = as_user("admin").get("/users").text
    assert '<option value="county:410306" selected>示例县（410306）</option>' in county
    assert "city:" not in county
    city = as_user("city_admin").get("/users").text
    assert '<option value="city:洛阳市" >洛阳市（市级账号）</option>' in city
    assert "city:全省" not in city
    whole = as_user("province_admin").get("/users").text
    assert '<option value="city:全省" >全省（省级账号）</option>' in whole


def test_a_city_admin_adds_county_and_city_accounts(app, as_user, anon):
    city = as_user("city_admin")
    county_admin = _post(city, "/users", username="zhou", role="admin", scope="county:410306")
    assert "已新增用户 zhou（管理员）。" in county_admin.text
    assert _user(app, "zhou") == ("admin", "410306", None, True)
    inspector = _post(city, "/users", username="wu", role="inspector", scope="city:洛阳市")
    assert "已新增用户 wu（督学）。" in inspector.text
    assert _user(app, "wu") == ("inspector", None, "洛阳市", True)
    password = re.search(r'<strong class="password">([^<]+)</strong>', inspector.text).group(1)
    assert login(anon, "wu", password).status_code == 303
    assert anon.get("/?county=410306").status_code == 200  # the city's county is in reach
    assert _audit(app, "user_add") == [("city_admin", "zhou"), ("city_admin", "wu")]


def test_a_city_admin_disables_a_county_admin_but_not_another_city(app, as_user, province):
    city = as_user("city_admin")
    assert "用户 admin 已停用" in _post(city, "/users/admin/active", active="0").text
    assert _user(app, "admin")[3] is False
    assert _post(city, "/users/zhengzhou_admin/active", active="0").status_code == 403
    assert _post(city, "/users/other_admin/password").status_code == 403
    assert _audit(app, "user_disable") == [("city_admin", "admin")]


def test_a_county_admin_cannot_touch_city_accounts(as_user):
    admin = as_user("admin")
    assert _post(admin, "/users/city_admin/active", active="0").status_code == 403
    refused = _post(admin, "/users", username="qian", role="inspector", scope="city:洛阳市")
    assert refused.status_code == 422
    assert "未新增用户：所属范围：“洛阳市”不在您的管理范围内：只能管理410306的账号。" in refused.text


@pytest.mark.parametrize(("data", "message"), [
    ({"role": "admin", "scope": "city:郑州市"},
     "未新增用户：所属范围：“郑州市”不在您的管理范围内：只能管理洛阳市及其县区的账号。"),
    ({"role": "admin", "scope": "county:410999"},
     "未新增用户：所属范围：县区“410999”不在您的管理范围内：只能管理洛阳市在库中的县区的账号。"),
    ({"role": "admin", "scope": "town:1"},
     "未新增用户：所属范围：“town:1”不是可选的范围，请在列表中选择。"),
    ({"role": "boss", "scope": "city:洛阳市"}, "未新增用户：角色：请选择管理员、督学或学校填报员。"),
    ({"role": "school", "scope": "city:洛阳市"},
     "未新增用户：所属范围：学校填报员须在页面所选的县区新增，请先切换到该县区。"),
    ({"role": "school", "scope": "county:410306", "school_id": "12"},
     "未新增用户：学校：学校标识码“12”不是本县区 2025 学年的学校，请核对。"),
])
def test_a_city_admins_refusals_name_the_field(as_user, data, message):
    response = _post(as_user("city_admin"), "/users", username="sun", **data)
    assert response.status_code == 422
    assert message in response.text


def test_a_province_admin_adds_city_and_province_accounts(app, as_user, province):
    whole = as_user("province_admin")
    assert "已新增用户 he（管理员）" in _post(whole, "/users", username="he", role="admin",
                                        scope="city:洛阳市").text
    assert _user(app, "he") == ("admin", None, "洛阳市", True)
    assert "已新增用户 lv（督学）" in _post(whole, "/users", username="lv", role="inspector",
                                       scope="city:全省").text
    assert _user(app, "lv") == ("inspector", None, "全省", True)
    assert "用户 zhengzhou_admin 已停用" in _post(whole, "/users/zhengzhou_admin/active",
                                              active="0").text
    assert whole.get("/province").status_code == 200


def test_a_province_admin_reaches_every_county(as_user, province):
    whole = as_user("province_admin")
    assert whole.get("/?county=410306").status_code == 200
    assert as_user("zhengzhou_admin").get("/?county=410306").status_code == 403


# --- 修改密码 ------------------------------------------------------------------------------


NEW = "Lantern-river-42"


@pytest.mark.parametrize("username", ["admin", "inspector", "school_a", "city_admin"])
def test_every_role_reaches_the_password_page(as_user, username):
    page = as_user(username).get("/account/password")
    assert page.status_code == 200 and "再次输入新密码" in page.text


@pytest.mark.parametrize(("data", "message"), [
    ({"current": "", "new": NEW, "again": NEW}, "未修改密码：当前密码：请填写。"),
    ({"current": PASSWORD, "new": "", "again": ""}, "未修改密码：新密码：请填写。"),
    ({"current": PASSWORD, "new": NEW, "again": NEW + "x"},
     "未修改密码：再次输入新密码：与新密码不一致，请重新输入。"),
    ({"current": PASSWORD, "new": PASSWORD, "again": PASSWORD},
     "未修改密码：新密码：不能与当前密码相同。"),
    ({"current": "wrong-horse-1", "new": NEW, "again": NEW},
     "未修改密码：当前密码：与您的密码不符。"),
    ({"current": PASSWORD, "new": "abc12", "again": "abc12"},
     "未修改密码：新密码：密码至少需要 10 个字符（现为 5 个）。"),
])
def test_password_refusals_name_the_field(as_user, data, message):
    response = _post(as_user("inspector"), "/account/password", **data)
    assert response.status_code == 422
    assert message in response.text


def test_changing_the_password_ends_the_other_sessions_only(app, as_user, anon):
    here, elsewhere = as_user("school_a"), as_user("school_a")
    done = _post(here, "/account/password", current=PASSWORD, new=NEW, again=NEW)
    assert "密码已修改；您在其他设备或浏览器上的登录均已失效。" in done.text
    assert here.get("/account/password").status_code == 200
    assert elsewhere.get("/account/password").status_code == 303  # to the login page
    assert login(anon, "school_a", PASSWORD).status_code == 401
    assert login(anon, "school_a", NEW).status_code == 303
    assert _audit(app, "password_change") == [("school_a", "school_a")]


def test_a_password_change_reads_in_chinese_in_the_audit_log(as_user):
    from .leaks import leaks, visible_text
    from .test_leaks import DATA_WORDS, scrub

    done = _post(as_user("inspector"), "/account/password", current=PASSWORD, new=NEW, again=NEW)
    assert done.status_code == 200
    page = as_user("admin").get("/audit?action=password_change").text
    assert "<td>修改密码</td>" in page
    assert leaks(scrub(visible_text(page)), DATA_WORDS) == []


def test_guessing_the_current_password_is_throttled(as_user):
    client = as_user("inspector")
    codes = [_post(client, "/account/password", current=f"guess-{k}-xyz", new=NEW,
                   again=NEW).status_code for k in range(6)]
    assert codes == [422] * 5 + [429]


def test_a_province_admin_imports_a_county_of_any_city(app, as_user, tmp_path):
    from junheng.io import write_workbook

    from .conftest import recoded_county
    from .test_import import upload_and_confirm

    other = recoded_county("410122", county_name="中牟县", city_name="郑州市")
    whole = as_user("province_admin")
    content = write_workbook(other, tmp_path / "中牟县.xlsx").read_bytes()
    assert upload_and_confirm(whole, content).status_code == 303
    assert app.state.web.store.years("410122") == [2025]
    assert whole.get("/?county=410122").status_code == 200
    assert as_user("city_admin").get("/?county=410122").status_code == 403
