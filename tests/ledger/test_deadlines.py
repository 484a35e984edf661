"""Deadlines as dates: 'by 2025-06' is due in the first school year dated (1 September) on or
after it (issue 15)."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from junheng.errors import ConfigError
from junheng.ledger.plan import plan_from_dict
from junheng.ledger.progress import assess


def plan(deadline):
    return plan_from_dict(yaml.safe_load(f"""
plan: 测试规划
region: {{county_code: "410306"}}
baseline_year: 2023
targets:
  - id: merged
    name: 撤并教学点
    quote: 撤并教学点
    measure: teaching_points_merged
    comparator: ">="
    target: 5
    deadline: {deadline}
    responsible: 县教育局
"""))


@pytest.mark.parametrize(("written", "school_year", "day", "label"), [
    ("2025-06", 2025, date(2025, 6, 30), "2025年6月"),      # school year 2025 is dated 2025-09-01
    ("2025-12", 2026, date(2025, 12, 31), "2025年12月"),    # 2025's figures predate it
    ("2025-09-01", 2025, date(2025, 9, 1), "2025年9月1日"),  # YAML reads this as a date
    ("2025-09-02", 2026, date(2025, 9, 2), "2025年9月2日"),
    ("2026", 2026, None, "2026"),
])
def test_a_date_deadline_is_due_in_the_first_school_year_dated_on_or_after_it(
        written, school_year, day, label):
    [target] = plan(written).targets
    assert (target.deadline, target.deadline_date, target.deadline_label) == (
        school_year, day, label)


def test_a_deadline_that_is_neither_a_year_nor_a_date_is_a_chinese_error():
    with pytest.raises(ConfigError) as err:
        plan("明年")
    assert "期限须为学年（如 2026）或日期（如 2025-06 或 2025-06-30）" in str(err.value)


def test_a_target_due_by_june_2025_is_late_in_school_year_2025_not_before():
    [target] = plan("2025-06").targets
    # 2 merged in 2024 against 5: before the deadline the trend (0, 2 → 4 in 2025) decides
    before = assess({2023: 0, 2024: 2}, comparator=">=", target=5.0, baseline_year=2023,
                    deadline=target.deadline)
    assert before.status.value == "滞后" and before.projected == 4.0
    on_track = assess({2023: 0, 2024: 3}, comparator=">=", target=5.0, baseline_year=2023,
                      deadline=target.deadline)
    assert on_track.status.value == "按期推进"
    # school year 2025 (1 Sep 2025) is past 30 June 2025: 4 of 5 is late, whatever the trend
    late = assess({2023: 0, 2024: 3, 2025: 4}, comparator=">=", target=5.0, baseline_year=2023,
                  deadline=target.deadline)
    assert late.status.value == "滞后"
