"""The application in a real browser (Debian's chromium, headless): log in, import the example
workbook, read the evaluation, run a layout scenario and see its map, with screenshots under
``test-artifacts/``. Every request the browser makes must go to the local server.

Skipped when /usr/bin/chromium is missing, unless JUNHENG_TEST_BROWSER_REQUIRED=1 (CI), which
turns the skip into a failure. Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from junheng.io import example_county, write_workbook
from junheng.store import open_store
from junheng.web import add_web_user, create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
PLANS = Path(__file__).resolve().parents[2] / "examples" / "plans"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("JUNHENG_TEST_BROWSER_REQUIRED") == "1":
        pytest.fail("JUNHENG_TEST_BROWSER_REQUIRED=1 但 /usr/bin/chromium 不存在：请运行 make browser。")
    pytest.skip("/usr/bin/chromium 不存在（运行 make browser 安装 Debian 的 chromium）")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def signed_in_page(playwright, server: str, username: str = "admin",
                   password: str = "browser-test-pw"):
    """A Chinese-locale chromium page signed in as ``username`` on ``server`` (its / loaded)."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                         headless=True)
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    return page


@contextmanager
def served(app):
    """``app`` served by uvicorn on a free loopback port in a background thread; yields its URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def example_server(tmp_path, users: dict[str, dict], **options):
    """The app with the example county imported and ``users`` ({name: add_web_user keywords},
    password ``browser-test-pw``), served on a free loopback port; yields its URL."""
    _require_browser()
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    store = open_store(url)
    store.import_county(example_county(), source="example.xlsx", user="test")
    for name, scope in users.items():
        add_web_user(store, username=name, password="browser-test-pw", **scope)
    store.close()
    app = create_app(url, secret_key="browser-test-secret-0123456789", data_dir=tmp_path,
                     **options)
    with served(app) as base:
        yield base
    app.state.web.jobs.shutdown()
    app.state.web.store.close()


def plans_server(tmp_path, role: str):
    """A fixture's body: :func:`example_server` with the example plans and one user of the
    example county, named after its ``role``; yields its URL."""
    with example_server(tmp_path, {role: {"role": role, "county_code": "410306"}},
                        plans_dir=PLANS) as base:
        yield base


@pytest.fixture
def server(tmp_path):
    """The app on a free loopback port, in a background thread, with an admin account."""
    _require_browser()
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    store = open_store(url)
    add_web_user(store, username="admin", password="browser-test-pw", role="admin",
                 county_code="410306")
    store.close()
    app = create_app(url, secret_key="browser-test-secret-0123456789", data_dir=tmp_path)
    with served(app) as base:
        yield base
    app.state.web.jobs.shutdown()
    app.state.web.store.close()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.requests_seen = []
        page.on("request", lambda request: page.requests_seen.append(request.url))
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error"
                else None)
        yield page
        context.close()
        browser.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_log_in_import_evaluate_plan_and_see_the_map(server, page, tmp_path):
    from playwright.sync_api import expect

    workbook = write_workbook(example_county(), tmp_path / "示例县2025.xlsx")

    page.goto(f"{server}/")
    assert page.url.startswith(f"{server}/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "browser-test-pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/")
    assert "尚无数据" in page.content()
    _shot(page, "1-empty-dashboard")

    page.goto(f"{server}/import")
    page.set_input_files("input[type=file]", str(workbook))
    page.click("text=上传并检查")
    page.wait_for_selector("text=检查通过")
    _shot(page, "2-import-checked")
    page.click("text=确认导入")
    page.wait_for_url(re.compile(r".*/\?county=410306&year=2025.*"))
    page.wait_for_selector(".chart canvas")
    assert "1,523" in page.inner_text(".kpis")
    _shot(page, "3-dashboard")

    page.goto(f"{server}/schools")
    page.fill("input[type=search]", "cgdy")
    expect(page.locator("#school-rows a")).to_have_count(1)
    assert "示例县城关第一小学" in page.inner_text("#school-rows")
    _shot(page, "4-school-search")

    page.goto(f"{server}/evaluation")
    page.wait_for_selector(".chart canvas")
    assert "优质均衡" in page.inner_text("h1")
    _shot(page, "5-evaluation")

    page.goto(f"{server}/plans/layout")
    page.fill("input[name=name]", "浏览器测试方案")
    page.click("text=开始计算")
    page.wait_for_url(re.compile(r".*/plans/layout/jobs/.*"))
    page.wait_for_selector("progress")
    _shot(page, "6-layout-progress")
    # The map is drawn by map_layers.js (no tile server): towns, their names, the legend.
    page.wait_for_selector(".map.leaflet-container .leaflet-overlay-pane path.town-area",
                           timeout=180_000)
    assert page.locator(".map .town-label").count() == 2  # the example county's two towns
    assert page.locator(".map .map-legend .legend-item").count() >= 4
    assert page.locator(".map .leaflet-control-scale").count() == 1
    assert "调整前后对比" in page.content()
    _shot(page, "7-layout-result-map")

    outside = [u for u in page.requests_seen
               if not (u.startswith(server + "/") or u.startswith(("data:", "blob:")))]
    assert outside == []
    assert any("/static/vendor/echarts.min.js" in u for u in page.requests_seen)
    assert any("/static/vendor/leaflet.js" in u for u in page.requests_seen)
    assert page.console_errors == []


def test_the_chromium_found_is_debians(server):
    assert shutil.which("chromium") or CHROMIUM.exists()
