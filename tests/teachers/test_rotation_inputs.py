"""The key of a 交流轮岗 plan's inputs (review rvweb 8): what the plan reads changes it, nothing
else does, and the plan is the same with every other table emptied."""

from __future__ import annotations

from junheng.io import example_county
from junheng.model import CountyData
from junheng.standards import parse_overlay
from junheng.teachers.rotation_data import RotationConfig
from junheng.teachers.rotation_inputs import ROTATION_TABLES, rotation_key
from junheng.teachers.rotation_plan import plan_json, plan_rotation
from junheng.teachers.rules import load_rules

CONFIG, RULES = RotationConfig(), load_rules()


def _key(data: CountyData) -> str:
    return rotation_key(data, CONFIG, RULES)


def _with(data: CountyData, table: str, column: str, row: int, value) -> CountyData:
    frame = data.tables[table].copy()
    frame.loc[frame.index[row], column] = value
    return data.with_tables(**{table: frame})


def _overlay(data: CountyData, text: str) -> CountyData:
    from dataclasses import replace

    return replace(data, overlay=parse_overlay(text, "某省.yaml"))


def test_what_the_plan_does_not_read_keeps_the_key():
    data = example_county()
    key = _key(data)
    # the reviewer's change: one school's 体育运动场馆面积 (校舍设施), then the overlay
    assert _key(_with(data, "facilities", "sports_area", 0, 12345.0)) == key
    basic = "name: 某省\nsource: 某省文件\nstandards:\n  basic-2012:\n    books_per_student: {primary: 20}\n"
    assert _key(_overlay(data, basic)) == key
    # the same rows in another order (an approved submission rewrites a school's classes)
    assert _key(data.with_tables(classes=data.classes.iloc[::-1])) == key
    assert _key(data.with_tables(funding=data.funding.iloc[0:0])) == key


def test_what_the_plan_reads_changes_the_key():
    data = example_county()
    key = _key(data)
    changed = [
        _with(data, "teachers", "backbone", 0, "county"),
        _with(data, "teachers", "school_start_year", 3, 2025),
        _with(data, "classes", "students", 0, int(data.classes["students"].iloc[0]) + 1),
        _with(data, "schools", "urban_rural_code", 0, "220"),
        data.with_tables(rotations=data.rotations.iloc[0:0]),
        _overlay(data, "name: 某省\nsource: 某省文件\nstandards:\n  quality-2017:\n"
                       "    backbone_teachers_per_100: {primary: 0.4}\n"),
    ]
    keys = [_key(d) for d in changed]
    assert key not in keys and len(set(keys)) == len(keys)
    assert rotation_key(data, RotationConfig(share=0.15), RULES) != key


def test_the_plan_reads_only_the_keyed_tables():
    """Solved on the five tables alone (every other table empty, 基本信息 only the county and
    year) the example county's plan is the same: moves, exchanges, figures and objective."""
    data = example_county()
    bare = CountyData({"county_code": data.county_code, "school_year": data.school_year},
                      {name: data.tables[name] for name in ROTATION_TABLES})
    full, alone = plan_json(plan_rotation(data, CONFIG)), plan_json(plan_rotation(bare, CONFIG))
    for doc in (full, alone):
        doc["solve"].pop("seconds")
    assert alone == full
    assert full["rotated"] == 5 and full["exchanged"] == 5  # tests/web/test_teachers_pages.py
