"""The independent checker's part for the rules of issue 16, re-derived from the problem's
frames and the plan's JSON (not from :mod:`layout_rules` or the solver's variables):

* who may close: a closed existing school is a 教学点 or has fewer than
  ``small_school_max_pupils`` compulsory pupils today (or, with
  ``small_school_by_target_year``, expects fewer in the target year, with ``small_school_review``
  more than ``small_school_margin`` fewer), and is not in the 城区 (城乡分类代码
  111/112), unless the plan lists it in ``close_candidates`` or ``close``; a 大校额 school (its
  pupils today over its size cap) never closes, listed or not;
* single sourcing: each assignment is one customer (:func:`assignment_customers`): a rural
  village's stage group goes whole to one school, a split 城区 community's part likewise;
* receivers: a village's stage group that leaves today's school goes to a school that is not
  a 教学点, in the same 乡镇 as today's school (as the village without one) unless
  ``cross_town``, and never past a nearer school that opens with no pupils today (an
  existing complete school the plan keeps: a 建设项目's new school); from a school that
  stays open and has room, only to a nearer school (:mod:`layout_check_near`); never to a
  school kept for 目标学年复核 (:func:`review_schools`);
* relief bound: an existing school that stays open has at least its expected pupils of the
  target year (today's pupils per stage × the town's children of the target year over its
  pupils today) less its overload (over its seats or its size cap) and ``relief_margin`` of
  them, or ``relief_min_share`` of them when that is lower, and at most what could reach it,
  less the pupils of its own villages that a nearer school open whatever the plan decides
  can seat without building (:func:`~layout_check_near.freed_by_nearer`: 就近入学);
* the standard: on the planned county no 优质均衡 CV exceeds its limit unless it is no
  worse than before (a rise under 0.0005, invisible at the three decimals reported, is not
  worse).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import pandas as pd

from junheng.errors import JunhengError
from junheng.planning.layout_check_near import (
    Problems,
    expected_by_stage,
    freed_by_nearer,
    nearer_rule,
    school_label,
    village_label,
)
from junheng.planning.layout_data import GROUP_LABELS, LayoutProblem, group_children
from junheng.planning.layout_forecast import forecast_factor, school_forecast

URBAN = ("111", "112")


def _violation(message: str) -> JunhengError:
    from junheng.planning.layout_check import PlanViolation

    return PlanViolation(message)


def is_candidate(problem: LayoutProblem, sid: str) -> bool:
    """May the plan close the existing site ``sid`` (who may close, re-derived)?"""
    cfg = problem.config
    site = problem.sites.loc[sid]
    if _over_cap(site):
        return False  # 大校额: relieved, never closed, even when listed
    if sid in set(cfg.close_candidates) | set(cfg.close):
        return True
    if str(site["urban_rural_code"]) in URBAN:
        return False
    pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
    if site["kind"] == "teaching_point" or pupils < cfg.small_school_max_pupils:
        return True
    then, line = _target_pupils(problem, sid), cfg.small_school_max_pupils
    # 复核, not closed: within the margin under the line, or today more than the margin over it
    critical = cfg.small_school_review and (line - then <= cfg.small_school_margin * line + 1e-9
                                            or pupils >= line * (1 + cfg.small_school_margin) - 1e-9)
    return cfg.small_school_by_target_year and then < line and not critical


def _over_cap(site: pd.Series) -> bool:
    """A 大校额 school: an existing one whose pupils today exceed its size cap."""
    pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
    return bool(site["existing"]) and pupils > float(site["size_cap"])


def _target_pupils(problem: LayoutProblem, sid: str) -> int:
    """The school's expected pupils of the target year (规划年不调整), rounded."""
    return round(sum(expected_by_stage(problem)[sid].values()))


def _pupils_in(problem: LayoutProblem, data, sid: str, year: int) -> int:
    """The school's expected pupils of ``year`` (规划年不调整): the target year's rule with
    each village group's pupils grown as its children grow from ``year`` to the target year."""
    base = group_children(data, problem.target_year - data.school_year)
    later = group_children(data, year - data.school_year)
    forecast = school_forecast(data)  # a school today's forecast first (layout_forecast)

    def kids(frame, village, group) -> float:
        return float(frame.at[village, group]) if (
            village in frame.index and group in frame.columns) else 0.0

    def ratio(r) -> float:
        school = forecast_factor(forecast, r.before_site, r.group, year, problem.target_year)
        if school is not None:
            return school
        was = kids(base, r.village_code, r.group)
        return kids(later, r.village_code, r.group) / was if was > 0 else 1.0

    grown = [r.demand * ratio(r) for r in problem.customers.itertuples()]
    at_year = replace(problem, customers=problem.customers.assign(demand=grown))
    return round(sum(expected_by_stage(at_year)[sid].values()))


def check_closing_years(problem: LayoutProblem, schools: dict[str, dict], data) -> None:
    """A school with ``small_school_max_pupils`` or more pupils today (not a 教学点, not
    listed) closes only in a school year it expects fewer in (planner review finding 2), and
    under 临界复核 only in one it expects fewer than the line less the margin
    (:func:`~.layout_small.closes_on`, review rv 11)."""
    from junheng.planning.layout_small import closes_on, within

    cfg, found = problem.config, Problems()
    listed = set(cfg.close_candidates) | set(cfg.close)
    for sid, s in schools.items():
        site = problem.sites.loc[sid] if sid in problem.sites.index else None
        if s["action"] != "close" or site is None or sid in listed or \
                site["kind"] == "teaching_point" or s["phase"] is None:
            continue
        pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
        year = problem.school_year + int(s["phase"])
        if pupils < cfg.small_school_max_pupils or year > problem.target_year:
            continue
        then = _pupils_in(problem, data, sid, year)
        if then >= cfg.small_school_max_pupils:
            found.add(f"{school_label(problem, sid)}在校 {pupils} 人，{year} 学年预计 {then} 人，不少于 "
                      f"{cfg.small_school_max_pupils} 人，计划却在该学年将其撤并：须在预计在校生少于该人数的"
                      "学年撤并，不得提前。")
        elif not closes_on(then, cfg):
            found.add(f"{school_label(problem, sid)}在校 {pupils} 人，{year} 学年预计 {then} 人，距小规模学校标准 "
                      f"{cfg.small_school_max_pupils} 人{within(cfg)}，计划却在该学年将其撤并：临界复核下须在预计"
                      "在校生距标准超出该比例的学年撤并，不得提前。")
    found.raise_any()


def check_candidates(problem: LayoutProblem, schools: dict[str, dict], data=None) -> None:
    """Every closed existing school that may not close, and with ``data`` every closure
    before its school year (:func:`check_closing_years`)."""
    cfg, sites, found = problem.config, problem.sites, Problems()
    for sid, s in schools.items():
        if s["action"] != "close" or is_candidate(problem, sid):
            continue
        site = sites.loc[sid]
        pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
        if _over_cap(site):
            found.add(f"{school_label(problem, sid)}在校 {pupils:,} 人，超过校额上限 {int(site['size_cap']):,} 人，"
                      "是大校额学校，计划却将其撤并：大校额学校靠扩建、新建学校和分流部分学生缓解，不撤并。")
        elif str(site["urban_rural_code"]) in URBAN:
            found.add(f"{school_label(problem, sid)}位于城区，未列入撤并对象，计划却将其撤并。")
        elif site["kind"] != "teaching_point" and pupils >= cfg.small_school_max_pupils:
            then = _target_pupils(problem, sid)
            target = f"、目标学年预计 {then} 人" if cfg.small_school_by_target_year else ""
            if cfg.small_school_by_target_year and then < cfg.small_school_max_pupils:
                margin = f"{cfg.small_school_margin * 100:g}%"
                well = pupils >= cfg.small_school_max_pupils * (1 + cfg.small_school_margin) - 1e-9
                target += (f"（现有在校生超出标准 {margin} 以上，撤并不能只依据预测，应保留复核）" if well
                           else f"（距标准不足 {margin}，应保留复核）")
            found.add(f"{school_label(problem, sid)}在校 {pupils} 人{target}，不是小规模学校（少于 "
                      f"{cfg.small_school_max_pupils} 人），未列入撤并对象，计划却将其撤并。")
    if data is not None:
        found.run(check_closing_years, problem, schools, data)
    found.raise_any()


def assignment_customers(problem: LayoutProblem, plan: dict[str, Any]) -> list[int]:
    """The problem's customer of each assignment of the plan, in order: a village's stage
    group that is one customer (a rural village: single sourcing) has exactly one
    assignment; a 城区 community split into parts today has one per part, the k-th
    assignment of the village and group being its k-th part. Raises on an unknown, a
    repeated or a missing village and group, or on a count of parts that does not match."""
    cust = problem.customers
    parts: dict = defaultdict(list)
    for i, v, g in zip(cust.index, cust["village_code"], cust["group"], strict=True):
        parts[(v, g)].append(int(i))
    seen: dict = defaultdict(int)
    out = []
    for a in plan["assignments"]:
        k = (a["village_id"], a["stage_group"])
        if k not in parts:
            raise _violation(f"分配了不存在的需求：{village_label(problem, k[0])} {GROUP_LABELS.get(k[1], '该学段')}。")
        n = len(parts[k])
        if seen[k] >= n:
            label = f"{village_label(problem, k[0])}的{GROUP_LABELS[k[1]]}"
            if n == 1:
                raise _violation(f"{label}被分配了不止一次：农村村居整体就读一所学校（单一来源），"
                                 "只有城区社区按现状分几所学校就读。")
            raise _violation(f"{label}现状分 {n} 部分就读，计划却有更多条分配。")
        out.append(parts[k][seen[k]])
        seen[k] += 1
    short = {k: n for k, n in ((k, len(p)) for k, p in parts.items()) if seen[k] < n}
    if short:
        v, g = sorted(short)[0]
        raise _violation(f"{village_label(problem, v)}的{GROUP_LABELS[g]}没有分配学校或分配不全（共 {len(short)} 处遗漏）。")
    return out


def check_receivers(problem: LayoutProblem, plan: dict[str, Any], schools: dict[str, dict]
                    ) -> None:
    """Every assignment that leaves today's school for a school the receivers rule does not
    allow, one line each (a :class:`~.layout_check.PlanViolation` with them all)."""
    cust = problem.customers
    minutes = problem.travel.groupby(["customer", "site_id"])["travel_min"].min()
    rules = (_new_schools(problem, schools), nearer_rule(problem), review_schools(problem))
    found = Problems()
    for a, i in zip(plan["assignments"], assignment_customers(problem, plan), strict=True):
        before = cust.at[i, "before_site"]
        before = before if isinstance(before, str) else None
        if a["school_id"] != before and a["school_id"] in problem.sites.index:
            line = _receiver_breach(problem, a, i, before, minutes, rules)
            if line:
                found.add(line)
    found.raise_any()


def _receiver_breach(problem: LayoutProblem, a: dict, i: int, before: str | None, minutes,
                     rules) -> str | None:
    """Why assignment ``a`` (customer ``i``, leaving ``before``) may not go to its school, or
    None; ``rules``: the new schools, the 就近入学 rule and the schools kept for 复核."""
    new, nearer, review = rules
    sites, target = problem.sites, a["school_id"]
    label = f"{village_label(problem, a['village_id'])}的{GROUP_LABELS[a['stage_group']]}"
    if sites.at[target, "kind"] == "teaching_point":
        return f"{label}转入教学点{school_label(problem, target)}：接收学校须为完全学校。"
    if before and target in review:
        return (f"{label} {a['students']:,} 人从{school_label(problem, before)}转入{school_label(problem, target)}："
                f"{review[target]}，不接收其他学校的学生。")
    town = sites.at[before, "town_code"] if before else problem.customers.at[i, "town_code"]
    if not problem.config.cross_town and sites.at[target, "town_code"] != town:
        return f"{label}跨乡镇转入{school_label(problem, target)}，方案未允许跨乡镇撤并。"
    t = minutes.get((i, target), float("inf"))
    near = [n for n in sorted(new) if minutes.get((i, n), float("inf")) < t - 1e-9]
    if near:
        return (f"{label}转入{school_label(problem, target)}（单程 {t:.1f} 分钟），越过更近的新建学校{school_label(problem, near[0])}"
                f"（{minutes[(i, near[0])]:.1f} 分钟）：新学校先接收离它最近的学生。")
    farther = nearer(i, target)
    return label + farther if farther else None


def review_schools(problem: LayoutProblem) -> dict[str, str]:
    """The schools kept for 目标学年复核, re-derived: with ``small_school_review`` and
    ``small_school_by_target_year``, an existing rural school (not a 教学点) with
    ``small_school_max_pupils`` or more pupils today expecting fewer in the target year, but
    within ``small_school_margin`` of the line; each with why, in words."""
    from junheng.planning.layout_small import within

    cfg, sites = problem.config, problem.sites
    if not (cfg.small_school_review and cfg.small_school_by_target_year):
        return {}
    line, out, expected = cfg.small_school_max_pupils, {}, expected_by_stage(problem)
    for sid, site in sites[sites["existing"].astype(bool)].iterrows():
        pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
        if site["kind"] == "teaching_point" or str(site["urban_rural_code"]) in URBAN or pupils < line:
            continue
        then = round(sum(expected[sid].values()))
        if then < line and line - then <= cfg.small_school_margin * line + 1e-9:
            out[sid] = (f"该校现有在校生 {pupils} 人，{problem.target_year} 学年预计 {then} 人，距小规模学校标准 "
                        f"{line} 人{within(cfg)}，保留至该学年复核，复核后可能撤并")
    return out


def check_relief(problem: LayoutProblem, plan: dict[str, Any], schools: dict[str, dict],
                 load: dict) -> dict[str, float]:
    """An open existing school has at least its expected pupils less its overload and the
    margin (or the share), never more than the pupils who could reach it nor, over its seats
    or cap, more than its seats or cap (rule (12)'s ceiling); a school short
    of it passes only where the plan names the shortfall (分流下限). Returns the shortfalls."""
    cfg, found = problem.config, Problems()
    short: dict[str, float] = {}
    if cfg.relief_margin is None:
        return short
    sites, cust = problem.sites, problem.customers
    expected_of = expected_by_stage(problem)
    demand = cust["demand"]
    freed = freed_by_nearer(problem)
    reach, largest = defaultdict(float), defaultdict(float)
    for c, sid in zip(problem.pairs["customer"], problem.pairs["site_id"], strict=True):
        reach[sid] += demand[c]
        largest[sid] = max(largest[sid], demand[c])
    for sid, s in schools.items():
        site = sites.loc[sid]
        if s["action"] == "close" or not site["existing"]:
            continue
        expected = expected_of[sid]
        total = round(sum(expected.values()))
        overload = max(total - site["size_cap"],
                       sum(max(0.0, expected[st] - site[f"seats_{st}"]) for st in expected))
        may_leave = overload + cfg.relief_margin * total
        if cfg.relief_min_share > 0:
            may_leave = min(may_leave, max((1 - cfg.relief_min_share) * total, overload))
        need = max(min(max(total - may_leave, 0.0), reach[sid]) - freed.get(sid, 0), 0.0)
        if total > site["size_cap"]:  # villages move whole: one village's room below the cap
            room = min(largest[sid], cfg.relief_margin * total)
            need = min(need, max(site["size_cap"] - room, 0.0))
        if overload > 0:  # no floor above the seats or the cap (layout_rules.floor_ceiling)
            need = min(need, site["size_cap"], sum(site[f"seats_{st}"] for st in expected if expected[st] > 0))
        need = round(need)
        got = load.get(sid, {}).get("total", 0)
        if got + 1e-6 < need and "分流下限" in (plan.get("kept_reasons") or {}).get(sid, ""):
            short[sid] = need - got
        elif got + 1e-6 < need:
            found.add(f"{school_label(problem, sid)}保留，规划年不调整时约 {total} 人，规划后只有 {got:.0f} 人，"
                      f"少于分流上限要求的 {need} 人：保留的学校只分流超出学位或校额的部分，"
                      f"另加不超过 {cfg.relief_margin:.0%} 的学生。")
    found.raise_any()
    return short


def _new_schools(problem: LayoutProblem, schools: dict[str, dict]) -> set[str]:
    """Open existing complete schools with no pupils today that the plan keeps (a new school
    of a 建设项目 in use by the target year)."""
    sites, keep = problem.sites, set(problem.config.keep)
    return {sid for sid, s in schools.items() if s["action"] != "close" and sid in keep
            and sid in sites.index and sites.at[sid, "existing"] and not s.get("students_now")
            and sites.at[sid, "kind"] != "teaching_point"}


def check_cvs(problem: LayoutProblem, data, plan: dict[str, Any]) -> None:
    """The CV rule on the planning year the plan makes (layout_county.PlanningYear, the
    state the 达标路径 evaluates; breaches the schools it does not size cause excepted)."""
    from junheng.planning.layout_county import planning_year
    from junheng.planning.layout_cv import cv_breaches
    from junheng.planning.layout_json import layout_from_json

    year = planning_year(data, problem)
    found = cv_breaches(year.before(), year.after(layout_from_json(plan)), year.unsized)
    lines = Problems()
    for breach in found:
        lines.add(f"规划后{breach.text}。")
    lines.raise_any()
