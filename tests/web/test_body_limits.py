"""Request bodies are bounded before they are read (issue 14, item 7).

An anonymous 300 MB POST was written to disk before the 403. The body is now refused from
the headers and the session alone: the generators below count what the server pulled.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from junheng.web.limits import DEFAULT_BYTES, UPLOAD_BYTES

from .conftest import csrf_of

MB = 1024 * 1024


class Body:
    """A request body of ``chunks`` MB that records how much of it was read."""

    def __init__(self, chunks: int):
        self.chunks = chunks
        self.read = 0

    def __iter__(self):
        for _ in range(self.chunks):
            self.read += 1
            yield b"x" * MB


def test_an_anonymous_300_mb_post_is_refused_without_reading_it(anon):
    body = Body(300)
    response = anon.post("/import", content=iter(body),
                         headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 401
    assert "未登录不能提交数据：请先登录后再操作" in response.text
    assert body.read == 0


def test_a_login_form_is_small(anon):
    body = Body(3)
    response = anon.post("/login", content=iter(body),
                         headers={"content-type": "application/x-www-form-urlencoded",
                                  "content-length": str(3 * MB)})
    assert response.status_code == 413
    assert "提交的内容超过 16 KB 的上限" in response.text
    assert body.read == 0


def test_a_declared_length_beyond_the_upload_limit_is_refused_at_once(as_user):
    admin = as_user("admin")
    body = Body(300)
    response = admin.post("/import", content=iter(body),
                          headers={"content-type": "multipart/form-data; boundary=x",
                                   "content-length": str(300 * MB)})
    assert response.status_code == 413
    assert f"提交的内容超过 {UPLOAD_BYTES // MB} MB 的上限" in response.text
    assert body.read == 0
    assert admin.get("/").status_code == 200


def test_a_body_without_a_length_is_cut_at_the_routes_limit(as_user):
    admin = as_user("admin")
    response = admin.post("/submissions/1/approve", content=iter(Body(3)),
                          headers={"content-type": "application/x-www-form-urlencoded",
                                   "x-csrf-token": csrf_of(admin, "/")})
    assert response.status_code == 413
    assert f"提交的内容超过 {DEFAULT_BYTES // MB} MB 的上限" in response.text


def test_a_revoked_session_posts_nothing(app, as_user):
    admin = as_user("admin")
    kept = admin.cookies.get("junheng_session")
    token = csrf_of(admin, "/")
    admin.post("/logout", data={"csrf_token": token})
    body = Body(30)
    with TestClient(app, follow_redirects=False) as thief:
        thief.cookies.set("junheng_session", kept)
        response = thief.post("/import", content=iter(body), headers={
            "content-type": "multipart/form-data; boundary=x", "x-csrf-token": token})
    assert response.status_code == 401
    assert body.read == 0
