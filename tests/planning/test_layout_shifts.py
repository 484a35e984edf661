"""Brief hq (issue 16): in the school years a 建设项目's new school is open, a community whose
school is over its seats is zoned whole to it (within the day limit, within its seats) before
any room is rented (planning.layout_shifts); the checker re-derives the moves.

The county: villages A (112.00) and B (111.99), each with 60 children of each age 6–11 and 40
of each age 0–5 (grades 1–3 ages 6–8, grades 4–6 ages 9–11 in the data year 2025); primary C1
at 112.00 with 13 rooms (13 × 45 = 585 seats), kept; a project's new primary NEW at 112.05,
finished 2026-08-01 (in use from 2026), of ``places`` places. Target year 2029, planned
2026-12-04 (first school year 2027). A village's primary pupils, by year:

* 2027: grades 1–3 = ages 4–6 today = 40 + 40 + 60 = 140, grades 4–6 = ages 7–9 = 180: 320;
* 2028: ages 3–5 = 120, ages 6–8 = 180: 300;
* 2029 (target): ages 2–4 = 120, ages 5–7 = 40 + 60 + 60 = 160: 280;
* 2030: ages 1–3 = 120, ages 4–6 = 140: 260; 2031 and later: 240 or fewer.

C1 holds both villages in the target year (560 ≤ 585; NEW is 14.38 minutes away, C1 0), so
NEW has no pupils by the plan; C1 is over its seats in 2027 (640, 55 over, ⌈55 / 45⌉ = 2
rooms) and 2028 (600, 15 over, 1 room).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from layout_builders import C1, TOWN, J, county, school, village
from test_layout import config

from junheng.jobs.layout import plan_layout_with_projects
from junheng.planning.layout_check import PlanViolation
from junheng.planning.layout_check_shifts import check_shifts
from junheng.planning.projects import county_at

NEW = "4103060800"
A, B = f"{TOWN}001", f"{TOWN}002"


def _county(places: int):
    ages = {f"age_{a}": 60 if 6 <= a <= 11 else 40 for a in range(15)}
    classes = [{"school_id": C1 if g <= 6 else J, "grade": f"g{g}", "class_no": "1",
                "students": 120 if g <= 6 else 80} for g in range(1, 10)]
    data = county([{**village(1, 112.00), **ages}, {**village(2, 111.99), **ages}],
                  [school(C1, "primary_school", 112.00), school(J, "junior_school", 112.00)],
                  {C1: 13, J: 12}, classes)
    project = {"school_id": NEW, "name": "示例县河口乡第二小学新建工程", "project_type": "new_build",
               "completion_date": pd.Timestamp("2026-08-01"), "status": "under_construction",
               "added_places": places, "site_lon": 112.05, "site_lat": 34.0}
    return data.with_tables(projects=pd.DataFrame([project]).astype({"added_places": "Int64"}),
                            towns=pd.DataFrame({"town_code": [TOWN], "town_name": ["河口乡"]}))


def _config():
    return config(keep=[C1, J], target_year=2029, plan_date=date(2026, 12, 4))


def _plan(places: int):
    return plan_layout_with_projects(_county(places), _config()).outcome


def _data(places: int):
    """The county as the plan reads it: the project's school built (planning.projects)."""
    return county_at(_county(places), 2029, today=date(2026, 12, 4)).data


@pytest.fixture(scope="module")
def roomy():
    return _plan(360)


def test_the_nearest_community_moves_to_the_new_school_in_the_years_its_school_is_over(roomy):
    # NEW (360 places) is open from 2026; it has 0 pupils by the plan, so village A (320 in
    # 2027, 300 in 2028; 0.05° east of it: 4.6094 km × 1.3 / 25 km/h × 60 = 14.38 minutes,
    # within the day limit of 30; B is 0.06° away, 17.26 minutes) fits in both years and
    # leaves C1 with 320 and 300 pupils, within its 585 seats: no room is rented any more
    # (main rented 2 rooms in 2027 and 1 in 2028). In 2029 (the target year) and later C1 is
    # within its seats: A is at C1, as the plan assigns it.
    assert roomy.shifts == ((2027, A, "primary", C1, NEW, 320, 14.38),
                            (2028, A, "primary", C1, NEW, 300, 14.38))
    assert roomy.overflow == ()
    assert not [n for n in roomy.notes if n.startswith("规划年以外学年的超员")]
    assert [n for n in roomy.notes if n.startswith("过渡期逐年划入新校")] == [
        "过渡期逐年划入新校：本方案按规划年划片，其他学年学校超出学位时，先把其片区在走读上限内整体划入当年已启用、仍有学位的"
        "建设项目新建学校（不超出其标准学位和校额上限），再以临时周转解决余下的超员：2027 学年学校4103060001片区村1小学 320 人"
        "划入示例县河口乡第二小学（单程 14.4 分钟）；2028 学年学校4103060001片区村1小学 300 人划入示例县河口乡第二小学"
        "（单程 14.4 分钟）。该学年后学生按规划年划片就读。"]
    # the new school's use in those years: 320 / 360 = 89 %, 300 / 360 = 83 %
    assert "；划入后本校 2027 学年小学 320 人、学位 360 个（利用率 89%），2028 学年小学 300 人、学位 360 个（利用率 83%）。" \
        in roomy.kept_reasons[NEW]
    # its opening note says what the plan does, no longer what it could do
    assert roomy.kept_reasons[NEW].endswith(
        "按本方案该校 2027 学年 640 人、2029 学年 560 人，其中 2027 学年超出学位 55 人、2028 学年超出学位 15 人"
        "（本方案按规划年核定各校学位，其他学年超员时先把片区划入已启用的新建学校，见说明中的“过渡期逐年划入新校”）"
        "；本方案在这些学年把该校片区村1（到本校单程 14.4 分钟，在走读上限内；2027 学年 320 人、2028 学年 300 人）划入本校，"
        "代替临时周转：划入后该校 2027 学年 320 人、2028 学年 300 人，均在学位内。")
    check_shifts(_data(360), roomy, _config())  # the checker re-derives the moves


def test_a_community_the_new_school_cannot_hold_stays_and_its_school_rents():
    # NEW of 315 places: A's 320 (and B's 320) do not fit in 2027, so C1 rents its 2 rooms
    # (640 − 585 = 55 over); in 2028 A's 300 fit and C1 rents none (was 1 room)
    plan = _plan(315)
    assert plan.shifts == ((2028, A, "primary", C1, NEW, 300, 14.38),)
    assert plan.overflow == ((2027, C1, "primary", 2),)


def test_the_checker_refuses_wrong_moves(roomy):
    from dataclasses import replace

    data, cfg = _data(360), _config()
    wrong = replace(roomy, shifts=((2027, A, "primary", C1, NEW, 310, 14.38),
                                   (2029, A, "primary", C1, NEW, 280, 31.0)))
    # 2027: A's pupils are 320, not 310; 2029 (the target year): A's trip given beyond the 30
    # minutes, and C1 holds 560 ≤ 585 before the move, so nothing may move
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, wrong, cfg)
    assert caught.value.lines == (
        "2027 学年学校4103060001片区村1小学划入示例县河口乡第二小学：310 人，应为 320 人。",
        "2029 学年学校4103060001片区村1小学划入示例县河口乡第二小学：单程 31.0 分钟，超出走读上限 30 分钟。",
        "2029 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该校划出前 560 人，未超出学位 585 个，不应划出。")
    # main's plan with the moves listed but the rooms still rented: C1 keeps 320 in 2027
    rented = replace(roomy, overflow=((2027, C1, "primary", 2),))
    with pytest.raises(PlanViolation, match=r"^2027 学年学校4103060001小学划出后 320 人，临时周转 2 间，应为 0 间。$"):
        check_shifts(data, rented, cfg)
    # a receiver over its seats: 2027's move named twice (B's 320 as A's, into 320 + 320 = 640 > 360)
    crowded = replace(roomy, shifts=((2027, A, "primary", C1, NEW, 320, 14.38),
                                     (2027, f"{TOWN}002", "primary", C1, NEW, 320, 17.26)))
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, crowded, cfg)
    assert caught.value.lines == (
        "2027 学年学校4103060001片区村2小学划入示例县河口乡第二小学：该校划出前 320 人，未超出学位 585 个，不应划出。",
        "2027 学年示例县河口乡第二小学小学划入后 640 人，超出学位 360 个。")
    # pupils the plan brings to C1 are not moved again: A's parts given as today at J
    brought = replace(roomy, assignments=tuple(
        replace(a, before_school=J) if a.village_id == A and a.school_id == C1 else a
        for a in roomy.assignments))
    with pytest.raises(PlanViolation) as caught:
        check_shifts(data, brought, cfg)
    assert caught.value.lines == (
        "2027 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区在该校的学生有本方案转入的，不再划出。",
        "2028 学年学校4103060001片区村1小学划入示例县河口乡第二小学：该片区在该校的学生有本方案转入的，不再划出。")
