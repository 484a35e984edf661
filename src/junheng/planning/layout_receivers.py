"""Where a closed school's pupils go, in words: its receiver or, where several schools take
them, each with its pupils and the grades or villages it takes (:func:`split_by`). The layout
plan's tables (report.plan_rows, report.layout_xlsx, the web) and the combined plan's text
(:mod:`~junheng.planning.plans_combined`) say it from here, so the two documents name the same
villages (planner review: the combined plan dropped the split receivers' villages)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def receivers(plan) -> dict[str, str]:
    """Closed school id → the 并入学校 a table shows: its receiver's name or, where its pupils
    go to several schools, each with its pupils, most first (planner review: a school "并入"
    one school while a third of its pupils went to another).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
    >>> VA = VillageAssignment
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "袁桥村小学", "close", merged_into="B"), PlannedSchool("B", "小杏寨村小学", "keep"),
    ...     PlannedSchool("C", "第二小学", "keep"), PlannedSchool("D", "何岗村教学点", "close", merged_into="C")),
    ...     {}, assignments=(VA("V1", "grades_1_3", "B", 70, 4.3, 13.0, False, before_school="A"),
    ...                      VA("V2", "grades_4_6", "C", 34, 4.0, 12.5, False, before_school="A"),
    ...                      VA("V2", "grades_1_3", "C", 10, 4.0, 12.5, False, before_school="D")))
    >>> receivers(plan)
    {'A': '小杏寨村小学 70 人（一至三年级）、第二小学 34 人（四至六年级）', 'D': '第二小学'}

    A plan of 2026-12-04 on: the pupils a school has in the year it closes
    (``moved_pupils``, planning.layout_small.with_closing_moves), not its villages' of the
    target year:

    >>> from dataclasses import replace
    >>> a = replace(plan.schools[0], moved_pupils={"B": 65, "C": 32})
    >>> receivers(replace(plan, schools=(a, *plan.schools[1:])))["A"]
    '小杏寨村小学 65 人（一至三年级）、第二小学 32 人（四至六年级）'
    """
    into = several(plan)
    return {
        s.school_id: into.get(s.school_id) or plan.names.get(s.merged_into, "")
        for s in plan.schools
        if s.action == "close" and s.merged_into
    }


def several(plan) -> dict[str, str]:
    """Closed school id → its receivers in words, for the closures whose pupils go to two
    or more schools: each receiver with its pupils, most first, and what it takes
    (:func:`split_by`); a receiver taking none is not named.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
    >>> VA = VillageAssignment
    >>> plan = LayoutOutcome("optimal", (
    ...     PlannedSchool("A", "甲村小学", "close", merged_into="B", moved_pupils={"B": 6, "C": 0}),
    ...     PlannedSchool("D", "丁村教学点", "close", merged_into="B", moved_pupils={"B": 5, "C": 1}),
    ...     PlannedSchool("B", "乙小学", "keep"), PlannedSchool("C", "丙小学", "keep")), {},
    ...     assignments=(VA("V1", "grades_1_3", "B", 5, 2.0, 8.0, False, village_name="许小岗村",
    ...                     before_school="D"),
    ...                  VA("V2", "grades_1_3", "C", 1, 3.0, 9.0, False, village_name="李庄村",
    ...                     before_school="D")))
    >>> several(plan)
    {'D': '乙小学 5 人（许小岗村）、丙小学 1 人（李庄村）'}
    """
    names = plan.names
    moved: dict[str, dict[str, int]] = {}
    for a in plan.assignments:
        if a.before_school and a.before_school != a.school_id:
            got = moved.setdefault(a.before_school, {})
            got[a.school_id] = got.get(a.school_id, 0) + a.students
    out = {}
    for s in plan.schools:
        if s.action != "close" or not s.merged_into:
            continue
        # its pupils in the year it closes (plans stored before 2026-12-04: its villages')
        got = sorted(
            ((k, n) for k, n in (s.moved_pupils or moved.get(s.school_id, {})).items() if n),
            key=lambda kv: (-kv[1], kv[0]),
        )
        if len(got) > 1:
            whom = split_by(plan, s.school_id)
            out[s.school_id] = "、".join(
                f"{names.get(k, k)} {n:,} 人{whom.get(k, '')}" for k, n in got
            )
    return out


def split_by(plan, school_id: str) -> dict[str, str]:
    """Why a closed school's pupils go to several schools, as the table says it beside each
    receiver (planner review: "one pupil of a village of six sent to another school"): the
    grades it takes when each receiver takes other grade groups, else the villages it takes
    when each takes other villages (each village to its nearest receiver); {} when neither.

    >>> from types import SimpleNamespace as NS
    >>> va = lambda v, name, g, to: NS(before_school="P", village_id=v, village_name=name,
    ...                                stage_group=g, school_id=to)
    >>> split_by(NS(assignments=(va("1", "许小岗村", "grades_1_3", "B"), va("2", "李庄村", "grades_1_3", "B"),
    ...                          va("3", "王营村", "grades_1_3", "C"))), "P")
    {'B': '（许小岗村、李庄村）', 'C': '（王营村）'}
    >>> split_by(NS(assignments=(va("1", "许小岗村", "grades_1_3", "B"),
    ...                          va("1", "许小岗村", "grades_4_6", "C"))), "P")
    {'B': '（一至三年级）', 'C': '（四至六年级）'}
    >>> split_by(NS(assignments=(va("1", "甲村", "grades_1_3", "B"), va("2", "乙村", "grades_1_3", "C"),
    ...                          va("2", "乙村", "grades_1_3", "B"))), "P")
    {}
    """
    from junheng.planning.layout_data import GROUP_LABELS

    parts = [
        a for a in plan.assignments if a.before_school == school_id and a.school_id != school_id
    ]
    for key, label in (("stage_group", GROUP_LABELS.get), ("village_id", None)):
        taken: dict[str, dict[str, str]] = {}
        for a in parts:
            value = getattr(a, key)
            shown = label(value, value) if label else (a.village_name or value)
            taken.setdefault(a.school_id, {})[value] = shown
        owners = [set(v) for v in taken.values()]
        if len(owners) > 1 and sum(map(len, owners)) == len(set().union(*owners)):
            return {k: f"（{'、'.join(v.values())}）" for k, v in taken.items()}
    return {}


def closed_receivers(problem, solution, assignments) -> dict[str, dict[str, int]]:
    """For each closed existing site: receiving site -> pupils it takes over."""
    closed = [s for s in problem.sites.index[problem.sites["existing"]]
              if s not in solution.open_sites]
    out: dict[str, dict[str, int]] = {}
    for s in closed:
        moved = assignments[assignments["before_site"] == s]
        counts = moved.groupby("site_id")["demand"].sum().sort_values(ascending=False)
        if counts.empty:
            counts = pd.Series({nearest_open(problem, solution, s): 0})
        out[s] = {k: int(v) for k, v in counts.items()}
    return out


def nearest_open(problem, solution, site: str) -> str:
    """The open site nearest ``site`` (as the crow flies), for a closed school no pupil leaves."""
    sites = problem.sites
    cand = sites[sites.index.isin(solution.open_sites)]
    d = np.hypot(cand["lon"] - sites.at[site, "lon"], cand["lat"] - sites.at[site, "lat"])
    return str(d.idxmin())


def main_receiver(receivers: dict[str, int] | None) -> str | None:
    """The receiver taking the most pupils (ties: the larger code), None without one."""
    if not receivers:
        return None
    return max(receivers, key=lambda k: (receivers[k], k))
