"""A plan YAML's refused values in Chinese: the one place a pydantic error of a layout scenario
becomes a planner's sentence (review rv24 5), so every key, nested ones included, is named the
same way: 「“key.path”（its short Chinese label）值 X 无效：the reason」.

>>> from pydantic import ValidationError
>>> from junheng.planning.layout_config import LayoutConfig
>>> try:
...     LayoutConfig(weights={"yuan_per_minute": 0.3})
... except ValidationError as exc:
...     problems(exc.errors())
['“weights.yuan_per_minute”无效：不是已知的字段，是否为 weights.yuan_per_pupil_minute（学生通行时间权重）']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from junheng.model.labels import SCHOOL_TYPE_LABELS
from junheng.planning.layout_config import LABELS, SHORT_NAMES, Costs, LayoutConfig, Weights
from junheng.planning.layout_config_keys import CHOICE_WORDS, plain
from junheng.planning.layout_reviewed import STEP_NAMES, ClosureReview
from junheng.standards.files import choices, field_reason

#: the tables of settings under a key (``weights:``, ``costs:``)
TABLES = {"weights": Weights, "costs": Costs}
#: a setting's short label where the start of its description does not make one (the first
#: words up to 「（」「：」「；」「，」 do for the others: :func:`short_label`)
SHORT = {"target_years_ahead": "目标学年距数据学年的年数", "speed_kmh_urban": "城区平均速度",
         "class_size_teaching_point": "教学点标准班额", "boarding_per_town_skip_urban": "街道不要求寄宿制学校",
         "min_boarding_beds": "寄宿制学校最少床位数（旧版设置）",
         "review_minutes_grades_1_3": "一至三年级走读需论证的单程分钟数", "school_bus_km": "校车接送距离",
         "sports_land_max_m2": "每校至多可征用或置换的相邻用地", "new_school_fill_margin": "新建学校规模余量",
         "urban_candidates": "城区每个街道的候选新校址数", "small_school_max_pupils": "小规模学校人数标准",
         "small_school_by_target_year": "按目标学年预计在校生认定小规模学校",
         "small_school_margin": "临界撤并比例", "today_shares": "保持各校现有在校生占比",
         "relief_margin": "保留学校分流上限的余量比例", "relief_min_share": "保留学校至少留住现有生源的比例",
         "expansion_lead_years": "扩建、改扩建的建设周期", "temporary_peak_years": "以临时周转解决的学位缺口年数",
         "weights": "权重", "costs": "单价", "operating_yuan_per_school": "每个校点每年的校点运行费用",
         "funding_floor_pupils": "公用经费保底人数", "operating_yuan_per_pupil_primary": "小学生均运行成本",
         "operating_yuan_per_pupil_junior": "初中生均运行成本", "sports_floor_margin": "体育运动场馆规划余量",
         "new_school_yuan": "新建学校基础造价", "bed_block_yuan": "新增一组宿舍床位的造价"}


def problems(errors: Iterable[Mapping[str, Any]]) -> list[str]:
    """One Chinese sentence per refused key (a union's branches said once)."""
    return list(dict.fromkeys(problem(err) for err in errors))


def problem(err: Mapping[str, Any]) -> str:
    """'“day_travel_limit_min”（走读学生单程通行分钟数上限）值 0 无效：应大于 0' — the key as the
    file spells it, its short Chinese label, the value as written and the reason in Chinese.

    >>> problem({"type": "literal_error", "loc": ("rezoning_grades",), "input": "all",
    ...          "ctx": {"expected": "'entry' or 'whole'"}})
    '“rezoning_grades”（划片调整和新建学校片区转入哪些学生）值“all”无效：应为 entry（只对起始年级新生）或 whole（整个学段当年一次转入）'
    """
    parts = [p if isinstance(p, str | int) and not isinstance(p, bool) else plain(p)
             for p in err.get("loc", ()) if not _union_tag(p)]
    reason = _reason(err, parts)
    key = ".".join(map(str, parts))
    label = "" if err.get("type") == "extra_forbidden" else _label([str(p) for p in parts])
    said = "" if err.get("type") in ("missing", "extra_forbidden") or "input" not in err \
        else "值" + shown(err["input"])
    return f"“{key}”{f'（{label}）' if label else ''}{said}无效：{reason}"


def _reason(err: Mapping[str, Any], parts: list) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    key = str(parts[-1]) if parts else ""
    if kind == "value_error":  # a Chinese reason of layout_config_keys
        return str(ctx.get("error", "取值无效"))
    if kind == "literal_error" and key in CHOICE_WORDS:
        return "应为 " + choices(CHOICE_WORDS[key], CHOICE_WORDS[key])
    if kind in ("greater_than", "less_than"):
        bound = ctx.get("gt" if kind == "greater_than" else "lt")
        return f"应{'大' if kind == 'greater_than' else '小'}于 {bound:g}"
    reason = field_reason(err)
    if kind == "extra_forbidden":
        near = _near(parts)
        reason += f"，是否为 {near}（{short_label(near)}）" if near else ""
    return reason


def _union_tag(part: Any) -> bool:
    """A pydantic union branch in a location (``str``, ``list[dict[any,any]]``), not a key."""
    return isinstance(part, str) and (part in ("str", "int", "float", "bool", "date") or "[" in part)


def _near(parts: list) -> str:
    """The known key a misspelt one (``parts``) is closest to, as the file spells it; '' if none."""
    head, last = [str(p) for p in parts[:-1]], str(parts[-1])
    model = TABLES.get(head[0], LayoutConfig) if len(head) == 1 else \
        ClosureReview if len(head) == 2 and head[0] == "closures_reviewed" else LayoutConfig
    if model is LayoutConfig and head:
        return ""
    close = difflib.get_close_matches(last, model.model_fields, n=1)
    return ".".join([*head, close[0]]) if close else ""


def short_label(key: str) -> str:
    """The short Chinese name of a setting by its path in the file ('' for an unknown key).

    >>> short_label("plan_date"), short_label("weights.capital_years"), short_label("min_school_size.junior_school")
    ('编制日期', '建设投资折算年限', '初级中学最小规模')
    >>> short_label("closures_reviewed.4103310008.report"), short_label("keep.0")
    ('论证报告完成日期', '必须保留的学校标识码')
    """
    return _label(key.split("."))


def _label(parts: list[str]) -> str:
    head, last = parts[0], parts[-1]
    if head == "closures_reviewed" and len(parts) == 3:
        return next((name for step, name, _ in STEP_NAMES if step == last), "")
    if head == "min_school_size" and len(parts) == 2 and last in SCHOOL_TYPE_LABELS:
        return f"{SCHOOL_TYPE_LABELS[last]}最小规模"
    if head == "sports_land_by_school" and len(parts) == 2:
        return "该校相邻用地上限"
    model, name = (TABLES[head], parts[1]) if head in TABLES and len(parts) > 1 else (LayoutConfig, head)
    field = model.model_fields.get(name)
    if field is None:
        return ""
    text = SHORT_NAMES.get(name) or SHORT.get(name) or LABELS.get(name) or field.description or ""
    return re.split("[（：；，]", text)[0] if name not in SHORT else text


def shown(value: Any) -> str:
    """A value as the planner wrote it: text in quotes, numbers in full (never 1e-05), 是/否, 空.

    >>> shown("abc"), shown(4e-05), shown(None), shown(True), shown({"教学点": 30}), shown(float("nan"))
    ('“abc”', ' 0.00004 ', ' 空 ', ' 是 ', ' {教学点: 30} ', ' 非数值 ')
    """
    return f"“{value}”" if isinstance(value, str) else f" {plain(value)} "
