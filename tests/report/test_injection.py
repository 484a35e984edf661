"""Names that are code stay text in every file junheng writes (issue 14, items 4 and 5).

The attack run found 22 live formula cells in ``forecast.xlsx`` and 2 in the layout's workbook
(then ``plan.xlsx``) from school names starting with "="; the offline map (then ``map.html``) ran script from a school name when
opened and ``report.html`` on hover. Here a county whose names are formulas and markup goes
through every writer; each workbook is scanned for formula cells and each page for markup
that would run.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from cli_run import invoke
from junheng.io import example_county, write_template, write_workbook
from junheng.model import CountyData
from junheng.report.html_safety import csp_meta

NAMES = ['=HYPERLINK("http://evil.example","点我")', '<img src=x onerror=window.__xss=1>',
         '+SUM(1,1)</script><script>window.__xss=2</script>',
         '-2+3" onmouseover="window.__xss=3', "@SUM(1)", "'><svg onload=window.__xss=4>"]
COUNTY_NAME = "=1+1<b>示例县</b>"


def hostile_county() -> CountyData:
    data = example_county()
    tables = {k: v.copy() for k, v in data.tables.items()}
    tables["schools"]["name"] = NAMES
    tables["villages"].loc[:4, "name"] = NAMES[:5]
    return CountyData({**data.info, "county_name": COUNTY_NAME}, tables)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """Every file the engines write for the hostile county, in one folder."""
    from junheng.evaluate import evaluate
    from junheng.forecast import forecast_county
    from junheng.jobs.layout import run_layout
    from junheng.jobs.ledger import demo_ledgers
    from junheng.jobs.reports import write_reports
    from junheng.planning import load_layout_config
    from junheng.report.evaluation_xlsx import write_evaluation_xlsx
    from junheng.report.forecast_xlsx import write_forecast_xlsx
    from junheng.store import open_store

    out = tmp_path_factory.mktemp("hostile")
    data = hostile_county()
    write_workbook(data, out / "export.xlsx")
    write_template(out / "template.xlsx")
    write_evaluation_xlsx([evaluate(data, s) for s in ("quality-2017", "preschool-2020")],
                          out / "evaluation.xlsx")
    forecast = forecast_county([data], horizon=3)
    write_forecast_xlsx(forecast, out / "forecast.xlsx")
    plan = run_layout(data, load_layout_config(), out / "layout").outcome
    url = f"sqlite:///{out / 'j.db'}"
    with open_store(url) as store:
        store.import_county(data)
        demo_ledgers(store, data.county_code, out)
    assert invoke("ledger", "city", "--db", url, "--xlsx", str(out / "city.xlsx")).exit_code == 0
    write_reports([data], out, layout_plan=plan, forecast=forecast)
    from junheng.jobs.compliance import run_compliance
    from junheng.jobs.zones import run_zones
    from junheng.jobs.zones_county import county_zone_input

    run_compliance([data], out / "compliance", time_limit=20)
    run_zones(county_zone_input(data, "primary"), out / "zones", time_limit=10)
    return out


def formula_cells(path: Path) -> list[tuple[str, str]]:
    """(part, formula) of every formula cell in an xlsx."""
    with zipfile.ZipFile(path) as archive:
        return [(name, formula) for name in archive.namelist()
                if name.startswith("xl/worksheets/")
                for formula in re.findall(r"<f[ >][^<]*", archive.read(name).decode("utf-8"))]


def test_every_workbook_written_holds_no_formula_cell(written):
    books = sorted(written.rglob("*.xlsx"))
    assert {p.name for p in books} >= {"export.xlsx", "template.xlsx", "evaluation.xlsx",
                                       "forecast.xlsx", "布局调整方案工作簿.xlsx", "达标路径工作簿.xlsx",
                                       "规划台账示例（孟津区）.xlsx", "规划台账示例（中牟县）.xlsx",
                                       "city.xlsx", "zones.xlsx"}
    where = {p: str(p.relative_to(written)) for p in books}
    assert {where[p]: formula_cells(p) for p in books} == {where[p]: [] for p in books}


def test_the_hostile_names_are_kept_as_text(written):
    for name in ("export.xlsx", "forecast.xlsx", "layout/布局调整方案工作簿.xlsx",
                 "compliance/达标路径工作簿.xlsx",
                 "zones/zones.xlsx"):
        with zipfile.ZipFile(written / name) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode("utf-8")
        assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)" in strings or \
            '=HYPERLINK("http://evil.example","点我")' in strings, name


@pytest.mark.parametrize("page", ["layout/布局方案地图.html", "自评报告（网页）.html"])
def test_generated_pages_carry_no_markup_from_the_data(written, page):
    text = (written / page).read_text(encoding="utf-8")
    for raw in ("<img src=x", "<script>window.__xss", "<svg onload", "<b>示例县</b>",
                '" onmouseover="'):
        assert raw not in text, raw
    assert text.count("<script>") == text.count("</script>")
    assert "\\u003cimg src=x onerror=window.__xss=1>" in text  # in the JSON block, inert


@pytest.mark.parametrize("page", ["layout/布局方案地图.html", "自评报告（网页）.html"])
def test_generated_pages_let_only_their_own_scripts_run(written, page):
    text = (written / page).read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", text, flags=re.S)
    assert 2 <= len(scripts) <= 5  # ECharts, Leaflet, the map script, the data, the page script
    assert csp_meta(scripts) in text
    assert text.index("Content-Security-Policy") < text.index("<script>")


_HOVER_ALL = """() => {
    for (const el of document.querySelectorAll('path.leaflet-interactive')) {
      el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
      el.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    }
    return [...document.querySelectorAll('.leaflet-tooltip, .leaflet-popup-content')]
      .map(e => e.textContent).join('\\n');
}"""
_INJECTED = """() => [window.__xss,
    document.querySelectorAll('.leaflet-pane img, .leaflet-pane svg svg, .leaflet-pane b b').length]"""


@pytest.mark.browser
def test_hovering_every_marker_runs_nothing_from_the_data(written):
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs Debian's chromium")
    from playwright.sync_api import sync_playwright

    seen = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        for page in ("layout/布局方案地图.html", "自评报告（网页）.html"):
            tab = browser.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            tab.goto((written / page).as_uri())
            tab.wait_for_selector("path.leaflet-interactive")
            shown = tab.evaluate(_HOVER_ALL)
            seen[page] = (errors, tab.evaluate(_INJECTED),
                          "<img src=x onerror=window.__xss=1>" in shown)
        browser.close()
    # No error, nothing injected, and the name shown as text in a tooltip or popup.
    assert seen == {page: ([], [None, 0], True) for page in seen}
