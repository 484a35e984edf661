"""Brief hlease: a lease of 教学及辅助用房 for the school's independent use is 租赁校舍, never filed
under 临时周转 (which is no 校舍面积); a standard met with a margin within the forecast's error is
a 风险 with its margin in pupils; the sports-renting route says whether the 复核 counts it; the
cover-money clause is a sentence of its own.

The county is tests/planning/test_compliance_temporary_area.py's: 示例县城关第一小学 with 780
pupils in 2028 (130 a grade) and 540 after, 12 普通教室 and 2,750 m² of 教学及辅助用房. 2028
lacks 6 rooms (临时周转, 6 间·学年 × 2.00 万元 = 12.00 万元) and 574 m² (leased for 2028 alone,
574 m²·学年 × 2.00 万元 / 120 m² = 9.5667, 9.57 万元).
"""

import sys
from pathlib import Path

import pandas as pd
import pytest

from junheng.planning.compliance_costs import shared_use_words
from junheng.planning.compliance_sports_path import path_lines
from junheng.planning.compliance_unresolved import UNRESOLVED, area_decisions
from junheng.planning.standard_margins import margin_risk, margin_rows, near_standard
from junheng.report.compliance_floor import floor_names

sys.path.insert(0, str(Path(__file__).parent))
from test_compliance_temporary import LEVEL, SCHOOL, _plan  # noqa: E402

PEAK = dict.fromkeys(range(1, 7), 130)  # 780 pupils in 2028
#: the words of the route where the price file does not count leased grounds (the default)
NOT_COUNTED = "就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）"
ALLOWED = {"allowed": True, "max_share": 0.3, "source": "某省优质均衡实施办法第五条"}


@pytest.fixture(scope="module")
def peak_doc():
    from junheng.planning.compliance_json import compliance_dict

    return compliance_dict(_plan({2028: PEAK, 2029: LEVEL, 2030: LEVEL, 2031: LEVEL}))


def test_the_workbook_lists_the_lease_as_its_own_project_not_under_temporary(peak_doc):
    from junheng.report.compliance_xlsx import list_body

    rows = [r for r in list_body(peak_doc) if r[1] == "示例县城关第一小学" and r[2] in ("临时周转", "租赁校舍")]
    assert [(r[2], r[3].split("（")[0], r[4]) for r in rows] == [
        ("临时周转", "临时周转解决普通教室缺口", 12.0),
        ("租赁校舍", "租赁教学及辅助用房", 9.57)]
    assert not any(r[2] == "临时周转" and "租赁" in r[3] for r in list_body(peak_doc))


def test_the_year_table_and_the_document_name_the_lease_apart(peak_doc):
    from junheng.planning.compliance_json import year_rows
    from junheng.report.compliance_docx import _project_para

    lines = {name: total for name, _, total in year_rows(peak_doc)[1]}
    assert (lines["临时周转"], lines["租赁校舍"]) == (12.0, 9.57)
    actions = [a for a in peak_doc["actions"] if a["project"] == "rented_area"]
    assert [a["item"] for a in actions] == ["temporary_area"]
    assert _project_para("rented_area", actions, peak_doc) == (
        "1 所学校的教学及辅助用房缺口持续较短、不新建：租赁校舍、由学校独立使用，共 574 平方米·学年，"
        "按非学校产权独立使用校舍计入教学及辅助用房（不是临时周转，逐校租期、租金和各学年的缺口见本节各段），"
        "投资 9.57 万元，2028 学年安排资金，当年实施，2028 学年投入使用。投资较多的学校：示例县城关第一小学（9.57 万元）。")


def test_the_other_one_off_money_names_the_lease_apart_from_temporary():
    from junheng.planning.plans_budget import other_once, other_once_text

    # 12.00 of 临时周转, 9.57 of 租赁校舍 and 30.00 of 设备: 51.57 万元
    actions = pd.DataFrame({"project": ["temporary", "rented_area", "equipment"], "cost": [12.0, 9.57, 30.0]})
    doc = other_once(actions, 5157)
    assert doc == {"compliance_other_once": 51.57, "compliance_temporary": 12.0, "compliance_rented": 9.57}
    assert other_once_text(doc) == ("设备、培训、临时周转、租赁校舍等一次性投入 51.57 万元（其中临时周转 12.00 万元、"
                                    "租赁校舍 9.57 万元，不计入建设投资）")


def test_a_lease_of_exactly_the_shortfall_is_a_risk_of_one_pupil(peak_doc):
    """2,750 + 96 + 90 (the music and art rooms) + 574 = 3,510 m² = 780 × 4.5: the 781st pupil
    takes it below 4.5 m²; the example county has no forecast interval, so the allowance is the
    sports floor's 2 % margin: ⌈780 × 0.02⌉ + 1 = 17 pupils."""
    mine = [m for m in peak_doc["standard_margins"] if m["school_id"] == SCHOOL]
    # the plan buys equipment and builds sports area to the standard too: 1,560,000 元 / 2,000 =
    # 780 and 5,850 m² / 7.5 = 780 pupils; 18 multimedia rooms per 100 at 2.3 hold ⌊782.6⌋ = 782
    # (margin 3); 29 higher-degree teachers for 780 pupils are 3.72 per 100 against 4.2: its one
    # indicator below standard, so any of these falling below fails the school rule
    assert [(m["indicator"], m["margin"], m["others_below"]) for m in mine] == [
        ("equipment_value_per_student", 1, 1), ("sports_area_per_student", 1, 1),
        ("teaching_area_per_student", 1, 1), ("multimedia_rooms_per_100", 3, 1)]
    area = next(m for m in mine if m["indicator"] == "teaching_area_per_student")
    assert area == {"school_id": SCHOOL, "stage": "primary", "indicator": "teaching_area_per_student",
                    "pupils": 780, "margin": 1, "others_below": 1, "allowed_below": 1,
                    "name": "示例县城关第一小学", "label": "生均教学及辅助用房面积"}
    assert margin_rows([area]) == [["示例县城关第一小学", "小学", "生均教学及辅助用房面积", "780", "1",
                                    "该校已有 1 项指标低于标准，不能通过学校达标复核"]]
    assert margin_risk(mine) == (
        "风险：表中 1 所学校按规划年预测的学生数达到标准，余量小于招生预测的误差，学生比预测多出表中余量即低于标准："
        "示例县城关第一小学（小学）学生比预测多 1 人即低于标准（生均教学仪器设备值、生均体育运动场馆面积、生均教学及辅助用房面积）；"
        "其中 1 所学校已有 1 项指标低于标准，再有此项低于标准即不能通过学校达标复核。须逐年核对其招生，超出时以划片分流，"
        "或相应增加面积、设备或教师。")


def _rows(**over) -> pd.DataFrame:
    base = {"unit_id": "D:primary", "school_id": "D", "stage": "primary", "students": 845,
            "indicator": "teaching_area_per_student", "current": 3802.5, "per": 1, "threshold": 4.5, "met": True}
    return pd.DataFrame([base | over])


def test_margins_are_counted_against_the_forecasts_upper_bound():
    # 3,802.5 m² hold 845 pupils (margin 1); 3,900 m² hold 866 (margin 22); the upper bound +2.6 %:
    # ⌈845 × 0.026⌉ = ⌈21.97⌉ = 22, so 22 is named and 23 (3,904.5 m² hold 867) is not
    interval = {"primary": (-0.025, 0.026)}
    assert [m["margin"] for m in near_standard(_rows(), interval)] == [1]
    assert [m["margin"] for m in near_standard(_rows(current=3900.0), interval)] == [22]
    assert near_standard(_rows(current=3904.5), interval) == []
    # 2 backbone teachers per 100 at 1.0 hold 200 pupils: 199 pupils have a margin of 2
    per_100 = _rows(indicator="backbone_teachers_per_100", current=2.0, per=100, threshold=1.0, students=199)
    assert [m["margin"] for m in near_standard(per_100, interval)] == [2]


def test_units_not_met_private_or_already_failing_are_not_margins():
    interval = {"primary": (-0.025, 0.026)}
    assert near_standard(_rows(met=False), interval) == []
    assert near_standard(_rows(), interval, skip=frozenset({"D"})) == []
    # two other indicators below standard: the school fails the rule whatever this one does
    failing = pd.concat([_rows(), _rows(indicator="a", met=False), _rows(indicator="b", met=False)])
    assert near_standard(failing, interval) == []
    one = pd.concat([_rows(), _rows(indicator="a", met=False)])
    assert [m["others_below"] for m in near_standard(one, interval)] == [1]


def test_sports_renting_says_it_does_not_count_unless_the_province_allows_it():
    assert shared_use_words() == NOT_COUNTED
    assert shared_use_words({"allowed": False, "max_share": 0.3, "source": "x"}) == NOT_COUNTED
    assert shared_use_words(ALLOWED) == (
        "就近共享、租用公共体育设施（签订长期使用协议，按某省优质均衡实施办法第五条计入生均体育运动场馆面积，"
        "租用面积至多占计入后面积的 30%）")


def _decision_doc(lease, remedy="adjacent_land") -> dict:
    return {"costs": {"lease": lease},
            "unresolved": [{"school": "甲中学（初中）", "item": "生均体育运动场馆面积", "current": "4.79 平方米/生",
                            "standard": "10.2 平方米/生", "reason": UNRESOLVED + "：校内无空地", "short_m2": 8053}],
            "sports_path": {"remedy": remedy, "remedy_name": "某途径",
                            "schools": [{"name": "甲中学", "stage": "junior", "cost": 1207.95}]}}


def test_the_boards_decision_offers_renting_with_whether_it_counts():
    head = ("须由局务会决定（学校达标仍缺面积、本校用地放不下）：甲中学（初中）生均体育运动场馆面积 4.79 平方米/生"
            "（标准 10.2 平方米/生），仍缺 8,053 平方米，可选")
    assert area_decisions(_decision_doc({"allowed": False})) == (
        f"{head}某途径（约 1,207.95 万元，未计入本方案总投资）、{NOT_COUNTED}、布局分流减少该校学生。")
    assert area_decisions(_decision_doc(ALLOWED)) == (
        f"{head}某途径（约 1,207.95 万元，未计入本方案总投资）、{shared_use_words(ALLOWED)}、布局分流减少该校学生。")
    # the priced route is the shared one: said once, with its money
    assert area_decisions(_decision_doc(ALLOWED, "shared_use")) == (
        f"{head}{shared_use_words(ALLOWED)}（约 1,207.95 万元，未计入本方案总投资）、布局分流减少该校学生。")


def test_the_sports_path_and_the_floor_risk_offer_renting_only_as_it_counts():
    path = {"remedy": "relocation", "remedy_name": "迁建", "unit_price": None, "fund_years": [2028],
            "in_use_year": 2030, "schools": [{"name": "甲中学", "stage": "junior", "short_m2": 10, "area_m2": 10,
                                               "built_m2": 10.0, "cost": None, "spare_m2": 0}]}
    assert f"有三种解决途径：{NOT_COUNTED}，置换或征用相邻用地建室外运动场，迁建。" in path_lines(path)[0]
    assert f"有三种解决途径：{shared_use_words(ALLOWED)}，置换" in path_lines({**path, "lease": ALLOWED})[0]
    rows = [{"name": "甲中学", "stage": "junior", "area": 17527.0, "pupils": 1998, "standard": 10.2, "ratio": 0.85}]
    assert floor_names(rows).endswith("须逐年核对其招生，超出时以划片分流。")
    assert floor_names(rows, ALLOWED).endswith(f"超出时以划片分流或{shared_use_words(ALLOWED)}补足。")


def test_the_cover_money_is_a_sentence_of_its_own_before_the_plan_still_fails():
    from junheng.report.compliance_docx import _overview

    # 1,000.00 one-off in 2027 and 100.00 of hires covering rotated teachers (10.00 a year × 5 years)
    doc = {"county": {"name": "甲县", "code": "410000"}, "target_year": 2030, "confirmed": False,
           "status": "optimal", "gap": 0.0, "greedy": None, "after": {}, "costs": {"recurring_years": 5},
           "unresolved": [{"school": "甲中学"}], "measures": {"rows": []},
           "totals": {"one_off": 1000.0, "annual": 0.0},
           "actions": [{"project": "sports", "item": "field", "cost": 1000.0, "annual_cost": 0.0,
                        "funding": {"2027": 1000.0}},
                       {"project": "teachers", "item": "rotation_cover", "cost": 100.0, "annual_cost": 0.0,
                        "funding": {"2027": 100.0}}]}
    assert _overview(doc, table=2).startswith(
        "按所设单价和权重测算，甲县在 2030 学年前可以实施的整改：一次性投入 1,000.00 万元（2027 学年）；"
        "已计价措施中投入最少（测算口径见《达标路径工作簿》“方案说明”表）。上述投入中，交流轮岗期间顶岗招聘教师的"
        "人员经费 100.00 万元已计入测算，上述比较包括这笔支出。按此仍未达标：全县 2030 学年仍不能通过复核，"
        "本方案措施仍未能解决的事项 1 项（见表 2）。一次性投入最多的是")
