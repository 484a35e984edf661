"""The independent checker's part for the rules of issue 16, re-derived from the problem's
frames and the plan's JSON (not from :mod:`layout_rules` or the solver's variables):

* who may close: a closed existing school is a 教学点 or has fewer than
  ``small_school_max_pupils`` compulsory pupils today, and is not in the 城区 (城乡分类代码
  111/112), unless the plan lists it in ``close_candidates`` or ``close``;
* receivers: a village's stage group that leaves today's school goes to a school that is not
  a 教学点, in the same 乡镇 as today's school (as the village without one) unless
  ``cross_town``;
* the standard: on the planned county no 优质均衡 CV exceeds its limit unless it is no
  worse than before (a rise under 0.0005, invisible at the three decimals reported, is not
  worse).
"""

from __future__ import annotations

from typing import Any

from junheng.errors import JunhengError
from junheng.planning.layout_data import GROUP_LABELS, LayoutProblem

URBAN = ("111", "112")


def _violation(message: str) -> JunhengError:
    from junheng.planning.layout_check import PlanViolation

    return PlanViolation(message)


def is_candidate(problem: LayoutProblem, sid: str) -> bool:
    """May the plan close the existing site ``sid`` (who may close, re-derived)?"""
    cfg = problem.config
    site = problem.sites.loc[sid]
    if sid in set(cfg.close_candidates) | set(cfg.close):
        return True
    pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
    return str(site["urban_rural_code"]) not in URBAN and (
        site["kind"] == "teaching_point" or pupils < cfg.small_school_max_pupils)


def check_candidates(problem: LayoutProblem, schools: dict[str, dict]) -> None:
    cfg = problem.config
    sites = problem.sites
    for sid, s in schools.items():
        if s["action"] != "close" or is_candidate(problem, sid):
            continue
        site = sites.loc[sid]
        pupils = int(site["students_primary_now"]) + int(site["students_junior_now"])
        if str(site["urban_rural_code"]) in URBAN:
            raise _violation(f"学校 {sid} 位于城区，未列入撤并对象，计划却将其撤并。")
        if site["kind"] != "teaching_point" and pupils >= cfg.small_school_max_pupils:
            raise _violation(f"学校 {sid} 在校 {pupils} 人，不是小规模学校（少于 "
                             f"{cfg.small_school_max_pupils} 人），未列入撤并对象，计划却将其撤并。")


def check_receivers(problem: LayoutProblem, plan: dict[str, Any], schools: dict[str, dict]
                    ) -> None:
    cfg = problem.config
    sites = problem.sites
    cust = problem.customers
    rows = {(r.village_code, r.group): r for r in cust.itertuples()}
    for a in plan["assignments"]:
        r = rows.get((a["village_id"], a["stage_group"]))
        if r is None:
            continue  # the assignment check names it
        target = a["school_id"]
        before = r.before_site if isinstance(r.before_site, str) else None
        if target == before or target not in sites.index:
            continue
        label = f"村居 {a['village_id']} 的{GROUP_LABELS[a['stage_group']]}"
        if sites.at[target, "kind"] == "teaching_point":
            raise _violation(f"{label}转入教学点 {target}：接收学校须为完全学校。")
        town = sites.at[before, "town_code"] if before else r.town_code
        if not cfg.cross_town and sites.at[target, "town_code"] != town:
            raise _violation(f"{label}跨乡镇转入学校 {target}，方案未允许跨乡镇撤并。")


def check_cvs(data, plan: dict[str, Any]) -> None:
    from junheng.evaluate import evaluate
    from junheng.planning.layout_county import STANDARD, planned_county
    from junheng.planning.layout_json import layout_from_json

    before = evaluate(data, STANDARD)
    after = evaluate(planned_county(data, layout_from_json(plan).schools), STANDARD)
    for stage, res in after.stages.items():
        was = before.stages.get(stage)
        pairs = [(k, ind.cv, ind.limit, was.indicators[k].cv if was and k in was.indicators
                  else 0.0) for k, ind in res.indicators.items()]
        pairs.append(("composite", res.composite_cv, res.composite_limit,
                      was.composite_cv if was else 0.0))
        for key, cv, limit, prev in pairs:
            if limit is not None and cv > limit + 1e-9 and cv > prev + 5e-4:
                name = res.indicators[key].name if key in res.indicators else "综合"
                raise _violation(f"规划后{'小学' if stage == 'primary' else '初中'}{name}差异系数 "
                                 f"{cv:.3f} 超过限值 {limit:g}（规划前 {prev:.3f}）。")
