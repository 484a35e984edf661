"""Fixtures for the web tests: a migrated store holding the example county, one user per role.

The store is built once per session and copied per test (a SQLite file), so every test starts
from the same data and may write freely. Test users get argon2 hashes with small cost
parameters (verification reads the cost from the hash), which keeps logins fast; the
production path (``hash_password``) is exercised by the CLI tests.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from junheng.io import example_county
from junheng.store import open_store
from junheng.store.accounts import add_user
from junheng.web import create_app
from junheng.web.security import LoginThrottle

PASSWORD = "correct-horse-9"
COUNTY = "410306"
PRIMARY = "4103060001"  # 示例县城关第一小学
JUNIOR = "4103060002"
NINE_YEAR = "4103060003"  # 河口乡九年一贯制学校
SECRET = "test-secret-key-0123456789abcdef"

# username -> (role, county_code, city_name, school_id)
USERS = {
    "admin": ("admin", COUNTY, None, None),
    "inspector": ("inspector", COUNTY, None, None),
    "school_a": ("school", COUNTY, None, PRIMARY),
    "school_b": ("school", COUNTY, None, NINE_YEAR),
    "other_admin": ("admin", "410999", None, None),
    "city_admin": ("admin", None, "洛阳市", None),
    "province_admin": ("admin", None, "全省", None),  # 省级: every county in the store
}
_FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


class FakeClock:
    """A clock the login throttle reads, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("template") / "junheng.db"
    store = open_store(f"sqlite:///{path}")
    store.import_county(example_county(), source="example.xlsx", user="test")
    with store.session() as session:
        for username, (role, county, city, school) in USERS.items():
            add_user(session, username=username, password_hash=_FAST_HASHER.hash(PASSWORD),
                     role=role, county_code=county, city_name=city, school_id=school)
        session.commit()
    store.close()
    return str(path)


@pytest.fixture
def db_url(template_db, tmp_path) -> str:
    return copy_db(template_db, tmp_path)


def copy_db(template_db: str, folder) -> str:
    path = folder / "junheng.db"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_app(db_url: str, folder, clock=None, **options):
    throttle = LoginThrottle(clock=clock) if clock is not None else None
    return create_app(db_url, secret_key=SECRET, data_dir=folder / "web-data",
                      throttle=throttle, **options)


def close_app(application) -> None:
    state = application.state.web
    state.jobs.shutdown()
    state.close_reads()
    state.store.close()


@pytest.fixture
def app(db_url, tmp_path, clock):
    application = make_app(db_url, tmp_path, clock)
    yield application
    close_app(application)


@pytest.fixture(scope="module")
def shared_app(template_db, tmp_path_factory):
    """One app per test module, for modules whose tests only read (or write disjoint rows)."""
    folder = tmp_path_factory.mktemp("shared")
    application = make_app(copy_db(template_db, folder), folder)
    yield application
    close_app(application)


@pytest.fixture
def anon(app) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as client:
        yield client


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The session's CSRF token, read from a page's meta tag."""
    page = client.get(path, follow_redirects=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page.text).group(1)


def login(client: TestClient, username: str, password: str = PASSWORD, **extra):
    token = csrf_of(client)
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token, **extra})


class Logins:
    """Logged-in TestClients, one per user name, each with its own cookie jar."""

    def __init__(self, application, *, reuse: bool):
        self.app = application
        self.reuse = reuse
        self.clients: dict[str, TestClient] = {}
        self.opened: list[TestClient] = []

    def __call__(self, username: str) -> TestClient:
        if self.reuse and username in self.clients:
            return self.clients[username]
        client = TestClient(self.app, follow_redirects=False)
        response = login(client, username)
        assert response.status_code == 303, response.text
        self.clients[username] = client
        self.opened.append(client)
        return client

    def close(self) -> None:
        for client in self.opened:
            client.close()


@pytest.fixture
def as_user(app):
    """Factory: a fresh TestClient logged in as ``username``."""
    logins = Logins(app, reuse=False)
    yield logins
    logins.close()


@pytest.fixture(scope="module")
def shared_user(shared_app):
    """Factory over the module's shared app; one login per user name per module."""
    logins = Logins(shared_app, reuse=True)
    yield logins
    logins.close()


def post_form(client: TestClient, path: str, data: dict | None = None, **kwargs):
    """POST with the session's valid CSRF token."""
    token = csrf_of(client, "/submissions")
    return client.post(path, data={**(data or {}), "csrf_token": token}, **kwargs)


ROTATION_PROGRESS = re.compile(r'hx-get="(/plans/rotation/jobs/([\w-]+)/progress)"')


def wait_rotation(client: TestClient, page: str = "/teachers", timeout: float = 180.0) -> str:
    """``page`` once the stored 交流轮岗 plan is there: the page starts its job and shows
    「交流轮岗方案计算中…」 (:mod:`junheng.web.rotation_view`); poll the progress box as htmx
    does until it asks for a reload. ``page`` as it is when no job runs."""
    import time

    text = client.get(page).text
    found = ROTATION_PROGRESS.search(text)
    deadline = time.monotonic() + timeout
    while found and time.monotonic() < deadline:
        box = client.get(found.group(1), headers={"HX-Request": "true"})
        assert box.status_code == 200
        if box.headers.get("HX-Refresh") == "true":
            return client.get(page).text
        time.sleep(0.3)
    assert not found, "交流轮岗计算超时"
    return text


def recoded_county(code: str, **info):
    """The example county under another county code (town and village codes rewritten, as
    the validator checks their prefix), with ``info`` overriding 基本信息 values."""
    from junheng.model.county import CountyData

    data = example_county()
    tables = {k: v.copy() for k, v in data.tables.items()}
    for frame in tables.values():
        for column in ("town_code", "village_code"):
            if column in frame:
                frame[column] = frame[column].str.replace(COUNTY, code, n=1)
    return CountyData({**data.info, "county_code": code, **info}, tables)
