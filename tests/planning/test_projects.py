"""The county as it stands when its 在建、规划 projects are in use (planning.projects).

Hand-made county, target school year 2026 (cut-off 1 September 2026):

* S1 小学, 12 rooms, 2,000 m² teaching area, 3,000 m² sports: 改扩建 在建 done 2026-08-20,
  270 places (270 / 45 = 6 rooms), 1,000 m² -> 18 rooms, 3,000 m²; its 运动场 (2027-06) is
  after the cut-off, not counted.
* S2 初级中学 on 河口乡, 100 beds: 迁建 在建 2026-07-01, 120 places (120 / 50 = 2.4 -> 2 rooms),
  5,000 m² (a new campus, not added); 新增宿舍 规划 2026-08-01, 80 beds -> 180 beds.
* S3 小学: 改扩建 竣工 2025-08 (already in the data): 10 rooms stay 10.
* N1 示例县河口乡第二小学 (not in 学校): 900 places -> a new 小学 with 20 rooms, 8,000 m² (55 %:
  4,400 m² teaching area, TEACHING_SHARE), in
  河口乡 at the centre of its two 村居 (112.2, 34.3).
* N2 示例县城东新区小学: 450 places -> 10 rooms, counted only in the county's totals.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from junheng.forecast import NewSchoolRooms, forecast_county
from junheng.model import CountyData
from junheng.model.county import typed_frame
from junheng.planning.projects import TEACHING_SHARE, county_at, new_school_rooms, rooms_by_year

TOWN, HEKOU = "410306001", "410306101"


def _project(school_id, name, kind, done, status="under_construction", **amounts):
    return {"school_id": school_id, "name": name, "project_type": kind,
            "completion_date": pd.Timestamp(done), "status": status, **amounts}


@pytest.fixture()
def county() -> CountyData:
    schools = [
        {"school_id": "S1", "name": "示例县第一小学", "school_type": "primary_school",
         "town_code": TOWN, "urban_rural_code": "111", "lon": 112.0, "lat": 34.0,
         "boarding": False},
        {"school_id": "S2", "name": "河口乡初级中学", "school_type": "junior_school",
         "town_code": HEKOU, "urban_rural_code": "210", "lon": 112.1, "lat": 34.2,
         "boarding": True, "boarding_beds": 100},
        {"school_id": "S3", "name": "示例县第二小学", "school_type": "primary_school",
         "town_code": TOWN, "urban_rural_code": "111", "lon": 112.05, "lat": 34.05,
         "boarding": False},
    ]
    facilities = [
        {"school_id": "S1", "classrooms": 12, "teaching_area": 2000.0, "sports_area": 3000.0},
        {"school_id": "S2", "classrooms": 9, "teaching_area": 2500.0, "sports_area": 4000.0},
        {"school_id": "S3", "classrooms": 10, "teaching_area": 1800.0, "sports_area": 2000.0},
    ]
    villages = [
        {"village_code": "410306101201", "name": "上河村", "town_code": HEKOU,
         "lon": 112.1, "lat": 34.25},
        {"village_code": "410306101202", "name": "下河村", "town_code": HEKOU,
         "lon": 112.3, "lat": 34.35},
    ]
    projects = [
        _project("S1", "示例县第一小学教学楼改扩建", "expansion", "2026-08-20",
                 added_places=270, added_floor_area=1000.0),
        _project("S1", "示例县第一小学运动场", "sports_ground", "2027-06-30",
                 added_sports_area=2400.0),
        _project("S2", "河口乡初级中学迁建工程", "relocation", "2026-07-01",
                 added_places=120, added_floor_area=5000.0),
        _project("S2", "河口乡初级中学学生宿舍楼", "dormitory", "2026-08-01", "planned",
                 added_beds=80, added_floor_area=1600.0),
        _project("S3", "示例县第二小学教学楼改扩建", "expansion", "2025-08-20", "completed",
                 added_places=450),
        _project("4103060800", "示例县河口乡第二小学新建工程", "new_build", "2026-08-01",
                 added_places=900, added_floor_area=8000.0),
        _project("4103060801", "示例县城东新区小学新建工程", "new_build", "2026-06-01",
                 added_places=450),
    ]
    return CountyData.from_records(
        {"county_code": "410306", "school_year": 2025, "county_name": "示例县"},
        schools=schools, facilities=facilities, villages=villages, projects=projects,
        towns=[{"town_code": TOWN, "town_name": "城关镇"},
               {"town_code": HEKOU, "town_name": "河口乡"}])


def _facility(built, school_id: str) -> dict:
    rows = built.data.facilities
    return rows[rows["school_id"] == school_id].iloc[0].to_dict()


def test_existing_schools_get_rooms_area_beds(county):
    built = county_at(county, 2026)
    s1, s2, s3 = (_facility(built, s) for s in ("S1", "S2", "S3"))
    assert (s1["classrooms"], s1["teaching_area"], s1["sports_area"]) == (18, 3000.0, 3000.0)
    assert (s2["classrooms"], s2["teaching_area"]) == (11, 2500.0)
    assert (s3["classrooms"], s3["teaching_area"]) == (10, 1800.0)
    beds = built.data.schools.set_index("school_id")["boarding_beds"]
    assert beds["S2"] == 180
    assert built.relocating == frozenset({"S2"})


def test_new_school_placed_in_its_town_or_only_in_totals(county):
    built = county_at(county, 2026)
    assert built.new_schools == ("4103060800",)
    new = built.data.schools.set_index("school_id").loc["4103060800"]
    assert (new["name"], new["school_type"], new["town_code"], new["urban_rural_code"]) == (
        "示例县河口乡第二小学", "primary_school", HEKOU, "210")
    assert (round(new["lon"], 6), round(new["lat"], 6)) == (112.2, 34.3)
    n1 = _facility(built, "4103060800")
    assert (n1["classrooms"], n1["teaching_area"]) == (20, 4400.0)  # 55 % of 8,000 m² (TEACHING_SHARE)
    assert math.isnan(n1["sports_area"])  # the project gives none: 待核实, not 0 (review finding 2)
    assert [(e.school, e.rooms) for e in built.unplaced] == [("示例县城东新区小学", 10)]
    assert "4103060801" not in set(built.data.schools["school_id"])
    assert len(built.data.schools) == 4


def test_lines_name_every_project_and_the_reason(county):
    lines = county_at(county, 2026).lines()
    assert lines[0] == "已计入的在建、规划项目（2026 学年开学前竣工，共 5 项）："
    assert lines[1] == ("  示例县第一小学教学楼改扩建（示例县第一小学，改扩建，在建，2026 年 8 月竣工）："
                        "新增学位 270 个（按每班 45 人折合普通教室 6 间）；建筑面积 1,000 平方米"
                        "（计入教学及辅助用房面积）")
    assert lines[2].endswith("新增学位 120 个（按每班 50 人折合普通教室 2 间）；建筑面积 5,000 平方米"
                             "（新校区替换原校舍，不计为新增）；迁建：建设项目表无新址，按原址计")
    assert lines[4].endswith("位于河口乡，位置按该乡镇村居中心估计")
    assert lines[5].endswith("建设项目表未填新址，名称中也没有本县的乡镇（街道）名称，学校表也未列入该校，无法确定位置，只计入全县合计")
    # the year itself, not "目标学年": a zones plan has none (review2 finding 9)
    assert lines[6:] == [
        "未计入的项目（共 2 项）：",
        "  示例县第一小学运动场（示例县第一小学，运动场，在建，2027 年 6 月竣工）："
        "计划竣工晚于 2026 年 9 月 1 日开学，2026 学年尚不能使用",
        "  示例县第二小学教学楼改扩建（示例县第二小学，改扩建，竣工，2025 年 8 月竣工）："
        "已竣工，视为已包含在学校、校舍设施数据中，不重复计入",
        "迁建中的学校（正在迁建，新校址建设按项目实施，本方案不在该校新增校舍）：河口乡初级中学。"]


def test_statuses_are_a_parameter(county):
    built = county_at(county, 2026, statuses=("under_construction",))
    beds = built.data.schools.set_index("school_id")["boarding_beds"]
    assert beds["S2"] == 100
    dorm = next(e for e in built.left_out if e.name == "河口乡初级中学学生宿舍楼")
    assert dorm.reason == "状态为规划，本方案只计入在建项目"


def test_later_target_counts_the_later_project_and_no_projects_is_said(county):
    assert _facility(county_at(county, 2027), "S1")["sports_area"] == 5400.0
    empty = county.with_tables(projects=county.projects.iloc[:0])
    built = county_at(empty, 2026)
    assert built.data is empty
    assert built.lines() == ["已计入的在建、规划项目：无（建设项目表无项目）。"]


def test_rooms_by_year_from_the_year_a_project_is_in_use(county):
    rooms, notes = rooms_by_year(county, range(2025, 2028))
    assert rooms.to_dict("records") == [
        {"school_id": "S1", "year": 2026, "rooms": 6}, {"school_id": "S1", "year": 2027, "rooms": 6},
        {"school_id": "S2", "year": 2026, "rooms": 2}, {"school_id": "S2", "year": 2027, "rooms": 2}]
    assert notes[0] == ("教室缺口已计入在建、规划项目新增的普通教室（竣工后的学年起计入）："
                        "示例县第一小学教学楼改扩建，2026 学年起 +6 间；河口乡初级中学迁建工程，2026 学年起 +2 间。")
    assert notes[1] == ("新建学校示例县河口乡第二小学（20 间，2026 学年起）、示例县城东新区小学（10 间，2026 学年起）"
                        "尚无预测学生，其教室未计入各校缺口，须经就近划片分流后才能缓解其他学校。")
    assert notes[2].startswith("未计入的项目（共 1 项）：示例县第二小学教学楼改扩建")


def test_a_project_late_on_the_day_counts_from_the_next_school_year(county):
    # review 2026-12-05 finding 2: on 2026-09-15 the 2026 school year began without the two
    # projects due 2026-08-20 and 2026-07-01 (both 在建): their rooms count from 2027, the new
    # schools (due 2026-08-01 and 2026-06-01, 在建) open in 2027 too
    rooms, notes = rooms_by_year(county, range(2025, 2028), today=date(2026, 9, 15))
    assert rooms.to_dict("records") == [
        {"school_id": "S1", "year": 2027, "rooms": 6}, {"school_id": "S2", "year": 2027, "rooms": 2}]
    assert notes[0] == ("教室缺口已计入在建、规划项目新增的普通教室（竣工后的学年起计入）："
                        # rv5 11: overdue, and the year it counts from (2027: 2026 began on 9-1)
                        "示例县第一小学教学楼改扩建，已逾期（原计划 2026 年 8 月竣工），按最早 2027 学年起投入使用计，须县政府督办，+6 间；"
                        "河口乡初级中学迁建工程，已逾期（原计划 2026 年 7 月竣工），按最早 2027 学年起投入使用计，须县政府督办，+2 间。")
    assert notes[1].startswith("新建学校示例县河口乡第二小学（20 间，2027 学年起）、示例县城东新区小学（10 间，2027 学年起）")
    assert [n.first_year for n in new_school_rooms(county, range(2025, 2028), today=date(2026, 9, 15))] == [2027]
    # before its date nothing is late: the same as without a day
    assert rooms_by_year(county, range(2025, 2028), today=date(2026, 6, 1))[1] == rooms_by_year(
        county, range(2025, 2028))[1]


def test_forecast_counts_the_added_rooms_from_their_year():
    grades = ["g1", "g2", "g3", "g4", "g5", "g6"]
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": "S1", "name": "一小", "school_type": "primary_school",
                  "town_code": "410306001", "urban_rural_code": "111"}],
        facilities=[{"school_id": "S1", "classrooms": 4}],
        classes=[{"school_id": "S1", "grade": g, "class_no": "1", "students": 40} for g in grades],
        enrolment_history=[{"school_year": y, "school_id": "S1", "grade": g, "students": 40}
                           for y in (2023, 2024) for g in grades])
    added = pd.DataFrame({"school_id": ["S1"], "year": [2026], "rooms": [3]})
    result = forecast_county(data, horizon=1, added_rooms=added, room_notes=("已计入。",))
    # 6 classes of 40 (one class each), 4 rooms then 7: short 2, then 1 idle
    assert result.schools[["year", "classrooms", "classroom_shortfall", "idle_classrooms"]] \
        .to_dict("records") == [
        {"year": 2025, "classrooms": 4.0, "classroom_shortfall": 2.0, "idle_classrooms": 0.0},
        {"year": 2026, "classrooms": 7.0, "classroom_shortfall": 0.0, "idle_classrooms": 1.0}]
    assert result.notes[0] == "已计入。"


def test_plan_notes_warn_when_a_plan_builds_at_a_relocating_school(county):
    built = county_at(county, 2026)
    assert list(built.existing_schools().schools["school_id"]) == ["S1", "S2", "S3"]
    actions = pd.DataFrame({"school_id": ["S2", "S1"], "name": ["河口乡初级中学", "示例县第一小学"],
                            "project": ["building", "training"]})
    notes = built.plan_notes("达标路径", actions)
    assert notes[0].startswith("已计入的在建、规划项目（2026 学年开学前竣工，共 5 项）：示例县第一小学教学楼改扩建")
    assert notes[2] == ("新建学校示例县河口乡第二小学、示例县城东新区小学尚无在校生，达标路径未给其分配学生，"
                        "其学位须经就近划片分流后才能缓解其他学校。")
    assert notes[3] == ("注意：河口乡初级中学正在迁建（或已列入迁建），达标路径仍在其原址安排了校舍或场地建设，"
                        "请在迁建项目中统筹，避免重复投资。")
    quiet = built.plan_notes("达标路径", actions.iloc[1:], new_schools_used=True)
    assert quiet[2:] == ["迁建中或已列入迁建的学校：河口乡初级中学，新校址建设按项目实施，达标路径未在该校安排校舍或场地建设。"]


def test_a_new_school_listed_in_schools_keeps_its_row_and_site(county):
    listed = {"school_id": "S4", "name": "示例县城东新区小学", "school_type": "primary_school",
              "town_code": TOWN, "urban_rural_code": "111", "lon": 112.4, "lat": 34.4,
              "boarding": False}
    project = _project("S4", "示例县城东新区小学新建工程", "new_build", "2026-08-01",
                       added_places=900, added_floor_area=9000.0)
    data = CountyData.from_records(
        dict(county.info), schools=[*county.schools.to_dict("records"), listed],
        facilities=county.facilities.to_dict("records"), projects=[project])
    built = county_at(data, 2026)
    assert built.new_schools == () and built.unplaced == ()
    s4 = _facility(built, "S4")
    assert (s4["classrooms"], s4["teaching_area"]) == (20, 4950.0)
    row = built.data.schools.set_index("school_id").loc["S4"]
    assert (row["lon"], row["lat"]) == (112.4, 34.4)
    assert built.entries[0].line() == (
        "示例县城东新区小学新建工程（示例县城东新区小学，新建，在建，2026 年 8 月竣工）：新增学位 900 个"
        "（按每班 45 人折合普通教室 20 间）；建筑面积 9,000 平方米（按 55% 计入教学及辅助用房面积 "
        "4,950 平方米，假设值）")


def test_a_new_school_a_layout_fills_stays_in_the_county_and_the_notes_say_so(county):
    # planner review finding 9: the compliance plan after a layout that gives the new school
    # 371 pupils kept saying it gave it none; the unplaced one still has none
    built = county_at(county, 2026)
    assert list(built.existing_schools({"4103060800": 371}).schools["school_id"]) == [
        "S1", "S2", "S3", "4103060800"]
    notes = built.plan_notes("达标路径", None, new_schools_used={"4103060800": 371})
    assert notes[2:] == [
        "新建学校示例县河口乡第二小学按布局调整方案计入，规划年学生 371 人，达标路径按这些学生计算（项目未填的"
        "教学仪器设备值按布局方案新建学校的标准计，普通教室均按多媒体教室计）。",
        "新建学校示例县城东新区小学尚无在校生，达标路径未给其分配学生，其学位须经就近划片分流后才能缓解其他学校。"]


def _new_school_county(county, **amounts) -> CountyData:
    project = _project("4103060802", "示例县河口乡第三小学新建工程", "new_build", "2026-08-01",
                       **amounts)
    return county.with_tables(projects=typed_frame("projects", [project]))


def test_a_new_school_counts_55_percent_of_its_building_area_as_teaching_area(county):
    built = county_at(_new_school_county(county, added_places=450, added_floor_area=6000.0), 2026)
    n = _facility(built, "4103060802")
    assert (n["classrooms"], n["teaching_area"]) == (10, 3300.0)  # 6,000 × 55 %
    assert TEACHING_SHARE == 0.55
    assert built.entries[0].adds.startswith(
        "新增学位 450 个（按每班 45 人折合普通教室 10 间）；建筑面积 6,000 平方米（按 55% 计入教学及辅助用房面积 "
        "3,300 平方米，假设值）；新校（小学）")


def test_a_new_school_without_its_area_has_its_teaching_area_pending(county):
    built = county_at(_new_school_county(county, added_places=450), 2026)
    n = _facility(built, "4103060802")
    assert n["classrooms"] == 10 and pd.isna(n["teaching_area"])
    assert built.entries[0].adds.startswith(
        "新增学位 450 个（按每班 45 人折合普通教室 10 间）；新增建筑面积未填，新校教学及辅助用房面积待核实；")


def test_a_new_school_without_places_nor_area_has_its_rooms_pending(county):
    built = county_at(_new_school_county(county), 2026)
    assert built.new_schools == ("4103060802",)
    n = _facility(built, "4103060802")
    assert pd.isna(n["classrooms"]) and pd.isna(n["teaching_area"])
    assert built.entries[0].adds.startswith(
        "新增学位、建筑面积均未填，新校普通教室数待核实；新增建筑面积未填，新校教学及辅助用房面积待核实；")


def test_a_project_without_its_year_is_listed_pending_not_dropped(county):
    project = _project("4103060802", "示例县河口乡第三小学新建工程", "new_build", "2026-08-01",
                       added_places=450, added_floor_area=6000.0)
    project["completion_date"] = pd.NaT
    built = county_at(county.with_tables(projects=typed_frame("projects", [project])), 2026)
    assert built.new_schools == () and len(built.left_out) == 1
    assert built.lines()[1:] == [
        "未计入的项目（共 1 项）：",
        "  示例县河口乡第三小学新建工程（示例县河口乡第三小学，新建，在建，竣工日期待核实）："
        "竣工日期待核实（建设项目表未填），无法判断能否按期使用，暂不计入"]


def test_a_new_school_without_its_places_has_rooms_from_its_area_and_says_so(county):
    built = county_at(_new_school_county(county, added_floor_area=6000.0), 2026)
    n = _facility(built, "4103060802")
    assert (n["classrooms"], n["teaching_area"]) == (50, 3300.0)  # 6,000 / 120; 6,000 × 55 %
    assert built.entries[0].adds.startswith(
        "未填新增学位，按建筑面积每间 120 平方米折合普通教室 50 间；建筑面积 6,000 平方米（按 55% 计入教学及辅助用房面积 "
        "3,300 平方米，假设值）；")


def test_new_school_rooms_name_each_placed_new_school_with_its_rooms_and_first_year(county):
    # 河口乡第二小学: 8,000 m² x 55 % = 4,400 m² of teaching area, 20 rooms (as above), done
    # 2026-08-01, before the school year starts on 1 September: in use from 2026. The 城东新区
    # 小学 cannot be placed (no town, no site): its stage and place are unknown, so it is left
    # to the notes (rooms_by_year) and quoted beside no 县城 gap.
    assert new_school_rooms(county, range(2025, 2028)) == (
        NewSchoolRooms("示例县河口乡第二小学", "primary_school", "210", 20, 2026),)
    assert new_school_rooms(county.with_tables(projects=county.projects.iloc[:0]),
                            range(2025, 2028)) == ()


def test_a_relocation_still_planned_is_named_as_not_begun(county):
    # Planner review: the plans' note called 余下洼村小学 正在迁建 while its 迁建 was 规划 (the
    # layout plan's closures into it wait for it). Here S2's relocation is set back to 规划.
    projects = county.tables["projects"].copy()
    projects.loc[projects["project_type"] == "relocation", "status"] = "planned"
    built = county_at(county.with_tables(projects=projects), 2026)
    notes = built.plan_notes("达标路径", pd.DataFrame(columns=["school_id", "name", "project"]))
    assert notes[-1] == ("迁建中或已列入迁建的学校：河口乡初级中学（迁建项目现为规划状态，未开工），新校址建设按项目实施，"
                         "达标路径未在该校安排校舍或场地建设。")
    # review rv6 N10: counted (due 2026-07-01, before the 2026 school year) but not begun: on
    # 2025-12-05 the first school year not begun is 2026, plus a 迁建's build time of 2 = 2028,
    # after the 2026 its date gives, so the list says so as 表3 does; with no build times
    # (leads) nothing is added, and a begun (在建) project is listed as before
    from dataclasses import replace

    planned = replace(county_at(county.with_tables(projects=projects), 2026, today=date(2025, 12, 5)),
                      leads={"relocation": 2, "new_build": 2, "expansion": 2})
    assert planned.plan_notes("布局调整方案")[0].split("；")[2] == (
        "河口乡初级中学迁建工程（河口乡初级中学，迁建，规划，未开工，原计划 2026 年 7 月竣工，"
        "按未开工项目的建设周期最早 2028 学年投入使用）：新增学位 120 个（按每班 50 人折合普通教室 2 间）")
    assert "原计划" not in replace(planned, leads=None).plan_notes("布局调整方案")[0]
    assert "迁建，在建，2026 年 7 月竣工）" in replace(
        county_at(county, 2026, today=date(2025, 12, 5)), leads={"relocation": 2}).lines()[2]


def test_the_self_report_flags_overdue_projects_and_the_classrooms_that_count_them(county):
    # review2 finding 9: on 2026-09-15 four 在建 projects and the 规划 dormitory are past their
    # 竣工日期; the rooms of S1 (+6) and S2 (+2) count in the classroom figures from 2027, the new
    # schools' rooms (20, 10) serve no forecast pupils
    from junheng.report.self_report.investment import (
        overdue_note,
        overdue_projects,
        write_investment,
    )
    from junheng.report.word_document import WordReport

    day = date(2026, 9, 15)
    late = overdue_projects(county, day)
    assert [e.name for e in late] == ["示例县第一小学教学楼改扩建", "河口乡初级中学迁建工程", "河口乡初级中学学生宿舍楼",
                                      "示例县河口乡第二小学新建工程", "示例县城东新区小学新建工程"]
    assert overdue_note(late, day, {"S1", "S2", "S3"}) == (
        "逾期未竣工的项目 5 个：示例县第一小学教学楼改扩建（示例县第一小学，已逾期（原计划 2026 年 8 月竣工），按最早 2027 学年起投入使用计，须县政府督办，"
        "新增普通教室 6 间）；河口乡初级中学迁建工程（河口乡初级中学，已逾期（原计划 2026 年 7 月竣工），按最早 2027 学年起投入使用计，须县政府督办，新增普通教室 2 间）；"
        "河口乡初级中学学生宿舍楼（河口乡初级中学，已逾期（原计划 2026 年 8 月竣工），按最早 2027 学年起投入使用计，须县政府督办）；"
        "示例县河口乡第二小学新建工程（示例县河口乡第二小学，已逾期（原计划 2026 年 8 月竣工），按最早 2027 学年起投入使用计，须县政府督办，新增普通教室 20 间）；"
        "示例县城东新区小学新建工程（示例县城东新区小学，已逾期（原计划 2026 年 6 月竣工），按最早 2027 学年起投入使用计，须县政府督办，新增普通教室 10 间）。"
        "逾期项目按编制日尚未开学的第一个学年起计入（本学年已开学，这是其最早可能投入使用的学年），须县政府督办；"
        "再推迟竣工，其新增教室、学位和以其为保障的事项相应推迟。"
        "入学预测各学年的普通教室数（含主要数据和县城教室表）已计入其中新增的普通教室："
        "示例县第一小学 6 间（2027 学年起）、河口乡初级中学 2 间（2027 学年起），须待项目竣工后方能使用。")
    r = WordReport()
    write_investment(r, county, today=day)
    table = r.doc.tables[-1]
    assert [[c.text for c in row.cells[:3]] for row in table.rows] == [
        ["项目状态", "项目数（个）", "其中逾期未竣工（个）"], ["在建", "5", "4"], ["规划中", "1", "1"],
        ["已完工", "1", "—"], ["合计", "7", "5"]]
    assert r.doc.paragraphs[-1].text.startswith("逾期未竣工的项目 5 个：")
    assert overdue_projects(county, None) == ()
