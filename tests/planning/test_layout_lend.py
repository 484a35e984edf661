"""Where a school's 临时周转 rooms go when its ground holds none, and the entry-grade 学区调整
option, on a hand-made county (brief hcity 1: 实验中学 borrowed up to 12 rooms a year with
0 m² of spare ground and the plan said only 「须借用或租用」)."""

from dataclasses import replace

from junheng.planning.layout_batches import batches_words
from junheng.planning.layout_entry import entry_moves, entry_note
from junheng.planning.layout_lend import lend_note, placements, spare_rooms
from junheng.planning.layout_outcome import (
    LayoutOutcome,
    PlannedSchool,
    VillageAssignment,
    YearRooms,
)

LON, LAT = 112.70, 34.60


def _county() -> LayoutOutcome:
    # 0.01° of latitude is 0.01 × π/180 × 6,371 = 1.112 km: 第一初中 0.445 km north of 实验中学,
    # 新区二小 1.112 km, 远校 11.1 km (beyond the 3 km)
    schools = (
        PlannedSchool("S", "实验中学", "expand", kind="junior_school", capacity={"junior": 2000},
                      spare_ground_m2=0, room_ground_m2=0, lon=LON, lat=LAT),
        PlannedSchool("F", "第一初中", "keep", kind="junior_school", capacity={"junior": 2550},
                      lon=LON, lat=LAT + 0.004),
        PlannedSchool("N", "新区二小", "keep", kind="primary_school", capacity={"primary": 2160},
                      opens_year=2027, lon=LON, lat=LAT + 0.01),
        PlannedSchool("X", "远校", "keep", kind="junior_school", capacity={"junior": 1000},
                      lon=LON, lat=LAT + 0.1))
    transition = (
        # 2028: 3 rooms of its own and 9 of pupils waiting at it: 12
        YearRooms(2028, "S", "junior", 2012, 3, 0, 3, crowded=411, crowded_rooms=9,
                  crowded_at=(("S", 411, 9),)),
        YearRooms(2030, "S", "junior", 1986, 3, 0, 3),
        YearRooms(2031, "S", "junior", 1862, 1, 0, 1))
    pupils = ((2028, "S", "junior", 2012), (2028, "F", "junior", 2794), (2028, "N", "primary", 400),
              (2028, "X", "junior", 100),
              (2030, "S", "junior", 1986), (2030, "F", "junior", 1998), (2030, "N", "primary", 423),
              (2031, "S", "junior", 1862), (2031, "F", "junior", 2000), (2031, "N", "primary", 430),
              (2032, "S", "junior", 1800), (2032, "F", "junior", 2050), (2032, "N", "primary", 440))
    zoned = (VillageAssignment("V1", "grades_1_3", "N", 179, 0.5, 3.5, False, village_name="北苑社区"),
             VillageAssignment("V1", "grades_4_6", "N", 244, 0.5, 3.5, False, village_name="北苑社区"))
    return LayoutOutcome("optimal", schools, {}, year=2025, target_year=2030,
                         rules={"plan_date": "2026-12-05", "class_size_junior": 50,
                                "class_size_primary": 45},
                         costs={"temporary_room_ground_m2": 100.0}, transition=transition,
                         year_pupils=pupils, assignments=zoned)


def test_spare_rooms_of_a_year():
    # 2028: 第一初中 2,794 over its 2,550 seats: none; 新区二小 (2,160 − 400) ÷ 45 = 39.1 → 39;
    # 远校 (1,000 − 100) ÷ 50 = 18; 实验中学 borrows itself: none
    assert spare_rooms(_county(), 2028) == {"N": 39, "X": 18}
    # 2030: 第一初中 (2,550 − 1,998) ÷ 50 = 11.04 → 11; 新区二小 1,737 ÷ 45 = 38.6 → 38; 远校 no
    # pupils that year: 1,000 ÷ 50 = 20
    assert spare_rooms(_county(), 2030) == {"F": 11, "N": 38, "X": 20}


def test_rooms_go_to_the_nearest_school_with_spare_rooms_within_3_km():
    got = [(p.year, p.rooms, [(k, round(d, 3), n, sp) for k, d, n, sp in p.lenders], p.rented)
           for p in placements(_county())]
    # 2028: 第一初中 is full, 远校 is 11 km away: all 12 from 新区二小 (1.112 km, 39 spare);
    # 2030 and 2031: from 第一初中 (0.445 km), 11 spare
    assert got == [(2028, 12, [("N", 1.112, 12, 39)], 0), (2030, 3, [("F", 0.445, 3, 11)], 0),
                   (2031, 1, [("F", 0.445, 1, 11)], 0)]
    # no 校额上限 in the rules, no sports area: on campus 400 + 12 × 50 = 1,000 (新区二小),
    # 1,998 + 3 × 50 = 2,148 (第一初中, 2030)
    assert ("实验中学：2028 学年 12 间：借用新区二小 12 间（直线 1.1 公里，当年空余 39 间，借出后校内学生 1,000 人）；"
            "2030 学年 3 间：借用第一初中 3 间（直线 0.4 公里，当年空余 11 间，借出后校内学生 2,148 人）") in lend_note(_county())


def test_entry_grade_option_with_spare_seats_and_seats_left():
    (m,) = entry_moves(_county())
    # 3 rooms borrowed in 2030 = 3 classes of 七年级 × 50 = 150 pupils (≤ 1,986 ÷ 3 = 662);
    # 第一初中's spare seats while they are in grades 7–9: 2,550 − 1,998 = 552 (2030),
    # − 2,000 = 550 (2031), − 2,050 = 500 (2032); left 402, 400, 350; 实验中学 borrows 3 in 2030
    # and 1 in 2031, both ≤ 3: no room borrowed then
    assert (m.to, m.pupils, m.spare, m.ended) == ("F", 150, ((2030, 552), (2031, 550), (2032, 500)), (2030, 2031))
    # the trip: 0.445 km × 1.3 ÷ 25 km/h (镇村: the schools have no 城区 code) × 60 = 1.39 minutes
    assert ("划入第一初中（直线 0.4 公里，步行/乘车约 1.4 分钟；该校初中可再收学生（空余学位、校额上限以内、体育运动场馆不低于标准的 85% 三者取小）"
            "2030 学年 552 人、2031 学年 550 人、2032 学年 500 人，"
            "这批学生升级在校期间逐年划入后余 402 人、400 人、350 人），实验中学 2030—2032 学年初中各少 3 个班，"
            "2030—2031 学年不再借用") in entry_note(_county())
    # 2028: 12 rooms = 600 seats; 第一初中 is 244 over its seats, 远校 11 km away, 新区二小 no 初中
    assert m.earlier == (("junior", 2028, 12),)
    assert entry_note(_county()).endswith(
        "；2028 学年该校借用初中教室 12 间，直线 3 公里内没有初中学校在走读单程 30 分钟以内、校额上限和达标要求内容纳这些班，"
        "不能靠学区调整解决。")


def _capped(cap: int, sports: dict | None = None) -> LayoutOutcome:
    plan = _county()
    schools = tuple(replace(s, sports_m2=sports) if sports and s.school_id == "F" else s for s in plan.schools)
    return replace(plan, schools=schools, rules={**plan.rules, "school_size_cap": cap})


def test_entry_option_refused_at_the_size_cap():
    # rv8 1: 第一初中 2030 学年 1,998 pupils of a 2,000 cap takes 2, not its 552 spare seats;
    # 远校 is beyond 3 km, 新区二小 has no 初中: no receiver for the 150
    (m,) = entry_moves(_capped(2000))
    r = m.refused
    assert (m.to, m.pupils, r.school_id, r.year, r.pupils, r.cap, r.sports, r.short) == (
        "", 150, "F", 2030, 1998, 2000, None, True)
    assert ("实验中学规划年 2030 学年借用初中教室 3 间，校内空地放不下；若把该校 2030 学年七年级新生 150 人"
            "（3 个班，每班按标准班额 50 人）划出，直线 3 公里内没有初中学校在走读单程 30 分钟以内、校额上限和达标要求内容纳这些学生"
            "（最近的第一初中直线 0.4 公里，2030 学年 1,998 人，校额上限 2,000 人，只能再收 2 人），不能靠学区调整解决；"
            "2028 学年该校借用初中教室 12 间") in entry_note(_capped(2000))


def test_entry_option_takes_the_least_of_seats_and_cap():
    # cap 2,200: 2,200 − 1,998 = 202 (2030), − 2,000 = 200 (2031), − 2,050 = 150 (2032), each
    # below the spare seats 552, 550, 500; 150 ≤ all three: taken, 52, 50 and 0 left
    (m,) = entry_moves(_capped(2200))
    assert (m.to, m.spare) == ("F", ((2030, 202), (2031, 200), (2032, 150)))
    assert "2030 学年 202 人、2031 学年 200 人、2032 学年 150 人，这批学生升级在校期间逐年划入后余 52 人、50 人、0 人" \
        in entry_note(_capped(2200))
    # cap 2,199: 149 in 2032 < 150: refused
    assert entry_moves(_capped(2199))[0].to == ""


def test_entry_option_refused_at_the_sports_floor():
    # cap 2,500 leaves 500+ a year, but 第一初中's sports area: its 2030 pupils 1,998 × 8.8434 =
    # 17,669.1 m² (more than 9,304 today), floor 8.8434 × 0.85 ÷ 0.867 = 8.67 m² a pupil →
    # 2,037 pupils: 39 more in 2030 (37 in 2031 at 2,000)
    sports = {"now": 9304.0, "have": 24407.784, "primary": 8.0395, "junior": 8.8434, "ratio": 0.867}
    plan = _capped(2500, sports)
    plan = replace(plan, schools=tuple(replace(s, students_after={"junior": 1998}) if s.school_id == "F" else s
                                       for s in plan.schools))
    (m,) = entry_moves(plan)
    assert m.to == "" and (m.refused.pupils, m.refused.cap, m.refused.sports) == (1998, 2500, 39)
    assert "（最近的第一初中直线 0.4 公里，2030 学年 1,998 人，校额上限 2,500 人，只能再收 502 人；体育运动场馆按标准的 85% 只能再收 39 人）" \
        in entry_note(plan)


def test_a_mostly_empty_new_school_says_its_pupils_and_rooms_to_open_first():
    # 2,160 seats ÷ 45 = 48 rooms; most pupils 2032: 440 ÷ 6 grades = 73.3 → 2 classes a grade
    # → 12 rooms first, 36 later
    words = batches_words(_county(), "N")
    assert words.startswith("学生来源：规划年划入本校的片区为北苑社区 423 人（按招生预测推算）；本校学生按本方案逐年为 "
                            "2028 学年 400 人、2030 学年 423 人、2031 学年 430 人、2032 学年 440 人，最多 2032 学年 440 人。")
    assert words.endswith("需普通教室 12 间，可先启用 12 间，其余 36 间（共 48 间）待片区学生增加或周边学校片区划入后再启用；"
                          "未启用的教室借给邻近学校临时周转（见“临时周转教室的去向”），需论证。")


def _late(rooms: int) -> LayoutOutcome:
    # 新区二小's seats count a 2025-12 改扩建 still 在建 on the plan date 2026-12-05: overdue
    late = {"name": "新区二小教学楼改扩建", "status": "under_construction", "due": "2025-12-31", "rooms": rooms}
    plan = _county()
    return replace(plan, schools=tuple(replace(s, unfinished_projects=(late,)) if s.school_id == "N" else s
                                       for s in plan.schools))


def test_a_loan_of_an_overdue_projects_rooms_says_so():
    # 2028: 新区二小 39 spare rooms, 30 of them the project's: 9 without it; 实验中学 borrows 12,
    # 9 of them first, 3 the project's
    note = lend_note(_late(30))
    assert ("2028 学年 12 间：借用新区二小 12 间（直线 1.1 公里，当年空余 39 间，借出后校内学生 1,000 人；所借教室中 3 间"
            "为逾期未竣工的新区二小教学楼改扩建项目新增教室，项目延误时须改为租用）") in note
    # rv9: renting those 3 rooms for the one year costs 3 × 2.00 万元 (the shipped price) = 6.00 万元
    assert ("借用未竣工项目新增教室共 3 间·学年（2028 学年 3 间），项目延误时须改为租用校外用房，按每间每学年 2.00 万元计"
            "租金约 6.00 万元，列为风险") in note
    # 27 project rooms leave 12 without it: the loan does not rest on the project
    assert "所借教室中" not in lend_note(_late(27))
    # 实验中学's 初中 classes in 新区二小, a 小学
    assert note.endswith("。\n初中班级借用小学校舍的，须按初中配备课桌椅和实验条件，作息分开安排。")


def test_project_rooms_go_last_in_the_order_of_lending():
    from junheng.planning.layout_lend import Placed
    from junheng.planning.layout_lend_risk import project_loans, project_risk

    plan = _late(14)
    # 新区二小 14 spare, all the project's: A takes 7 of them, B 4
    placed = [Placed("B", 2027, 7, (("X", 1.0, 3, 3), ("N", 1.3, 4, 14))),
              Placed("A", 2027, 10, (("N", 1.0, 7, 14),))]
    assert project_loans(plan, placed) == {("A", 2027, "N"): 7, ("B", 2027, "N"): 4}
    # 17 spare, 3 without the project: A (most rooms, first) takes 8: 3 own, 5 the project's;
    # B then 3 more, all the project's
    later = [Placed("B", 2028, 3, (("N", 1.3, 3, 17),)), Placed("A", 2028, 8, (("N", 1.0, 8, 17),))]
    assert project_loans(plan, later) == {("A", 2028, "N"): 5, ("B", 2028, "N"): 3}
    # rv9: renting them if the project slips, 7 + 4 = 11 rooms in 2027 and 5 + 3 = 8 in 2028:
    # 19 room-years × 2.00 万元 (the shipped price) = 38.00 万元
    assert project_risk(plan, placed + later).startswith(
        "借用未竣工项目新增教室共 19 间·学年（2027 学年 11 间、2028 学年 8 间），项目延误时须改为租用校外用房，"
        "按每间每学年 2.00 万元计租金约 38.00 万元，列为风险")


def test_the_idle_new_school_named_beside_the_rooms_rented():
    # rv8 11: 新区二小 moved to 0.04° north (4.448 km), beyond the 3 km: in 2028 实验中学's 12 rooms
    # find no lender (第一初中 full, 远校 11 km) and are rented; 新区二小 has 400 pupils that year:
    # 400 ÷ 6 = 66.7 a grade → 2 classes → 12 rooms of its 48 (2,160 ÷ 45): 36 idle;
    # 12 × 2.00 万元 = 24.00 万元. 2030–31 borrow from 第一初中: nothing rented then
    plan = _county()
    plan = replace(plan, costs={**plan.costs, "temporary_room_yuan": 20_000.0},
                   schools=tuple(replace(s, lat=LAT + 0.04) if s.school_id == "N" else s for s in plan.schools))
    words = batches_words(plan, "N")
    assert words.endswith("超出借用范围 3 公里，须接送；可作为租用的替代：2028 学年本校未启用教室 36 间，"
                          "同年租用校外用房 12 间：实验中学 12 间（直线 4.4 公里），按每间每学年 2.00 万元计 24.00 万元；"
                          "租用校外用房的班级可改为安排到本校、由学校接送，接送费用与租金比较后确定，需论证。")


def _loans(plan: LayoutOutcome) -> list:
    return [(p.year, [(k, n) for k, _d, n, _sp in p.lenders], p.rented, p.campus) for p in placements(plan)]


def test_a_lender_at_its_size_cap_lends_nothing_and_the_next_school_lends():
    # review rv9: 实验小学 lent rooms up to about 2,370 pupils on its campus, capped at 2,000
    # cap 2,000: 第一初中 has 1,998 pupils in 2030 and 2,000 in 2031: room for 2 and 0, less than
    # a class of 50, so it lends none of its 11 spare rooms; 新区二小 (1.1 km) lends instead:
    # 423 + 3 × 50 = 573 and 430 + 50 = 480 on its campus
    assert _loans(_capped(2000)) == [
        (2028, [("N", 12)], 0, (("N", 1000, 2000),)),
        (2030, [("N", 3)], 0, (("N", 573, 2000),)),
        (2031, [("N", 1)], 0, (("N", 480, 2000),))]
    # cap 2,100: 第一初中 has room for 102 in 2030: 2 classes (2,098 on campus), the third from
    # 新区二小 (473); 2031: room for 100, the one class (2,050)
    assert _loans(_capped(2100))[1:] == [
        (2030, [("F", 2), ("N", 1)], 0, (("F", 2098, 2100), ("N", 473, 2100))),
        (2031, [("F", 1)], 0, (("F", 2050, 2100),))]
    assert "2030 学年 3 间：借用第一初中 2 间（直线 0.4 公里，当年空余 11 间，借出后校内学生 2,098 人，校额上限 2,100 人）、" \
        "新区二小 1 间（直线 1.1 公里，当年空余 38 间，借出后校内学生 473 人，校额上限 2,100 人）" in lend_note(_capped(2100))


def test_rooms_are_rented_when_no_lender_within_reach_keeps_its_cap():
    # 新区二小 moved 4.4 km away: 第一初中 alone is within 3 km and at its cap in 2030 and 2031
    plan = _capped(2000)
    plan = replace(plan, schools=tuple(replace(s, lat=LAT + 0.04) if s.school_id == "N" else s for s in plan.schools))
    assert [(p.year, p.lenders, p.rented, p.held) for p in placements(plan)] == [
        (2028, (), 12, ()),  # 第一初中 has no spare room that year
        (2030, (), 3, (("F", 11, 1998, 2000, None, "junior"),)),
        (2031, (), 1, (("F", 11, 2000, 2000, None, "junior"),))]
    note = lend_note(plan)
    assert ("实验中学：2028 学年 12 间：直线 3 公里内没有当年有空余教室、且在校额上限和达标要求内可以借出的学校，租用校外用房（待落实，条件见下）；"
            "2030 学年 3 间：直线 3 公里内没有") in note
    assert ("\n有空余教室、但再借出一个班校内学生就超出校额上限或体育运动场馆低于标准的 85% 的学校（不出借或不再多借，"
            "与学区调整的接收学校同一口径）：\n2030 学年：第一初中空余 11 间，校内学生 1,998 人，校额上限 2,000 人，只能再收 2 人；\n"
            "2031 学年：第一初中空余 11 间，校内学生 2,000 人，校额上限 2,000 人，只能再收 0 人。") in note
    # nothing lent, no 初中 class in a 小学: the note ends with the schools held back
    assert note.endswith("2031 学年：第一初中空余 11 间，校内学生 2,000 人，校额上限 2,000 人，只能再收 0 人。")


def test_a_lender_lends_while_its_sports_area_keeps_the_floor_with_the_classes_it_hosts():
    # 新区二小 with 5,000 m² (more than 423 × 6.5025 = 2,750.6 for its pupils after the plan);
    # floors a pupil 6.5025 × 0.85 ÷ 0.867 = 6.375 m² (小学) and, a 初中 pupil in a 小学 at the
    # 初中 standard (review rv11 10), 10.2 × 0.85 = 8.67 m². 2028: its 400 pupils use 2,550 m²,
    # 2,450 left = 282.6 初中 pupils → 5 classes of 50; after them 2,450 − 250 × 8.67 = 282.5 m²
    # = 32.6 → 32 pupils, less than a class: 7 of the 12 rooms rented, 650 on campus
    sports = {"now": 5000.0, "have": 5000.0, "primary": 6.5025, "junior": 7.1528, "ratio": 0.867}
    plan = _capped(2000)
    plan = replace(plan, schools=tuple(replace(s, sports_m2=sports, students_after={"primary": 423})
                                       if s.school_id == "N" else s for s in plan.schools))
    first = placements(plan)[0]
    assert (first.year, first.lenders[0][2], first.rented, first.campus) == (2028, 5, 7, (("N", 650, 2000),))
    assert first.held == (("N", 34, 650, 2000, 32, "junior"),)
    assert "2028 学年：新区二小空余 34 间，校内学生 650 人，体育运动场馆按标准的 85% 只能再收初中学生 32 人。" in lend_note(plan)


def test_a_plan_that_rents_says_once_what_rented_premises_must_meet():
    """Without 第一初中 and 新区二小 no school within 3 km has a spare room (远校 is 11.1 km
    away): 实验中学 rents in all three years, and the note names the conditions once, after
    the schools (review rv9 2); a plan that only borrows does not say them."""
    from junheng.planning.layout_lend import RENT_TERMS

    plan = _county()
    alone = replace(plan, schools=tuple(s for s in plan.schools if s.school_id in ("S", "X")))
    note = lend_note(alone)
    assert "实验中学：2028 学年 12 间：直线 3 公里内没有当年有空余教室、且在校额上限和达标要求内可以借出的学校，租用校外用房（待落实，条件见下）；" in note
    assert note.count(RENT_TERMS) == 1
    assert note.endswith("\n" + RENT_TERMS)
    assert RENT_TERMS == (
        "租用校外用房的条件（各校相同）：房屋经安全鉴定合格、已通过消防验收或备案（按本县校舍安全管理规定核定）；"
        "用作教室的采光、通风符合《中小学校设计规范》（GB 50099—2011）；离本校直线不超过 3 公里（假设值），"
        "更远的须安排学生接送；租期覆盖所需学年。")
    assert "租用校外用房的条件" not in lend_note(plan)


def test_a_lender_is_held_to_the_sports_area_standing_that_year():
    # review rv11 3: 新区实验学校 lent rooms in 2027 on the area it has only from 2029. 新区二小
    # expands in phase 4 (2025 + 4 = 2029): 2,000 m² today, 700 pupils after the plan × 6.5025 =
    # 4,551.75 m² from 2029. Floors a pupil 6.375 (小学) and 8.67 m² (初中 pupil in a 小学).
    # 2028: 400 × 6.375 = 2,550 > 2,000: (2,000 − 2,550) ÷ 8.67 = −63.4 → −64, below the floor,
    # no loan (on 4,551.75 m² it would have lent ⌊2,001.75 ÷ 8.67⌋ = 230 → 4 classes); 第一初中
    # over its seats, 远校 beyond 3 km: all 12 rented.
    # 2030: (4,551.75 − 423 × 6.375) ÷ 8.67 = 1,855.1 ÷ 8.67 = 213.97 → 3 classes (573 on campus;
    # 第一初中 at its cap: room for 2); 2031: (4,551.75 − 2,741.25) ÷ 8.67 = 208.8 → 1
    sports = {"now": 2000.0, "have": 2000.0, "primary": 6.5025, "junior": 7.1528, "ratio": 0.867}
    plan = _capped(2000)
    plan = replace(plan, schools=tuple(
        replace(s, action="expand", phase=4, sports_m2=sports, students_after={"primary": 700})
        if s.school_id == "N" else s for s in plan.schools))
    assert _loans(plan) == [
        (2028, [], 12, ()),
        (2030, [("N", 3)], 0, (("N", 573, 2000),)),
        (2031, [("N", 1)], 0, (("N", 480, 2000),))]
    assert placements(plan)[0].held == (("N", 39, 400, 2000, -64, "junior"),)
    assert ("2028 学年：新区二小空余 39 间，校内学生 400 人，体育运动场馆当年已低于标准的 85%，不能再收学生。"
            in lend_note(plan))


def test_a_lender_keeps_the_rooms_its_own_classes_use():
    # review rv11 4: 第四小学 lent in 2031 a room its own 21st class used. 第一初中 expands by 2
    # rooms in phase 2 (built 2027): 2,550 seats, 51 rooms, 49 before the plan. 2030: 1,998 pupils,
    # ⌊552 ÷ 50⌋ = 11 spare by seats, but the 过渡期 counts 2 classes beyond the 49 rooms:
    # 51 − (49 + 2) = 0 spare, so 新区二小 lends the 3 rooms; with 1 class beyond: 51 − 50 = 1
    # spare, lent first (0.4 km), the other 2 from 新区二小
    def county(overflow: int) -> LayoutOutcome:
        plan = _county()
        schools = tuple(replace(s, action="expand", phase=2, added_classrooms_by_stage={"junior": 2})
                        if s.school_id == "F" else s for s in plan.schools)
        row = YearRooms(2030, "F", "junior", 1998, overflow, overflow, 0)
        return replace(plan, schools=schools, transition=(*plan.transition, row))

    assert spare_rooms(county(2), 2030) == {"N": 38, "X": 20}
    assert spare_rooms(county(1), 2030) == {"F": 1, "N": 38, "X": 20}
    assert [(p.year, [(k, n) for k, _d, n, _sp in p.lenders]) for p in placements(county(2))][1:] == [
        (2030, [("N", 3)]), (2031, [("F", 1)])]
    assert [(p.year, [(k, n) for k, _d, n, _sp in p.lenders]) for p in placements(county(1))][1] == (
        2030, [("F", 1), ("N", 2)])
