"""The example county's format-v2 sheets (see :mod:`junheng.io.example`).

Everything agrees with the v1 tables: the three teachers who rotated into the nine-year school
this year have their 交流 record; every teacher's training rows add up to 近五年培训学时; each
school's music and art rooms add up to its 校舍设施 counts and areas; groups have one lead.
The teaching point appears in no v2 sheet (tests give it another code in every v1 sheet).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from junheng.io.example import (
    JUNIOR,
    KINDERGARTEN,
    NINE_YEAR,
    PRIMARY,
    PRIVATE_KINDERGARTEN,
    SCHOOL_YEAR,
    URBAN_TOWN,
)

NEW_SCHOOL = "4103060007"  # 城东小学, under construction: not yet in 学校


def _school_groups() -> list[dict]:
    rows = (("城关教育集团", "education_group", PRIMARY, "lead_school", 2019),
            ("城关教育集团", "education_group", JUNIOR, "member_school", 2019),
            ("河口城乡学校共同体", "community", PRIMARY, "lead_school", 2022),
            ("河口城乡学校共同体", "community", NINE_YEAR, "member_school", 2022),
            ("示例县学前教育联盟", "alliance", KINDERGARTEN, "lead_school", 2023),
            ("示例县学前教育联盟", "alliance", PRIVATE_KINDERGARTEN, "member_school", 2023))
    keys = ("group_name", "group_type", "school_id", "role", "join_year")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _rotations(teachers: Sequence[dict]) -> list[dict]:
    """This year's exchanges into the nine-year school, a past 支教 and an ongoing 走教."""
    rows = [{"teacher_id": t["teacher_id"], "from_school_id": t["from_school_id"],
             "to_school_id": t["school_id"], "start_date": date(SCHOOL_YEAR, 8, 28),
             "end_date": None, "mode": "exchange"} for t in teachers if t["rotated_in"]]
    rows.append({"teacher_id": "T0005", "from_school_id": PRIMARY,
                 "to_school_id": NINE_YEAR, "start_date": date(2022, 9, 1),
                 "end_date": date(2023, 7, 15), "mode": "support_teaching"})
    rows.append({"teacher_id": "T0006", "from_school_id": PRIMARY,
                 "to_school_id": NINE_YEAR, "start_date": date(2024, 9, 2),
                 "end_date": None, "mode": "itinerant"})
    return rows


def _training(teachers: Sequence[dict]) -> list[dict]:
    """Each teacher's 近五年培训学时 as a 县培 year and a 校本 year.

    The years (three and one before the school year) lie in the five-year window of the school
    years before and after too, so tests may move the county a year either way.
    """
    rows = []
    for t in teachers:
        hours = t["training_hours_5y"]
        first = round(hours * 0.4)
        rows.append({"teacher_id": t["teacher_id"], "year": SCHOOL_YEAR - 3, "hours": first,
                     "category": "county"})
        rows.append({"teacher_id": t["teacher_id"], "year": SCHOOL_YEAR - 1,
                     "hours": hours - first, "category": "school_based"})
    return rows


def _principals() -> list[dict]:
    rows = (("P001", PRIMARY, "grade_2", 2018), ("P002", JUNIOR, "grade_1", 2016),
            ("P003", NINE_YEAR, "grade_3", 2021),
            ("P004", KINDERGARTEN, "grade_2", 2019), ("P005", PRIVATE_KINDERGARTEN, "unrated",
                                                      2020))
    keys = ("principal_id", "school_id", "rank", "since_year")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _staffing() -> list[dict]:
    rows = ((PRIMARY, 31, 28, 2, 1), (JUNIOR, 38, 34, 3, 1), (NINE_YEAR, 26, 24, 1, 1),
            (KINDERGARTEN, 15, 13, 1, 1))
    keys = ("school_id", "staff_quota", "professional_posts", "management_posts",
            "support_posts")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _special_rooms() -> list[dict]:
    rows = ((PRIMARY, "music", "1", 96.0), (PRIMARY, "art", "1", 90.0),
            (PRIMARY, "science_lab", "1", 96.0), (JUNIOR, "music", "1", 100.0),
            (JUNIOR, "art", "1", 95.0), (JUNIOR, "physics_lab", "1", 96.0),
            (JUNIOR, "chemistry_lab", "1", 96.0), (JUNIOR, "computer", "1", 90.0),
            (NINE_YEAR, "music", "1", 96.0), (NINE_YEAR, "art", "1", 90.0),
            (KINDERGARTEN, "music", "1", 90.0), (KINDERGARTEN, "art", "1", 80.0))
    keys = ("school_id", "room_type", "room_no", "area")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _projects() -> list[dict]:
    def project(school_id, name, kind, start, done, status, **amounts):
        return {"school_id": school_id, "name": name, "project_type": kind, "start_date": start,
                "completion_date": done, "status": status, **amounts}

    return [
        project(JUNIOR, "示例县第一初级中学学生宿舍楼", "dormitory", date(2024, 3, 1),
                date(2025, 8, 15), "completed", added_beds=120, added_floor_area=2400.0,
                investment=960.0, funding_source="县财政"),
        project(PRIMARY, "示例县城关第一小学教学楼改扩建", "expansion", date(2025, 3, 1),
                date(2026, 8, 20), "under_construction", added_places=270,
                added_floor_area=3600.0, investment=1850.0, funding_source="县财政、薄弱环节改善资金"),
        project(NINE_YEAR, "河口乡九年一贯制学校运动场改造", "sports_ground", date(2026, 3, 1),
                date(2026, 10, 31), "planned", added_sports_area=4800.0, investment=320.0),
        project(NEW_SCHOOL, "示例县城东小学新建工程", "new_build", date(2024, 10, 1),
                date(2026, 8, 31), "under_construction", added_places=1080,
                added_floor_area=12_600.0, investment=6800.0, funding_source="地方政府专项债券",
                site_lon=112.6010, site_lat=34.9025, town_code=URBAN_TOWN),
        # finished: 学校 already holds the kindergarten at its new site
        project(KINDERGARTEN, "示例县实验幼儿园迁建", "relocation", date(2023, 4, 1),
                date(2024, 8, 20), "completed", added_places=90, added_floor_area=900.0,
                investment=1400.0, site_lon=112.5860, site_lat=34.9041),
    ]


def _county_figures() -> list[dict]:
    rows = ((2023, "public_education_spending", 41_250.0, "万元", "县财政局 2023 年决算"),
            (2024, "public_education_spending", 43_880.0, "万元", "县财政局 2024 年决算"),
            (2023, "total_education_spending", 52_300.0, "万元", "2023 年教育经费统计"),
            (2024, "total_education_spending", 55_100.0, "万元", "2024 年教育经费统计"),
            (2023, "primary_public_spending_per_pupil", 9850.0, None, "2023 年教育经费统计"),
            (2024, "primary_public_spending_per_pupil", 10_230.0, None, "2024 年教育经费统计"),
            (2023, "junior_public_spending_per_pupil", 13_420.0, None, "2023 年教育经费统计"),
            (2024, "junior_public_spending_per_pupil", 13_980.0, None, "2024 年教育经费统计"),
            (2024, "social_recognition", 0.9, None, "2024 年第三方满意度调查"))
    keys = ("year", "figure", "value", "unit", "evidence")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _county_attestations() -> list[dict]:
    evidence = f"县教育局 {SCHOOL_YEAR} 年招生工作自查报告"
    rows = [{"item": item, "answer": False, "year": None, "evidence": evidence}
            for item in ("exam_admission", "irregular_school_choice", "key_schools",
                         "key_classes")]
    rows.append({"item": "basic_balance_recognised", "answer": True, "year": 2016,
                 "evidence": "教育部 2016 年义务教育发展基本均衡县认定文件"})
    rows.append({"item": "layout_planning", "answer": True, "year": None,
                 "evidence": "示例县中小学布局规划（2021—2030 年）"})
    return rows


def v2_tables(teachers: Sequence[dict]) -> dict[str, list[dict]]:
    """Records of every sheet format v2 adds, by sheet key."""
    return {"school_groups": _school_groups(), "rotations": _rotations(teachers),
            "training": _training(teachers), "principals": _principals(),
            "staffing": _staffing(), "special_rooms": _special_rooms(),
            "projects": _projects(), "county_figures": _county_figures(),
            "county_attestations": _county_attestations(),
            "towns": [{"town_code": "410306001", "town_name": "城关镇"},
                      {"town_code": "410306101", "town_name": "河口乡"}]}
