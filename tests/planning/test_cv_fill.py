"""What an area 差异系数 the 达标路径 leaves over its limit would take (review rv10 finding 13:
「最优」 and 「可达到的最低值」 beside 「仍未达标」, no m², no 万元, no year)."""

from types import SimpleNamespace as NS

import pandas as pd

from junheng.planning.cv_fill import cv_fill, cv_fills, fill_level, fill_text
from junheng.report.compliance_docx import _overview
from junheng.report.compliance_xlsx import solve_rows

KEY = "sports_area_per_student"


def _units(values, students, ownership=None):
    n = len(values)
    return pd.DataFrame({"school_id": [f"S{i}" for i in range(n)], "name": [f"{'甲乙丙丁'[i]}小学" for i in range(n)],
                         "stage": "primary", "students": students, KEY: values,
                         "ownership": ownership or ["public"] * n})


def test_the_fill_raises_the_lowest_public_school_to_the_level_that_meets_the_limit():
    # 甲 100 pupils at 5 m², 乙 100 at 15: mean 10, sd 5, CV 0.5. Raising 甲 to h gives
    # CV (15 − h) / (15 + h); at 0.25: h = 9, (9 − 5) × 100 = 400 m². 甲 has 100 m² of spare
    # ground: 100 × 0.09 = 9.00 万元 there, 300 × (0.06 + 0.09) = 45.00 on adjacent land: 54.00
    fill = cv_fill(_units([5.0, 15.0], [100, 100]), KEY, 0.25, {"S0": 100.0}, 0.09, 0.06)
    assert fill == {"level": 9.0, "area": 400, "ground": 100, "land": 300, "cost": 54.0,
                    "schools": [{"school_id": "S0", "name": "甲小学", "area": 400, "ground": 100,
                                 "land": 300, "cost": 54.0}]}


def test_a_private_school_is_left_to_its_owner_and_may_leave_no_level():
    # 民办 丙 at 1 m² (100 pupils) beside 乙 at 15 m²: 14 / 16 = 0.875, and only the school at
    # the top may be raised: no level reaches 0.25
    assert fill_level(pd.Series([1.0, 15.0]), pd.Series([100, 100]), pd.Series([False, True]), 0.25) is None
    assert cv_fill(_units([1.0, 15.0], [100, 100], ["private", "public"]), KEY, 0.25, {}, 0.09, 0.06) is None
    # a school being relocated is left as it is too
    assert cv_fill(_units([1.0, 15.0], [100, 100]), KEY, 0.25, {}, 0.09, 0.06, frozenset({"S0"})) is None


def test_two_low_schools_are_raised_to_one_level():
    # 甲 100 at 4, 乙 100 at 6, 丙 200 at 15: raising both to h = 9 gives 200 at 9 and 200 at
    # 15: mean 12, sd 3, CV 0.25. 甲 (9 − 4) × 100 = 500, 乙 300 m², on land: 800 × 0.15 = 120
    fill = cv_fill(_units([4.0, 6.0, 15.0], [100, 100, 200]), KEY, 0.25, {}, 0.09, 0.06)
    assert (fill["level"], fill["area"], fill["land"], fill["cost"]) == (9.0, 800, 800, 120.0)
    assert [(s["name"], s["area"]) for s in fill["schools"]] == [("甲小学", 500), ("乙小学", 300)]


def test_cv_fills_prices_each_area_cv_over_its_limit_on_the_ground_left_after_the_plan():
    # 甲's spare ground 1,000 less the layout's 200 and this plan's 750 m² field: 50 m² left
    units = _units([5.0, 15.0], [100, 100])
    evaluation = NS(units=units, stages={"primary": NS(indicators={
        KEY: NS(cv=0.5, limit=0.25, name="生均体育运动场馆面积"),
        "pe_art_teachers_per_100": NS(cv=0.9, limit=0.5, name="每百名学生拥有体育、艺术专任教师数")})})
    problem = NS(costs=NS(item=lambda k: NS(unit_cost=0.09), sports_remedy=NS(land_unit_cost=0.06)),
                 schools=pd.DataFrame({"school_id": ["S0", "S1"], "ground_whole": [1000.0, 0.0],
                                       "ground_layout": [200.0, 0.0]}),
                 no_build=(), numerator=lambda k: "sports_area" if k == KEY else "pe_art_teachers")
    actions = pd.DataFrame({"school_id": ["S0"], "item": ["field"], "built": [750.0]})
    (fill,) = cv_fills(problem, evaluation, actions)
    # 50 × 0.09 = 4.50 + 350 × 0.15 = 52.50: 57.00 万元; the teachers' CV is not an area's
    assert (fill["stage"], fill["cv"], fill["fill"]["ground"], fill["fill"]["land"], fill["fill"]["cost"]) == (
        "primary", 0.5, 50, 350, 57.0)


FILLS = [{"stage": "primary", "name": "生均体育运动场馆面积", "cv": 0.708, "limit": 0.5,
          "fill": {"level": 9.0, "area": 400, "ground": 100, "land": 300, "cost": 54.0,
                   "schools": [{"name": "甲小学", "area": 400}]}},
         {"stage": "junior", "name": "生均体育运动场馆面积", "cv": 0.597, "limit": 0.45, "fill": None}]


def test_the_fill_text_says_the_area_the_money_and_that_the_bureau_decides():
    assert fill_text(FILLS) == (
        "达标路径实施后小学生均体育运动场馆面积差异系数 0.708 降到限值 0.50，须把生均低于 9.0 平方米的 1 所公办学校补到 9.0 平方米，"
        "另增 400 平方米（甲小学 400 平方米；其中校内空地可建 100 平方米，其余 300 平方米须征用相邻用地），"
        "按本方案单价约 54.00 万元；达标路径实施后初中生均体育运动场馆面积差异系数 0.597：把公办学校补到全县最高的生均水平也降不到"
        "限值 0.45。以上本方案均未安排，未计入本方案总投资，须由局务会决定；须征用的相邻用地需论证、待核实，"
        "须经自然资源部门确认用地，确认前不列完成学年（见“评估未达标和待核实指标的整改措施”表）")
    assert fill_text([]) == ""
    # all on the schools' own ground (rv15 2: only land keeps a year back): the year by decision
    own = [{**FILLS[0], "fill": {**FILLS[0]["fill"], "ground": 400, "land": 0, "cost": 36.0}}]
    assert fill_text(own).endswith("（甲小学 400 平方米；均可建在校内空地上），按本方案单价约 36.00 万元。以上本方案均未安排，"
                                   "未计入本方案总投资，须由局务会决定，决定后的完成学年见“评估未达标和待核实指标的整改措施”表")


DOC = {"county": {"name": "洛北县", "code": "410331"}, "target_year": 2030, "confirmed": False, "after": {},
       "greedy": None, "status": "gap_limit", "gap": 0.000029, "objective": 80.0, "bound": 79.99,
       "totals": {"total": 80.0, "one_off": 80.0, "annual": 0.0},
       "actions": [{"project": "sports", "cost": 80.0, "annual_cost": 0.0, "funding": {"2028": 80.0}}],
       "cv_fill": FILLS}


def test_the_overview_of_a_failing_plan_says_the_least_within_its_measures_and_what_the_cvs_take():
    # rv10 13: 「这一投入的测算值与可达到的最低值相差不超过 0.0029%…；按此方案复核仍未达标」
    text = _overview(DOC)
    assert text == (
        "按所设单价和权重测算，洛北县在 2030 学年前可以实施的整改：一次性投入 80.00 万元（2028 学年）；"
        "已计价措施中投入最少（测算值与可达到的最低值相差不超过 0.0029%，测算口径见《达标路径工作簿》"
        "“方案说明”表）；按此仍未达标：全县 2030 学年仍不能通过复核。" + fill_text(FILLS)
        + "。一次性投入最多的是体育场馆建设，80.00 万元，占一次性投入的 100.0%。")
    assert "最优" not in text and text.count("仍未达标") == 1  # rv15 5: said once, after the least of the priced measures


def test_the_workbook_names_the_solve_the_least_within_its_measures_beside_a_fail():
    assert solve_rows(DOC) == [["模型求解状态", "所设措施范围内最低（与下界差 0.0029%，在容差 0.01% 内）"],
                               ["总投资（测算口径）在所设措施范围内可达到的最低值（下界：经计算证明任何方案都不会低于此数，万元）",
                                79.99]]
