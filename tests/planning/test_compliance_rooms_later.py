"""新建普通教室 whose shortage the forecast says is gone within three years (review finding 5):
each school's shortage year by year and 可考虑临时周转或多校划片; the plan is unchanged."""

import pandas as pd

from junheng.io import example_county
from junheng.planning.compliance_rooms_later import later_room_notes

SCHOOL = "4103060001"  # 示例县城关第一小学: 12 普通教室, classes of 45 at most


def _students(per_grade: dict[int, int]) -> pd.DataFrame:
    return pd.DataFrame([{"school_id": SCHOOL, "grade": f"g{g}", "year": y, "students": n}
                         for y, n in per_grade.items() for g in range(1, 7)])


def _actions(quantity: float) -> pd.DataFrame:
    return pd.DataFrame({"school_id": [SCHOOL], "name": ["示例县城关第一小学"],
                         "item": ["classroom"], "quantity": [quantity]})


def test_rooms_whose_shortage_is_gone_within_three_years_are_named_with_each_years_figure():
    """135, 90 and 45 pupils in each of six grades in 2029–2031: 6 × 3, 6 × 2 and 6 × 1
    classes of 45 in 12 rooms: short by 6, none short, 6 spare."""
    notes = later_room_notes(example_county(), _students({2029: 135, 2030: 90, 2031: 45}),
                             _actions(8), 2028)
    assert notes == ["1 所学校的新建普通教室，招生预测显示目标学年后 3 年内缺口消失：示例县城关第一小学"
                     "（2028 学年新建 8 间；2029 学年缺 6 间，2030 学年不缺，2031 学年富余 6 间）。"
                     "可考虑临时周转或多校划片，代替永久新建（本方案仍按目标学年计算）。"]


def test_a_shortage_that_stays_is_not_flagged():
    """180 pupils a grade (4 classes) every year: 24 classes in 12 rooms, short by 12."""
    assert later_room_notes(example_county(), _students({2029: 180, 2030: 180, 2031: 180}),
                            _actions(12), 2028) == []
    assert later_room_notes(example_county(), _students({2029: 45}), _actions(0)[:0], 2028) == []
