"""Brief hsolve 2: a school that borrows first only for pupils waiting there to leave, then for
its own pupils, says the two parts (the demo's 洛北县第四中学: 2027—2028 rooms for the
行政路社区 pupils waiting to move to 新区实验学校, held rows of planning.layout_arrivals.held_years;
2029—2031 its own need, counted from its 划片 pupils' year). It read
「2027—2031 学年借用，其中 2027—2028 学年即使新建教室也来不及投入使用」 as if one need.

A hand-made plan: 甲中学 (F, kept) holds 153 and 160 waiting pupils in 2027 and 2028 with 2
rooms short each year (its own rows, crowded_at itself), then borrows 2, 2, 1 rooms for its
own pupils 2029–2031; the target year 2030, the run start 2029, the limit 3 years."""

from __future__ import annotations

from junheng.planning.borrow_runs import held_split
from junheng.planning.layout_borrow import borrow_phrase, borrow_words, school_borrowing
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.planning.layout_room_words import room_words

RULES = {"plan_date": "2026-12-05", "expansion_lead_years": 2, "temporary_peak_years": 3}
HELD = (YearRooms(2027, "F", "junior", 522, 0, 0, 0, crowded=25, crowded_rooms=2,
                  crowded_at=(("F", 25, 2),), waiting=153),
        YearRooms(2028, "F", "junior", 530, 0, 0, 0, crowded=54, crowded_rooms=2,
                  crowded_at=(("F", 54, 2),), waiting=160))
OWN = tuple(YearRooms(y, "F", "junior", n, k, 0, k) for y, n, k in ((2029, 693, 2), (2030, 679, 2), (2031, 636, 1)))
SCHOOL = PlannedSchool("F", "甲中学", "keep", temporary_classrooms=2)


def _plan(rows=HELD + OWN) -> LayoutOutcome:
    return LayoutOutcome("optimal", (SCHOOL,), {}, year=2025, target_year=2030, rules=RULES, transition=rows)


def test_the_waiting_pupils_rooms_are_kept_apart_from_the_schools_own():
    b = school_borrowing(_plan())["F"]
    assert b.years == {2027: 2, 2028: 2, 2029: 2, 2030: 2, 2031: 1}
    assert b.held == {2027: 2, 2028: 2}  # the rows' crowded_at, the school itself
    assert held_split(b.years, b.held) == ({2027: 2, 2028: 2}, {2029: 2, 2030: 2, 2031: 1})


def test_the_step_names_both_parts_with_their_years_and_rooms():
    # the run 2027—2031 is 5 years at the school, over the limit of 3, still said; the years
    # before the run start are the waiting pupils' alone, so no 「即使新建教室也来不及投入使用」
    words = borrow_words(school_borrowing(_plan())["F"], 2030, since=2029, peak=3)
    assert words == ("临时周转普通教室至多 2 间（2027—2028 学年为等待转出的学生借用 2、2 间；2029—2031 学年为留在本校的"
                     "学生借用，规划年 2030 学年 2 间；连续借用 5 个学年，超过临时周转年限 3 年，需论证；借用的教室不新建，"
                     "见“过渡期”）")
    assert room_words(0, school_borrowing(_plan())["F"], 2030, 2029, 3) == [words]


def test_a_year_shared_by_waiting_and_own_pupils_keeps_the_one_span():
    # 2028: 1 room of its own beside the 2 for the waiting: no clean split, the words as before
    mixed = HELD[:1] + (YearRooms(2028, "F", "junior", 530, 1, 0, 1, crowded=54, crowded_rooms=2,
                                  crowded_at=(("F", 54, 2),), waiting=160),) + OWN
    b = school_borrowing(_plan(mixed))["F"]
    assert b.years[2028] == 3 and held_split(b.years, b.held) is None
    assert borrow_words(b, 2030, since=2029, peak=3).startswith(
        "临时周转普通教室至多 3 间（2027—2031 学年借用，其中 2027—2028 学年即使新建教室也来不及投入使用，规划年 2030 学年 2 间；")


def test_the_rectification_phrase_keeps_the_whole_years():
    # the 整改措施's table of both plans says the school's years whole (its characters capped)
    assert borrow_phrase(_plan(), SCHOOL) == ("临时周转教室至多 2 间（2027—2031 学年借用，规划年 2030 学年 2 间；"
                                              "连续借用 5 个学年，超过临时周转年限 3 年，需论证；不新建）")
