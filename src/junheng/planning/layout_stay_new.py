"""Communities moved to a 建设项目's new school stay there (review rv 3): no pupils moved out
and back.

The 过渡期's year moves (:mod:`~.layout_shifts`) zone a community of a school over its seats in
an early school year to a 建设项目's new school open then; the plan year's solve may zone it
back to its former school (the demo: 光明社区 小学 844 人 moved from 城关第一小学 to 城东新区第二小学
for 2027-2028 and back in 2030 while the new school stood at 20 %). A planner would zone it to
the new school for good. The rule, with the plan made once and, where it applies, solved again:

1. a community moved in a year move (every part of it reaches the new school within the day
   limit and its school is over its seats that year: :mod:`~.layout_shifts` rules 2-3) whose
   parts of the stage the plan year's solve places back at the school it left is **pinned**
   to the new school: its parts of the stage may go there only (the model's pairs), and the
   school it left keeps its 分流下限 (rule (12), :func:`~.layout_rules.relief_floor`) less
   those parts' pupils, since the relief goes to a project school (the demo's 「少 6 人」
   came from that floor: 80 % of 城关第一小学's expected pupils, which the 划片 back restored);
2. a community with a part of the stage the solve places elsewhere (a closure's receiver,
   another school) is the plan year's own need: not pinned (a 城区 community's parts of a stage
   go to one school, rule (18));
3. the pinned problem is solved again; where no plan exists with the pins, the first plan
   stands and the moves that would return are dropped (:func:`~.layout_shifts._without_returns`): their
   years are met by 临时周转 at the school;
4. the pinned plan is kept only where its objective is not above the first plan's (by more
   than :data:`DEARER`): zoning a community to the new school for good is a plan-year choice
   and must pay for itself there (the demo: 光明社区 and 丰收路社区 pinned cost 397.41 万元 a
   year more: 296.10 万元 of school buses, 101.31 万元 of the travel-time weight); otherwise
   the first plan stands as in rule 3. Where the first solve took longer than
   :data:`BOUND_FIRST_S` (the pinned MILP would be slow), the pinned problem's LP relaxation
   is solved before it (:func:`relaxed_bound`): no pinned plan costs less (the MILP's optimum
   is not below it, the rooms kept_within adds only raise it), so where it is already above,
   the pins do not pay and the MILP is not solved; where the relaxation has none, neither has
   the MILP (rule 3). Brief hpin: the bound mixes spending and weights and only says 「至少」,
   so a county solved in seconds (the demo) solves the pinned MILP and states the difference
   part by part (:mod:`~.layout_pin_cost`).

Every move left out is said once in the plan's note (:func:`dropped_note`): the pinned
communities that do not pay with what they would add a year (the pinned plan's cost parts
less the first plan's, spending apart from weights, or 「至少」 the bound's), those that come back and those that would move twice (rule 5 of
:mod:`~.layout_shifts`, named with the year and the school).

The checker (:func:`~.layout_check_shifts.check_shifts`) re-derives the last rule from the
plan alone: no community moved in a year move is placed at its former school, or at a third
school (its pupils would change school twice), in a later school year of the plan without a
move of that year.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

import pandas as pd

from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_pin_cost import bound_words, cost_split, cost_words, rooms_words


def pins(problem, assignment: pd.DataFrame, shifts) -> dict[int, tuple[str, str]]:
    """Customer -> (receiver, school it left) for the parts to pin (rules 1-2):
    ``assignment`` the solve's (index customer, ``site_id``), ``shifts`` the plan's year moves.

    >>> import pandas as pd
    >>> class P:
    ...     customers = pd.DataFrame({"village_code": ["V", "V", "W"],
    ...                               "group": ["grades_1_3", "grades_4_6", "grades_1_3"]})
    ...     travel = pd.DataFrame({"customer": [0, 1, 2, 0, 1], "site_id": ["S", "S", "S", "N", "N"]})
    >>> a = pd.DataFrame({"site_id": ["S", "S", "S"]})
    >>> pins(P, a, [(2027, "V", "primary", "S", "N", 80, 20.8), (2028, "V", "primary", "S", "N", 70, 20.8)])
    {0: ('N', 'S'), 1: ('N', 'S')}
    """
    cust, out = problem.customers, {}
    paired = set(zip(problem.travel["customer"], problem.travel["site_id"], strict=True))
    for _y, v, st, s, r, *_ in shifts:
        mine = cust.index[(cust["village_code"] == v) & (cust["group"].map(GROUP_STAGE) == st)]
        back = [c for c in mine if assignment.at[c, "site_id"] == s]  # all parts (rule 2, 划片)
        if back and len(back) == len(mine) and all((c, r) in paired for c in back):
            out.update({int(c): (r, s) for c in back})
    return out


def pinned_problem(problem, pinned: dict[int, tuple[str, str]]):
    """``problem`` with the ``pinned`` customers' pairs to their receiver only and the schools
    they leave keeping their 分流下限 less the pinned pupils (rule 1): the pair to the receiver
    from ``travel`` (every customer × school; the receivers rule may have left it out of the
    pairs: a school with room sends nobody farther, :func:`~.layout_rules.farther_than_today`).

    >>> import pandas as pd
    >>> from types import SimpleNamespace as NS
    >>> p = NS(customers=pd.DataFrame({"demand": [80.0, 30.0]}),
    ...        pairs=pd.DataFrame({"customer": [0, 1], "site_id": ["S", "S"]}),
    ...        travel=pd.DataFrame({"customer": [0, 0, 1], "site_id": ["S", "N", "S"]}),
    ...        sites=pd.DataFrame({"stay_floor": [100.0, 0.0]}, index=["S", "N"]))
    >>> q = pinned_problem(p, {0: ("N", "S")})
    >>> list(zip(q.pairs["customer"], q.pairs["site_id"])), q.sites["stay_floor"].tolist()
    ([(0, 'N'), (1, 'S')], [20.0, 0.0])
    """
    pairs, t = problem.pairs, problem.travel
    keep = [c not in pinned for c in pairs["customer"]]
    to = [pinned.get(c, (None,))[0] == s for c, s in zip(t["customer"], t["site_id"], strict=True)]
    pairs = pd.concat([pairs[keep], t.loc[to, [k for k in pairs.columns if k in t]]])
    sites = problem.sites.copy()
    for c, (_r, s) in pinned.items():
        sites.at[s, "stay_floor"] = max(float(sites.at[s, "stay_floor"])
                                        - float(problem.customers.at[c, "demand"]), 0.0)
    return _with(problem, pairs=pairs.sort_values(["customer", "travel_min"] if "travel_min" in pairs
                                                  else ["customer"], kind="stable"
                                                  ).reset_index(drop=True), sites=sites)


def _with(problem, **fields):
    try:
        return replace(problem, **fields)
    except TypeError:  # a namespace in the examples
        return type(problem)(**{**vars(problem), **fields})


def returning(shifts, placed) -> dict[tuple[str, str, str], tuple[int, str]]:
    """(community, stage, school) -> (year, school) of the moves whose pupils are, in a later
    year without a move that year, back at the school they left or at a third school (moved
    twice: the demo's 行政路社区 to the new school for 2027-2028, then zoned to 实验小学): the
    first such year and the school they are at then (the school left where they are back):
    ``placed(year, community, stage)`` the schools the community's parts of the stage are
    placed at that year by the plan (before the moves), for every later year of the plan
    (None past it).

    >>> at = {2027: {"S"}, 2028: {"S"}, 2029: {"N"}}
    >>> returning([(2027, "V", "primary", "S", "N", 80, 20.8)], lambda y, v, st: at.get(y))
    {('V', 'primary', 'S'): (2028, 'S')}
    >>> returning([(2027, "V", "primary", "S", "N", 80, 20.8), (2028, "V", "primary", "S", "N", 75, 20.8)],
    ...           lambda y, v, st: at.get(y))
    {}
    >>> twice = {2028: {"X"}, 2029: {"X"}}
    >>> returning([(2027, "V", "primary", "S", "N", 80, 20.8)], lambda y, v, st: twice.get(y))
    {('V', 'primary', 'S'): (2028, 'X')}
    """
    moved = {(int(y), v, st, s) for y, v, st, s, *_ in shifts}
    out: dict[tuple[str, str, str], tuple[int, str]] = {}
    for y, v, st, s, r, *_ in shifts:
        later = int(y) + 1
        while (where := placed(later, v, st)) is not None:
            if where - {r} and (later, v, st, s) not in moved:
                out.setdefault((v, st, s), (later, s if s in where else min(where - {r})))
                break
            later += 1
    return out


class Dropped(NamedTuple):
    """A year move left out (rule 5 of :mod:`~.layout_shifts`): the ``move``, whether it is
    of the first moves (``first``: made before any was left out, what rule 1 may pin), and
    the later ``year`` and ``school`` its pupils would be at (the school it left: moved out and
    back; another: moved twice)."""

    move: tuple
    first: bool
    year: int
    school: str


def stay_new(problem, plan, solve):
    """:func:`pinned_plan`, with the note on the town candidate sites not offered, their need
    not lasting (:func:`~.layout_new_need.dropped_note`, review rv15 1)."""
    from junheng.planning.layout_new_need import dropped_note as sites_note
    from junheng.planning.layout_new_need import kept_note

    plan = pinned_plan(problem, plan, solve)
    notes = [n for n in (sites_note(getattr(problem, "not_offered", None) or {}),
                         kept_note(problem.sites, plan.outcome.schools)) if n]
    return replace(plan, outcome=replace(plan.outcome, notes=(*plan.outcome.notes, *notes))) if notes else plan


def pinned_plan(problem, plan, solve):
    """``plan`` (of ``problem``), or the plan ``solve`` makes of the problem with its returning
    moves' communities pinned to their new school (rules 1-4), where one exists and pays;
    with the note naming every move left out (:func:`dropped_note`)."""
    from junheng.errors import InfeasibleError, SolverError

    pinned = pins(problem, plan.solution.assignment, [d.move for d in plan.returned if d.first])
    if not pinned:
        return replace(plan, outcome=dropped_note(problem, plan.outcome, plan.returned))
    cust, again = problem.customers, pinned_problem(problem, pinned)
    priced = {(cust.at[c, "village_code"], GROUP_STAGE[cust.at[c, "group"]], s) for c, (_r, s) in pinned.items()}
    first = plan.solution.objective
    if plan.solution.seconds > BOUND_FIRST_S and (bound := relaxed_bound(again)) > first + DEARER * abs(first):
        # rule 4 by the bound (rule 3 where it is inf): only where the pinned MILP would be slow
        return replace(plan, outcome=dropped_note(problem, plan.outcome, plan.returned,
                                                  *((priced, bound_words(bound - first)) if bound < math.inf else ())))
    try:
        again = solve(again)
    except (InfeasibleError, SolverError):  # rule 3: no plan with the pins
        return replace(plan, outcome=dropped_note(problem, plan.outcome, plan.returned))
    if again.solution.objective - first > DEARER * abs(first):  # rule 4: the pins do not pay
        return replace(plan, outcome=dropped_note(problem, plan.outcome, plan.returned, priced,
                                                  pinned_cost(plan.outcome, again.outcome)))
    return replace(again, outcome=with_stay_notes(dropped_note(problem, again.outcome, again.returned), stays(
        problem, pinned, [d.move for d in plan.returned if d.first], _opens(problem, again.outcome))))


def pinned_cost(first, pinned) -> str:
    """What the ``pinned`` plan (an outcome) adds a year to the ``first`` one, spending and
    weights apart (:mod:`~.layout_pin_cost`), and the 过渡期's 临时周转 it spares (one-off)."""
    from junheng.planning.layout_waiting import temporary_rooms, temporary_yuan

    split = cost_split(first.metrics["after"], pinned.metrics["after"])
    return (cost_words(split, float(first.weights.get("yuan_per_pupil_minute", 0.0)), first.rules)
            + rooms_words(temporary_rooms(first), sum(temporary_yuan(first).values()),
                          temporary_rooms(pinned), sum(temporary_yuan(pinned).values())))


def relaxed_bound(problem) -> float:
    """The objective of the LP relaxation of ``problem``'s layout MILP (as
    :func:`~.layout_model.solve_layout` builds it): no plan of ``problem`` costs less, the rooms
    :func:`~.layout_runs.with_floors` adds only raising a plan's objective (rule 4); inf where
    the relaxation has no solution (nor has the MILP: rule 3), -inf where it did not finish."""
    from junheng.optimize import HighsSolver
    from junheng.planning.layout_data import exempt_sites, layout_arrays
    from junheng.planning.layout_model import build_layout_milp

    milp, _ = build_layout_milp(layout_arrays(problem, exempt_sites(problem)))
    return HighsSolver(time_limit=problem.config.time_limit_s, relative_gap=0.0).solve(milp, relax=True).bound


#: rule 4: the share by which the pinned plan's objective may exceed the first plan's
DEARER = 1e-4
#: rule 4: the first solve's seconds beyond which the pinned problem's bound is tried before
#: its MILP (brief hpin: the demo's first solve takes about 1-5 s, its pinned MILP as long, so
#: it is solved and its difference split into spending and weights; the bound only says 「至少」)
BOUND_FIRST_S = 60.0


def dropped_note(problem, outcome, dropped, priced=frozenset(), cost: str = ""):
    """The outcome with the note on the moves left out (``dropped``: :class:`Dropped`), each
    community once: those rule 4 priced (``priced``: community, stage, school; ``cost``, what
    zoning them to the new school for good would add a year in words: :func:`pinned_cost` or,
    at least, :func:`~.layout_pin_cost.bound_words`), those that would come back, those that
    would move twice; their years met by 临时周转.

    >>> from types import SimpleNamespace as NS
    >>> p = NS(sites=pd.DataFrame({"name": ["城关第一小学", "新校", "实验小学"]}, index=["S", "N", "X"]),
    ...        customers=pd.DataFrame({"village_code": ["V", "W", "U"],
    ...                                "village_name": ["光明社区", "行政路社区", "学府社区"]}))
    >>> moves = [Dropped((2027, "V", "primary", "S", "N", 80, 20.8), True, 2030, "S"),
    ...          Dropped((2028, "V", "primary", "S", "N", 70, 20.8), True, 2030, "S"),
    ...          Dropped((2027, "W", "primary", "S", "N", 60, 12.0), False, 2030, "X"),
    ...          Dropped((2027, "U", "primary", "S", "N", 50, 12.0), False, 2029, "S")]
    >>> print(dropped_note(p, NS(notes=()), moves, {("V", "primary", "S")}, "每年多支出 296.10 万元（全部为校车运行费用）").notes[0])
    过渡期不划出再划回：城关第一小学片区光明社区小学规划年仍在原校就读，整体划入建设项目新建学校每年多支出 296.10 万元（全部为校车运行费用）；城关第一小学片区学府社区小学 2029 学年回到原校；城关第一小学片区行政路社区小学 2030 学年转入实验小学，过渡期划入新校将两次转学；以上片区过渡期不划入新校，超出学位的学年以临时周转解决。
    >>> print(dropped_note(p, NS(notes=(), kept_reasons={"N": "新校。"}), moves[:2], {("V", "primary", "S")},
    ...                    bound_words(3_292_700)).kept_reasons["N"])
    新校。城关第一小学片区光明社区小学整体划入本校（以上片区合计）按本方案测算口径每年至少多 329.27 万元（为综合评价值之差的下限，含学生通行时间等按权重的折算，不全是财政支出，未逐项测算）；本方案未采用，原校超出学位的学年以临时周转解决（见说明“过渡期不划出再划回”）。
    >>> dropped_note(p, NS(notes=("甲",)), []).notes
    ('甲',)
    """
    from junheng.planning.layout_later import STAGE_WORDS

    villages = dict(zip(problem.customers["village_code"], problem.customers["village_name"], strict=True))
    names = problem.sites["name"]
    seen: dict[tuple[str, str, str], Dropped] = {}
    for d in dropped:
        seen.setdefault(tuple(d.move[1:4]), d)
    words = {k: f"{names.get(k[2], k[2])}片区{villages.get(k[0], k[0])}{STAGE_WORDS[k[1]]}" for k in seen}
    back = [k for k, d in seen.items() if d.school == k[2] and k not in priced]
    twice = [k for k, d in seen.items() if d.school != k[2] and k not in priced]
    parts = ([f"{'、'.join(words[k] for k in seen if k in priced)}规划年仍在原校就读，整体划入建设项目新建学校{cost}"]
             if set(seen) & set(priced) else [])
    parts += ["、".join(f"{words[k]} {seen[k].year} 学年回到原校" for k in back)] if back else []
    parts += ["、".join(f"{words[k]} {seen[k].year} 学年转入{names.get(seen[k].school, seen[k].school)}" for k in twice)
              + "，过渡期划入新校将两次转学"] if twice else []
    if not parts:
        return outcome
    note = "过渡期不划出再划回：" + "；".join(parts) + "；以上片区过渡期不划入新校，超出学位的学年以临时周转解决。"
    outcome = _with(outcome, notes=(*outcome.notes, note))
    if set(seen) & set(priced) and getattr(outcome, "kept_reasons", None) is not None:
        reasons = dict(outcome.kept_reasons)
        for r in sorted({seen[k].move[4] for k in seen if k in priced}):
            mine = "、".join(words[k] for k in seen if k in priced and seen[k].move[4] == r)
            reasons[r] = (reasons.get(r, "") + f"{mine}整体划入本校（以上片区合计）{cost}；本方案未采用，"
                          "原校超出学位的学年以临时周转解决（见说明“过渡期不划出再划回”）。")
        outcome = _with(outcome, kept_reasons=reasons)
    return outcome


def _opens(problem, outcome) -> dict[str, int]:
    """Site name -> the first school year its pupils are there by the plan: the plan's first
    school year (layout_phases), or the school's opening when later."""
    from junheng.planning.layout_phases import first_school_year, plan_day

    first = max(first_school_year(plan_day(problem.config)), problem.school_year + 1)
    return {s.name: max(first, int(s.opens_year or 0)) for s in outcome.schools}


#: a pinned community: (name, stage, school left, receiver, first year moved, target-year
#: pupils, minutes)
Stay = tuple[str, str, str, str, int, int, float]


def stays(problem, pinned: dict[int, tuple[str, str]], returned, opens: dict[str, int]
          ) -> list[Stay]:
    """The pinned communities in words' terms: names, the first school year they are at the
    receiver (``opens``: its name -> that year), their pupils of the target year (the pinned
    parts' demand, whole) and minutes."""
    cust, names = problem.customers, problem.sites["name"]
    first = {}
    for y, v, st, s, r, _n, m in returned:
        first.setdefault((v, st, s, r), (int(y), float(m)))
    out = []
    for (v, st, s, r), (y, m) in sorted(first.items(), key=lambda kv: kv[1]):
        mine = [c for c, (to, left) in pinned.items() if (to, left) == (r, s)
                and cust.at[c, "village_code"] == v and GROUP_STAGE[cust.at[c, "group"]] == st]
        if mine:
            to = str(names.get(r, r))
            out.append((str(cust.at[mine[0], "village_name"]), st, str(names.get(s, s)), to,
                        opens.get(to, y), int(round(float(cust.loc[mine, "demand"].sum()))), m))
    return out


def stay_words(stay: Stay, target: int) -> str:
    """A pinned community in words (``target`` the plan year).

    >>> stay_words(("光明社区", "primary", "城关第一小学", "城东新区第二小学", 2027, 676, 20.75), 2030)
    '城关第一小学片区光明社区小学自 2027 学年起划入建设项目新建学校城东新区第二小学（单程 20.8 分钟，在走读上限内），规划年也在该校就读（2030 学年约 676 人），不再划回原校'
    """
    from junheng.planning.layout_later import STAGE_WORDS

    name, st, left, to, year, n, m = stay
    return (f"{left}片区{name}{STAGE_WORDS[st]}自 {year} 学年起划入建设项目新建学校{to}（单程 {m:.1f} 分钟，"
            f"在走读上限内），规划年也在该校就读（{target} 学年约 {n:,} 人），不再划回原校")


def with_stay_notes(outcome, found: list[Stay]):
    """The outcome with the plan's note on the pinned communities and the clauses of the
    schools they leave (its 分流下限 less their pupils) and of the receivers."""
    if not found:
        return outcome
    words = [stay_words(x, outcome.target_year) for x in found]
    note = ("过渡期划入新校后不再划回：原校超出学位的学年把片区整体划入已启用的建设项目新建学校后，同一批学生不再划回原校，"
            "规划年划片也在新校；原校的分流下限（保留学校至少留住的规划年生源）扣除这些片区的学生，分流去向为建设项目新校，"
            "不计为少于分流下限：" + "；".join(words) + "。")
    ids = {s.name: s.school_id for s in outcome.schools}
    reasons = dict(outcome.kept_reasons)
    for x, w in zip(found, words, strict=True):
        for name, tail in ((x[2], f"分流下限已扣除该片区规划年约 {x[5]:,} 人（分流去向为建设项目新校）"),
                           (x[3], "")):
            sid = ids.get(name)
            if sid is not None:
                reasons[sid] = reasons.get(sid, "") + f"{w}{'；' + tail if tail else ''}。"
    return replace(outcome, notes=(*outcome.notes, note), kept_reasons=reasons)


def floor_words(last: int, pupils: int, floor: int, moved: int) -> str:
    """A crowded school's target year ``last`` (``pupils`` by the plan) with ``moved`` of them
    zoned to a project's new school for good, against its 分流下限 ``floor`` less them (rule 1:
    a relief to a project school is no shortfall; brief hcap: the note said the floor stopped
    the move, which the rule does not).

    >>> floor_words(2030, 1477, 1483, 676)
    '；规划年 2030 学年 801 人，分流下限扣除划入建设项目新校的该片区 676 人后为 807 人（划入新校的学生不计为少于分流下限），与本方案同样少 6 人'
    """
    kept, rest = pupils - moved, max(floor - moved, 0)
    short = f"，与本方案同样少 {rest - kept:,} 人" if rest > kept else ""
    return (f"；规划年 {last} 学年 {kept:,} 人，分流下限扣除划入建设项目新校的该片区 {moved:,} 人后为 {rest:,} 人"
            f"（划入新校的学生不计为少于分流下限）{short}")


def reasons_begun(reasons: dict[str, str]) -> dict[str, str]:
    """The reasons without the 「；」 a clause brings when it is the first (rv 12: closed
    schools' reasons began with it).

    >>> reasons_begun({"A": "；需论证：现有在校生 159 人", "B": "应留必留。"})
    {'A': '需论证：现有在校生 159 人', 'B': '应留必留。'}
    """
    return {k: v.lstrip("；") for k, v in reasons.items()}
