"""The 过渡期's year moves to an open new school (brief hq, issue 16): a community whose
school is over its seats in a school year is zoned to a 建设项目's new school open that year
which has room for it, instead of renting rooms (临时周转) at its school.

The layout assigns the communities by the target year's pupils. A school within its rooms in
the target year may lack rooms in an earlier or later school year ``y``: its classes that year,
formed grade by grade (the one room rule of both plans,
:func:`~.layout_overload.year_classes`), more than its rooms before the plan (an
:class:`~.layout_overload.Overload`, met by 临时周转). A planner with a new school standing
half empty beside it sends pupils there first (planner review: 城东新区第二小学 at 20 % while
城关第一小学 rented 12 rooms in 2027). For each year ``y`` looked at
(:func:`~.layout_years.plan_years`), the schools over their seats that year are taken most
over first; each moves whole communities (all its pupils of the stage placed there that
year, every part of them) to a receiver:

1. a receiver is a 建设项目's new school (:func:`~.layout_rules.opening_sites`) open in ``y``
   (its first school year after completion); the plan's own new schools are sized for their
   target year's classes grade by grade (rule 23) and take none;
2. every part of the community reaches the receiver within the day limit
   (``day_travel_limit_min``; the pupils go by day, none boards), and every part of it at the
   school that year is at its school today (pupils the plan brings there are not moved again);
3. the receiver keeps within its rooms of the stage (its classes grade by grade with the
   community in, its pupils that year plus the year's earlier moves) and its size cap (whole
   pupils) that year;
4. the communities nearest the receiver (their farthest part's minutes) go first, each only
   while its school still lacks rooms that year (its classes grade by grade more than its
   rooms).

5. no pupils move out and back (rv 3) or twice (lead 8dd4912e): a community moved from a
   school is moved in every later year of the plan it would be placed there; one that would
   return (at the latest in the target year, where the plan places it at its school) or be
   placed at a third school is not moved at all, its years met by 临时周转 (:mod:`~.layout_stay_new`: the planner first solves again with such a community
   zoned to the new school for good, so the plan year's 划片 keeps it there).

Each year is decided on its own: a community moves in the years its school would be over.
The plan lists every move (``shifts``: year, community,
stage, school, receiver, pupils, minutes) and the 临时周转 of the overloads left after the
moves; the checker re-derives the moves' figures (:mod:`~.layout_check_shifts`).
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pandas as pd

from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_later import STAGE_WORDS

#: a year move: (school year, community, stage, school, receiver, pupils, minutes)
Shift = tuple[int, str, str, str, str, int, float]


def shift_map(shifts) -> dict[tuple[int, str, str, str], str]:
    """(year, community, stage, school) -> the receiver of each move.

    >>> shift_map([(2027, "V", "primary", "S", "N", 844, 20.8)])
    {(2027, 'V', 'primary', 'S'): 'N'}
    """
    return {(int(y), v, st, s): n for y, v, st, s, n, *_ in shifts}


def moved_to(school: str, year: int, village: str, group: str, moves: dict) -> str:
    """Where a row placed at ``school`` in ``year`` is once the year's ``moves``
    (:func:`shift_map`) are made.

    >>> moved_to("S", 2027, "V", "grades_1_3", {(2027, "V", "primary", "S"): "N"})
    'N'
    >>> moved_to("S", 2028, "V", "grades_1_3", {(2027, "V", "primary", "S"): "N"})
    'S'
    """
    return moves.get((year, village, GROUP_STAGE[group], school), school) if moves else school


def receivers_open(data, problem, opens: dict[str, int]) -> dict[str, int]:
    """Receiver -> its first school year (rule 1)."""
    from junheng.planning.layout_rules import opening_sites

    return {s: opens[s] for s in opening_sites(problem.sites, problem.config) if s in opens}


def year_shifts(data, problem, assignments: pd.DataFrame, schools: pd.DataFrame
                ) -> tuple[tuple[Shift, ...], tuple]:
    """The plan's year moves (module docstring) for the planner's frames (``assignments``:
    ``customer``, ``village_code``, ``group``, ``site_id``, ``before_site``, ``demand``;
    ``schools``: the planner's frame), and the moves left out because their pupils would
    return or move twice (rule 5, :class:`~.layout_stay_new.Dropped`: the first of them what
    :mod:`~.layout_stay_new` pins, all of them what its note names)."""
    from junheng.planning.layout_overload import (
        _moves,
        awaited,
        frame_moves,
        in_target_relaxation,
        overloads,
        planner_first,
        year_classes,
        year_parts,
    )
    from junheng.planning.layout_phases import first_school_year, plan_day
    from junheng.planning.layout_years import growth_factors, plan_years, year_shares

    closes, opens = _moves(data, problem, schools)
    receivers = receivers_open(data, problem, opens)
    if not receivers:
        return (), ()
    first = max(first_school_year(plan_day(problem.config)), data.school_year + 1)
    years = plan_years(data.school_year, problem.target_year, first)
    before = (assignments["before_site"] if "before_site" in assignments
              else pd.Series(None, index=assignments.index))
    groups = list(zip(assignments["village_code"], assignments["group"], before, strict=True))
    factors = growth_factors(data, groups, problem.target_year, years)
    timing = (closes, opens, frame_moves(data, problem, assignments, schools),
              planner_first(data, problem))
    added = schools.set_index("site_id")
    skip = {(s, st) for st in STAGE_WORDS for s in added.index[added[f"added_{st}"] > 0]}
    waiting = awaited(assignments.assign(before_site=before), schools, opens, years)
    reach, shares = _reach(problem, assignments, list(receivers)), year_shares(data, problem.sites)
    per_year = {}
    for year in years:
        rows = [(v, GROUP_STAGE[g], at, d * f * part, b, g)
                for (v, g, b), s, d, f in zip(groups, assignments["site_id"],
                                              assignments["demand"], factors[year], strict=True)
                if f is not None for at, part in year_parts(year, s, b, g, timing)]
        load: dict[tuple[str, str], float] = {}  # (school, stage group) -> pupils
        for _, _, at, n, _, g in rows:
            load[(at, g)] = load.get((at, g), 0.0) + n
        whole: dict[tuple[str, str], float] = {}
        for (at, g), n in load.items():
            whole[(at, GROUP_STAGE[g])] = whole.get((at, GROUP_STAGE[g]), 0.0) + n
        open_then = {k: int(np.rint(n)) for k, n in whole.items()
                     if closes.get(k[0], math.inf) > year and opens.get(k[0], -math.inf) <= year}
        mix = partial(shares, year=year)
        found = [o for o in overloads(open_then, year, problem.sites, skip,
                                      year_classes(load, mix, problem.sites))
                 if (o.school_id, o.stage, year) not in waiting
                 and not in_target_relaxation(o, problem.target_year)]
        per_year[year] = (found, rows, load, [r for r, y in receivers.items() if y <= year], mix)
    return _without_returns(per_year, reach, problem.sites)


def _without_returns(per_year: dict, reach: dict, sites) -> tuple[tuple[Shift, ...], tuple]:
    """The years' moves without a community moved out and placed back at its school, or at a
    third school, in a later year (rv 3; :func:`~.layout_stay_new.returning`): such a
    community is not moved from that school at all (临时周转 meets its years), the moves made
    again without it; and every move so left out (:class:`~.layout_stay_new.Dropped`)."""
    from junheng.planning.layout_stay_new import Dropped, returning

    def placed(year: int, v: str, st: str):
        rows = per_year[year][1] if year in per_year else None
        return None if rows is None else {at for w, s, at, *_ in rows if (w, s) == (v, st)}

    banned: set[tuple[str, str, str]] = set()
    left: list[Dropped] = []
    while True:
        out = [m for year, (found, rows, load, ready, mix) in per_year.items()
               for m in _year_moves(year, found, rows, dict(load), (ready, reach, sites, mix), banned)]
        back = {k: w for k, w in returning(out, placed).items() if k not in banned}
        if not back:
            return tuple(out), tuple(left)
        left += [Dropped(m, not banned, *back[(m[1], m[2], m[3])]) for m in out if (m[1], m[2], m[3]) in back]
        banned |= set(back)


def _reach(problem, assignments: pd.DataFrame, receivers: list[str]
           ) -> dict[tuple[str, str, str], float]:
    """(community, stage, receiver) -> its farthest part's minutes there, for the communities
    every part of which of the stage reaches it within the day limit (rule 2)."""
    limit = problem.config.day_travel_limit_min
    t = problem.travel[problem.travel["site_id"].isin(receivers)]
    minutes = dict(zip(zip(t["customer"], t["site_id"], strict=True), t["travel_min"], strict=True))
    out: dict[tuple[str, str, str], float] = {}
    stages = assignments["group"].map(GROUP_STAGE)
    for (village, stage), part in assignments.groupby([assignments["village_code"], stages]):
        for r in receivers:
            trips = [minutes.get((c, r)) for c in part["customer"]]
            if all(m is not None and m <= limit + 1e-9 for m in trips):
                out[(str(village), str(stage), r)] = float(max(trips))
    return out


def _year_moves(year: int, found, rows, load: dict, ctx: tuple, banned=frozenset()) -> list[Shift]:
    """One year's moves (rules 2–4): ``found`` the year's overloads, ``rows`` (community,
    stage, school placed at, pupils unrounded, school today, stage group), ``load`` (school,
    stage group) -> pupils unrounded; ``ctx``: the receivers open, their reach, the sites and
    the year's grade shares by school. A community the plan brings to the school (a part whose
    school today is another) is not moved again, nor one ``banned`` (community, stage, school:
    it would return)."""
    ready, reach, sites, mix = ctx
    out: list[Shift] = []
    taken: set[tuple[str, str, str]] = set()
    for o in sorted(found, key=lambda o: (o.seats - o.pupils, o.school_id, o.stage)):
        size: dict[str, dict[str, float]] = {}
        brought = set()
        for v, st, at, n, b, g in rows:
            if at == o.school_id and st == o.stage:
                size.setdefault(v, {})[g] = size.get(v, {}).get(g, 0.0) + n
                if b != at:
                    brought.add(v)
        options = sorted((reach[(v, o.stage, r)], v, r) for v in set(size) - brought for r in ready
                         if (v, o.stage, r) in reach and (v, o.stage, o.school_id) not in banned and float(sites.at[r, f"seats_{o.stage}"]) > 0)
        for minutes, v, r in options:
            if not rooms_short(o.school_id, o.stage, load, sites, mix):
                break
            if (v, o.stage, o.school_id) in taken or not _fits(r, o.stage, size[v], load, (sites, mix)):
                continue
            taken.add((v, o.stage, o.school_id))
            for g, n in size[v].items():
                load[(o.school_id, g)] -= n
                load[(r, g)] = load.get((r, g), 0.0) + n
            out.append((year, v, o.stage, o.school_id, r, int(np.rint(sum(size[v].values()))),
                        round(minutes, 2)))
    return out


def rooms_short(school: str, stage: str, load: dict, sites, mix) -> int:
    """The rooms ``school``'s ``stage`` lacks with ``load`` ((school, stage group) -> pupils):
    its classes grade by grade (:func:`~.layout_overload.year_classes`, ``mix(school)`` the
    grade shares) less its rooms before the plan (its seats ÷ class size).

    46 pupils in each of grades 1–6 at a school of 7 rooms (315 seats): 12 classes, 5 short;
    pooled ⌈276 / 45⌉ = 7 rooms, none short.

    >>> sites = pd.DataFrame({"seats_primary": [315], "class_size_primary": [45]}, index=["S"])
    >>> rooms_short("S", "primary", {("S", "grades_1_3"): 138.0, ("S", "grades_4_6"): 138.0},
    ...             sites, lambda s: {f"g{g}": 1 / 3 for g in range(1, 7)})
    5
    """
    from junheng.planning.layout_overload import year_classes

    mine = {k: n for k, n in load.items() if k[0] == school and GROUP_STAGE[k[1]] == stage}
    classes = year_classes(mine, mix, sites).get((school, stage), 0)
    return max(classes - int(sites.at[school, f"seats_{stage}"]) // int(sites.at[school, f"class_size_{stage}"]), 0)


def _fits(r: str, stage: str, parts: dict[str, float], load: dict, ctx) -> bool:
    """Rule 3: the receiver within its rooms of the stage (its classes grade by grade) and its
    size cap with ``parts`` (stage group -> pupils) in."""
    sites, mix = ctx
    trial = dict(load)
    for g, n in parts.items():
        trial[(r, g)] = trial.get((r, g), 0.0) + n
    total = sum(n for (s, _), n in trial.items() if s == r)
    cap = int(sites.at[r, "size_cap"]) if "size_cap" in sites else math.inf
    return not rooms_short(r, stage, trial, sites, mix) and int(np.rint(total)) <= cap


def shift_words(shifts, names: dict[str, str], villages: dict[str, str]) -> str:
    """The moves in words, year by year.

    >>> shift_words([(2027, "V", "primary", "S", "N", 844, 20.8),
    ...              (2028, "V", "primary", "S", "N", 778, 20.8)],
    ...             {"S": "城关一小", "N": "新区二小"}, {"V": "光明社区"})
    '2027 学年城关一小片区光明社区小学 844 人划入新区二小（单程 20.8 分钟）；2028 学年城关一小片区光明社区小学 778 人划入新区二小（单程 20.8 分钟）'
    """
    return "；".join(f"{y} 学年{names.get(s, s)}片区{villages.get(v, v)}{STAGE_WORDS[st]} {n:,} 人划入"
                    f"{names.get(r, r)}（单程 {m:.1f} 分钟）" for y, v, st, s, r, n, m in shifts)


def shift_note(shifts, names: dict[str, str], villages: dict[str, str]) -> tuple[str, ...]:
    """The plan's note on its year moves (() without any)."""
    if not shifts:
        return ()
    return ("过渡期逐年划入新校：本方案按规划年划片，其他学年学校超出学位时，先把其片区在走读上限内整体划入当年已启用、"
            "仍有学位的建设项目新建学校（不超出其标准学位和校额上限），划入后不再划回原校，再以临时周转解决余下的超员："
            + shift_words(shifts, names, villages) + "。",)


def shift_reasons(shifts, names: tuple[dict[str, str], dict[str, str]], frames=None
                  ) -> dict[str, str]:
    """School -> the clause its reason gains: the moves out of it and into it, and a
    receiver's pupils and use (利用率) in the years of its moves (``frames``: data, problem,
    assignments, schools of :func:`~.layout_overload.phased_pupils`; None: not said)."""
    out: dict[str, str] = {}
    for who, head in ((3, "过渡期逐年划出（代替临时周转）："), (4, "过渡期逐年划入本校（代替邻校临时周转）：")):
        for s in sorted({m[who] for m in shifts}):
            out[s] = out.get(s, "") + head + shift_words([m for m in shifts if m[who] == s], *names)
            out[s] += (use_words(s, [m for m in shifts if m[4] == s], frames, shifts)
                       if who == 4 and frames is not None else "") + "。"
    return out


def use_words(school: str, mine, frames, shifts) -> str:
    """'；划入后本校 2027 学年小学 1,267 人、学位 2,160 个（利用率 59%）…' of a receiver."""
    from junheng.planning.layout_overload import phased_pupils

    data, problem, assignments, schools = frames
    years = sorted({int(m[0]) for m in mine})
    placed = phased_pupils(data, problem, assignments, schools, years, shifts)
    parts = []
    for year in years:
        for st in sorted({m[2] for m in mine if int(m[0]) == year}):
            n, seats = placed[year].get((school, st), 0), int(problem.sites.at[school, f"seats_{st}"])
            parts.append(f"{year} 学年{STAGE_WORDS[st]} {n:,} 人、学位 {seats:,} 个（利用率 {n / seats:.0%}）")
    return "；划入后本校 " + "，".join(parts)


def shifted_zones(shifts, school: str, receiver: str, villages: dict[str, str]
                  ) -> tuple[tuple[str, dict[int, int], float], ...]:
    """The plan's moves from ``school`` to ``receiver`` as the new school's note names a
    community it takes (:class:`~.layout_reasons.Crowded` ``zones``): (name, {year: pupils},
    minutes), first moved first.

    >>> shifted_zones([(2027, "V", "primary", "S", "N", 844, 20.8),
    ...                (2028, "V", "primary", "S", "N", 778, 20.8)], "S", "N", {"V": "光明社区"})
    (('光明社区', {2027: 844, 2028: 778}, 20.8),)
    """
    out: dict[str, tuple[dict[int, int], float]] = {}
    for y, v, _st, s, r, n, m in shifts:
        if (s, r) == (school, receiver):
            out.setdefault(v, ({}, float(m)))[0][int(y)] = int(n)
    return tuple((villages.get(v, v), years, m) for v, (years, m) in out.items())


def shift_names(problem, assignments: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """The sites' names by id and the communities' names by code."""
    return (dict(zip(problem.sites.index, problem.sites["name"], strict=True)),
            dict(zip(assignments["village_code"], assignments["village_name"], strict=False)))
