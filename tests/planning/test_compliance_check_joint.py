"""The checker of the joint 临时周转 rule (compliance_temporary rules 1–4, brief hj) re-derives
each school's rooms built or not built for the rule and refuses a tampered split. A run counts
from the first year a new room could be in use, 2029 here (review rv 4): the layout's borrowed
years before it join no run."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_check_joint import check_joint
from junheng.planning.compliance_temporary import split_rooms

# 2029–2033, target 2030: D (第四中学) 1 room short in 2030, X (第四小学) 2
GAPS = pd.DataFrame({2029: [1, 4], 2030: [1, 2], 2031: [1, 1], 2032: [0, 0], 2033: [-2, -1]},
                    index=["D", "X"])
# the layout's 2027–2028 are before 2029 and join no run; its later years do
LAYOUT = {"D": {2027: 1, 2028: 1, 2032: 1}, "X": {2027: 5, 2028: 3, 2029: 1, 2031: 1, 2032: 1}}
NAMES = {"D": "第四中学", "X": "第四小学"}


def _split() -> pd.DataFrame:
    split = split_rooms(pd.Series({"D": 1, "X": 2}), GAPS, 3, LAYOUT, 2030).reset_index()
    return split.assign(gaps=[GAPS.loc[s].to_dict() for s in split["school_id"]])


def _tampered(school: str, **values) -> pd.DataFrame:
    split = _split()
    for key, value in values.items():
        split[key] = split[key].astype(object)
        split.at[int(split.index[split["school_id"] == school][0]), key] = value
    return split


def test_the_plans_split_keeps_the_rule():
    # D builds its room (2029–2031 need joined with the layout's 2032 run 4 years; the room is
    # in use 2029–2031, 3 of 5 years); X keeps its 2029–2032 run as an exception (2 rooms would
    # cut it, room 2 in use 2029–2030 only: test_plans_temporary)
    assert check_joint(_split(), LAYOUT, 3, 2030, NAMES) == []


def test_a_room_that_would_stand_idle_is_refused():
    # X with its 2 rooms built: room 2 is in use 2029 (gap 4) and 2030 (gap 2), 2 of 5 years
    # (the fewest that cut 2029–2032: 1 room leaves 2029–2030 joined with the layout's 2031–2032)
    assert check_joint(_tampered("X", built=2, joint=2, declined={}), LAYOUT, 3, 2030, NAMES) == [
        "第四小学为使两个方案合计连续临时周转不超过 3 个学年新建 2 间，第 2 间在 2029—2033 学年 5 个学年中 "
        "2 个学年使用（不足 50%），不应新建，应作为例外列明。"]


def test_a_room_in_use_most_of_the_plan_is_built():
    # D without its room: 2029–2031 and the layout's 2032 run 4 years; 1 room leaves the
    # layout's 2032 alone and is in use 2029–2031 (gap 1 each), 3 of 5 years
    assert check_joint(_tampered("D", built=0, joint=0), LAYOUT, 3, 2030, NAMES) == [
        "第四中学两个方案合计连续临时周转超过 3 个学年，新建 1 间可缩短，建成后 2029—2033 学年 5 个学年中 "
        "3 个学年使用（不少于 50%），应新建。"]


def test_more_rooms_than_the_fewest_are_refused():
    # D with 2 rooms: 1 already leaves the layout's 2032 alone (gap ≤ 1)
    assert check_joint(_tampered("D", built=2, joint=2), LAYOUT, 3, 2030, NAMES) == [
        "第四中学为使两个方案合计连续临时周转不超过 3 个学年新建 2 间，应为 1 间。"]


def test_a_run_kept_longer_must_be_named():
    # X's 2 rooms not built, but the exception not named
    assert check_joint(_tampered("X", declined={}), LAYOUT, 3, 2030, NAMES) == [
        "第四小学两个方案合计连续临时周转超过 3 个学年，新建 2 间建成后 2029—2033 学年 5 个学年中 "
        "2 个学年使用（不足 50%），应作为例外列明不新建的 2 间。"]


def test_a_run_the_layout_makes_alone_is_not_checked():
    # the layout borrowing 2029–2032 itself (4 years from 2029): not the 达标路径's to mend
    layout = {**LAYOUT, "X": {2027: 5, 2028: 3, 2029: 1, 2030: 1, 2031: 1, 2032: 1}}
    assert check_joint(_tampered("X", declined={}), layout, 3, 2030, NAMES) == []


def test_the_layouts_years_before_a_room_could_be_in_use_join_no_run():
    # D with the layout's 2027–2028 alone: from 2029 the need 2029–2031 is 3 years, so the
    # plan builds nothing, and a room built for the joint rule is refused (0 is the fewest);
    # counted from 2027 the checker would have asked for 1 (2027–2031, 5 years)
    layout = {"D": {2027: 1, 2028: 1}}
    split = split_rooms(pd.Series({"D": 1}), GAPS.loc[["D"]], 3, layout, 2030).reset_index()
    split = split.assign(gaps=[GAPS.loc["D"].to_dict()])
    assert (int(split.at[0, "built"]), int(split.at[0, "joint"]), split.at[0, "declined"]) == (0, 0, {})
    assert check_joint(split, layout, 3, 2030, NAMES) == []
    tampered = split.assign(built=1, joint=1)
    assert check_joint(tampered, layout, 3, 2030, NAMES) == [
        "第四中学为使两个方案合计连续临时周转不超过 3 个学年新建 1 间，应为 0 间。"]
