"""Brief hq: the web's evaluation page reads the 前提条件 “通过国家义务教育发展基本均衡县认定 3 年以上”
as the 自评报告.docx and report.html do (tests/report/test_one_verdict.py): 待核实 while the
county's own figures fail 省定办学基本标准, and (review rvweb 3) while they cannot show it met —
no overlay, or an overlay whose figures pass but whose other clauses the county does not attest;
达标 only when this year's 基本均衡 precondition is 达标. The web's county is the example county;
the overlays and the arithmetic are those of that test. The years read 「9 年」 and 「≥3 年」 as in
the reports (rvweb 3: 「11.00 年」 with an empty 标准)."""

from __future__ import annotations

import pytest
from tests.report.test_one_verdict import HELD, NAME, PENDING, REMARK, UNPROVEN

from .conftest import csrf_of

OVERLAYS = {"HIGH": "name: 某省\nstandards:\n  basic-2012:\n    books_per_student: {primary: 50, junior: 60}\n",
            "HENAN": "name: 河南省\nstandards:\n  basic-2012:\n    books_per_student: {primary: 20, junior: 30}\n"}
# no overlay: no 省定标准 at all, the precondition 待佐证 with basic-2012's own note
NO_OVERLAY = ("认定 9 年，已满 3 年；基本均衡成果：按 2025 学年数据，基本均衡的前提条件“县域内义务教育学校均达到省定办学基本标准”"
              "待佐证（未提供省定办学基本标准的标准值），尚不能确认，佐证后复核，复核达到前待核实")


def _row(remark: str) -> str:
    return f'<tr><td>{NAME}</td><td class="n">9 年</td><td class="n">≥3 年</td><td>{HELD}</td><td>{remark}</td></tr>'


@pytest.mark.parametrize("overlay", ["HIGH", "HENAN"])
def test_the_web_evaluation_page_says_the_same(overlay, as_user):
    # the overlay set as a county admin sets it
    admin = as_user("admin")
    done = admin.post("/evaluation/overlay", data={"csrf_token": csrf_of(admin, "/evaluation/overlay")},
                      files={"overlay_file": ("o.yaml", OVERLAYS[overlay].encode(), "application/x-yaml")})
    assert done.status_code == 200
    page = admin.get("/evaluation").text
    assert _row(REMARK if overlay == "HIGH" else UNPROVEN) in page
    assert f"待核实项目（{PENDING[overlay]} 项）" in page


def test_without_an_overlay_the_recognition_waits_for_the_basic_balance(as_user):
    # the state after a fresh import: /evaluation/basic says 待核实 (前提条件 待佐证), so the 2017
    # prerequisite is no longer 「9.00 年 达标」; 8 open items and this one
    admin = as_user("admin")
    page = admin.get("/evaluation").text
    assert _row(NO_OVERLAY) in page
    assert "待核实项目（9 项）" in page
    basic = admin.get("/evaluation/basic").text
    assert "前提条件：县域内义务教育学校均达到省定办学基本标准，待佐证，未提供省定办学基本标准的标准值" in basic
