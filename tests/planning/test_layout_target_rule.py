"""Rule (T) said where the plan applies it (brief htrule, review rv17 finding 2): an extended
school's rooms needed only a short run, built because its target year needs them, with what
borrowing them instead would give, on a hand-made county shaped like the demo's 新区实验学校."""

from dataclasses import replace

from junheng.planning.layout_newsite import exception_text
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_target_rule import borrowed_instead, short_rooms, target_rule_words

LON, LAT = 112.70, 34.60
#: 初中 rooms the 6 built rooms' pupils need 2029–2033 (the demo's 新区实验学校)
NEED = {2029: 6, 2030: 6, 2031: 4, 2032: 4, 2033: 2}


def _plan(ground: float = 0.0, lender_lat: float = LAT + 0.02) -> LayoutOutcome:
    # data year 2025, phase 4: the 6 rooms stand from 2029 = first paid 2027 + 2 years' build;
    # 第三小学 0.02° north: 0.02 × π/180 × 6,371 = 2.224 km
    school = PlannedSchool("E", "新区实验学校", "expand", kind="nine_year", phase=4, added_classrooms=6,
                           added_classrooms_by_stage={"junior": 6}, capacity={"junior": 750},
                           spare_ground_m2=ground, room_ground_m2=ground, lon=LON, lat=LAT)
    lender = PlannedSchool("L", "第三小学", "keep", kind="primary_school", capacity={"primary": 2160},
                           lon=LON, lat=lender_lat)
    rows = tuple(YearRooms(y, "E", "junior", 450 + 50 * n, n, 6, 0, 6 if y == 2029 else 0) for y, n in NEED.items())
    pupils = tuple(p for y in NEED for p in ((y, "E", "junior", 450 + 50 * NEED[y]), (y, "L", "primary", 400)))
    return LayoutOutcome("optimal", (school, lender), {}, year=2025, target_year=2030,
                         rules={"plan_date": "2026-12-05", "expansion_lead_years": 2, "temporary_peak_years": 3,
                                "class_size_junior": 50, "class_size_primary": 45},
                         costs={"temporary_room_yuan": 20_000.0, "teaching_yuan_per_m2": 3500.0,
                                "temporary_room_ground_m2": 100.0},
                         transition=rows, year_pupils=pupils)


def test_the_rooms_needed_only_a_short_run():
    # rooms 5–6 are needed 2029–2030 only (2 years ≤ 3, not in 2033); rooms 3–4 2029–2032 (4 years)
    assert short_rooms(NEED, 6, 2030, 3) == {(2029, 2030): 2}
    # a 1-year rule: 2 years are too long, all built by the rule itself
    assert short_rooms(NEED, 6, 2030, 1) == {}
    # rooms of different runs: room 3 2029–2031, room 4 2029–2030
    assert short_rooms({2029: 4, 2030: 4, 2031: 3, 2032: 2, 2033: 2}, 4, 2030, 3) == {
        (2029, 2030, 2031): 1, (2029, 2030): 1}


def test_borrowing_instead_moves_the_rooms_from_built_to_temporary():
    rows = {r.year: (r.built, r.temporary) for r in borrowed_instead(_plan(), _plan().schools[0], "junior", 2, 2029).transition}
    assert rows == {2029: (4, 2), 2030: (4, 2), 2031: (4, 0), 2032: (4, 0), 2033: (4, 0)}


def test_the_line_says_why_they_are_built_and_what_borrowing_would_give():
    # 2 rooms × 120 m² × 3,500 元 = 84.00 万元; 2 rooms × 2 years = 4 间·学年 × 2 万元 = 8.00 万元;
    # 2030: 第三小学 has (2,160 − 400) ÷ 45 = 39 spare rooms, 2.2 km away: it takes both classes
    plan = _plan()
    assert target_rule_words(plan, plan.schools[0], "junior", 6) == (
        "其中 2 间只在 2029—2030 学年需用（未超过临时周转年限 3 年），因本校扩建，规划年 2030 学年所需教室一并新建、"
        "不以临时周转解决，若改为临时周转，可少建 2 间、省 84.00 万元，另付周转费 8.00 万元（4 间·学年），"
        "规划年 2030 学年须 2 个初中班在第三小学（直线 2.2 公里）上课")


def test_where_the_classes_would_go_without_a_lender_nearby():
    # 第三小学 11.1 km away (beyond 3 km): rented; 250 m² of ground hold 2 rooms of 100 m²
    far = _plan(lender_lat=LAT + 0.1)
    assert target_rule_words(far, far.schools[0], "junior", 6).endswith(
        "规划年 2030 学年须 2 个初中班租用校外用房（待落实）上课")
    ground = _plan(ground=250.0)
    assert target_rule_words(ground, ground.schools[0], "junior", 6).endswith(
        "规划年 2030 学年须 2 个初中班在本校空地搭建装配式临时教室上课")


def test_nothing_is_said_where_no_room_is_built_for_a_short_run():
    plan = _plan()
    # 4 rooms built: each needed 2029–2032 (4 years > 3)
    assert target_rule_words(plan, plan.schools[0], "junior", 4) == ""
    # no 过渡期 rows (a plan stored before them)
    assert target_rule_words(replace(plan, transition=()), plan.schools[0], "junior", 6) == ""
    # a target year the build is not in use by (phase 6: 2031): the rooms are not built for it
    late = replace(plan.schools[0], phase=6)
    assert target_rule_words(replace(plan, schools=(late, plan.schools[1])), late, "junior", 6) == ""


def test_the_new_school_note_says_what_an_expansion_does():
    school = PlannedSchool("N", "文化路社区片区初级中学", "new", phase=4, added_classrooms=18,
                           added_classrooms_by_stage={"junior": 18}, capital_yuan=39_887_139.0)
    plan = LayoutOutcome("optimal", (school,), {}, year=2025, target_year=2030, rules={"temporary_peak_years": 3},
                         transition=tuple(YearRooms(y, "N", "junior", 800, k, 18, 0)
                                          for y, k in ((2029, 18), (2030, 18), (2031, 18), (2032, 15), (2033, 15))))
    assert exception_text(plan, school, "junior") == (
        "文化路社区片区初级中学初中教室 18 间，多于 2033 学年所需的 3 间只在 2029—2031 学年需用（3 年，未超过临时周转"
        "年限 3 年，现有学校扩建的，规划年所需教室一并新建，规划年不需用的以临时周转解决）；该校建设投资 3,988.71 万元")
