"""The dashboard's CV chart: every label inside the chart, a bar over its limit marked."""

from __future__ import annotations

from dataclasses import replace

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.web.charts import OVER_LIMIT, cv_chart


def test_cv_chart_keeps_labels_inside_and_marks_a_bar_over_its_limit():
    # review rv2 finding 11: the first rotated name was cut at the left, "小学上限 0.5" at the
    # right, and 骨干 0.503 over 0.5 looked like the others
    ev = evaluate(example_county())
    primary = ev.stages["primary"]
    first = next(iter(primary.indicators))
    over = replace(primary.indicators[first], cv=0.5026, limit=0.5)
    stages = {**ev.stages, "primary": replace(primary, indicators={**primary.indicators,
                                                                    first: over})}
    option = cv_chart(stages)
    assert option["grid"]["containLabel"] is True and option["grid"]["left"] == 96
    bars = option["series"][0]
    assert bars["name"] == "小学"
    assert bars["markLine"]["label"] == {"formatter": "小学上限 {c}", "position": "insideEndTop"}
    assert bars["data"][0] == {"value": 0.503, "itemStyle": {"color": OVER_LIMIT},
                               "label": {"show": True, "position": "top", "formatter": "超限",
                                         "color": OVER_LIMIT}}
    # the example county's other CVs are within their limits: plain figures
    assert all(isinstance(v, float) for v in bars["data"][1:])
    assert all(isinstance(v, float) for v in option["series"][1]["data"] if v is not None)
    assert option["series"][1]["markLine"]["label"] == {"formatter": "初中上限 {c}",
                                                        "position": "insideEndBottom"}
