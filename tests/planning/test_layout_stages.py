"""A school with two stages (九年一贯制) in the layout's 过渡期 (planning.layout_years,
planning.layout_counts.pooled_classes): every stage counted, net of the other's spare rooms, as
the 达标路径 counts a school's rooms whole (brief hyears 1)."""

from __future__ import annotations

from test_layout_years import county

from junheng.planning.layout_years import site_years

# School A: 10 primary rooms of 45 (450 seats), 6 junior rooms of 50 (300 seats); the plan adds 1
# junior room and none primary. Target year 2027: the rows' pupils as given (factor 1); no grade
# shares: a stage's pupils fill classes as one cohort (⌈pupils / size⌉).
SEATS = {("A", "primary"): 450, ("A", "junior"): 300}
SIZE = {("A", "primary"): 45, ("A", "junior"): 50}
JUNIOR = [("V1", "grades_7_9", "A", 330)]  # ⌈330 / 50⌉ = 7 classes in 6 rooms: 1 short


def years(primary: list[tuple]):
    return site_years(county(), primary + JUNIOR, {("A", "junior"): 1}, SEATS, SIZE, 2027, 3)


def test_each_stage_short_one_room_gives_two():
    # primary 300 + 195 = 495 pupils → ⌈495 / 45⌉ = 11 classes in 10 rooms: 1 short; junior 1
    # short; neither stage has a room spare: 1 + 1 = 2 (the 达标路径: 18 classes, 16 rooms)
    y = years([("V1", "grades_1_3", "A", 300), ("V1", "grades_4_6", "A", 195)])
    assert (y.need[("A", "primary")][2027], y.need[("A", "junior")][2027]) == (1, 1)
    rows = [(r.stage, r.overflow, r.built, r.temporary) for r in y.rows({}) if r.year == 2027]
    assert rows == [("junior", 1, 0, 1), ("primary", 1, 0, 1)]
    assert y.temporary == {("A", "junior"): 1}  # the primary room: borrowed, nothing added


def test_spare_primary_rooms_meet_the_junior_shortage():
    # primary 200 + 160 = 360 pupils → 8 classes in 10 rooms: 2 spare; junior 7 classes − 2
    # spare = 5 in 6 rooms: 0 short (the 达标路径: 15 classes, 16 rooms)
    y = years([("V1", "grades_1_3", "A", 200), ("V1", "grades_4_6", "A", 160)])
    assert (y.need[("A", "primary")][2027], y.need[("A", "junior")][2027]) == (0, 0)
    assert [r for r in y.rows({}) if r.year == 2027] == []
