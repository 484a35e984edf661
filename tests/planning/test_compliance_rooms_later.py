"""新建普通教室 whose shortage the forecast says is gone within three years (review finding 5):
each school's shortage year by year and why the plan still builds them (the layout's 临时周转 rule)."""

import pandas as pd

from junheng.io import example_county
from junheng.planning.compliance_rooms_later import (
    LASTING,
    SPECIAL_WHY,
    later_room_notes,
    special_room_notes,
)

SCHOOL = "4103060001"  # 示例县城关第一小学: 12 普通教室, classes of 45 at most


def _students(per_grade: dict[int, int]) -> pd.DataFrame:
    return pd.DataFrame([{"school_id": SCHOOL, "grade": f"g{g}", "year": y, "students": n}
                         for y, n in per_grade.items() for g in range(1, 7)])


def _actions(quantity: float) -> pd.DataFrame:
    return pd.DataFrame({"school_id": [SCHOOL], "name": ["示例县城关第一小学"],
                         "item": ["classroom"], "quantity": [quantity]})


def test_rooms_whose_shortage_is_gone_within_three_years_are_named_with_each_years_figure():
    """135, 90 and 45 pupils in each of six grades in 2029—2031: 6 × 3, 6 × 2 and 6 × 1
    classes of 45 in 12 rooms: short by 6, none short, 6 spare."""
    notes = later_room_notes(example_county(), _students({2029: 135, 2030: 90, 2031: 45}),
                             _actions(8), 2028)
    assert notes == ["1 所学校的新建普通教室，招生预测显示目标学年后 3 年内缺口消失：示例县城关第一小学"
                     "（按 2028 学年需求新建 8 间；2029 学年缺 6 间，2030 学年不缺，2031 学年富余 6 间）。"
                     + LASTING]
    assert LASTING.startswith("按布局调整方案同一规则（缺口自新建教室最早可投入使用的学年起计")


def test_a_shortage_that_stays_is_not_flagged():
    """180 pupils a grade (4 classes) every year: 24 classes in 12 rooms, short by 12."""
    assert later_room_notes(example_county(), _students({2029: 180, 2030: 180, 2031: 180}),
                            _actions(12), 2028) == []
    assert later_room_notes(example_county(), _students({2029: 45}), _actions(0)[:0], 2028) == []


def _music(quantity: float) -> pd.DataFrame:
    return pd.DataFrame({"school_id": [SCHOOL], "name": ["示例县城关第一小学"],
                         "item": ["music_room"], "quantity": [quantity]})


def test_a_music_room_needed_for_the_target_year_only_is_named_with_the_standards_reason():
    """91 pupils in each of six grades in 2028: 3 classes of at most 45 each, 18 classes,
    ceil(18 / 12) = 2 music rooms (the school has 1, the plan builds 1); 90 a grade in
    2029—2031: 2 classes each, 12 classes, ceil(12 / 12) = 1 room."""
    notes = special_room_notes(example_county(),
                               _students({2028: 91, 2029: 90, 2030: 90, 2031: 90}),
                               _music(1), 2028)
    assert notes == ["1 所学校新建的音乐、美术专用教室，招生预测显示目标学年后 3 年内班数减少、不再需要："
                     "示例县城关第一小学（2028 学年 18 个班需 2 间，新建音乐专用教室 1 间；2029 学年 12 个班需"
                     " 1 间，2030 学年 12 个班需 1 间，2031 学年 12 个班需 1 间）。" + SPECIAL_WHY]
    assert SPECIAL_WHY.startswith("标准为“所有小学、初中每 12 个班级配备音乐、美术专用教室 1 间以上”")


def test_a_music_room_still_needed_later_is_not_flagged():
    """91 a grade every year: 18 classes, 2 rooms needed in every year after 2028 too."""
    students = _students({2028: 91, 2029: 91, 2030: 91, 2031: 91})
    assert special_room_notes(example_county(), students, _music(1), 2028) == []
    assert special_room_notes(example_county(), students, _music(1)[:0], 2028) == []


def test_a_gap_that_began_before_the_target_year_is_said():
    """review2 item 15: the rooms can be in use in 2027, a year before the target 2028; 135
    pupils a grade then (18 classes in 12 rooms) leave 6 short that year too, so the gap
    lasts 2027—2029 and is longer than 临时周转 covers."""
    actions = _actions(8).assign(in_use_year=[2027])
    notes = later_room_notes(example_county(),
                             _students({2027: 135, 2029: 135, 2030: 90, 2031: 45}), actions, 2028)
    assert notes == ["1 所学校的新建普通教室，招生预测显示目标学年后 3 年内缺口消失：示例县城关第一小学"
                     "（按 2028 学年需求新建 8 间，2027 学年缺 6 间；2029 学年缺 6 间，2030 学年不缺，"
                     "2031 学年富余 6 间）。" + LASTING]
