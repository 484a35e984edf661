"""Logging in and out: sessions, cookie flags, wrong passwords, the throttle, safe redirects."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import PASSWORD, SECRET, csrf_of, login


def test_pages_redirect_to_login_when_nobody_is_logged_in(anon):
    for path in ("/", "/schools", "/evaluation", "/audit", "/import", "/plans/layout"):
        response = anon.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"


def test_login_sets_a_signed_httponly_samesite_cookie_and_redirects_to_next(anon):
    response = login(anon, "admin", next="/schools")
    assert response.status_code == 303
    assert response.headers["location"] == "/schools"
    cookie = response.headers["set-cookie"].lower()
    assert "junheng_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert anon.get("/").status_code == 200


def test_login_refuses_a_redirect_to_another_host(anon):
    response = login(anon, "admin", next="//evil.example/phish")
    assert response.headers["location"] == "/"


def test_wrong_password_is_refused_with_a_chinese_message(anon):
    response = login(anon, "admin", "not-the-password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text
    assert anon.get("/").status_code == 303


def test_unknown_user_gets_the_same_message_as_a_wrong_password(anon):
    response = login(anon, "nobody", PASSWORD)
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text


def test_five_wrong_passwords_lock_the_user_and_client_for_five_minutes(anon, clock):
    for _ in range(5):
        assert login(anon, "admin", "wrong-password").status_code == 401
    # The sixth try is refused before the password is looked at, even a correct one.
    locked = login(anon, "admin", PASSWORD)
    assert locked.status_code == 429
    assert "登录失败次数过多，请 5 分钟后再试" in locked.text
    clock.now += 299
    assert login(anon, "admin", PASSWORD).status_code == 429
    clock.now += 2  # 301 s after the first failure: the oldest failures have expired
    assert login(anon, "admin", PASSWORD).status_code == 303


def test_the_throttle_counts_per_user_name(anon):
    for _ in range(5):
        login(anon, "admin", "wrong-password")
    assert login(anon, "inspector").status_code == 303


def test_a_successful_login_clears_earlier_failures(anon):
    for _ in range(4):
        login(anon, "admin", "wrong-password")
    assert login(anon, "admin").status_code == 303
    for _ in range(4):
        assert login(anon, "admin", "wrong-password").status_code == 401
    assert login(anon, "admin").status_code == 303


def test_logout_ends_the_session(as_user):
    client = as_user("admin")
    response = client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert client.get("/").status_code == 303


def test_a_tampered_session_cookie_is_treated_as_logged_out(app):
    with TestClient(app, follow_redirects=False) as client:
        login(client, "admin")
        value = client.cookies.get("junheng_session")
        client.cookies.set("junheng_session", value[:-4] + ("AAAA" if value[-4:] != "AAAA"
                                                            else "BBBB"))
        assert client.get("/").status_code == 303


def test_a_cookie_signed_with_another_secret_is_ignored(app, db_url, tmp_path):
    from junheng.web import create_app

    other = create_app(db_url, secret_key="another-secret-key-0123456789", data_dir=tmp_path)
    with TestClient(app, follow_redirects=False) as a, TestClient(other,
                                                                  follow_redirects=False) as b:
        login(a, "admin")
        b.cookies.set("junheng_session", a.cookies.get("junheng_session"))
        assert b.get("/").status_code == 303
    other.state.web.store.close()
    assert SECRET != "another-secret-key-0123456789"
