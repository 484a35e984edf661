"""Brief hhonest2 (review rv13 findings 1, 2, 12): a row met only by the forecast's middle figure
with a margin inside the forecast's error says 待核实 with the reason, not 达到标准; the 学校达标
counts say 按预测中位数 with the units whose pass is within that error beside them; the layout's
大班额 cell is not a bare 0 while rooms are short. One rule for every margin:
:func:`~junheng.planning.standard_margins.error_pupils`."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.evaluate.engine import item_failure
from junheng.evaluate.items import ItemResult, Status
from junheng.evaluate.verdict import Verdict
from junheng.planning.compliance_due import decided_due
from junheng.planning.compliance_json import passing_text
from junheng.planning.compliance_measures import (
    PLAN,
    Context,
    _unit_rows,
    count_sentence,
    measure_rows,
)
from junheng.planning.layout_borrow import short_rooms
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.standard_margins import error_pupils, fragile_passing
from junheng.report.layout_rent import oversized_cell
from junheng.standards import load_standard

STD = load_standard("quality-2017")
JUNIOR = {"junior": (-0.0245, 0.0256)}  # the demo's 初中 interval: −2.45 %—+2.56 % of the middle figure


SIZE = ItemResult(STD.indicator("school_size"), 0.909, Status.NOT_MET, base="未超规模学校 50/55 所")


def _size_evaluation(*failing: ItemResult) -> SimpleNamespace:
    """An evaluation by hand with the 校额 item, failing as ``failing`` says."""
    return SimpleNamespace(verdict=Verdict(tuple(item_failure(r) for r in failing), ()), guarantee=(SIZE,),
                           quality=(), conditions=(), stages={}, basic_standard=None, standard=STD)


def test_the_size_row_within_the_forecast_error_is_to_be_checked_not_met():
    """第一初级中学 1,998 of 2,000 (margin 2 < ⌈1,998 × 0.0256⌉ = 52) and 实验中学 1,986 (margin 14 <
    ⌈1,986 × 0.0256⌉ = 51): 待核实 with both named; the count sentence counts it 待核实, not 达到;
    it is still due in 2030. Without such schools the row keeps 「按测算 2030 学年达到标准」."""
    current, after = _size_evaluation(SIZE), _size_evaluation()
    near = ({"name": "洛北县第一初级中学", "margin": 2}, {"name": "洛北县实验中学", "margin": 14})
    rows = measure_rows(current, Context(after, frozenset(), True, 2027, 2030, near_cap=near))
    assert (rows[0]["basis"], rows[0]["after"]) == (
        PLAN, "待核实：按预测中位数 2030 学年不超过上限（洛北县第一初级中学余 2 人、洛北县实验中学余 14 人），"
              "须逐年核定招生")
    assert "达到标准" not in rows[0]["after"]
    # rv28 5: 「均小于预测误差」 moved to the 完成学年 cell, the year kept and said so
    assert decided_due(rows[0], {}) == "2030 学年（余量小于预测误差）"
    assert "按测算 2030 学年达到的 0 项，仍未达到的 0 项，待核实的 1 项" in count_sentence(rows, 2030, "表 1")
    one = measure_rows(current, Context(after, frozenset(), True, 2027, 2030, near_cap=near[:1]))
    assert one[0]["after"] == ("待核实：按预测中位数 2030 学年不超过上限（洛北县第一初级中学余 2 人），"
                               "须逐年核定招生")
    plain = measure_rows(current, Context(after, frozenset(), True, 2027, 2030))
    assert plain[0]["after"] == "按测算 2030 学年达到标准"


def test_error_pupils_is_the_upper_bound_or_the_floor_margin():
    # ⌈1,998 × 0.0256⌉ = ⌈51.15⌉ = 52; no forecast: ⌈845 × 0.02⌉ + 1 = 17 + 1 = 18
    assert error_pupils(1998, "junior", JUNIOR) == 52
    assert error_pupils(845, "primary", {}, 0.02) == 18
    # a stage the interval lacks falls back on the floor margin too: ⌈100 × 0.02⌉ + 1 = 3
    assert error_pupils(100, "primary", JUNIOR) == 3


def test_fragile_passing_names_the_passing_units_within_the_error():
    """Floor rows at 0.85 × 10.2 = 8.67 m²: 17,700 m² hold ⌊2,041.5⌋ = 2,041 pupils, the 2,042nd
    falls below: margin 44 ≤ 52, fragile; 18,000 m² hold ⌊2,076.1⌋ = 2,076: margin 79 > 52, safe.
    A standards margin whose loss is a second indicator below (others_below 1 of 1 allowed) is
    fragile; one that would be the first below (0 of 1) is not; a failing unit or one counted on
    assumed figures is not counted."""
    units = pd.DataFrame({"school_id": ["A", "B", "C", "D", "E", "N"], "stage": "junior",
                          "passes": [True, True, True, True, False, True]})
    floor = [{"school_id": "A", "name": "一初中", "stage": "junior", "area": 17700.0, "pupils": 1998,
              "standard": 10.2, "ratio": 0.85},
             {"school_id": "B", "name": "二初中", "stage": "junior", "area": 18000.0, "pupils": 1998,
              "standard": 10.2, "ratio": 0.85}]
    margins = [{"school_id": "C", "name": "三初中", "stage": "junior", "others_below": 1, "allowed_below": 1},
               {"school_id": "D", "name": "四中", "stage": "junior", "others_below": 0, "allowed_below": 1},
               {"school_id": "E", "name": "实验中学", "stage": "junior", "others_below": 1, "allowed_below": 1},
               {"school_id": "N", "name": "新区学校", "stage": "junior", "others_below": 1, "allowed_below": 1},
               {"school_id": "A", "name": "一初中", "stage": "junior", "others_below": 1, "allowed_below": 1}]
    assert fragile_passing(units, margins, floor, JUNIOR, skip=frozenset({"N"})) == {"junior": ["一初中", "三初中"]}
    assert fragile_passing(units, [], floor[1:], JUNIOR) == {}


def test_the_count_says_the_middle_figure_and_the_fragile_beside():
    assert passing_text({"units": 18, "passing": 14, "fragile_passing": ["甲", "乙"]}) == (
        "按预测中位数 14/18，其中 2 所余量小于预测误差")
    # none within the error: the basis said, no count of 0
    assert passing_text({"units": 18, "passing": 14, "fragile_passing": []}, " 所达标") == "按预测中位数 14/18 所达标"
    # today's counts (no forecast) unchanged
    assert passing_text({"units": 18, "passing": 5}) == "5/18"
    assert passing_text({"units": 44, "passing": 43, "assumed_passing": ["新小学"], "fragile_passing": ["甲"]},
                        " 所达标") == "按预测中位数 42/44 所达标，其中 1 所余量小于预测误差，另 1 所（新小学）按假设值计，待核实"


def test_the_school_rule_row_says_the_fragile_count_and_a_full_pass_is_to_be_checked():
    failing = SimpleNamespace(id="school_rule", stage="junior")
    current = SimpleNamespace(standard=STD, stages={"junior": SimpleNamespace(units=18, units_passing=5)},
                              verdict=SimpleNamespace(failures=(failing,)))

    def after(passing):
        return SimpleNamespace(stages={"junior": SimpleNamespace(units=18, units_passing=passing)},
                               units=pd.DataFrame(columns=["school_id", "stage", "name", "passes"]))

    fragile = {"junior": ["一初中", "三初中", "新区实验学校"]}
    still = _unit_rows(current, Context(after(14), frozenset(), True, 2027, 2030, fragile=fragile),
                       {("school_rule", "junior")})
    assert still[0]["after"] == "仍未达标（按预测中位数 14/18 所达标，其中 3 所余量小于预测误差）（见“未解决事项”表）"
    met = _unit_rows(current, Context(after(18), frozenset(), True, 2027, 2030, fragile=fragile), set())
    assert met[0]["after"] == ("待核实：按测算 2030 学年全部达标（按预测中位数 18/18 所达标，其中 3 所余量小于预测误差），"
                               "须逐年核定招生")
    safe = _unit_rows(current, Context(after(18), frozenset(), True, 2027, 2030, fragile={}), set())
    assert safe[0]["after"] == "按测算 2030 学年全部达标（按预测中位数 18/18 所达标）"


def test_the_oversized_cell_shows_the_rooms_short_beside_the_zero():
    assert oversized_cell(0, 10) == "0（待核实：规划年仍缺普通教室 10 间，在借用教室上课的班级按平均班额计入）"
    assert oversized_cell(3, 1_200) == "3（待核实：规划年仍缺普通教室 1,200 间，在借用教室上课的班级按平均班额计入）"
    assert oversized_cell(0, 0) == 0
    plan = LayoutOutcome("optimal", (), {})  # no 过渡期: the county seat's rooms short after building
    assert short_rooms(plan, {"urban_classroom_shortfall": 10}) == 10
    assert short_rooms(plan, {}) == 0


def test_floor_cover_prices_a_margin_past_the_forecast_error():
    """Brief hhonest2 2 (第一初级中学 stops at the floor with 1,835 m² of its own ground left).
    0.85 × 10.2 = 8.67 m² a pupil at the floor; the error ⌈1,998 × 0.0256⌉ = 52 pupils;
    holding 1,998 + 52 = 2,050 takes 8.67 × 2,050 = 17,773.5 m²: 17,773.5 − 17,527 = 246.5 →
    247 m², × 0.09 万元 = 22.23 万元, within 1,835 m². A 一贯制 school's 初中 (600 of 1,000 pupils)
    needs 1,000 / 600 of its stage's m² on the whole school: 8.67 × (600 + ⌈600 × 0.0256⌉ = 16)
    = 5,340.72 − 5,250 = 90.72 × 1,000 / 600 = 151.2 → 152 m², 13.68 万元; no ground left: not
    fits. A row whose margin is past the error already (18,000 m²: 79 > 52) is left out."""
    from junheng.planning.standard_margins import floor_cover
    from junheng.report.compliance_floor import cover_sentence

    rows = [{"school_id": "A", "name": "洛北县第一初级中学", "stage": "junior", "area": 17527.0, "pupils": 1998,
             "standard": 10.2, "ratio": 0.85},
            {"school_id": "X", "name": "新区实验学校", "stage": "junior", "area": 5250.0, "pupils": 600,
             "standard": 10.2, "ratio": 0.85},
            {"school_id": "B", "name": "二初中", "stage": "junior", "area": 18000.0, "pupils": 1998,
             "standard": 10.2, "ratio": 0.85}]
    cover = floor_cover(rows, JUNIOR, 0.02, {"A": 1998, "X": 1000, "B": 1998}, {"A": 1835.0, "X": 0.0}, 0.09)
    assert [(c["name"], c["error"], c["m2"], c["cost"], c["spare"], c["fits"]) for c in cover] == [
        ("洛北县第一初级中学", 52, 247, 22.23, 1835, True), ("新区实验学校", 16, 152, 13.68, 0, False)]
    assert cover_sentence(cover) == (
        "留足预测误差：按招生预测区间上限留足余量，洛北县第一初级中学（初中，可多容纳 52 人）须再建室外体育运动场地 247 平方米、"
        "约 22.23 万元（校内空地建设后余 1,835 平方米，够用）；新区实验学校（初中，可多容纳 16 人）须再建室外体育运动场地 "
        "152 平方米、约 13.68 万元（校内空地建设后余 0 平方米，不够，须征地、租用或布局分流）。其中本校空地够用的 1 所共约 "
        "22.23 万元，本方案未计入（按标准的 85% 加余量规划，投资最少）；是否建设由局务会决定，建成后该校生均体育运动场馆面积的余量大于预测误差。")
    assert cover_sentence([]) == ""
    # the ground unknown: said, not guessed
    unknown = floor_cover(rows[:1], JUNIOR, 0.02, {}, {}, 0.09)
    assert unknown[0]["fits"] is False and "校内空地无数据，须现场核定" in cover_sentence(unknown)


def test_the_class_size_row_says_the_rooms_still_short():
    """Brief hhonest2 3: the layout's target year still lacks 10 rooms; the 班额 row says so in
    its cell, 待核实; without rooms short the row keeps its average-class wording."""
    classes = ItemResult(STD.indicator("class_size"), 0.779, Status.NOT_MET, base="未超标准班额班级 1,000/1,284 个")

    def evaluation(*failing):
        return SimpleNamespace(verdict=Verdict(tuple(item_failure(r) for r in failing), ()), guarantee=(classes,),
                               quality=(), conditions=(), stages={}, basic_standard=None, standard=STD)

    rows = measure_rows(evaluation(classes), Context(evaluation(), frozenset(), True, 2027, 2030, rooms_short=10))
    assert rows[0]["after"] == ("待核实：按平均班额测算 2030 学年不超过标准班额，但该学年仍缺普通教室 10 间（在借用教室上课的班级"
                                "按平均班额计入）；须按各班实际人数逐班复核")
    assert "达到标准" not in rows[0]["after"]
    plain = measure_rows(evaluation(classes), Context(evaluation(), frozenset(), True, 2027, 2030))
    assert plain[0]["after"].startswith("待核实：按平均班额测算 2030 学年可达到标准")


def test_standard_margins_leave_out_the_units_the_recheck_fails():
    """Two 小学 units with 3,802.5 m² = 845 × 4.5 of 教学及辅助用房 (margin 1 ≤ ⌈845 × 0.026⌉ = 22),
    each with one other indicator below standard: D passes (its other one above 85 %), F fails
    already (its other one below 85 %, as 实验中学's sports area at 47 %): only D is a risk."""
    from junheng.planning.standard_margins import standard_margins

    area = "teaching_area_per_student"
    assessment = pd.DataFrame({"unit_id": ["D:primary", "F:primary"], "school_id": ["D", "F"], "stage": "primary",
                               "students": 845, "indicator": area, "current": 3802.5, "per": 1, "threshold": 4.5,
                               "met": True})
    below = assessment.assign(indicator="sports_area_per_student", met=False)
    units = pd.DataFrame({"unit_id": ["D:primary", "F:primary"], "school_id": ["D", "F"],
                          "passes": [True, False]})
    evaluation = SimpleNamespace(assessment=pd.concat([assessment, below]), units=units, standard=STD)
    got = standard_margins(evaluation, {"primary": (-0.02, 0.026)}, 0.02, {"D": "第四小学", "F": "实验中学"})
    assert [(m["name"], m["margin"], m["others_below"]) for m in got] == [("第四小学", 1, 1)]


# --- review rv18 8: a unit counted 达标 by the 85 % rule on a thin margin or on new 骨干 -----------

def _new_junior(pupils: int, trained: int, current: float = 7.0) -> list[dict]:
    """A new 初中 N with ``current`` 骨干 (``trained`` of them new, 培养认定 by the plan) for
    ``pupils``, below the standard of 1 per 100, its one indicator below; a 小学 P in the sports
    floor table (``covered``), with its sports area at 86.7 %."""
    from junheng.planning.standard_margins import standard_margins

    backbone = "backbone_teachers_per_100"
    a = pd.DataFrame({"unit_id": ["N:junior", "P:primary"], "school_id": ["N", "P"], "stage": ["junior", "primary"],
                      "students": [pupils, 595], "indicator": [backbone, "sports_area_per_student"],
                      "current": [current, 3869.0], "per": [100, 1], "threshold": [1.0, 7.5],
                      "value": [current * 100 / pupils, 3869 / 595], "met": False})
    units = pd.DataFrame({"unit_id": ["N:junior", "P:primary"], "school_id": ["N", "P"], "passes": True})
    evaluation = SimpleNamespace(assessment=a, units=units, standard=STD)
    return standard_margins(evaluation, JUNIOR, 0.02, {"N": "文化路社区片区初级中学", "P": "东城小学"},
                            {("N", "junior"): trained}, frozenset({("P", "primary")}))


def test_a_unit_passing_by_the_85_rule_within_the_error_is_a_risk_with_its_appointments():
    """7 骨干 per 821 pupils = 0.853 per 100, 85.3 % of the standard 1: ⌊700 / 0.85⌋ = 823 pupils hold
    85 %, so 3 more than forecast fail it, within ⌈821 × 0.0256⌉ = 22; 0.85 × 821 / 100 = 6.98
    骨干 are needed, so 1 of the 2 new 骨干 not 认定 fails it too. The sports floor table's unit is
    said there, not here; the unit is fragile; the table's row and the sentence say both."""
    from junheng.planning.standard_margins import margin_heads, margin_risk, margin_rows

    got = _new_junior(821, 2)
    assert [(m["name"], m["margin"], m["within"], m["appoint"], m["share"]) for m in got] == [
        ("文化路社区片区初级中学", 3, True, 1, 0.8526)]
    units = pd.DataFrame({"school_id": ["N"], "stage": ["junior"], "name": ["文化路社区片区初级中学"], "passes": [True]})
    assert fragile_passing(units, got, [], JUNIOR) == {"junior": ["文化路社区片区初级中学"]}
    assert margin_rows(got) == [["文化路社区片区初级中学", "初中", "每百名学生拥有县级以上骨干教师数", "821", "3",
                                 "85.3%，学生比预测多 3 人或 1 名认定未成即不达标"]]
    assert margin_heads(got)[4:] == ("余量（学生比预测多出此数即低于标准或不达标，人）", "低于标准后（按 85% 计达标的：占标准、不达标条件）")
    assert margin_risk(got) == (
        "风险：表中 1 所学校按“其余指标不低于 85%”计达标，余量小于预测误差或待骨干教师认定：文化路社区片区初级中学"
        "（初中，85.3%，学生比预测多 3 人或 1 名认定未成即不达标）。须逐年核对其招生，超出时以划片分流，或相应增加面积、设备或教师。")


def test_a_unit_passing_by_the_85_rule_is_listed_for_its_appointments_alone():
    """9 骨干 for 950 pupils: 94.7 % of the standard; ⌊900 / 0.85⌋ = 1,058 pupils hold 85 %, 109 more
    than forecast, past ⌈950 × 0.0256⌉ = 25: not fragile; but 0.85 × 9.5 = 8.075 骨干 are needed,
    so 1 of its 2 new 骨干 not 认定 fails it: listed for that alone. With no new 骨干 there it is
    not listed."""
    got = _new_junior(950, 2, 9.0)
    assert [(m["margin"], m["within"], m["appoint"], m["share"]) for m in got] == [(109, False, 1, 0.9474)]
    units = pd.DataFrame({"school_id": ["N"], "stage": ["junior"], "name": ["甲"], "passes": [True]})
    assert fragile_passing(units, got, [], JUNIOR) == {}
    assert _new_junior(950, 0, 9.0) == []


# --- review rv19 4, 5: a unit meeting its standard only by its one new 骨干; each unit counted once ----

def test_a_unit_meeting_the_standard_only_by_its_new_backbone_is_a_row():
    """石店镇魏西坪村小学: 2 骨干 (1 of them new) for 139 pupils, 1.44 per 100, meets the standard
    of 1; the one new 骨干 not 认定 leaves 1 / 1.39 = 0.72, below 0.85: the school fails. Its pupil
    margin to 85 % (⌊200 / 0.85⌋ = 235 pupils, 97 more) is past ⌈139 × 0.02⌉ + 1 = 4, so the table
    says 「—」 there, and the row is not called fragile (it is said with the 认定). Its margin to the
    standard (⌊200 / 1⌋ − 139 + 1 = 62) is past the error too, so it is in no other row."""
    from junheng.planning.standard_margins import margin_risk, margin_rows, standard_margins

    backbone = "backbone_teachers_per_100"
    a = pd.DataFrame({"unit_id": ["W:primary"], "school_id": ["W"], "stage": ["primary"], "students": [139],
                      "indicator": [backbone], "current": [2.0], "per": [100], "threshold": [1.0], "met": True})
    evaluation = SimpleNamespace(assessment=a, units=pd.DataFrame({"unit_id": ["W:primary"], "school_id": ["W"],
                                                                   "passes": True}), standard=STD)
    got = standard_margins(evaluation, {}, 0.02, {"W": "石店镇魏西坪村小学"}, {("W", "primary"): 1})
    assert [(m["margin"], m["within"], m["appoint"], m["met"]) for m in got] == [(97, False, 1, True)]
    assert margin_rows(got) == [["石店镇魏西坪村小学", "小学", "每百名学生拥有县级以上骨干教师数", "139", "—",
                                 "1 名认定未成即不达标"]]
    units = pd.DataFrame({"school_id": ["W"], "stage": ["primary"], "name": ["石店镇魏西坪村小学"], "passes": [True]})
    assert fragile_passing(units, got, [], {}) == {}
    assert margin_risk(got).startswith("风险：表中 1 所学校按“其余指标不低于 85%”计达标，余量小于预测误差或待骨干教师认定："
                                       "石店镇魏西坪村小学（小学，1 名认定未成即不达标）。")
    assert standard_margins(evaluation, {}, 0.02, {"W": "石店镇魏西坪村小学"}, {("W", "primary"): 0}) == []


def test_the_85_rule_sentence_counts_each_school_once():
    """Review rv19 5: 「表中 11 所…」 then 「表中另有 7 所…」 with 3 of the 7 among the 11. Here 2
    margin schools (甲, 乙) and 2 units by the 85 % rule (乙 again, 丙): 3 distinct, said 「2 所学校（其中
    1 所已在上述 2 所学校之中，另有 1 所）」."""
    from junheng.planning.standard_margins import margin_risk

    m = {"name": "甲", "stage": "primary", "pupils": 845, "margin": 1, "label": "生均教学及辅助用房面积",
         "others_below": 0, "allowed_below": 1}
    f = {"name": "乙", "stage": "primary", "floor": 0.85, "share": 0.86, "margin": 3}
    text = margin_risk([m, {**m, "name": "乙", "margin": 2}, f, {**f, "name": "丙", "margin": 5}])
    assert "表中 2 所学校按规划年预测的学生数达到标准" in text
    assert ("表中按“其余指标不低于 85%”计达标、余量小于预测误差或待骨干教师认定的有 2 所学校（其中 1 所已在上述 2 所学校之中，"
            "另有 1 所）：乙（小学，86.0%，学生比预测多 3 人即不达标）等。") in text
    assert "另有 2 所" not in text
