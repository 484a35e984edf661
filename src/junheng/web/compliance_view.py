"""The compliance page's form (target year, budget, time limit) and its result view, read
from the job's ``plan.json`` (the worker is a process boundary)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from junheng.errors import ConfigError, FormErrors, messages_of
from junheng.forecast.county import MAX_HORIZON
from junheng.model import numbers
from junheng.model.times import today_beijing
from junheng.planning.compliance import default_target
from junheng.planning.compliance_budget import budget_problem
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_json import (
    PROJECT_NAMES,
    STAGE_NAMES,
    money_words,
    recurring_note,
    solve_line,
    year_rows,
)
from junheng.planning.compliance_sports_path import path_lines
from junheng.planning.compliance_unresolved import HEADS, verdict_line
from junheng.planning.layout_naming import layout_name, with_details
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_phases import parse_day
from junheng.planning.plans_apart import plan_senior_text
from junheng.planning.plans_combined import layout_leads, target_after_layout
from junheng.report.compliance_xlsx import project_rows
from junheng.report.file_names import COMPLIANCE_AFTER_BOOK, COMPLIANCE_BOOK, COMPLIANCE_DOCX
from junheng.report.staffing_rows import compliance_staffing_text
from junheng.standards import load_standard
from junheng.web.forms import typed_number

PLAN_FILE = "plan.json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BOOK = ("整改项目清单（电子表格）", XLSX, COMPLIANCE_BOOK)
#: file -> (link text, media type, the name it is saved under after the county's name); a job
#: folder written before the workbook had the name the documents cite holds plan.xlsx
DOWNLOADS = {
    COMPLIANCE_BOOK: _BOOK, "plan.xlsx": _BOOK,
    COMPLIANCE_DOCX: ("整改措施（文档）",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      COMPLIANCE_DOCX),
    # the worker writes it under its Chinese name (rv2 finding 14); a job run before keeps
    # after.xlsx, which still downloads under the same saved name
    COMPLIANCE_AFTER_BOOK: ("实施后的县域工作簿（可再次评估）", XLSX, COMPLIANCE_AFTER_BOOK),
    "after.xlsx": ("实施后的县域工作簿（可再次评估）", XLSX, COMPLIANCE_AFTER_BOOK),
    "plan.json": ("方案数据（供系统导入）", "application/json", "达标路径方案数据.json"),
}
LIMITS = {"time_limit": (5.0, 600.0)}
#: The latest target year is as far as the forecast reaches.
MAX_AHEAD = MAX_HORIZON
#: 万元 a year: above it the figure is taken for 元 typed into a 万元 field (100 亿元 a year is
#: beyond any county's whole education spending).
def default_values(school_year: int | None) -> dict[str, str]:
    """The form's values: the target year left empty (data year + 3, or the layout plan's
    target year when the plan follows one: plans_combined.target_after_layout)."""
    return {"target_year": "", "budget": "", "time_limit": "60", "layout_job": "",
            "plan_date": ""}


def _number(values: dict[str, str], key: str, label: str, kind=float) -> Any:
    """The field's number (None when empty); thousands separators are allowed.

    >>> _number({"budget": "6,876.44"}, "budget", "年度预算")
    6876.44
    >>> _number({"budget": "十万"}, "budget", "年度预算")
    Traceback (most recent call last):
    junheng.errors.ConfigError: 年度预算“十万”不是数字。
    """
    text = values.get(key, "").strip()
    if not text:
        return None
    try:  # one rule for every form (rvweb 11): no 「1e3」, 「nan」 or 「1,2,3」
        number = typed_number(text.replace("，", ","))
    except ValueError:
        raise ConfigError(f"{label}“{text}”不是{'整数' if kind is int else '数字'}。") from None
    if kind is int:
        if not number.is_integer():
            raise ConfigError(f"{label}“{text}”不是整数。")
        return int(number)
    return number


def options_from_form(values: dict[str, str], school_year: int,
                      layouts: Mapping[str, LayoutOutcome] | None = None) -> dict[str, Any]:
    """The job's options; every bad value is named with its field and the value, all at
    once (:class:`~junheng.errors.FormErrors`; review rw 15: one error per submission).
    ``layouts``: the county's finished layout plans by job id, which the plan may follow
    (its target year then follows :func:`~junheng.planning.plans_combined.target_after_layout`,
    the rule of the demo and ``plan compliance --layout``)."""
    errors: list[str] = []
    named, job, layout, day, budget, limit = _fields(values, school_year, layouts or {}, errors)
    if errors:
        raise FormErrors(errors)
    # blank: the day it is asked for (a worker may run it later), or the layout plan's own day
    day = day or (None if layout is not None else today_beijing())
    target = (target_after_layout(school_year, named, layout, layout_leads(load_costs()))[0]
              if layout is not None else named or default_target(school_year, day))
    after = (f"，{with_details(layout_name(layout), f'规划年 {layout.target_year} 学年')}实施后"
             if layout is not None else "")
    return {"target_year": target, "budget": budget, "time_limit": limit,
            "layout_job": job or None, "plan_date": day.isoformat() if day else None,
            "name": f"目标 {target} 学年{after}" + (f"，每年 {numbers.trimmed(budget)} 万元" if budget else "")}


def _fields(values: dict[str, str], school_year: int, layouts: Mapping[str, LayoutOutcome],
            errors: list[str]) -> tuple:
    """(target year named, layout job, its plan, 编制日期, budget, time limit) as typed, each
    refused one's message added to ``errors``."""
    def checked(read, *args):
        try:
            return read(*args)
        except ConfigError as exc:
            errors.extend(messages_of(exc))
            return None

    named = checked(_number, values, "target_year", "达标目标学年", int)
    if named is not None and named <= school_year:
        errors.append(f"达标目标学年 {named} 须晚于数据学年 {school_year}。")
    if named is not None and named > school_year + MAX_AHEAD:
        errors.append(f"达标目标学年 {named} 太远：招生预测最多到 {school_year + MAX_AHEAD} 学年"
                      f"（数据学年 {school_year} 之后 {MAX_AHEAD} 年），请在此之前选择。")
    job = values.get("layout_job", "").strip()
    layout = layouts.get(job)
    if job and layout is None:
        errors.append(f"布局方案“{job}”不存在或尚未完成：请从列表中选择本县区本学年已完成的布局方案。")
    day = checked(parse_day, values.get("plan_date"))
    made = str((layout.rules or {}).get("plan_date") or "") if layout is not None else ""
    if day is not None and made and day.isoformat() != made:  # refused on submit (rvweb 4)
        errors.append(f"编制日期 {day.isoformat()} 与所选布局调整方案的编制日期 {made} 不同：布局调整后的"
                      "达标路径与布局方案使用同一编制日期，请不填编制日期（即取布局方案的编制日期）或填写 "
                      f"{made}。")
    budget = checked(_number, values, "budget", "年度预算")
    if (problem := budget_problem(budget, values.get("budget", ""))) is not None:
        errors.append(problem)
    limit = checked(_number, values, "time_limit", "求解时间上限") or 60.0
    low, high = LIMITS["time_limit"]
    if not low <= limit <= high:
        errors.append(f"求解时间上限 {values.get('time_limit')} 秒无效："
                      f"应在 {numbers.trimmed(low)}–{numbers.trimmed(high)} 秒之间。")
    return named, job, layout, day, budget, limit


def read_plan(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def header_status(doc: dict[str, Any]) -> str:
    """The plan's status beside its total: the solve's status (:func:`solve_line`, the words of
    达标路径工作簿 and 整改措施), after 按此方案复核仍未达标 for a plan its re-check fails."""
    line = solve_line(doc)
    return line if doc["confirmed"] else f"{doc['status_text']}；{line}"


def result_context(doc: dict[str, Any]) -> dict[str, Any]:
    """What the result page shows: headline, by project and year, CVs, the project list."""
    names = {i.id: i.name for i in load_standard("quality-2017").resource_indicators}
    cvs = []
    for stage, before in ((doc["before"] or {}).get("stages") or {}).items():
        after = ((doc["after"] or {}).get("stages") or {}).get(stage, {})
        for k, value in before["cv"].items():
            cvs.append({"stage": STAGE_NAMES[stage], "name": names[k], "before": value,
                        "after": (after.get("cv") or {}).get(k), "limit": before["limit"],
                        "over": value is not None and value > before["limit"]})
    years, by_year = year_rows(doc) if doc["actions"] else ([], [])
    return {"doc": doc, "cvs": cvs, "years": years, "by_year": by_year,
            "recurring_note": recurring_note(doc, by_year), "money": money_words(doc) if doc["actions"] else "",
            "measured": bool((doc.get("totals") or {}).get("annual")),
            "verdict": doc.get("verdict") or verdict_line(doc), "solve": header_status(doc),
            "unresolved": doc.get("unresolved") or [], "unresolved_heads": HEADS, "projects": project_rows(doc) if doc["actions"] else [],
            "project_names": PROJECT_NAMES,
            # each yearly item named with its years, the kinds' 合计 apart (rw 2: one 投资 column
            # added five years of 教师招聘 pay to the one-off building)
            "by_project": [(name, total) for name, _, total in by_year],
            "small": [r for r in doc["left_out"] if r["kind"] == "small_school"],
            "staffing_text": compliance_staffing_text(doc),
            "senior_text": plan_senior_text(doc),
            "sports_path": path_lines(doc.get("sports_path"), doc["costs"]["recurring_years"]),
            "downloads": DOWNLOADS}
