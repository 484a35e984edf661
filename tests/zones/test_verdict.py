"""Whether a solved zoning is presented as a plan (review finding 9), on the line of
test_crossing: 甲校's block (X乡) – 一村 (X乡, 30 pupils) – 二村 (X乡, 20) – 乙校's block
(Y镇); both villages go to 甲校 today; 二村 is 30 km from 甲校, 1 km from 乙校."""

from __future__ import annotations

import numpy as np
from shapely.geometry import Point

from junheng.jobs.zones import run_zones
from junheng.zones.build import cross_town
from junheng.zones.io import Blocks, Schools, ZoneInput
from junheng.zones.problem import ZoneProblem
from junheng.zones.verdict import CROSS_TOWN, KEEP, PLAN, as_option, judge

TOWNS = (["X乡", "X乡", "X乡", "Y镇"], ["X乡", "Y镇"])
CURRENT = np.array([0, 0, 0, 1])
DISTANCE = [[0, 5], [2, 20], [30, 1], [40, 0]]
TODAY, MOVED = [0, 0, 0, 1], [0, 0, 1, 1]


def line(capacity_a: float, capacity_b: float = 100.0, town_rule: bool = False) -> ZoneProblem:
    # town_rule: 二村 may not go to 乙校 (the 乡镇 rule of county data, as a candidate list)
    allowed = np.ones((4, 2), bool)
    allowed[2, 1] = not town_rule
    return ZoneProblem(pupils=[0, 30, 20, 0], edges=[[0, 1], [1, 2], [2, 3]], root=[0, 3],
                       capacity=[capacity_a, capacity_b], distance=DISTANCE, current=CURRENT,
                       allowed=allowed, cross=cross_town(TOWNS, CURRENT))


def test_a_plan_that_relieves_over_capacity_is_a_plan_with_its_cross_town_pupils():
    # 甲校 40 places: today 50 (10 over); 二村 (20) to 乙校: 30 and 20, nobody over.
    verdict = judge(line(40), MOVED)
    assert (verdict.kind, verdict.relieved, verdict.crossed, verdict.farthest) == (
        PLAN, 10.0, 20.0, 1.0)
    assert verdict.text() == ("划片方案：超员 10 → 0 人，调整学区 20 人，其中跨乡镇调整 20 人"
                              "（到新学校最远 1.0 公里）。")


def test_today_kept_with_over_capacity_says_why_and_whether_it_is_proven():
    # 甲校 40 places, 乙校 10: today 50 at 甲校 (10 over), nobody moved.
    verdict = judge(line(40, 10), TODAY)
    assert (verdict.kind, verdict.over_today, verdict.over_plan, verdict.moved) == (
        KEEP, 10.0, 10.0, 0.0)
    assert verdict.text() == ("现行划片已是在约束下的最好结果：现状超员 10 人，调整学区不能缓解"
                              "（不跨乡镇），超员需由扩建、新建解决（见布局调整方案）。")
    assert judge(line(40, 10), TODAY, proven=False).text().startswith(
        "在时限内没有找到比现行划片更好的方案（未证明最优）：现状超员 10 人")


def test_a_relieving_plan_found_across_town_lines_is_the_option_and_a_keep_stays():
    option = as_option(judge(line(40), MOVED))
    assert option.kind == CROSS_TOWN
    assert option.text() == ("跨乡镇调整备选方案：允许村居划入其他乡镇的学校后，超员 10 → 0 人，调整学区 20 人，"
                             "其中跨乡镇调整 20 人（到新学校最远 1.0 公里）；是否采用须县区与相关乡镇商定。")
    assert as_option(judge(line(40), TODAY)).kind == KEEP


def _input(problem: ZoneProblem) -> ZoneInput:
    blocks = Blocks(["学校：甲校", "一村", "二村", "学校：乙校"],
                    [Point(112.0 + i / 100, 34.0) for i in range(4)], problem.pupils,
                    ["甲校", "甲校", "甲校", "乙校"])
    schools = Schools(["甲校", "乙校"], np.array([112.0, 112.03]), np.array([34.0, 34.0]),
                      problem.capacity)
    return ZoneInput(problem, blocks, schools, towns=TOWNS)


def test_run_zones_keeps_today_and_names_the_cross_town_option_that_relieves(tmp_path):
    # Under the 乡镇 rule 二村 stays (10 over, nothing else to do): today's zones are
    # written; across 乡镇 the plan moves it (10 → 0 over): named as the option.
    run = run_zones(_input(line(40, town_rule=True)), tmp_path,
                    wider=lambda: _input(line(40)))
    assert run.verdict.kind == KEEP and run.verdict.option.kind == CROSS_TOWN
    assert run.plan.school.tolist() == TODAY and run.totals["调整学区学生"] == 0.0
    assert run.notes[0] == ("现行划片已是在约束下的最好结果：现状超员 10 人，调整学区不能缓解（不跨乡镇），"
                            "超员需由扩建、新建解决（见布局调整方案）。跨乡镇调整备选方案：允许村居划入其他乡镇的学校后，超员 10 → 0 人，"
                            "调整学区 20 人，其中跨乡镇调整 20 人（到新学校最远 1.0 公里）；是否采用须县区与相关"
                            "乡镇商定。")
    assert run.notes[1] == "要得到跨乡镇调整备选方案的划片表和地图：选“允许跨乡镇调整”后重新计算。"


def test_run_zones_keeps_today_when_no_plan_relieves_even_across_towns(tmp_path):
    # 乙校 has 10 places: 二村 there relieves nothing, so today's zones are written.
    run = run_zones(_input(line(40, 10, town_rule=True)), tmp_path,
                    wider=lambda: _input(line(40, 10)))
    assert run.verdict.kind == KEEP and run.verdict.wider
    assert run.plan.school.tolist() == TODAY and run.totals["调整学区学生"] == 0.0
    assert run.notes[0] == ("现行划片已是在约束下的最好结果：现状超员 10 人，调整学区不能缓解（允许跨乡镇"
                            "调整也不能减少），超员需由扩建、新建解决（见布局调整方案）。")
    assert run.notes[1] == "现行划片的超员：甲校 10 人。"
