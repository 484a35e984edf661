"""The layout plan's page (review of the web app on the demo county): the 保留原因 table
lists only the kept and expanded schools whose keeping is explained, a new school shows a
Chinese label instead of its candidate id, the 一至三年级远距离 table is on the page and the
JSON download is named for what it is."""

from __future__ import annotations

import re

from junheng.planning.layout_json import write_layout_json
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.web import layout_view

from .conftest import COUNTY
from .leaks import visible_text

AT = {"lon": 112.45, "lat": 34.62, "town_code": "410306001"}


def _plan() -> LayoutOutcome:
    schools = (
        PlannedSchool("4103060005", "甲村教学点", "close", kind="teaching_point",
                      merged_into="4103060001", **AT),
        PlannedSchool("4103060001", "城关第一小学", "expand", kind="primary_school",
                      added_classrooms=2, **AT),
        PlannedSchool("4103060003", "河口乡九年一贯制学校", "keep", kind="nine_year", **AT),
        PlannedSchool("4103060006", "乙村教学点", "keep", kind="teaching_point", **AT),
        PlannedSchool("NEW-410306001-1", "城东社区片区新建学校", "new", kind="new",
                      added_classrooms=12, **AT),
    )
    far = (VillageAssignment("V1", "grades_1_3", "NEW-410306001-1", 14, 6.1, 25.5, False,
                             village_name="前泉庄村"),
           VillageAssignment("V2", "grades_1_3", "4103060001", 9, 7.0, 29.1, False,
                             village_name="王后庄村"),
           VillageAssignment("V3", "grades_4_6", "4103060001", 9, 9.0, 35.0, True,
                             village_name="王后庄村"),
           VillageAssignment("V4", "grades_1_3", "4103060001", 30, 1.0, 6.5, False,
                             village_name="城关社区"))
    reasons = {"4103060005": "；划片村居规划年学生去向：甲村一至三年级 5 人到城关第一小学",
               "4103060001": "需论证：扩建 2 间。",
               "4103060006": "应留必留：乙村的一至三年级学生在通行时间限制内没有可接收的完全学校。",
               "NEW-410306001-1": "需论证：新建学校。"}
    return LayoutOutcome("optimal", schools, {"before": {}, "after": {}}, county=COUNTY,
                         year=2025, target_year=2030, scenario="页面测试", assignments=far,
                         kept_reasons=reasons, rules={"review_minutes_grades_1_3": 20})


def test_only_kept_and_expanded_schools_with_a_reason_are_listed():
    rows = layout_view.kept_reason_rows(_plan())
    assert rows == [("4103060001", "城关第一小学", "需论证：扩建 2 间。"),
                    ("4103060006", "乙村教学点",
                     "应留必留：乙村的一至三年级学生在通行时间限制内没有可接收的完全学校。")]


def test_the_long_trips_of_grades_1_to_3_name_the_village_and_the_new_school_in_chinese():
    table = layout_view.young_far(_plan())
    assert table["review"] == "20"
    assert [r[:6] for r in table["rows"]] == [
        ["王后庄村", "4103060001", "城关第一小学", 9, 7.0, 29.1],
        ["前泉庄村", "新建学校（城东社区片区）", "城东社区片区新建学校", 14, 6.1, 25.5]]


def plan_page(app, as_user, plan: LayoutOutcome) -> tuple[str, str]:
    """The job id and the page of a finished layout job whose plan is ``plan``."""
    jobs = app.state.web.jobs
    job_id = jobs.create(county_code=COUNTY, school_year=2025, config={"name": "页面测试"},
                         username="admin", kind="layout")
    write_layout_json(plan, jobs.job_dir(job_id) / "plan.json")
    jobs.finish(job_id, "规划完成")
    return job_id, as_user("admin").get(f"/plans/layout/jobs/{job_id}").text


def test_the_page_shows_the_tables_and_names_the_json_download(app, as_user):
    job_id, page = plan_page(app, as_user, _plan())
    kept = re.search(r'id="kept-reasons".*?</table>', page, re.S).group(0)
    assert "乙村教学点" in kept and "城关第一小学" in kept
    assert "甲村教学点" not in kept and "河口乡" not in kept and "新建学校" not in kept
    # rv2 finding 3: 所 for schools, 个 for 教学点 (were 「保留原因（2 所）」, 「调整清单（3 所）」)
    assert "保留原因（1 所学校、1 个教学点）" in page
    assert "调整清单（2 所学校、1 个教学点）" in page
    far = re.search(r'id="young-far".*?</table>', page, re.S).group(0)
    assert "王后庄村" in far and "新建学校（城东社区片区）" in far and "城关社区" not in far
    assert "一至三年级远距离（2 处）" in page
    assert "NEW-" not in visible_text(page)
    assert f'href="/plans/layout/jobs/{job_id}/files/plan.json">方案数据（供系统导入）</a>' in page


def test_the_verdict_line_says_the_school_years_the_plan_acts_in_as_the_word_report_does(
        app, as_user):
    # review 2026-12-04 finding 3: the page printed plan.phases ("分 4 期", the last phase)
    # while the Word report said "2027—2029 学年分 2 期实施". Phases 2 and 4 of data year
    # 2025 are 2027 and 2029: two school years with actions, so 2 期; plan.phases (4) is not it.
    from dataclasses import replace

    plan = _plan()
    phase = {"close": 4, "expand": 2, "new": 4}
    plan = replace(plan, phases=4, schools=tuple(replace(s, phase=phase.get(s.action))
                                                 for s in plan.schools))
    _, page = plan_page(app, as_user, plan)
    text = visible_text(page)
    assert "目标学年 2030 · 2027—2029 学年分 2 期实施" in text
    assert "分 4 期" not in text
