"""The layout plan's own 临时周转 years checked against ``temporary_peak_years``, every year a
school borrows counted: the rooms its own pupils lack, the rooms before its build and the rooms
its pupils fill while they wait for a new school not yet open (rv2 finding 2: 洛北县实验中学
borrowed 9 / 11 / 1 / 1 rooms 2027–2030 in the layout, 8 and 9 of them for the pupils waiting
for 文化路社区片区初级中学, yet its reason said 「缺口持续不超过临时周转年限」; the combined check,
:func:`~.plans_temporary.joint_breaches`, said four years).

:func:`own_breaches` gives per school the layout's sentence, the same verdict as the combined
check on the layout's years alone.

The plan itself keeps every run within the limit (brief hn): where a school's run is too long,
:func:`run_floors` gives the rooms it builds instead of borrowing, the fewest that cut every
run to at most ``temporary_peak_years`` (:func:`extra_rooms`), and the layout's timing is
derived again with them (:func:`kept_within`, from the solve of
:func:`~junheng.planning.layout.plan_layout`). A room built at a school of stage ``s`` in use
from the school year ``b`` takes one borrowed room of ``s`` off each year from ``b`` on,
whether it was borrowed for the school's own pupils, for those waiting there for a new school
or for an overflow; so with ``k_s`` rooms built::

    borrowed'(y) = Σ_s (borrowed_s(y) − k_s [y ≥ b])⁺,   min Σ_s k_s
    subject to: every run of consecutive years with borrowed'(y) > 0 lasts ≤ peak years

``b`` is the school's build year where it builds (data year + phase), and no sooner than the
first school year the plan acts in plus ``expansion_lead_years`` (a school that only borrows
is listed in its first year borrowed). A room is dearer than any room-year of
临时周转 (a classroom 42 万元, a room-year 2 万元), so the fewest rooms are the cheapest plan
within the rule. A run too long before ``b`` is one no build can shorten: it stays among the
plan's unmet rules (:func:`~.layout_unmet.unmet_labels`). The checker re-derives the runs
(:func:`~.layout_check_years.check_runs`).

A run is counted from the first school year a newly built room can be in use, the one start of
both plans and both checkers (review rv4 finding 4: :func:`~.layout_years.run_start`, for a
plan :func:`~.plans_temporary.rooms_since`; the 达标路径 counted from it, the layout from its
first year borrowed, and the same school was 「连续 4 个学年…例外」 in one document and within
the limit in the other). The years before it no build can help: their borrowing is unavoidable,
counts toward no run and makes no room be built, and the sentences say so
(:func:`~.layout_years.unavoidable_words`, :func:`run_words`).

Rule (T) (review rv13 finding 9: 新区实验学校 built 4 rooms yet taught 2 初中 classes in
第三小学, 2.7 km away, in the target year; 第三初级中学 built 2 and borrowed 2 in 西城小学): a
school the plan extends (rooms of either stage built, :func:`extends`), its build in use by the
target year, builds the rooms its target year needs, each stage: its floor is the target year's
overflow, its rooms built plus those met by 临时周转 (:func:`target_floors`), priced as a built room (``with_floors``: 42 万元 each,
annualised in the objective) and not subject to the use test — the plan's own year is not
taught in borrowed rooms where a build is on site anyway. A school that only borrows keeps its
临时周转 (no build to join). The checker refuses a target-year row of such a school that borrows
(:func:`~.layout_check_runs.target_borrowing`).

The use test (U2 of :mod:`~.layout_years`, brief hl): the fewest rooms are built only if the
last of them (room ``k_s`` of the stage, in use in a year whose borrowed_s(y) ≥ k_s) is in use
in at least :data:`~.layout_years.USE_SHARE` of the school years from its first year in use
(from ``b``) to the last year looked at (target + :data:`~.layout_later.LATER`; a year with
no row borrows none) — :func:`idle_floor`. Otherwise none is built at the school: the run stays,
among the unmet rules, and :func:`own_breaches` says it as an exception for the 局务会 with the
rooms, their years in use and the year they would stand idle from.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from itertools import product

from junheng.planning.layout_later import LATER, built_rooms
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_waiting import borrowed_parts, borrowed_rooms, first_paid_year
from junheng.planning.layout_years import (
    USE_SHARE,
    first_use,
    room_use,
    run_start,
    unavoidable_words,
    used_enough,
    year_runs,
)
from junheng.planning.plans_temporary import lead_of, long_runs, peak_of

#: the claim an expansion's reason makes of its 临时周转 rooms, untrue where a run is too long
WITHIN_LIMIT = "缺口持续不超过临时周转年限，"


#: what pupils waiting at an open school (its own row's ``crowded_at``) wait for
MOVE_WAIT = "划片转入的接收学校就绪"


def waiting_at(outcome: LayoutOutcome) -> dict[str, dict[int, tuple[int, str]]]:
    """School -> school year -> (rooms borrowed there for pupils waiting at it, what they wait
    for: the new school's name, or :data:`MOVE_WAIT`), from the rows' ``crowded_at``: the
    unopened new schools' and the open schools' own (:func:`~.layout_waiting.held_row`)."""
    names = {s.school_id: s.name for s in outcome.schools}
    opens = {s.school_id: (outcome.year or 0) + (s.phase or 1) for s in outcome.schools
             if s.action == "new"}
    out: dict[str, dict[int, tuple[int, str]]] = {}
    for r in outcome.transition:
        why = names.get(r.school_id, r.school_id) if opens.get(r.school_id, 0) > r.year else MOVE_WAIT
        for school, _over, rooms in r.crowded_at:
            if rooms:
                was = out.setdefault(school, {}).get(r.year, (0, ""))[0]
                out[school][r.year] = (was + int(rooms), why)
    return out


def own_breaches(outcome: LayoutOutcome) -> dict[str, str]:
    """School -> the sentence saying its layout 临时周转 runs longer than the limit, with each
    year's rooms and those for pupils waiting for a new school ({} when none).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初中", "new", phase=4),
    ...                                  PlannedSchool("E", "实验中学", "expand", phase=2)), {},
    ...     year=2025, rules={"plan_date": "2026-12-05", "temporary_peak_years": 3,
    ...                       "expansion_lead_years": 0},
    ...     transition=(YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 400, 8, (("E", 400, 8),)),
    ...                 YearRooms(2028, "N", "junior", 1033, 21, 0, 21, 0, 450, 9, (("E", 450, 9),)),
    ...                 YearRooms(2027, "E", "junior", 2000, 1, 0, 1),
    ...                 YearRooms(2028, "E", "junior", 2000, 2, 0, 2)),
    ...     overflow=((2029, "E", "junior", 1), (2030, "E", "junior", 1)))
    >>> own_breaches(plan)
    {'E': '2027—2030 学年连续 4 个学年借用教室临时周转（2027 学年 9 间、2028 学年 11 间、2029 学年 1 间、2030 学年 1 间；其中等待新建初中启用的学生 2027 学年 8 间、2028 学年 9 间），超过临时周转年限（3 个学年），需调整建设时序（提前建成新建学校或在本校新建教室）'}

    (A build time of 0 years: every year from 2027 counted.) At 2 years a new room is in use
    from 2027 + 2 = 2029 (:func:`~.plans_temporary.rooms_since`): the run counted is 2029–2030,
    2 years, within the limit; with 1 room borrowed in 2031 and 2032 as well it is 2029–2032,
    4 years, and 2027–2028 are said as unavoidable:

    >>> two = replace(plan, rules={**plan.rules, "expansion_lead_years": 2})
    >>> own_breaches(two)
    {}
    >>> own_breaches(replace(two, overflow=two.overflow + ((2031, "E", "junior", 1), (2032, "E", "junior", 1))))
    {'E': '2027—2028 学年即使新建教室也来不及投入使用，只能临时周转；2029—2032 学年连续 4 个学年借用教室临时周转（2029 学年 1 间、2030 学年 1 间、2031 学年 1 间、2032 学年 1 间），超过临时周转年限（3 个学年），需调整建设时序（在本校提前新建教室）'}
    """
    peak, waiting = peak_of(outcome.rules), waiting_at(outcome)
    lead = lead_of(outcome)
    since, idle = run_since(outcome, lead), declined_runs(outcome, lead)
    out = {}
    for school, years in borrowed_rooms(outcome).items():
        runs = long_runs({y: (n, n) for y, n in years.items()}, peak, since=since)
        if not runs:
            continue
        run = max(runs, key=len)
        each = "、".join(f"{y} 学年 {years[y]:,} 间" for y in run)
        wait = {y: waiting[school][y] for y in run if y in waiting.get(school, {})}
        why = ("；其中等待" + "、".join(sorted({n if n == MOVE_WAIT else f"{n}启用"
                                             for _, n in wait.values()})) + "的学生 "
               + "、".join(f"{y} 学年 {k:,} 间" for y, (k, _) in wait.items())) if wait else ""
        early = unavoidable_words(years, since)
        head = (f"{early + '；' if early else ''}{run[0]}—{run[-1]} 学年连续 {len(run)} 个学年借用教室临时周转"
                f"（{each}{why}），超过临时周转年限（{peak} 个学年），")
        if school in idle:  # (U2): the rooms that would cut it would stand idle
            from junheng.planning.compliance_temporary import declined_words

            out[school] = head + declined_words(idle[school], peak)
            continue
        out[school] = head + "需调整建设时序" + ("（提前建成新建学校或在本校新建教室）" if wait
                                           else "（在本校提前新建教室）")
    return out


def run_words(outcome: LayoutOutcome) -> dict[str, str]:
    """School -> the sentence on its 临时周转 where it borrows before the run start
    (:func:`run_since`) and its run counted from it is within the limit (those beyond it:
    :func:`own_breaches`): the years no build can help, then the run counted; where the two join,
    the whole run first (:func:`whole_run`, review rv6 N2: not 「连续 3 个学年」 alone at a school
    borrowing 2027–2031).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "keep"),), {}, year=2025,
    ...     target_year=2030, rules={"plan_date": "2026-12-05", "expansion_lead_years": 2},
    ...     overflow=tuple((y, "E", "junior", 1) for y in range(2027, 2031)))
    >>> run_words(plan)
    {'E': '2027—2030 学年连续 4 个学年借用教室临时周转（其中 2027—2028 学年即使新建教室也来不及投入使用，自 2029 学年起计 2 个学年），超过临时周转年限 3 年，需论证'}
    >>> run_words(replace(plan, overflow=plan.overflow[1:]))
    {'E': '2028—2030 学年连续 3 个学年借用教室临时周转（其中 2028 学年即使新建教室也来不及投入使用，自 2029 学年起计 2 个学年，不超过临时周转年限 3 个学年）'}
    """
    peak, since, breaches = peak_of(outcome.rules), run_since(outcome), own_breaches(outcome)
    out = {}
    for school, years in borrowed_rooms(outcome).items():
        early = unavoidable_words(years, since)
        if not early or school in breaches:
            continue
        run = max(year_runs([y for y, n in sorted(years.items()) if n and y >= since]), key=len, default=[])
        span = f"{run[0]}—{run[-1]} 学年" if len(run) > 1 else f"{run[0]} 学年" if run else ""
        if whole := whole_run(years, since):  # rv6 N2, rv7 7: the whole run, then what counts
            head = (f"{whole[0]}—{whole[-1]} 学年连续 {len(whole)} 个学年借用教室临时周转（其中 "
                    f"{early.removesuffix('，只能临时周转')}，自 {since} 学年起计 {len(run)} 个学年")
            # rv17 6: the whole run longer than the limit is said so, never 「不超过」
            out[school] = head + (f"），超过临时周转年限 {peak} 年，需论证" if peak and len(whole) > peak
                                  else f"，不超过临时周转年限 {peak} 个学年）")
            continue
        out[school] = early + (f"；{span}连续 {len(run)} 个学年借用教室临时周转，不超过临时周转年限（{peak} 个学年）"
                               if run else "")
    return out


def whole_run(years: Mapping[int, int], since: int) -> list[int]:
    """The school years of a school's run of borrowing (``years``: year -> rooms) that goes on
    from a year before the run start ``since`` into it ([] where none does): the years borrowed
    in a row, told whole (review rv6 N2: 实验中学 borrows 2027–2031, five years, at no build).

    >>> whole_run({2027: 2, 2028: 2, 2029: 1, 2030: 1, 2031: 1, 2032: 0}, 2029)
    [2027, 2028, 2029, 2030, 2031]
    >>> whole_run({2027: 2, 2029: 1}, 2029), whole_run({2029: 1, 2030: 1}, 2029)
    ([], [])
    """
    runs = year_runs([y for y, n in sorted(years.items()) if n])
    return next((r for r in runs if r[0] < since <= r[-1]), [])


def long_whole_runs(outcome: LayoutOutcome, since: int, peak: int) -> str:
    """The schools whose :func:`whole_run` is longer than ``peak`` though the run counted from
    ``since`` is not, with their years, for the 过渡期's closing sentence ('' none; review rv6
    N2: 「自 2029 学年起各校连续借用均不超过 3 个学年」 beside 实验中学's 2027–2031).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "keep"), PlannedSchool("F", "第四中学", "keep"),
    ...     PlannedSchool("G", "第三初中", "keep")), {}, year=2025, target_year=2030,
    ...     overflow=tuple((y, s, "junior", 1) for y in range(2027, 2032) for s in "EF") + ((2028, "G", "junior", 1),))
    >>> long_whole_runs(plan, 2029, 3)
    '实验中学、第四中学 2027—2031 学年 5 个学年'
    """
    names = {s.school_id: s.name for s in outcome.schools}
    spans: dict[str, list[str]] = {}
    for school, years in borrowed_rooms(outcome).items():
        if len(whole := whole_run(years, since)) > peak:
            key = f"{whole[0]}—{whole[-1]} 学年 {len(whole)} 个学年"
            spans.setdefault(key, []).append(names.get(school) or school)
    return "，".join(f"{'、'.join(who)} {key}" for key, who in spans.items())


def start_sentence(outcome: LayoutOutcome) -> str:
    """The 过渡期 paragraph's sentence on the run start (:func:`run_since`) where a school
    borrows before it ('' where none does): the years no build can help and what is counted.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "keep"),), {}, year=2025,
    ...     target_year=2030, rules={"plan_date": "2026-12-05", "expansion_lead_years": 2},
    ...     overflow=tuple((y, "E", "junior", 1) for y in range(2027, 2031)))
    >>> start_sentence(plan)
    '连续临时周转的年限自新建教室可投入使用的 2029 学年起计（首个可实施学年 2027 学年加扩建建设周期 2 个学年，两个方案同一起算学年）：2027—2028 学年即使新建教室也来不及投入使用，只能临时周转（1 所学校），不计入连续借用的学年；自 2029 学年起各校连续借用均不超过 3 个学年；连同此前不计入的学年连续借用超过 3 个学年的学校：实验中学 2027—2030 学年 4 个学年，超过临时周转年限，需论证。'
    """
    lead = lead_of(outcome)
    since, borrowed = run_since(outcome, lead), borrowed_rooms(outcome)
    early = {s: [y for y, n in ys.items() if n and y < since] for s, ys in borrowed.items()}
    early = {s: ys for s, ys in early.items() if ys}
    if not early:
        return ""
    peak = peak_of(outcome.rules)
    tail = (f"自 {since} 学年起连续借用超过 {peak} 个学年的学校见“未满足的规则”" if own_breaches(outcome)
            else f"自 {since} 学年起各校连续借用均不超过 {peak} 个学年")
    if (longer := long_whole_runs(outcome, since, peak)) and not own_breaches(outcome):
        tail += f"；连同此前不计入的学年连续借用超过 {peak} 个学年的学校：{longer}，超过临时周转年限，需论证"
    return (f"连续临时周转的年限自新建教室可投入使用的 {since} 学年起计（首个可实施学年 {first_paid_year(outcome)} 学年"
            f"加扩建建设周期 {lead} 个学年，两个方案同一起算学年）："
            f"{unavoidable_words([y for ys in early.values() for y in ys], since)}（{len(early)} 所学校），"
            f"不计入连续借用的学年；{tail}。")


def extra_rooms(borrowed: Mapping[str, Mapping[int, int]], built_from: int, peak: int,
                since: int | None = None) -> dict[str, int] | None:
    """The fewest rooms by stage, in use from the school year ``built_from``, that leave a
    school's 临时周转 (stage -> school year -> rooms borrowed) in runs of at most ``peak``
    years counted from the school year ``since`` (the run start; None: every year; module
    docstring); {} when it is within already, None when no number of rooms is (a run before
    ``built_from`` is too long).

    洛北县实验中学 in 方案甲: 9, 11, 1, 1 rooms 2027–2030, its build in use from 2029. Every year
    counted, one room more built leaves 2027–2028 (2 years); built from 2031 nothing helps.
    Counted from 2029 (the run start) the run is 2029–2030, 2 years: none; with 2 rooms borrowed
    2029–2032 it is 4 years, and one room built from 2029 leaves 2029–2030, 2 years:

    >>> borrowed = {"junior": {2027: 9, 2028: 11, 2029: 1, 2030: 1}}
    >>> extra_rooms(borrowed, 2029, 3), extra_rooms(borrowed, 2031, 3), extra_rooms(borrowed, 2029, 4)
    ({'junior': 1}, None, {})
    >>> longer = {"junior": {2027: 9, 2028: 11, 2029: 2, 2030: 2, 2031: 1, 2032: 1}}
    >>> extra_rooms(borrowed, 2029, 3, 2029), extra_rooms(longer, 2029, 3, 2029)
    ({}, {'junior': 1})
    """
    stages = sorted(borrowed)
    years = sorted({y for by in borrowed.values() for y in by if since is None or y >= since})
    best: tuple[int, ...] | None = None
    for ks in product(*(range(max(borrowed[st].values(), default=0) + 1) for st in stages)):
        if best is not None and sum(ks) >= sum(best):
            continue
        left = [y for y in years if sum(max(borrowed[st].get(y, 0) - (k if y >= built_from else 0), 0)
                                        for st, k in zip(stages, ks, strict=True)) > 0]
        if all(len(run) <= peak for run in year_runs(left)):
            best = ks
    return None if best is None else {st: k for st, k in zip(stages, best, strict=True) if k}


def run_since(outcome: LayoutOutcome, lead: int | None = None) -> int:
    """The school year the layout ``outcome``'s 临时周转 runs are counted from
    (:func:`~.layout_years.run_start`): its first school year paid for plus ``lead`` (its
    rules' ``expansion_lead_years`` when None, :func:`~.plans_temporary.lead_of`); for a plan
    with its date, :func:`~.plans_temporary.rooms_since`.

    >>> from junheng.planning.plans_temporary import rooms_since
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, rules={"plan_date": "2026-12-05"})
    >>> run_since(plan), run_since(plan, 0), run_since(plan) == rooms_since(plan)
    (2029, 2027, True)
    """
    lead = lead_of(outcome) if lead is None else lead
    return run_start(first_paid_year(outcome), lead)


def _school_parts(outcome: LayoutOutcome) -> dict[str, dict[str, dict[int, int]]]:
    """School -> stage -> school year -> rooms borrowed (:func:`borrowed_parts`)."""
    parts: dict[str, dict[str, dict[int, int]]] = {}
    for school, stage, year, rooms in borrowed_parts(outcome):
        by = parts.setdefault(school, {}).setdefault(stage, {})
        by[year] = by.get(year, 0) + rooms
    return parts


def _floors_of(outcome: LayoutOutcome, lead: int, fixed: Collection[str] = ()
               ) -> dict[str, tuple[dict[str, int], dict | None]]:
    """School -> (stage -> :func:`extra_rooms`, what :func:`idle_floor` says of them: None
    when they pass the use test) for every school whose run rooms built would cut."""
    peak, first, since = peak_of(outcome.rules), first_paid_year(outcome), run_since(outcome, lead)
    last = (outcome.target_year or 0) + LATER
    by_id = {s.school_id: s for s in outcome.schools}
    out = {}
    for school, stages in sorted(_school_parts(outcome).items()):
        s = by_id.get(school)
        if s is None or s.action in ("close", "new") or school in fixed:
            continue
        at = max((outcome.year or 0) + (s.phase or 0) if s.action == "expand" else 0,
                 run_start(first, lead))
        extra = extra_rooms(stages, at, peak, since) or {}
        idle = [d for st, k in extra.items() if (d := idle_floor(stages[st], k, at, last))]
        if extra:
            out[school] = (extra, idle[0] if idle else None)
    return out


def idle_floor(borrowed: Mapping[int, int], rooms: int, at: int, last: int,
               share: float = USE_SHARE) -> dict | None:
    """(U2) The ``rooms`` built from the school year ``at`` to cut a run (a stage's rooms
    borrowed by year): None when the last of them is in use in ``share`` of the years from its
    first year in use to ``last`` (:func:`~.layout_years.used_enough`), else what the exception
    says (:func:`~.compliance_temporary.declined_words`).

    实验中学 in 洛北县: 2 rooms borrowed 2029 and 2030, none 2031–2033: in use 2 of 5 years.

    >>> idle_floor({2027: 9, 2028: 11, 2029: 2, 2030: 2}, 2, 2029, 2033)
    {'rooms': 2, 'used': 2, 'years': 5, 'first': 2029, 'last': 2033, 'idle_from': 2031, 'share': 0.5}
    >>> idle_floor({2029: 2, 2030: 2, 2031: 2, 2032: 1}, 2, 2029, 2033) is None
    True
    """
    need = first_use({y: borrowed.get(y, 0) for y in range(at, last + 1)}, rooms)
    if not need or used_enough(need, rooms, share):
        return None
    used, years, idle = room_use(need, rooms)
    return {"rooms": rooms, "used": used, "years": years, "first": min(need), "last": max(need),
            "idle_from": idle, "share": share}


def declined_runs(outcome: LayoutOutcome, lead: int) -> dict[str, dict]:
    """School -> (U2) the rooms not built for its run too long, as :func:`idle_floor`."""
    return {school: idle for school, (_, idle) in _floors_of(outcome, lead).items() if idle}


def run_floors(outcome: LayoutOutcome, lead: int, fixed: Collection[str] = ()
               ) -> dict[tuple[str, str], int]:
    """(school, stage) -> the rooms of the stage a school whose 临时周转 runs too long builds:
    those it builds already (:func:`~.layout_later.built_rooms`) and :func:`extra_rooms`, in
    use from its build year (data year + phase) and no sooner than the first school year the
    plan acts in plus ``lead`` (``expansion_lead_years``); {} when every run is within
    the limit. A school the plan closes or opens is left out (a new school is built whole),
    and so are one no number of rooms helps, one whose rooms would stand idle (U2,
    :func:`idle_floor`) and the ``fixed`` ones (no rooms there: a school being relocated, 迁建,
    rule (7))."""
    by_id = {s.school_id: s for s in outcome.schools}
    return {(school, stage): built_rooms(by_id[school], stage) + k
            for school, (extra, idle) in _floors_of(outcome, lead, fixed).items() if idle is None
            for stage, k in extra.items()}


def with_floors(solution, floors: Mapping[tuple[str, str], int], room_yuan: float):
    """The solver's ``solution`` with each school's added rooms of a stage raised to its
    ``floors`` (:func:`run_floors`) where they are fewer (pupils waiting at a school with no
    rooms of its own to build), their yearly cost ``room_yuan`` each (the objective's
    ``e_room``) added to its objective and bound alike."""
    added = {"primary": dict(solution.added_primary_rooms),
             "junior": dict(solution.added_junior_rooms)}
    more = 0
    for (school, stage), floor in floors.items():
        if added[stage].get(school, 0) < floor:
            more += floor - added[stage].get(school, 0)
            added[stage][school] = floor
    return replace(solution, added_primary_rooms=added["primary"],
                   added_junior_rooms=added["junior"],
                   objective=solution.objective + more * room_yuan,
                   bound=solution.bound + more * room_yuan)


def extends(school) -> bool:
    """Whether the plan builds classrooms at ``school`` (an expansion with a room of either
    stage built, not only borrowed: :func:`~.layout_later.built_rooms`)."""
    return school.action == "expand" and any(built_rooms(school, st) for st in ("primary", "junior"))


def target_floors(outcome: LayoutOutcome, fixed: Collection[str] = ()) -> dict[tuple[str, str], int]:
    """(school, stage) -> the rooms a school the plan extends builds so that its target year
    borrows none (rule (T) of :mod:`~.layout_years`, review rv13 finding 9: 新区实验学校, 4 rooms
    built, taught 2 初中 classes in 第三小学 2.7 km away in 2030): the target year's overflow
    (its rooms built and those met by 临时周转), of each stage with a target-year row that
    borrows, where the build is in use by then (data year + phase; a target year before it
    borrows as the years no build can help do), less the rooms the solve borrows because the budget
    does not build them (``borrowed_classrooms``, rule (27)). A school only borrowing, closed, new or
    ``fixed`` (迁建) is left out.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> e = PlannedSchool("E", "新区实验学校", "expand", phase=4, added_classrooms=4,
    ...                   added_classrooms_by_stage={"junior": 4})
    >>> b = PlannedSchool("B", "实验中学", "expand", phase=2)
    >>> plan = LayoutOutcome("optimal", (e, b), {}, year=2025, target_year=2030, transition=(
    ...     YearRooms(2029, "E", "junior", 697, 6, 4, 2), YearRooms(2030, "E", "junior", 681, 6, 4, 2),
    ...     YearRooms(2030, "E", "primary", 470, 1, 0, 1), YearRooms(2030, "B", "junior", 1986, 3, 0, 3)))
    >>> target_floors(plan), target_floors(plan, {"E"})
    ({('E', 'junior'): 6, ('E', 'primary'): 1}, {})
    >>> target_floors(replace(plan, schools=(replace(e, borrowed_classrooms=2), b)))  # the budget builds 4 of 6
    {}
    """
    by_id = {s.school_id: s for s in outcome.schools}
    return {(r.school_id, r.stage): r.overflow - s.borrowed_classrooms for r in outcome.transition
            if r.year == outcome.target_year and r.temporary > 0 and r.school_id not in fixed
            and (s := by_id.get(r.school_id)) is not None and extends(s)
            and (outcome.year or 0) + (s.phase or 1) <= r.year
            and r.overflow - s.borrowed_classrooms > built_rooms(s, r.stage)}


#: the solves again at most beyond the repairs, until the timing a plan's 过渡期 decisions were
#: made on is its own (:func:`kept_within`)
TIMING_TRIES = 3


def kept_within(plan_of, lead: int, fixed: Collection[str] = (), tries: int = 3, timing_of=None):
    """``plan_of({})`` (a layout plan from rooms built at least, (school, stage) -> rooms), or
    ``plan_of(floors)`` again with the :func:`run_floors` and :func:`target_floors` of its
    outcome added (each the most asked) until no run is too long and no school it extends
    borrows in the target year, or ``tries`` repairs are spent (a run no build shortens stays,
    reported); ``fixed`` as in :func:`run_floors`. ``timing_of``: a plan's placement timing
    (:func:`~.layout_placed.plan_timing`): ``plan_of(floors, timing)`` again until the timing
    it was decided on is its own, :data:`TIMING_TRIES` more tries, its builds no later than in
    the plans before, the schools that only borrow listed no later than in the plans before
    that were decided on a timing (:func:`~.layout_placed.with_build_floor`)."""
    from junheng.planning.layout_placed import earliest

    plan, floors, timing, repairs, built, listed = plan_of({}), {}, None, 0, {}, {}
    for _ in range(tries + TIMING_TRIES):
        asked = run_floors(plan.outcome, lead, fixed)
        for k, v in target_floors(plan.outcome, fixed).items():
            asked[k] = max(v, asked.get(k, 0))
        more = {**floors, **{k: max(v, floors.get(k, 0)) for k, v in asked.items()}}
        now, grows = timing_of(plan) if timing_of else None, more != floors and repairs < tries
        if not grows and now == timing:
            break
        placed = timing is not None  # this plan was decided on its pupils placed
        floors, repairs, timing = (more, repairs + 1, now) if grows else (floors, repairs, now)
        if timing is None:
            plan = plan_of(floors)
            continue
        built, listed = earliest(built, plan.outcome), earliest(listed, plan.outcome) if placed else listed
        plan = plan_of(floors, (*timing, built, listed))
    return plan
