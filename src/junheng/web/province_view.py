"""The province/city page: each county's latest province-run results, ranked.

Rows come from ``province_results`` (:mod:`junheng.store.province`), the latest result of each
job on each county's latest school year. Counties are ranked by 优质均衡 2017: passing first,
then fewer failing items, then fewer 基本均衡 2012 failures; counties not evaluated yet come
last without a rank. The bottom two ranked are marked (a city holds them to account).

>>> rows = ranked_rows([
...     _Result("410702", 2025, "evaluate", "done", {"quality-2017": {"passes": False, "failures": 3}}),
...     _Result("410703", 2025, "evaluate", "done", {"quality-2017": {"passes": True, "failures": 0}}),
...     _Result("410704", 2025, "forecast", "done", {"students": {"2026": 900}})])
>>> [(r["county_code"], r["rank"]) for r in rows]
[('410703', 1), ('410702', 2), ('410704', None)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

STANDARDS = (("quality-2017", "优质均衡"), ("basic-2012", "基本均衡"), ("preschool-2020", "学前普及普惠"))
SOLVE_LABELS = {"optimal": "最优方案", "gap_limit": "达到差距要求", "time_limit": "超时（保留最优可行方案）",
                "infeasible": "无可行方案", "no_solution": "未找到方案", "error": "求解出错"}
ACCOUNTABLE = 2  # the bottom counties a city holds to account


@dataclass(frozen=True)
class _Result:
    """The fields of a stored result the page reads (for the docstring example)."""

    county_code: str
    school_year: int
    job: str
    status: str
    result: Mapping[str, Any] = field(default_factory=dict)
    error: str = ""
    county_name: str = ""
    city_name: str = ""
    finished_at: Any = None
    import_id: int = 0


def latest_by_county(results: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """county -> job -> the latest result on the county's latest school year."""
    found: dict[str, dict[str, Any]] = {}
    years: dict[str, int] = {}
    for r in results:
        if r.school_year > years.get(r.county_code, 0):
            years[r.county_code] = r.school_year
            found[r.county_code] = {}
        if r.school_year == years[r.county_code]:
            found[r.county_code][r.job] = r  # results come oldest first: the last one wins
    return found


def _rank_key(jobs: Mapping[str, Any]) -> tuple | None:
    evaluated = jobs.get("evaluate")
    if evaluated is None or evaluated.status != "done":
        return None
    quality = evaluated.result.get("quality-2017", {})
    basic = evaluated.result.get("basic-2012", {})
    return (not quality.get("passes", False), quality.get("failures", 0),
            quality.get("failed_units", 0), basic.get("failures", 0))


def ranked_rows(results: Iterable[Any], imports: Mapping[tuple[str, int], int] | None = None
                ) -> list[dict[str, Any]]:
    """One row per county, ranked (see the module docstring); ``imports`` (county, year) ->
    the import held now marks rows computed on older data as stale."""
    rows = []
    for code, jobs in latest_by_county(results).items():
        any_row = next(iter(jobs.values()))
        held = (imports or {}).get((code, any_row.school_year))
        rows.append({"county_code": code, "county_name": any_row.county_name or code,
                     "school_year": any_row.school_year, "key": _rank_key(jobs),
                     "cells": {job: cell(job, r) for job, r in jobs.items()},
                     "stale": held is not None and any(r.import_id != held
                                                       for r in jobs.values()),
                     "finished": max((r.finished_at for r in jobs.values() if r.finished_at),
                                     default=None)})
    rows.sort(key=lambda r: (r["key"] is None, r["key"] or (), r["county_code"]))
    ranked = [r for r in rows if r["key"] is not None]
    for number, row in enumerate(rows, start=1):
        row["rank"] = number if row["key"] is not None else None
        row["accountable"] = (row["key"] is not None and len(ranked) > ACCOUNTABLE
                              and number > len(ranked) - ACCOUNTABLE)
    return rows


def cell(job: str, r: Any) -> dict[str, Any]:
    """What the table shows for one job: its text, its tone (ok/warn/bad) and the error."""
    if r.status == "failed":
        return {"text": "计算失败", "tone": "bad", "error": r.error}
    res = r.result
    if job == "evaluate":
        parts = [f"{label}{'达标' if res.get(sid, {}).get('passes') else '未达标'}"
                 for sid, label in STANDARDS if sid in res]
        passes = res.get("quality-2017", {}).get("passes", False)
        basis = next((v["basis"] for v in res.values() if isinstance(v, dict) and "basis" in v),
                     "")  # results stored before issue 16 do not name it
        text = "；".join(parts) + (f"（依据{basis}）" if basis else "")
        return {"text": text, "tone": "ok" if passes else "warn", "error": "",
                "failures": res.get("quality-2017", {}).get("failures", 0),
                "failed_units": res.get("quality-2017", {}).get("failed_units", 0)}
    if job == "forecast":
        students = res.get("students", {})
        first = min(students, default=None)
        text = f"{first} 年在校生 {students[first]:,} 人" if first else "无预测"
        return {"text": text, "tone": "ok", "error": ""}
    if job in ("layout", "compliance"):
        label = SOLVE_LABELS.get(res.get("status", ""), "已计算")
        tone = "warn" if r.status == "timeout" else "ok"
        return {"text": label, "tone": tone, "error": ""}
    if job == "ledger":
        parts = []
        for plan in res.values():
            counts = "，".join(f"{k} {n}" for k, n in plan.get("summary", {}).items() if n)
            parts.append(f"{plan.get('name', '')}：{counts}")
        return {"text": "；".join(parts) or "无计划", "tone": "ok", "error": ""}
    return {"text": "已计算", "tone": "ok", "error": ""}


def county_detail(results: Iterable[Any]) -> dict[str, Any] | None:
    """One county's latest results for its page: verdicts, failing items, the plans' rows."""
    from junheng.planning.compliance_actions import ITEM_NAMES

    latest = latest_by_county(results)
    if not latest:
        return None
    jobs = next(iter(latest.values()))
    first = next(iter(jobs.values()))
    detail = {"county_code": first.county_code, "county_name": first.county_name or
              first.county_code, "school_year": first.school_year,
              "cells": {job: cell(job, r) for job, r in jobs.items()},
              "failed_items": [], "layout": [], "compliance": []}
    evaluated = jobs.get("evaluate")
    if evaluated is not None and evaluated.status == "done":
        detail["failed_items"] = list(evaluated.result.get("quality-2017", {})
                                      .get("failed_items", []))
    layout = jobs.get("layout")
    if layout is not None and layout.status != "failed":
        labels = {"close": "撤并", "expand": "扩建", "new": "新建"}
        detail["layout"] = [{**p, "action": labels.get(p.get("action"), p.get("action"))}
                            for p in layout.result.get("plan", [])]
    compliance = jobs.get("compliance")
    if compliance is not None and compliance.status != "failed":
        detail["compliance"] = [
            {**a, "item": ITEM_NAMES.get(a.get("item"), (a.get("item"), ""))[0],
             "quantity": number_text(a.get("quantity")), "cost": number_text(a.get("cost"), 1)}
            for a in compliance.result.get("plan", [])]
    return detail


def number_text(value: Any, digits: int = 2) -> str:
    """A number as the page shows it: thousands separated, no exponent, trailing zeros cut.

    >>> number_text(1250000.0), number_text(2.5), number_text(None), number_text(168.04, 1)
    ('1,250,000', '2.5', '—', '168')
    """
    if value is None:
        return "—"
    text = f"{float(value):,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
