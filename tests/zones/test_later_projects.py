"""Review finding 10: the zones result names the projects that open later as the remedy
of the over capacity it cannot relieve, and a run on the places of the year they open says
how much they relieve.

The example county with 城关第一小学 cut to 8 classrooms (8 × 45 = 360 places for its 542
pupils: 东关社区 236, 西关社区 210, 南庄村 96 after calibration, so 182 over) and one project:
示例县城关第二小学, 新建, 450 places, 竣工 2026-08-20 (in use from the 2026 学年), sited next
to 东关社区. With 2026 places the plan zones 东关社区 (236) to the new school: 城关第一小学 keeps
210 + 96 = 306 ≤ 360, so 182 → 0 over, 236 moved, all of them into the new school; the new
school has no pupils today, so the project relieves nothing directly (today's zones kept)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from junheng.errors import ConfigError
from junheng.io.example import example_county
from junheng.jobs.demo_zones import default_options
from junheng.jobs.zones_plan import input_options, solve_county_zones
from junheng.web.zones_view import options_from_form, public_options
from junheng.zones.verdict import KEEP, PLAN

NEW = "示例县城关第二小学"
RELIEF = (
    "按 2026 学年的学位划片（计入 2026 学年开学前投入使用的在建、规划项目，学生仍按 2025 学年）："
    f"超员 182 → 0 人，其中调整学区 236 人再缓解 182 人（划入{NEW} 236 人）"
)


def _county():
    data = example_county()
    rooms = data.facilities.copy()
    rooms.loc[rooms["school_id"] == "4103060001", "classrooms"] = 8
    project = pd.DataFrame(
        [
            {
                "school_id": "4103060009",
                "name": f"{NEW}新建工程",
                "project_type": "new_build",
                "completion_date": pd.Timestamp("2026-08-20"),
                "added_places": 450,
                "added_floor_area": 6000.0,
                "status": "planned",
                "site_lon": 112.600,
                "site_lat": 34.906,
                "town_code": "410306001",
            }
        ]
    )
    return data.with_tables(facilities=rooms, projects=project)


#: the plans below are made before the project's 竣工日期 (2026-08-20): it opens on time
MADE = date(2026, 6, 1)
WHAT = ("本表“调整学区学生”是按 2025 学年学位所求划片方案调整的学生；布局调整方案的“城区划片”"
        "按规划年（新建学校启用后）的学位和学生划片，两者口径不同。")


def _options(places_year=None):
    options = {**default_options("primary", 2025), "time_limit": 20.0}
    return {**options, "places_year": places_year}


def test_the_data_year_result_names_the_project_and_the_run_of_its_year(tmp_path):
    run = solve_county_zones(_county(), _options(), tmp_path, MADE)
    assert run.verdict.kind == KEEP and run.totals["方案超员"] == 182
    assert run.notes[0].startswith(
        "现行划片已是在约束下的最好结果：现状超员 182 人，调整学区不能缓解（不跨乡镇），"
        "超员需由扩建、新建解决（在建、规划项目见下条）。"
    )
    assert run.notes[1] == (
        f"在建、规划项目中{NEW}（新建，学位 450 个，2026 学年投入使用）将增加学位。{RELIEF}。{WHAT}"
        "要得到该方案的划片表和地图：把“学位计入学年”设为 2026 后重新计算。"
    )
    assert not any("见布局调整方案" in note for note in run.notes)


def test_a_project_past_its_completion_date_opens_the_school_year_after_the_plan_is_made(tmp_path):
    # Planner review 2026-12-05 finding 9: the zones dated an unfinished project (竣工 2025-12,
    # still 在建 on 2026-12-05) 2026 学年 where every other plan says 2027. Made on 2026-12-05,
    # the project due 2026-08-20 and still 规划 is in use from the first school year starting
    # after that day, 2027 (ProjectEntry.in_use_from), and the zones are solved on 2027 places.
    run = solve_county_zones(_county(), _options(), tmp_path, date(2026, 12, 5))
    assert run.notes[1] == (
        f"在建、规划项目中{NEW}（新建，学位 450 个，2027 学年投入使用）将增加学位。"
        + RELIEF.replace("2026", "2027") + f"。{WHAT}"
        "要得到该方案的划片表和地图：把“学位计入学年”设为 2027 后重新计算。"
    )


def test_the_run_on_the_projects_year_moves_the_villages_into_the_new_school(tmp_path):
    run = solve_county_zones(_county(), _options(2026), tmp_path, MADE)
    assert run.verdict.kind == PLAN
    assert (run.totals["现状超员"], run.totals["方案超员"], run.totals["调整学区学生"]) == (
        182,
        0,
        236,
    )
    names, school = run.data.blocks.names, run.plan.school
    assert run.data.schools.names[school[names.index("东关社区")]] == NEW
    assert run.notes[1] == (
        f"本方案学位计入 2026 学年开学前投入使用的在建、规划项目：{NEW}（新建，学位 450 个，"
        f"2026 学年投入使用）。{RELIEF}。"
    )
    assert not any("将增加学位" in note for note in run.notes)  # nothing opens later


def test_the_web_form_takes_the_places_year_and_names_the_plan_by_it():
    values = {"year": "2025", "stage": "primary", "places_year": "2027"}
    options = options_from_form(values, (2024, 2025))
    assert (
        options["places_year"] == 2027
        and options["name"] == "2025 学年小学就近划片（学位按 2027 学年）"
    )
    assert input_options(options)["projects_year"] == 2027
    assert public_options(options)["学位计入学年"] == "2027 学年"
    assert options_from_form({**values, "places_year": ""}, (2025,))["places_year"] is None
    with pytest.raises(ConfigError, match="学位计入学年“2036”无效：应为 2025—2035 之间的学年"):
        options_from_form({**values, "places_year": "2036"}, (2025,))


def test_an_expansion_says_its_filled_places_and_the_rooms_the_zones_count(tmp_path):
    # review 2026-12-04 finding 5: the zones said 新增学位 450 where the project said 495.
    # An expansion of 城关第一小学 filled in as 100 places: at 45 a class that is ⌊100/45⌋ = 2
    # classrooms, so the zones count 2 × 45 = 90 places; the note gives both figures.
    data = _county()
    project = data.projects.assign(
        school_id="4103060001", name="示例县城关第一小学教学楼", project_type="expansion",
        added_places=100, added_floor_area=float("nan"))
    run = solve_county_zones(data.with_tables(projects=project), _options(), tmp_path, MADE)
    assert ("在建、规划项目中示例县城关第一小学（改扩建，新增学位 100 个，划片按折合普通教室 2 间计 90 个，"
            "2026 学年投入使用）将增加学位。") in run.notes[1]


def test_a_school_over_only_on_the_zones_places_says_it_is_within_the_places_filled_in():
    # review2 'partly landed' 5: 第一初级中学 was "仍超员 24 人" on the zones' 450 places (9 rooms
    # × 50) though its project filled in 495: 24 ≤ 495 − 450 = 45, so the note says both; 46
    # over is more than the 45 extra places and stays a plain overflow.
    from junheng.jobs.zones_later import Opening, Relief

    school = Opening("第一初级中学", "改扩建", 450.0, 2026, filled=495, rooms=9)
    within = Relief(2025, 2026, 100, 24, 24, 0, left=(("第一初级中学", 24.0),), opened=(school,))
    assert within.text().endswith(
        "；仍超员：第一初级中学 24 人（按划片新增学位 450 个即折合普通教室 9 间 × 50 人计；"
        "在县区填报的新增学位 495 个之内，按填报学位不超员）")
    beyond = Relief(2025, 2026, 100, 46, 46, 0, left=(("第一初级中学", 46.0),), opened=(school,))
    assert beyond.text().endswith("；仍超员：第一初级中学 46 人")
