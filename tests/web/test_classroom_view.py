"""Each school's classroom shortfall per forecast year: only schools short in some year, the
合计 row the sum of its column."""

from types import SimpleNamespace

import pandas as pd

from junheng.web.classroom_view import shortfall_table


def test_schools_short_in_some_year_are_listed_and_the_total_is_the_column_sum():
    rows = []
    for sid, name, kind, values in (("A", "甲小学", "primary_school", [0, 2, 3]),
                                    ("B", "乙初中", "junior_school", [0, 0, 0]),
                                    ("C", "丙高中", "senior_school", [1, 1, 0])):
        for year, value in zip((2025, 2026, 2027), values, strict=True):
            rows.append({"school_id": sid, "name": name, "school_type": kind, "year": year,
                         "classroom_shortfall": value})
    forecast = SimpleNamespace(base_year=2024, schools=pd.DataFrame(rows))
    table = shortfall_table(forecast)
    assert table["years"] == [2025, 2026, 2027]
    # 丙 is short from 2025, 甲 from 2026; 乙 never is and is left out.
    assert [(r["name"], r["values"]) for r in table["rows"]] == [("丙高中", [1, 1, 0]),
                                                                ("甲小学", [0, 2, 3])]
    assert table["totals"] == [1, 3, 3]
    assert [r["type"] for r in table["rows"]] == ["高级中学", "小学"]


def test_the_base_year_is_not_a_forecast_year():
    forecast = SimpleNamespace(base_year=2025, schools=pd.DataFrame(
        [{"school_id": "A", "name": "甲", "school_type": "primary_school", "year": 2025,
          "classroom_shortfall": 4}]))
    assert shortfall_table(forecast) == {"years": [], "rows": [], "totals": []}
