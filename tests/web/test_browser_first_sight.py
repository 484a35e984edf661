"""What a 督学 sees first, in a real browser (Debian's chromium, headless; review rv22 findings
4, 9 and 10): the 一票否决 line right under the verdict on 概览 and above the failing items on
均衡评估, /ledger open on a plan's table, and the HTML report's 主要数据 labels on one line at
1280 px. Screenshots under ``test-artifacts/``; skipped without /usr/bin/chromium unless
JUNHENG_TEST_BROWSER_REQUIRED=1."""

from __future__ import annotations

import pytest

from .test_browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    _require_browser,
    plans_server,
    signed_in_page,
)

pytestmark = pytest.mark.browser
ALL_MET = "一票否决事项共 4 项：达标 4 项。"
#: the number of line boxes of an element's text
LINES = "e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; }"


@pytest.fixture
def server(tmp_path):
    """The example county, the example plans and a 督学."""
    yield from plans_server(tmp_path, "inspector")


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def test_an_inspector_sees_the_veto_line_first_and_a_ledger_at_once(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        page = signed_in_page(playwright, server, "inspector")
        veto = page.locator("p.veto")
        assert veto.inner_text() == ALL_MET and veto.is_visible()
        # right under the verdict, above the failing items' list
        assert _top(page, "p.verdict") < _top(page, "p.veto") < _top(page, "ul.failures")
        page.goto(f"{server}/evaluation")
        assert page.locator("p.veto").inner_text() == ALL_MET
        assert _top(page, "p.verdict") < _top(page, "p.veto") < _top(page, "ul.failures")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web-evaluation-veto.png"))
        # /ledger: the first plan's table, not a bare drop-down (rv22 finding 9)
        page.goto(f"{server}/ledger")
        assert page.locator("select[name=plan]").input_value() == "chanhe"
        assert page.locator("section.panel h2").first.inner_text().startswith(
            "示例：《瀍河回族区基础教育发展规划》")
        assert page.locator("section.panel table.data tbody tr").count() > 0
        page.screenshot(path=str(ARTIFACTS / "web-ledger-first-plan.png"))
        page.context.browser.close()


def test_the_reports_main_figures_labels_fit_one_line_at_1280_px(tmp_path):
    from playwright.sync_api import sync_playwright

    from junheng.evaluate import evaluate
    from junheng.io import example_county
    from junheng.jobs.figures import headline_figures
    from junheng.report.html_report import write_html_report

    _require_browser()
    data = example_county()
    ev = evaluate(data)
    path = write_html_report(ev, tmp_path / "report.html", data=data,
                             figures=headline_figures(data, [ev]))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.goto(path.as_uri())
        labels = page.locator("table.headline tbody td:first-child")
        assert labels.count() >= 10
        texts = labels.all_inner_texts()
        assert "在校生（义务教育：小学＋初中）" in texts
        # each label on one line (was 3 lines in a ~100 px column)
        assert {t: n for t, n in zip(texts, labels.evaluate_all(f"els => els.map({LINES})"),
                                     strict=True) if n != 1} == {}
        # the figure starts next to its label (left-aligned), not ~1,000 px away
        first = page.locator("table.headline tbody tr").first
        label_box = first.locator("td").nth(0).bounding_box()
        value_left = first.locator("td").nth(1).evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " return r.getBoundingClientRect().left; }")
        assert value_left - (label_box["x"] + label_box["width"]) < 20
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#figures").screenshot(path=str(ARTIFACTS / "report-main-figures.png"))
        browser.close()
