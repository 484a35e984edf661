"""ECharts options built on the server from engine results (the browser only draws them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from junheng.model.labels import STAGE_LABELS, subset

if TYPE_CHECKING:
    from junheng.evaluate import StageResult

INDICATOR_LABELS = {
    "higher_degree_teachers_per_100": "每百名学生高于规定学历教师数",
    "backbone_teachers_per_100": "每百名学生县级以上骨干教师数",
    "pe_art_teachers_per_100": "每百名学生体育、艺术专任教师数",
    "teaching_area_per_student": "生均教学及辅助用房面积",
    "sports_area_per_student": "生均体育运动场馆面积",
    "equipment_value_per_student": "生均教学仪器设备值",
    "multimedia_rooms_per_100": "每百名学生网络多媒体教室数",
    "computers_per_100": "每百名学生计算机台数",
    "books_per_student": "生均图书册数",
    "teachers_per_student": "师生比",
    "higher_degree_teachers_per_student": "生均高于规定学历教师数",
    "senior_title_teachers_per_student": "生均中级及以上职称教师数",
}
STAGE_NAMES = subset(STAGE_LABELS, ("primary", "junior"))
_FONT = {"fontFamily": "sans-serif"}


def indicator_label(indicator_id: str) -> str:
    return INDICATOR_LABELS.get(indicator_id, indicator_id)


OVER_LIMIT = "#c0392b"  # a bar over its stage's limit (the failure colour of the pages)


def cv_chart(stages: Mapping[str, StageResult]) -> dict[str, Any]:
    """Grouped bars: each indicator's 差异系数 per stage, with the stage's limit as a line; a
    bar over its limit is red and labelled 超限. The grid holds the rotated indicator names
    (``containLabel``, and 96 px on the left for the first name, which runs left of its bar)
    and each limit's label sits inside the plot (the first stage's above its line, the
    next one's below, so 0.5 and 0.45 do not overlap): neither is cut at the edge (review
    rv2 finding 11: "4百名学生…", "小学/初中" clipped, 0.503 over 0.5 unmarked)."""
    ids: list[str] = []
    for stage in stages.values():
        ids += [i for i in stage.indicators if i not in ids]
    series = []
    for n, (stage_key, stage) in enumerate(stages.items()):
        indicators = stage.indicators
        limits = {round(float(v.limit), 4) for v in indicators.values() if v.limit is not None}
        name = STAGE_NAMES.get(stage_key, stage_key)
        series.append({
            "name": name, "type": "bar",
            "data": [_bar(indicators[i]) if i in indicators else None for i in ids],
            "markLine": {"symbol": "none", "lineStyle": {"type": "dashed"},
                         "label": {"formatter": f"{name}上限 {{c}}",
                                   "position": "insideEndBottom" if n else "insideEndTop"},
                         "data": [{"yAxis": limit} for limit in sorted(limits)]},
        })
    return {
        "textStyle": _FONT,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 96, "right": 24, "bottom": 16, "top": 36, "containLabel": True},
        "xAxis": {"type": "category", "data": [indicator_label(i) for i in ids],
                  "axisLabel": {"interval": 0, "rotate": 30, "fontSize": 11}},
        "yAxis": {"type": "value", "name": "差异系数"},
        "series": series,
    }


def _bar(cv: Any) -> Any:
    """One bar: the CV, or over its limit the CV in red with 超限 above it."""
    value = _round(cv.cv)
    if cv.met is not False:
        return value
    return {"value": value, "itemStyle": {"color": OVER_LIMIT},
            "label": {"show": True, "position": "top", "formatter": "超限", "color": OVER_LIMIT}}


def sparkline(years: Sequence[int], values: Sequence[float], *, low: Sequence[float] = (),
              high: Sequence[float] = (), name: str = "在校生") -> dict[str, Any]:
    """A small line of totals by year, with the prediction interval as a band when given."""
    series: list[dict[str, Any]] = [{"name": name, "type": "line", "data": [_round(v, 0) for v in values],
                                     "smooth": True, "symbolSize": 4}]
    if low and high:
        series.insert(0, {"name": "区间下限", "type": "line", "stack": "band", "symbol": "none",
                          "lineStyle": {"opacity": 0}, "data": [_round(v, 0) for v in low]})
        series.insert(1, {"name": "预测区间", "type": "line", "stack": "band", "symbol": "none",
                          "lineStyle": {"opacity": 0}, "areaStyle": {"opacity": 0.2},
                          "data": [_round(h - lo, 0) for lo, h in zip(low, high, strict=True)]})
    return {
        "textStyle": _FONT,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 56, "right": 16, "top": 16, "bottom": 28},
        "xAxis": {"type": "category", "data": [str(y) for y in years]},
        "yAxis": {"type": "value", "scale": True},
        "series": series,
    }


def bar_chart(labels: Sequence[str], values: Sequence[float], *, name: str,
              horizontal: bool = False) -> dict[str, Any]:
    category = {"type": "category", "data": list(labels)}
    value = {"type": "value"}
    return {
        "textStyle": _FONT,
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 120 if horizontal else 48, "right": 24, "top": 24, "bottom": 48},
        "xAxis": value if horizontal else category,
        "yAxis": category if horizontal else value,
        "series": [{"name": name, "type": "bar", "data": [_round(v) for v in values]}],
    }


def _round(value: Any, digits: int = 3) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else round(number, digits)
