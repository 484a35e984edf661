"""The independent checker's part for the planner's rules of :mod:`layout_zoning`,
re-derived from the problem's frames and the plan's JSON (not from the solver's rows):

* ``community_zoning`` (rule (18)): the parts of a 城区 community (城乡分类代码 111/112, not
  its 寄宿 part) of one stage that could all go to some one school go to one school;
* ``keep_points_beyond_review`` (应留必留): grades 1–3 that leave a 教学点 the plan does not
  list in ``close`` travel at most ``review_minutes_grades_1_3``, or no farther than to
  their point;
* ``board_unchanged``: at each school, the boarders of the groups that stay there fit in its
  beds today, and the beds it adds are no more than the blocks the boarders who move in
  need beyond the beds the stayers leave;
* a closure's pupils who board at their receiver by the plan's rule have beds there
  (:func:`~.layout_boarding.unhoused_movers`, the rule the words of 撤并程序 use).

``small_school_by_target_year`` is part of who may close
(:func:`~layout_check_rules.is_candidate`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from junheng.planning.layout_check_near import Problems, school_label, village_label
from junheng.planning.layout_data import GROUP_LABELS, GROUP_STAGE, LayoutProblem

URBAN = ("111", "112")
TOL = 1e-6


def _assigned(problem: LayoutProblem, plan: dict[str, Any]):
    from junheng.planning.layout_check_rules import assignment_customers

    return list(zip(plan["assignments"], assignment_customers(problem, plan), strict=True))


def check_zoning(problem: LayoutProblem, plan: dict[str, Any]) -> None:
    """Rule (18): one school per 城区 community and stage where the parts share a school."""
    if not problem.config.community_zoning:
        return
    cust, found = problem.customers, Problems()
    reach = problem.pairs.groupby("customer")["site_id"].agg(set)
    went: dict = defaultdict(dict)
    for a, i in _assigned(problem, plan):
        if str(cust.at[i, "urban_rural_code"]) in URBAN and not bool(cust.loc[i].get("pinned", False)):
            went[(a["village_id"], GROUP_STAGE[a["stage_group"]])][i] = a["school_id"]
    for (village, stage), parts in went.items():
        if len(set(parts.values())) < 2:
            continue
        if set.intersection(*(reach.get(i, set()) for i in parts)):
            label = "小学" if stage == "primary" else "初中"
            found.add(f"就近划片：{village_label(problem, village)}（城区）的{label}学生被分到"
                      f"{'、'.join(school_label(problem, s) for s in sorted(set(parts.values())))}"
                      "等多所学校，应只划入一所学校。")
    found.raise_any()


def check_points(problem: LayoutProblem, plan: dict[str, Any]) -> None:
    """应留必留: grades 1–3 leaving a 教学点 go no farther than the review minutes."""
    cfg = problem.config
    if not cfg.keep_points_beyond_review:
        return
    cust, sites, found = problem.customers, problem.sites, Problems()
    minutes = problem.travel.groupby(["customer", "site_id"])["travel_min"].min()
    for a, i in _assigned(problem, plan):
        before = cust.at[i, "before_site"]
        if a["stage_group"] != "grades_1_3" or not isinstance(before, str) \
                or before == a["school_id"] or before in set(cfg.close) \
                or sites.at[before, "kind"] != "teaching_point":
            continue
        limit = max(cfg.review_minutes_grades_1_3,
                    float(minutes.get((i, before), 0.0)))
        if a["travel_min"] > limit + TOL:
            found.add(
                f"应留必留：{village_label(problem, a['village_id'])}{GROUP_LABELS['grades_1_3']}从教学点"
                f"{school_label(problem, before)}转到{school_label(problem, a['school_id'])}，单程 {a['travel_min']:.1f} 分钟，超过需论证的 "
                f"{cfg.review_minutes_grades_1_3:g} 分钟，该教学点应保留。")
    found.raise_any()


def check_unchanged_beds(problem: LayoutProblem, plan: dict[str, Any]) -> None:
    """``board_unchanged``: stayers board in today's beds; new beds only for movers."""
    cfg = problem.config
    if not cfg.board_unchanged:
        return
    cust, sites, found = problem.customers, problem.sites, Problems()
    stay: dict = defaultdict(float)
    moved: dict = defaultdict(float)
    for a, i in _assigned(problem, plan):
        boarders = a["students"] * float(a.get("board_share", 0.0))
        (stay if cust.at[i, "before_site"] == a["school_id"] else moved)[a["school_id"]] += boarders
    for s in plan["schools"]:
        sid, beds = s["school_id"], float(sites.at[s["school_id"], "beds"])
        if stay[sid] > beds + 1e-3:
            found.add(f"{school_label(problem, sid)}就读学校不变的寄宿生 {stay[sid]:.0f} 人，超过现有床位 {beds:.0f} 张。")
        need = math.ceil(max(moved[sid] - (beds - stay[sid]) - TOL, 0.0) / cfg.bed_block) \
            * cfg.bed_block
        if s["added_beds"] > need:
            found.add(f"{school_label(problem, sid)}新增床位 {s['added_beds']} 张，转入的寄宿生只需新增 {need} 张："
                      "不为就读学校不变的学生新增床位。")
    found.raise_any()


def check_closure_beds(problem: LayoutProblem, plan: dict[str, Any]) -> None:
    """A closure's pupils who board at a receiver by the rule
    (:func:`~.layout_boarding.boards_by_rule`, minutes from the problem) have beds there
    (the receiver's beds today and added): 「并入学校住宿…不能满足需要…不得强行撤并」."""
    from junheng.planning.layout_boarding import unhoused_movers
    from junheng.planning.layout_procedure import UNFIT

    cust, sites, found = problem.customers, problem.sites, Problems()
    minutes = problem.travel.set_index(["customer", "site_id"])["travel_min"]
    closed = {s["school_id"] for s in plan["schools"] if s["action"] == "close"}
    beds = {s["school_id"]: float(sites.at[s["school_id"], "beds"]) + s["added_beds"]
            for s in plan["schools"] if s["school_id"] in sites.index}
    rows = [(cust.at[i, "before_site"], a["school_id"], a["stage_group"],
             float(minutes.get((i, a["school_id"]), 0.0)), int(a["students"]),
             float(a.get("board_share", 1.0 if a["boarding"] else 0.0))) for a, i in _assigned(problem, plan)]
    for (before, school), n in unhoused_movers(rows, beds, closed, problem.config.day_travel_limit_min).items():
        found.add(f"{school_label(problem, before)}撤并后转入{school_label(problem, school)}的学生中，{n:,} 人按规则须寄宿"
                  f"（四至九年级走读单程超过 {problem.config.day_travel_limit_min:g} 分钟）而计划未安排床位"
                  f"（该校床位 {beds.get(school, 0):,.0f} 张）：{UNFIT}。")
    found.raise_any()
