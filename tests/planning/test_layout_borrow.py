"""Brief hsize (review rv4 (2) 1 and 5): every school-level 临时周转 figure a reader sees is the
过渡期 rows' — 表3 (the rooms at most, the years, the target year's and its places), 表7's
规划年学位缺口, 「代替新建」/「少建」 and the headline — not the solve's pooled seats."""

from __future__ import annotations

from junheng.planning.layout_borrow import instead_sentence, school_borrowing, target_rooms
from junheng.planning.layout_later import later_need_text
from junheng.planning.layout_options import option_facts, seat_short_text
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_years import temporary_headline, transition_text
from junheng.report.plan_rows import layout_summary

ROOM = 420_000.0


def expanded(school_id: str, name: str, stage: str, seats: int, pupils: int, *, rooms: int,
             **more) -> PlannedSchool:
    """A school of one stage expanded in phase 4 by ``rooms`` rooms, to ``seats`` seats for
    ``pupils`` pupils in the target year."""
    def of(n: int) -> dict[str, int]:
        return {"primary": n, "junior": 0} if stage == "primary" else {"primary": 0, "junior": n}

    return PlannedSchool(school_id, name, "expand", phase=4, added_classrooms=rooms, capacity=of(seats),
                         students_after=of(pupils), **more)


def plan() -> LayoutOutcome:
    """东 (the solve: 1 room not built, 45 places) borrows 4 rooms in 2027 and 2 in 2028, none
    after; 四 (the solve: 1 built + 1 not built) borrows 3 in 2027, 3 in 2029 (its 1 built room
    in use) and 1 in the target year 2030; 中 (the solve: all 2 rooms built) still borrows 1 in
    2030 (the grade-by-grade need of 3 over its 2 built)."""
    borrowed = {"temporary_classrooms": 1, "temporary_yuan": ROOM, "temporary_seats": {"primary": 45}}
    schools = (
        expanded("D", "东小学", "primary", 720, 595, rooms=1, **borrowed),
        expanded("F", "四小学", "primary", 945, 845, rooms=2, capital_yuan=ROOM, **borrowed),
        expanded("Z", "中学", "junior", 700, 679, rooms=2, capital_yuan=2 * ROOM),
    )
    rows = (
        YearRooms(2027, "D", "primary", 743, 4, 0, 4),
        YearRooms(2028, "D", "primary", 685, 2, 0, 2),
        YearRooms(2027, "F", "primary", 900, 3, 0, 3),
        YearRooms(2029, "F", "primary", 893, 4, 1, 3),
        YearRooms(2030, "F", "primary", 845, 2, 1, 1),
        YearRooms(2029, "Z", "junior", 693, 2, 2, 0),
        YearRooms(2030, "Z", "junior", 679, 3, 2, 1),
    )
    return LayoutOutcome(
        "optimal",
        schools,
        {},
        year=2025,
        target_year=2030,
        costs={"temporary_room_yuan": 20_000.0},
        rules={"plan_date": "2026-12-05", "class_size_primary": 45, "class_size_junior": 50},
        transition=rows,
    )


def test_each_school_borrows_as_its_rows_say():
    got = school_borrowing(plan())
    # 东: 4 (2027), 2 (2028), none in 2030; 四: 3, 3, 1 -> at most 3, first in 2027; 中: 1 in 2030
    assert {k: (b.most, b.most_year, b.target, sorted(b.years)) for k, b in got.items()} == {
        "D": (4, 2027, 0, [2027, 2028]),
        "F": (3, 2027, 1, [2027, 2029, 2030]),
        "Z": (1, 2030, 1, [2030]),
    }
    # 代替新建: the target year's borrowed, 四 1 + 中 1 = 2 (the solve said 东 1 + 四 1 = 2, other schools)
    assert target_rooms(plan()) == 2


def test_table_3_says_the_rows_and_the_target_years_places():
    details = [a.detail for a in layout_summary(plan()).actions]
    # in the table's order (by name): 东, 中, 四
    # 东: no place borrowed in 2030 (was 「临时周转普通教室 1 间」 and 「另…学位 45 个」 beside no row after 2028);
    # 四: 1 room in 2030 × 45 = 45 places; 中: 1 × 50 = 50 places (the solve said none)
    # brief hyears 3: the run start is 2029 (first school year 2027 on the plan date + 2 years'
    # build), so 东's 2027–2028 (all its years) and 四's 2027 are years no new room can stand yet
    assert [d for d in details if "临时周转" in d] == [
        "临时周转普通教室至多 4 间（2027—2028 学年借用，即使新建教室也来不及投入使用，规划年 2030 学年不借用；借用的教室不新建，见“过渡期”），"
        "调整后学位 675 个",
        "新建普通教室 2 间，临时周转普通教室 1 间（2030 学年借用，规划年 2030 学年 1 间；借用的教室不新建，见“过渡期”），"
        "调整后学位 700 个（另临时周转教室学位 50 个，过渡期借用，不计入）",
        "新建普通教室 1 间，临时周转普通教室至多 3 间（2027、2029—2030 学年借用，其中 2027 学年即使新建教室也来不及投入使用，"
        "规划年 2030 学年 1 间；借用的教室不新建，见“过渡期”），"
        "调整后学位 900 个（另临时周转教室学位 45 个，过渡期借用，不计入）",
    ]


def test_not_built_and_the_headline_are_the_target_years_rooms():
    p = plan()
    # 2 rooms × 42.00 万元 = 84.00 万元; room-years 4 + 2 + 3 + 3 + 1 + 1 = 14 × 2.00 万元 = 28.00 万元
    # review rv8 finding 10: net of the rent of the same rooms from the run start 2029 (a room
    # built then ends it): 四's 1 room not built, borrowed 3 in 2029 and 1 in 2030 -> 1 + 1; 中's
    # 1 in 2030 -> 1; 3 room-years × 2.00 = 6.00 万元; 84.00 − 6.00 = 78.00 (四's 2027 is rented either way)
    # review rv26 finding 9: the two schools borrow 3 + 1 + 1 = 5 room-years from 2029, 四's 2029
    # 3 rooms 2 more than its 1 not built: 5 = 3 + 2, said beside the 3 the saving nets
    saving = ("约省 84.00 万元，扣除这 2 间 2029—2030 学年的周转费 6.00 万元（3 间·学年；这 2 所学校同期共借用 5 间·学年，"
              "另四小学 2029 学年 2 间即使新建这 2 间也仍须借用），净省约 78.00 万元")
    assert f"以临时周转代替新建，少建 2 间{saving}。" in transition_text(p)
    # brief hyears 3: the summary says the same 2 rooms at 2 schools (四, 中) and the money once
    assert instead_sentence(p) == (
        "规划年 2030 学年 2 所学校共 2 间普通教室以临时周转代替新建（缺口持续不超过临时周转年限或建成后多数学年闲置），"
        f"{saving}（见“过渡期”）。")
    assert temporary_headline(p) == (
        # brief hwin: the years and, split at the run start 2029 (2027 + 2 years' build), the
        # years no build could help: 2027 D 4 + F 3, 2028 D 2 = 9; 2029 F 3, 2030 F 1 + Z 1 = 5.
        # Brief hlabel2 1: F builds 1 room (2 added, 1 borrowed), so 1 of its 3 in 2027 waits
        # for it; D builds none (its 1 room borrowed): its 4 + 2 and F's other 2 fall before
        # the run start, when no room built could be in use (brief hwords 1: 新建教室来不及投入使用
        # 8, was 临时周转代替新建 8)
        "临时周转最多一年 7 间（2027 学年），过渡期 2027—2030 学年共 14 间·学年、28.00 万元（其中 2027—2028 学年 "
        "9 间·学年、18.00 万元（扩建教室建成前 1 间·学年、新建教室来不及投入使用 8 间·学年）；自 2029 学年起 5 间·学年、10.00 万元，整改措施自该学年起计）；"
        "其中代替新建的 2 间"
        "（规划年 2030 学年借用：四小学 1 间、中学 1 间；不新建，各校在缺口的学年借用）"
    )


def test_table_7_names_the_schools_borrowing_in_the_target_year():
    facts = option_facts(plan())
    # 四 and 中 have a 2030 row: their rooms, not their places; 东 (595 < 675) is short of none
    # (school, stage, rooms, pupils over its lasting places): 四 845 on 945 − 45 = 900, 中 679 on 700
    assert facts["target_borrowed"] == [["四小学", "小学", 1, 0], ["中学", "初中", 1, 0]]
    assert facts["seat_short"] == []
    assert facts["temporary"][0] == 2
    assert seat_short_text(facts) == (
        "2 所：四小学小学缺教室 1 间（规划年借用临时周转教室）；"
        "中学初中缺教室 1 间（规划年借用临时周转教室）"
    )


def test_table_7_says_the_pupils_over_the_places_of_a_school_borrowing_in_the_target_year():
    # review rv10 finding 11: 实验中学's 1,986 pupils on 1,900 places read 「缺教室 3 间」 alone;
    # here 中 has 730 pupils on its 700 places (none of them borrowed seats): 30 over
    from dataclasses import replace

    p = plan()
    schools = tuple(replace(s, students_after={"primary": 0, "junior": 730}) if s.school_id == "Z" else s
                    for s in p.schools)
    facts = option_facts(replace(p, schools=schools))
    assert facts["target_borrowed"][1] == ["中学", "初中", 1, 30]
    assert seat_short_text(facts).endswith("；中学初中缺教室 1 间（规划年借用临时周转教室），学生多于学位 30 人")


def test_from_is_said_only_when_no_later_year_needs_more():
    # 第四小学 (rv4 5): 2031 1 room, 2032 none, 2033 1 again: not 「2032 学年起不扩建也够」
    text = later_need_text(
        "第四小学",
        2030,
        1,
        "小学",
        845,
        855,
        {2031: 800, 2032: 786, 2033: 789},
        {2031: 1, 2032: 0, 2033: 1},
    )
    assert text.endswith("：2032 学年不扩建也够（2033 学年又需用 1 间）")
