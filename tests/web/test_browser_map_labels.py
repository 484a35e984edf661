"""The layout map's labels in chromium: where the plan acts on several schools close together,
the names do not pile up (review rv2 finding 12: five names in 城关街道 were one blob at the
default zoom). Skipped without /usr/bin/chromium (see test_browser)."""

from __future__ import annotations

import pytest

from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_outcome import PlannedSchool as P
from junheng.report.layout_map import layout_map_html

from .test_browser import CHROMIUM, CHROMIUM_ARGS, _require_browser

pytestmark = pytest.mark.browser

# five schools the plan builds at or extends, within 300 m in the county seat, and a far one
# that keeps the county's extent (about 40 km across, as 洛北县)
NAMES = ("新区实验学校", "第四小学", "东城小学", "第三初级中学", "长青社区片区初级中学")
CLOSE = [P(f"S{i}", name, "new" if i == 4 else "expand", lat=34.600 + 0.0006 * (i % 2),
           lon=112.400 + 0.0008 * i, students_after={"primary": 900}, town_code="410306001")
         for i, name in enumerate(NAMES)]
FAR = P("F", "远山村小学", "keep", lat=34.85, lon=112.05, town_code="410306101")


def _boxes(page):
    return page.eval_on_selector_all(
        ".map-label.school-label", "els => els.filter(e => getComputedStyle(e).visibility !== "
        "'hidden' && e.offsetWidth).map(e => { const r = e.getBoundingClientRect(); "
        "return [e.textContent, r.left, r.top, r.right, r.bottom]; })")


def _overlap(a, b):
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


def test_close_schools_the_plan_acts_on_have_no_overlapping_names(tmp_path):
    _require_browser()
    from playwright.sync_api import sync_playwright

    plan = LayoutOutcome("optimal", (*CLOSE, FAR), {}, year=2025, target_year=2030)
    path = tmp_path / "map.html"
    path.write_text(layout_map_html(plan, [], county_name="示例县"), encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.goto(path.as_uri())
            page.wait_for_selector(".map-label.school-label")
            shown = _boxes(page)
            names = [b[0] for b in shown]
            assert names and set(names) <= set(NAMES) | {FAR.name}
            assert not [(a[0], b[0]) for i, a in enumerate(shown) for b in shown[i + 1:]
                        if _overlap(a, b)]
            assert len(set(NAMES) - set(names)) >= 1  # some wait for a closer zoom
            # every mark still names its school on hover (Leaflet tooltip)
            page.screenshot(path=str(tmp_path / "map.png"))
            page.locator(".school-mark").last.hover()
            page.wait_for_selector(".leaflet-tooltip")
            assert "：" in page.inner_text(".leaflet-tooltip")
            assert "校名相互重叠处放大地图后显示" in page.inner_text(".map-note")
        finally:
            browser.close()
