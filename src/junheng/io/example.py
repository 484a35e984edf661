"""A small, realistic and fully valid example county built in code.

示例县 (410306, 洛阳市), school year 2025: two towns (the urban 城关镇 and the rural 河口乡),
six villages and communities, and six schools: an urban primary and a boarding junior school,
a rural boarding nine-year school with a teaching point under it, a public and an affordable
private kindergarten. Every table is filled so that each engine has something to work on;
it passes :func:`validate_county` with no problem and no notice. Used by the documentation
examples and by tests across the project.

The v1 tables are what they were before format v2; the v2 columns and sheets
(:func:`_v2_tables`) add groups, rotation and training records that agree with the teachers'
v1 columns, principals, quotas, rooms that add up to 校舍设施, projects in every status,
county figures and attestations.
"""

from __future__ import annotations

from junheng.model import CountyData

COUNTY_CODE = "410306"
SCHOOL_YEAR = 2025
URBAN_TOWN = "410306001"
RURAL_TOWN = "410306101"

PRIMARY = "4103060001"
JUNIOR = "4103060002"
NINE_YEAR = "4103060003"
TEACHING_POINT = "4103060004"
KINDERGARTEN = "4103060005"
PRIVATE_KINDERGARTEN = "4103060006"

# Pupils per class, by school and grade: (grade, [students of each class], boarders per class).
_CLASS_PLAN = {
    PRIMARY: [("g1", [46, 44], 0), ("g2", [45, 45], 0), ("g3", [47, 44], 0),
              ("g4", [45, 46], 0), ("g5", [48, 43], 0), ("g6", [44, 45], 0)],
    JUNIOR: [("g7", [50, 49, 48], 22), ("g8", [49, 48, 50], 24), ("g9", [47, 48, 49], 25)],
    NINE_YEAR: [("g1", [32], 0), ("g2", [30], 0), ("g3", [33], 0), ("g4", [31], 12),
                ("g5", [34], 15), ("g6", [35], 16), ("g7", [38], 26), ("g8", [36], 25),
                ("g9", [37], 27)],
    TEACHING_POINT: [("g1", [8], 0), ("g2", [6], 0)],
    KINDERGARTEN: [("k1", [28, 27], 0), ("k2", [30, 29], 0), ("k3", [32, 31], 0)],
    PRIVATE_KINDERGARTEN: [("k2", [24], 0), ("kmix", [22], 0)],
}


def _info() -> dict:
    return {"county_code": COUNTY_CODE, "county_name": "示例县", "city_name": "洛阳市",
            "school_year": SCHOOL_YEAR, "primary_funding_quota": 720.0,
            "junior_funding_quota": 940.0}


def _school(school_id, name, school_type, town, urban_rural, lon, lat, *, boarding=False,
            beds=None, central=None, ownership="public", affordable=None, group=None) -> dict:
    return {"school_id": school_id, "name": name, "school_type": school_type,
            "ownership": ownership, "affordable": affordable, "town_code": town,
            "urban_rural_code": urban_rural, "lon": lon, "lat": lat, "crs": "WGS84",
            "central_school": central, "boarding": boarding, "boarding_beds": beds,
            "school_group": group}


def _schools() -> list[dict]:
    return [
        _school(PRIMARY, "示例县城关第一小学", "primary_school", URBAN_TOWN, "111", 112.5821,
                34.9012, group="城关教育集团"),
        _school(JUNIOR, "示例县第一初级中学", "junior_school", URBAN_TOWN, "111", 112.5903,
                34.8967, boarding=True, beds=300, group="城关教育集团"),
        _school(NINE_YEAR, "河口乡九年一贯制学校", "nine_year", RURAL_TOWN, "210", 112.6712,
                34.8531, boarding=True, beds=200),
        _school(TEACHING_POINT, "河口乡上河教学点", "teaching_point", RURAL_TOWN, "220",
                112.7025, 34.8702, central=NINE_YEAR),
        _school(KINDERGARTEN, "示例县实验幼儿园", "kindergarten", URBAN_TOWN, "111", 112.5860,
                34.9041, affordable=True),
        _school(PRIVATE_KINDERGARTEN, "河口乡阳光幼儿园", "kindergarten", RURAL_TOWN, "210",
                112.6688, 34.8550, ownership="private", affordable=True),
    ]


def _classes() -> list[dict]:
    rows = []
    for school_id, plan in _CLASS_PLAN.items():
        for grade, sizes, boarders in plan:
            for n, students in enumerate(sizes, start=1):
                rows.append({"school_id": school_id, "grade": grade, "class_no": str(n),
                             "students": students,
                             "boarders": boarders if school_id in (JUNIOR, NINE_YEAR) else None,
                             "migrant_students": students // 12, "disabled_students": n // 3})
    return rows


def _entrants(school_id: str, grade: str) -> int:
    return sum(next(sizes for g, sizes, _ in _CLASS_PLAN[school_id] if g == grade))


def _enrolment() -> list[dict]:
    rows = []
    for school_id, grade, outside_zone in ((PRIMARY, "g1", 2), (JUNIOR, "g7", 6),
                                           (NINE_YEAR, "g1", 0), (NINE_YEAR, "g7", 1),
                                           (TEACHING_POINT, "g1", 0)):
        entrants = _entrants(school_id, grade)
        rows.append({"school_id": school_id, "grade": grade, "entrants": entrants,
                     "zone_entrants": entrants - outside_zone,
                     "migrant_entrants": entrants // 12})
    return rows


# Teachers per school: (stage, subjects cycled over the school's staff, headcount).
_STAFF_PLAN = {
    PRIMARY: [("primary", ("chinese", "math", "english", "science", "pe", "music", "art",
                           "morality_law", "it", "chinese", "math"), 30)],
    JUNIOR: [("junior", ("chinese", "math", "english", "physics", "chemistry", "biology",
                         "history", "geography", "morality_law", "pe", "music", "art", "it"),
              36)],
    NINE_YEAR: [("primary", ("chinese", "math", "english", "pe", "music", "art", "science"), 12),
                ("junior", ("chinese", "math", "english", "physics", "chemistry", "pe",
                            "history", "art"), 12)],
    TEACHING_POINT: [("primary", ("chinese", "math", "other"), 3)],
    KINDERGARTEN: [("preschool", ("other",), 14)],
    PRIVATE_KINDERGARTEN: [("preschool", ("other",), 5)],
}
_DEGREES = ("bachelor", "bachelor", "postgraduate", "bachelor", "associate", "bachelor")
_TITLES = ("first", "senior", "second", "first", "unranked", "senior", "second", "third")
_BACKBONE = ("none", "none", "county", "none", "city", "none", "none", "province", "none")


def _teacher(number: int, school_id: str, stage: str, subject: str) -> dict:
    birth = 1966 + (number * 7) % 33  # 1966..1998
    work_start = birth + 21 + number % 3
    rotated = school_id == NINE_YEAR and number % 8 == 0
    v1 = {
        "teacher_id": f"T{number:04d}", "school_id": school_id, "stage": stage,
        "subject": subject, "full_time": number % 17 != 0,
        "degree": "associate" if stage == "preschool" and number % 2 else _DEGREES[number % 6],
        "title": _TITLES[number % 8], "backbone": _BACKBONE[number % 9],
        "certified": not (school_id == PRIVATE_KINDERGARTEN and number % 2 == 0),
        "sex": "female" if number % 3 else "male", "birth_year": birth,
        "work_start_year": work_start,
        "school_start_year": SCHOOL_YEAR if rotated else min(work_start + number % 9, SCHOOL_YEAR),
        "training_hours_5y": float(240 + (number * 37) % 200), "rotated_in": rotated,
        "from_school_id": PRIMARY if rotated else None,
    }
    return v1 | _teacher_v2(number, v1)


def _teacher_v2(number: int, teacher: dict) -> dict:
    """骨干认定年份, 岗位类别, 编制类型, 教师资格证学段 and, for 学前 staff, 幼儿园岗位 and
    岗位资格证书."""
    backbone = teacher["backbone"] != "none"
    private = teacher["school_id"] == PRIVATE_KINDERGARTEN
    preschool = teacher["stage"] == "preschool"
    first_of_school = number in (94, 108)  # the first staff member of each kindergarten
    post = "director" if first_of_school else ("teacher" if teacher["full_time"] else "caregiver")
    return {
        "backbone_year": min(teacher["work_start_year"] + 6 + number % 5, SCHOOL_YEAR - 1)
        if backbone else None,
        "post_category": "support" if not teacher["full_time"] else (
            "management" if number in (1, 31) else "professional"),
        "quota_status": "outside_quota" if private or number % 13 == 0 else "in_quota",
        "kindergarten_post": post if preschool else None,
        "post_certified": (teacher["certified"] if post == "teacher" else True)
        if preschool else None,
        "cert_stage": _cert_stage(number, teacher),
    }


def _cert_stage(number: int, teacher: dict) -> str | None:
    """教师资格证学段: none without a certificate; every fourth primary teacher holds an 初中
    certificate, every 23rd leaves it blank (unknown); every 11th junior teacher a 高中 one."""
    stage = teacher["stage"]
    if not teacher["certified"] or (stage == "primary" and number % 23 == 0):
        return None
    if stage == "primary":
        return "junior" if number % 4 == 0 else "primary"
    if stage == "junior":
        return "senior" if number % 11 == 0 else "junior"
    return {"preschool": "kindergarten", "senior": "senior"}.get(stage)


def _teachers() -> list[dict]:
    rows = []
    for school_id, plan in _STAFF_PLAN.items():
        for stage, subjects, headcount in plan:
            for k in range(headcount):
                rows.append(_teacher(len(rows) + 1, school_id, stage, subjects[k % len(subjects)]))
    return rows


def _facilities() -> list[dict]:
    keys = ("school_id", "teaching_area", "sports_area", "equipment_value", "books", "computers",
            "multimedia_rooms", "classrooms", "music_rooms", "music_room_area", "art_rooms",
            "art_room_area", "outdoor_play_area")
    values = [
        (PRIMARY, 2750.0, 4300.0, 1_250_000.0, 16_500, 80, 13, 12, 1, 96.0, 1, 90.0, None),
        (JUNIOR, 2900.0, 5200.0, 1_180_000.0, 21_000, 95, 10, 9, 1, 100.0, 1, 95.0, None),
        (NINE_YEAR, 1850.0, 3100.0, 660_000.0, 12_400, 52, 9, 9, 1, 96.0, 1, 90.0, None),
        (TEACHING_POINT, 130.0, 400.0, 32_000.0, 650, 4, 2, 2, None, None, None, None, None),
        (KINDERGARTEN, 1600.0, None, 380_000.0, 3_200, 12, 6, 6, 1, 90.0, 1, 80.0, 1900.0),
        (PRIVATE_KINDERGARTEN, 520.0, None, 90_000.0, 900, 3, 2, 2, None, None, None, None,
         600.0),
    ]
    v2_keys = ("building_area", "site_area", "activity_rooms", "activity_room_area",
               "design_year", "toys_books_complete")
    v2_values = {
        PRIMARY: (5400.0, 12_800.0, None, None, None, None),
        JUNIOR: (6900.0, 16_500.0, None, None, None, None),
        NINE_YEAR: (4300.0, 11_200.0, None, None, None, None),
        TEACHING_POINT: (260.0, 1_400.0, None, None, None, None),
        KINDERGARTEN: (2650.0, 5_600.0, 6, 1120.0, 2018, True),
        PRIVATE_KINDERGARTEN: (780.0, 1_500.0, 2, 300.0, 2012, False),
    }
    return [dict(zip(keys, row, strict=True)) | dict(zip(v2_keys, v2_values[row[0]], strict=True))
            for row in values]


def _funding() -> list[dict]:
    amounts = {PRIMARY: 400_000.0, JUNIOR: 420_000.0, NINE_YEAR: 260_000.0,
               TEACHING_POINT: 10_000.0, KINDERGARTEN: 150_000.0, PRIVATE_KINDERGARTEN: 30_000.0}
    return [{"school_id": s, "public_funding": a, "training_funding": round(a * 0.05)}
            for s, a in amounts.items()]


def _village(code, name, town, urban_rural, lon, lat, base, zone_primary, zone_junior) -> dict:
    ages = {f"age_{a}": base - (a * base) // 40 + (a % 3) for a in range(15)}
    return {"village_code": code, "name": name, "town_code": town,
            "urban_rural_code": urban_rural, "lon": lon, "lat": lat, "crs": "WGS84", **ages,
            "zone_primary": zone_primary, "zone_junior": zone_junior}


def _villages() -> list[dict]:
    return [
        _village("410306001001", "东关社区", URBAN_TOWN, "111", 112.5950, 34.9030, 62, PRIMARY,
                 JUNIOR),
        _village("410306001002", "西关社区", URBAN_TOWN, "111", 112.5760, 34.9005, 55, PRIMARY,
                 JUNIOR),
        _village("410306001201", "南庄村", URBAN_TOWN, "112", 112.5880, 34.8870, 24, PRIMARY,
                 JUNIOR),
        _village("410306101001", "河口村", RURAL_TOWN, "210", 112.6700, 34.8540, 18, NINE_YEAR,
                 NINE_YEAR),
        _village("410306101201", "上河村", RURAL_TOWN, "220", 112.7030, 34.8710, 9,
                 TEACHING_POINT, NINE_YEAR),
        _village("410306101202", "下河村", RURAL_TOWN, "220", 112.6850, 34.8380, 11, NINE_YEAR,
                 NINE_YEAR),
    ]


def _births() -> list[dict]:
    rows = []
    for year in range(2011, 2025):
        rows.append({"town_code": URBAN_TOWN, "year": year, "births": 330 - 9 * (year - 2011)})
        rows.append({"town_code": RURAL_TOWN, "year": year, "births": 150 - 6 * (year - 2011)})
    return rows


def _enrolment_history() -> list[dict]:
    rows = []
    for school_id in (PRIMARY, JUNIOR, NINE_YEAR, TEACHING_POINT):
        for grade, sizes, _ in _CLASS_PLAN[school_id]:
            for back in (1, 2):  # a year earlier the cohorts were slightly larger
                rows.append({"school_year": SCHOOL_YEAR - back, "school_id": school_id,
                             "grade": grade, "students": sum(sizes) + back * 2})
    return rows


def _county_indicators() -> list[dict]:
    values = [
        ("teacher_pay_ratio", "教师平均工资收入水平与公务员比值", 1.02, "县人社局 2025 年工资统计"),
        ("quality_hs_quota_share", "优质高中招生名额分配比例", 0.55, "县教育局 2025 年中招方案"),
        ("migrant_public_share", "随迁子女在公办学校就读比例", 0.91, "2025 年教育事业统计"),
        ("disabled_enrolment_rate", "残疾儿童少年入学率", 0.97, "县残联 2025 年统计"),
        ("junior_retention_rate", "初中三年巩固率", 0.985, "2025 年教育事业统计"),
        ("satisfaction_rate", "社会认可度调查满意率", 0.9, "2025 年第三方满意度调查"),
        ("rotation_eligible_teachers", "符合交流轮岗条件的教师数", 40.0, "县教育局人事股"),
    ]
    keys = ("indicator_code", "indicator_name", "value", "evidence")
    return [dict(zip(keys, row, strict=True)) for row in values]


def example_county() -> CountyData:
    """A small valid county built in code: 示例县 (410306), school year 2025.

    Examples
    --------
    >>> county = example_county()
    >>> county.county_code, county.school_year, len(county.schools), len(county.villages)
    ('410306', 2025, 6, 6)
    >>> county.schools["school_type"].tolist()[:4]
    ['primary_school', 'junior_school', 'nine_year', 'teaching_point']
    """
    from junheng.io.example_v2 import v2_tables  # builds on this module's school ids

    teachers = _teachers()
    return CountyData.from_records(
        _info(), schools=_schools(), classes=_classes(), enrolment=_enrolment(),
        teachers=teachers, facilities=_facilities(), funding=_funding(),
        villages=_villages(), births=_births(), enrolment_history=_enrolment_history(),
        county_indicators=_county_indicators(), **v2_tables(teachers),
    )
