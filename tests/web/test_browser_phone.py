"""The app on a phone (390 x 844) and a desktop (1366 x 768) in a real browser (Debian's
chromium, headless; skipped without it), review rw 4-7 and 14: no page scrolls sideways (a wide
table scrolls in its own box), form rows wrap, the nav folds under 菜单, the map legend starts
folded on the phone, and an upload's button says 正在检查… once pressed. Screenshots go to
``test-artifacts/``."""

from __future__ import annotations

import pytest

from .test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, example_server
from .test_browser_review_rw import _finished_job

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
#: pages rw measured wider than the phone (scrollWidth 599, 487, 799, 784 ...) and the
#: teachers page (rw 8)
PAGES = ("/evaluation/schools", "/forecast", "/account/password", "/users", "/teachers")
USERS = {"admin": {"role": "admin", "county_code": "410306"},
         "school": {"role": "school", "county_code": "410306", "school_id": "4103060001"}}


def _signed_in(browser, base: str, viewport: dict, username: str = "admin"):
    page = browser.new_context(locale="zh-CN", viewport=viewport).new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "browser-test-pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/**")
    return page


def _width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(tmp_path):
    from playwright.sync_api import sync_playwright

    job_id = _finished_job(tmp_path)
    pages = (*PAGES, f"/plans/layout/jobs/{job_id}")
    ARTIFACTS.mkdir(exist_ok=True)
    with example_server(tmp_path, USERS) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        for tag, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page = _signed_in(browser, base, viewport)
            for path in pages:
                page.goto(f"{base}{path}", wait_until="networkidle")
                name = path.strip("/").split("/jobs/")[0].replace("/", "-")
                page.screenshot(path=str(ARTIFACTS / f"{tag}-{name}.png"))
                assert _width(page) <= viewport["width"], (tag, path, _width(page))
            page.context.close()
        school = _signed_in(browser, base, PHONE, "school")
        school.goto(f"{base}/schools/4103060001/facilities")
        assert _width(school) <= PHONE["width"]  # rw 5: its fieldset ended at x = 619
        browser.close()


def test_the_phone_folds_the_nav_and_the_legend_and_shows_a_busy_button(tmp_path):
    from playwright.sync_api import sync_playwright

    job_id = _finished_job(tmp_path)
    with example_server(tmp_path, USERS) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        phone = _signed_in(browser, base, PHONE)
        phone.goto(f"{base}/account/password")
        # rw 6: the header took ~590 of 844 px; folded it is one line with 菜单
        assert not phone.locator("header nav").is_visible()
        assert phone.locator("header.top").bounding_box()["height"] < 60
        phone.get_by_text("菜单", exact=True).click()
        assert phone.get_by_role("link", name="教师配置").is_visible()
        assert phone.get_by_role("link", name="修改密码").is_visible()
        # rw 5: the password fields and the button sit within the screen
        button = phone.get_by_role("button", name="修改密码").bounding_box()
        assert button["x"] + button["width"] <= PHONE["width"]
        # rw 7: the legend starts folded under 图例 and opens on a tap
        phone.goto(f"{base}/plans/layout/jobs/{job_id}", wait_until="networkidle")
        legend = phone.locator(".map .map-legend")
        assert legend.evaluate("d => d.open") is False
        assert not phone.locator(".map .legend-item").first.is_visible()
        legend.locator("summary").click()
        assert phone.locator(".map .legend-item").first.is_visible()
        # rw 14: once submitted, the check button is disabled and says so (a submit event
        # that does not send the form, so the page stays to be read)
        phone.goto(f"{base}/import")
        phone.eval_on_selector("form[data-busy]", "f => f.dispatchEvent(new Event('submit', "
                               "{bubbles: true, cancelable: true}))")
        check = phone.locator("form[data-busy] button")
        assert check.inner_text() == "正在检查…" and check.is_disabled()
        desktop = _signed_in(browser, base, DESKTOP)
        desktop.goto(f"{base}/plans/layout/jobs/{job_id}", wait_until="networkidle")
        assert desktop.locator("header nav").is_visible()
        assert not desktop.get_by_text("菜单", exact=True).is_visible()
        assert desktop.locator(".map .map-legend").evaluate("d => d.open") is True
        browser.close()
