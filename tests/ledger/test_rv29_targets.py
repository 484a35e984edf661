"""Review rv29 finding 8: 中牟's 「社会对教育的满意度持续提升」 measures the county's 满意度 series
(县级年度数据 ``public_satisfaction``), not 社会认可度, which is another survey's figure."""

from __future__ import annotations

from ledger_builders import county

from junheng.ledger import plan_from_dict, run_ledger
from junheng.ledger.plan import load_plan

#: both surveys, each rising, 认可度 by a different amount than 满意度
FIGURES = [{"year": y, "figure": f, "value": v} for y, f, v in (
    (2023, "public_satisfaction", 0.856), (2024, "public_satisfaction", 0.876),
    (2025, "public_satisfaction", 0.897), (2024, "social_recognition", 0.836),
    (2025, "social_recognition", 0.857))]


def test_the_zhongmou_satisfaction_target_reads_the_satisfaction_series():
    target = next(t for t in load_plan("examples/plans/zhongmou.yaml").targets
                  if t.id == "satisfaction_growth")
    assert (target.measure.name, target.measure.params) == ("county_figure", {"figure": "public_satisfaction"})
    assert target.note == ("按县级年度数据“满意度”（第三方满意度调查结果，以小数填写）核验；"
                           "“社会认可度”是另一项调查数据，不用于本目标。")
    plan = plan_from_dict({"plan": "示例", "region": {"county_code": "410306"}, "baseline_year": 2024,
                           "targets": [{"id": "s", "name": target.name, "quote": target.quote,
                                        "measure": {"name": "county_figure", "params": target.measure.params},
                                        "comparator": ">", "target": "previous", "deadline": 2025,
                                        "responsible": "县教育局", "every_year": True}]})
    years = {y: county(y, county_figures=FIGURES) for y in (2024, 2025)}
    row = run_ledger(plan, lambda c, y: years[y], [("410306", 2024), ("410306", 2025)]).targets[0]
    # 2024: 0.876, 2025: 0.897 (the 认可度 series would read 0.836 → 0.857)
    assert row.values == {2024: 0.876, 2025: 0.897}
    assert row.notes == ("2024：取 2024 年“满意度”（比例，县级年度数据）",
                         "2025：取 2025 年“满意度”（比例，县级年度数据）")
    assert row.status.value == "已达成"
