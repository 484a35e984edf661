"""Sessions and login (issue 14, item 6), each attack of the run rebuilt.

A cookie still worked for 12 h after logout; 37 of 40 parallel wrong passwords were checked
despite the 5-try limit; X-Forwarded-For bypassed the throttle and could lock out the real
user; there was no Secure-cookie option; ``12345678`` and eight spaces were accepted as
passwords; no command disabled a user or reset a password.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from cli_run import invoke
from junheng.errors import StoreError
from junheng.store import open_store
from junheng.store.accounts import get_user, list_audit
from junheng.store.passwords import generate_password, password_problem
from junheng.store.sessions import start_session
from junheng.web import add_web_user
from race import race

from .conftest import PASSWORD, close_app, csrf_of, login, make_app


def _cookie_payload(client: TestClient) -> dict:
    """The signed session cookie's content (signed, not encrypted: anyone can read it)."""
    value = client.cookies.get("junheng_session")
    data = value.split(".")[0]
    return json.loads(base64.b64decode(data + "=" * (-len(data) % 4)))


def test_the_cookie_holds_a_random_session_id_not_the_user(as_user):
    assert set(_cookie_payload(as_user("admin"))) == {"sid", "csrf"}


def test_a_cookie_kept_after_logout_opens_nothing(app, as_user):
    admin = as_user("admin")
    kept = admin.cookies.get("junheng_session")
    token = csrf_of(admin, "/")
    assert admin.post("/logout", data={"csrf_token": token}).status_code == 303
    with TestClient(app, follow_redirects=False) as thief:
        thief.cookies.set("junheng_session", kept)
        assert thief.get("/").headers["location"] == "/login?next=/"
        write = thief.post("/submissions/1/approve", data={"csrf_token": token, "version": "1"})
        assert write.status_code == 401


def test_a_password_reset_or_a_disabled_user_ends_every_session(db_url, as_user):
    first, second = as_user("admin"), as_user("admin")
    reset = invoke("user", "reset-password", "admin", "--db", db_url)
    assert reset.exit_code == 0, reset.output
    assert "已重置用户 admin 的密码，其已登录的会话均已失效" in reset
    assert first.get("/").status_code == 303 and second.get("/").status_code == 303
    new_password = next(line.split("：", 1)[1] for line in reset.output.splitlines()
                        if line.startswith("新密码："))
    assert password_problem(new_password) is None
    school = as_user("school_a")
    assert invoke("user", "disable", "school_a", "--db", db_url).exit_code == 0
    assert school.get("/").status_code == 303
    with TestClient(school.app, follow_redirects=False) as again:
        assert login(again, "school_a").status_code == 401
    assert invoke("user", "enable", "school_a", "--db", db_url).exit_code == 0
    with open_store(db_url) as store, store.session() as session:
        actions = [(e.action, e.entity_key) for e in list_audit(session)
                   if e.action in ("user_enable", "user_disable", "password_reset")]
    assert actions == [("user_enable", "school_a"), ("user_disable", "school_a"),
                       ("password_reset", "admin")]


def test_a_session_ends_twelve_hours_after_its_login(app, db_url):
    with open_store(db_url) as store, store.session() as session:
        user = get_user(session, username="admin")
        token = start_session(session, user_id=user.id,
                              now=datetime.now(UTC) - timedelta(hours=12, seconds=1))
        session.commit()
    with TestClient(app, follow_redirects=False) as client:
        login(client, "inspector")  # any session cookie, then swap in the old token
        payload = _cookie_payload(client)
        assert payload["sid"] != token
    from itsdangerous import TimestampSigner

    from .conftest import SECRET

    signed = TimestampSigner(SECRET).sign(base64.b64encode(json.dumps(
        {"sid": token, "csrf": "x"}).encode())).decode()
    with TestClient(app, follow_redirects=False) as client:
        client.cookies.set("junheng_session", signed)
        assert client.get("/").status_code == 303


def _parallel_logins(app, count: int, password: str, **headers) -> list[int]:
    with TestClient(app, follow_redirects=False) as client:
        token = csrf_of(client)

        def attempt(i):
            return client.post("/login", headers={k: v.format(i=i) for k, v in headers.items()},
                               data={"username": "admin", "password": password,
                                     "csrf_token": token}).status_code

        return race(*(lambda i=i: attempt(i) for i in range(count)))


def test_forty_parallel_wrong_passwords_get_five_checks(app):
    codes = _parallel_logins(app, 40, "wrong-password-1")
    assert sorted(codes) == [401] * 5 + [429] * 35
    with app.state.web.sessions() as session:
        assert sum(e.action == "login_failed" for e in list_audit(session)) == 5


def test_a_forwarded_header_neither_bypasses_the_throttle_nor_locks_out_the_user(app):
    codes = _parallel_logins(app, 12, "wrong-password-1", **{"X-Forwarded-For": "10.9.0.{i}"})
    assert codes.count(401) == 5 and codes.count(429) == 7
    # The attacker claimed to be 10.0.0.5; the user really there still logs in.
    _parallel_logins(app, 6, "wrong-password-1", **{"X-Forwarded-For": "10.0.0.5"})
    with TestClient(app, follow_redirects=False, client=("10.0.0.5", 40000)) as user:
        assert login(user, "admin").status_code == 303


def test_forwarded_headers_count_only_when_the_proxy_is_trusted(db_url, tmp_path):
    app = make_app(db_url, tmp_path, forwarded_allow_ips="*")
    try:
        with TestClient(app, follow_redirects=False) as client:
            token = csrf_of(client)
            client.post("/login", headers={"X-Forwarded-For": "10.1.2.3"},
                        data={"username": "admin", "password": PASSWORD, "csrf_token": token})
        with app.state.web.sessions() as session:
            assert list_audit(session)[0].client == "10.1.2.3"
    finally:
        close_app(app)


def test_secure_cookies_mark_the_session_cookie_secure(db_url, tmp_path):
    app = make_app(db_url, tmp_path, https_only=True)
    try:
        with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
            response = login(client, "admin")
            assert "secure" in response.headers["set-cookie"].lower()
    finally:
        close_app(app)
    assert "--secure-cookies" in invoke("serve", "--help").output
    assert "--forwarded-allow-ips" in invoke("serve", "--help").output


@pytest.mark.parametrize(("password", "message"), [
    ("12345678", "密码至少需要 10 个字符（现为 8 个）"),
    (" " * 8, "密码至少需要 10 个字符（现为 8 个）"),
    (" " * 12, "密码不能只由一类字符组成"),
    ("1234567890", "密码不能只由一类字符组成"),
    ("abcdefghijk", "密码不能只由一类字符组成"),
    ("Password123", "该密码在常见密码表中"),
    ("woaini1314", "该密码在常见密码表中"),
    ("zhang-admin1", None),
])
def test_the_password_policy(password, message):
    problem = password_problem(password)
    assert problem is None if message is None else message in problem


def test_a_weak_password_is_refused_for_a_new_user_and_a_reset(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with open_store(url) as store, pytest.raises(StoreError, match="不能只由一类字符组成"):
        add_web_user(store, username="li", password="          ", role="admin",
                     county_code="410306")
    with open_store(url) as store:
        add_web_user(store, username="li", password="li-2025-ok!", role="admin",
                     county_code="410306")
    for weak in ("12345678\n", "li\n"):
        refused = invoke("user", "reset-password", "li", "--db", url, "--password-stdin",
                         input=weak)
        assert refused.exit_code == 1
        assert "未修改密码" in refused
    assert invoke("user", "reset-password", "li", "--db", url, "--password-stdin",
                  input="another-good-pw2\n").exit_code == 0
    missing = invoke("user", "disable", "nobody", "--db", url)
    assert missing.exit_code == 1 and "用户“nobody”不存在" in missing


def test_generated_passwords_meet_the_policy():
    assert all(password_problem(generate_password()) is None for _ in range(50))


def test_serve_trusts_no_forwarded_header_unless_told(monkeypatch, db_url, tmp_path):
    # uvicorn's default trusts X-Forwarded-For from 127.0.0.1: a local client could pick its
    # own address for the throttle. `junheng serve` turns that off and lets the app trust
    # only the proxies it is given.
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.append((app, options)))
    monkeypatch.setenv("JUNHENG_SECRET_KEY", "s" * 32)
    assert invoke("serve", "--db", db_url, "--data-dir", tmp_path / "a").exit_code == 0
    assert invoke("serve", "--db", db_url, "--data-dir", tmp_path / "b",
                  "--forwarded-allow-ips", "127.0.0.1", "--secure-cookies").exit_code == 0
    (plain, options), (proxied, _) = started
    assert options["proxy_headers"] is False
    names = [[m.cls.__name__ for m in app.user_middleware] for app in (plain, proxied)]
    assert "ProxyHeadersMiddleware" not in names[0] and "ProxyHeadersMiddleware" in names[1]
    session = next(m for m in proxied.user_middleware if m.cls.__name__ == "SessionMiddleware")
    assert session.kwargs["https_only"] is True
    for app in (plain, proxied):
        close_app(app)
