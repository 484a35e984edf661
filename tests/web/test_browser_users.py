"""A city admin (洛阳市) creates a county account in a real browser (Debian's chromium,
headless); the new user logs in with the password shown once and changes it on 修改密码.
Skipped without /usr/bin/chromium."""

from __future__ import annotations

import pytest

from .test_browser import CHROMIUM, CHROMIUM_ARGS, example_server

pytestmark = pytest.mark.browser
NEW = "Lantern-river-42"


@pytest.fixture
def server(tmp_path):
    """The app with the example county (洛阳市 示例县) imported and a city admin."""
    with example_server(tmp_path, {"luoyang": {"role": "admin", "city_name": "洛阳市"}}) as base:
        yield base


def _login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_city_admin_adds_a_county_user_who_changes_the_password(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        admin = browser.new_context(locale="zh-CN").new_page()
        _login(admin, server, "luoyang", "browser-test-pw")
        admin.goto(f"{server}/users")
        admin.fill("input[name=username]", "mengjin_admin")
        admin.select_option("select[name=role]", label="管理员")
        admin.select_option("select[name=scope]", "county:410306")
        admin.click("button:text-is('新增用户')")
        assert "已新增用户 mengjin_admin（管理员）。" in admin.content()
        password = admin.locator("strong.password").inner_text()
        row = admin.locator("tr", has=admin.locator("td:text-is('mengjin_admin')"))
        assert row.locator("td").nth(2).inner_text() == "示例县"

        user = browser.new_context(locale="zh-CN").new_page()
        _login(user, server, "mengjin_admin", password)
        user.click("text=修改密码")
        user.fill("input[name=current]", password)
        user.fill("input[name=new]", NEW)
        user.fill("input[name=again]", NEW)
        user.click("button:text-is('修改密码')")
        assert "密码已修改；您在其他设备或浏览器上的登录均已失效。" in user.content()
        user.goto(f"{server}/")  # this session goes on
        assert "mengjin_admin（管理员）" in user.content()

        again = browser.new_context(locale="zh-CN").new_page()
        _login(again, server, "mengjin_admin", NEW)
        browser.close()
