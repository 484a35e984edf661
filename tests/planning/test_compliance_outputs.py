"""What a planner reads of a compliance plan: sports area capped at the shortfall, spending
spread over the years, 复核未通过 before anything else and a Word total that adds up."""

from __future__ import annotations

import numpy as np
import pandas as pd
from docx import Document

from junheng.optimize.result import SolveStatus
from junheng.planning.compliance_actions import spread_spending
from junheng.planning.compliance_data import _addition_bound
from junheng.planning.compliance_json import plan_status_text, shortfall_text
from junheng.report.compliance_docx import add_compliance_chapter
from junheng.report.word_document import WordReport
from junheng.standards import load_standard

IND = "sports_area_per_student"


def test_sports_area_bound_is_the_shortfall_not_the_best_school():
    # S1 has 1,000 m² where the threshold asks 7,956: it may add 6,956 m², not the 13,344 m²
    # that lifting it to S2's ratio (2.5 × need) would take.
    frame = pd.DataFrame({"school_id": ["S1", "S2"], "stage": ["primary", "primary"],
                          f"base_{IND}": [1000.0, 20_000.0], f"need_{IND}": [7956.0, 8000.0]})
    schools = pd.DataFrame({"school_id": ["S1", "S2"], "reach_primary": [1.0, 1.0],
                            "reach_junior": [0.0, 0.0]})
    bound = _addition_bound(schools, frame, load_standard("quality-2017"), "sports_area",
                            shortfall=True)
    assert bound.tolist() == [6956.0, 0.0]


def test_without_a_budget_a_lead_groups_spending_is_spread_over_its_years():
    spend = np.array([[58_637.49, 0.0, 0.0]])
    assert spread_spending(spend, [2026, 2027, 2028], 2028, (1,)).tolist() == [
        [29_318.745, 29_318.745, 0.0]]


def _doc(confirmed: bool) -> dict:
    action = {"item": "gym", "project": "sports", "school_id": "S1", "name": "实验小学",
              "quantity": 6956.0, "cost": 100.0, "annual_cost": 0.0,
              "funding": {"2026": 50.0, "2027": 50.0}, "in_use_year": 2028}
    hire = {"item": "hire_pe_art", "project": "teachers", "school_id": "S1", "name": "实验小学",
            "quantity": 1.0, "cost": 30.0, "annual_cost": 10.0, "funding": {"2028": 10.0},
            "in_use_year": 2028}
    return {"county": {"name": "洛北县", "code": "410399"}, "data_year": 2025, "target_year": 2028,
            "years": [2026, 2027, 2028], "actions": [action, hire], "confirmed": confirmed,
            "objective": 130.0, "greedy": None,
            "status_text": plan_status_text(SolveStatus.OPTIMAL, 0.0, confirmed),
            "totals": {"by_project": {"sports": 100.0, "teachers": 30.0}},
            "before": None, "after": {"stages": {}, "failures": ["音乐美术专用教室 现值 65.5%"]},
            "diagnosis": None, "left_out": [], "warnings": [], "outside": [], "assumptions": [],
            "costs": {"recurring_years": 3}}


def test_a_failed_recheck_opens_the_chapter_and_is_never_called_optimal():
    doc = _doc(confirmed=False)
    r = WordReport()
    add_compliance_chapter(r, doc)
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    assert paras[1] == "复核未通过，仍缺：音乐美术专用教室 现值 65.5%。"
    assert not any("最优" in p for p in paras)
    assert "2026—2028 年共需投资 130.00 万元" in paras[2]
    assert shortfall_text(_doc(confirmed=True)) == ""


def test_the_year_tables_total_equals_the_texts_total(tmp_path):
    r = WordReport()
    add_compliance_chapter(r, _doc(confirmed=True))
    r.doc.save(str(tmp_path / "a.docx"))
    table = Document(str(tmp_path / "a.docx")).tables[-1]
    last = [c.text for c in table.rows[-1].cells]
    assert last == ["合计", "50.00", "50.00", "10.00", "130.00"]
    assert [c.text for c in table.rows[-2].cells][0] == "每年支出的以后年份（按 3 年计）"
