"""大校额 year by year (planner review finding 1): the layout caps a school's pupils
(``size_cap``, the class-size rules' 校额 limits) in its target year only; a school over the
cap before then — above all while pupils wait for a new school at their present schools — is
listed school year by school year.

A school's pupils in a school year are the plan's assignment grown as each village's children
grow (:func:`~.layout_years.yearly_pupils`), with pupils at their present school until the
new school they go to opens or the school they leave closes
(:func:`~.layout_entrants.school_in`), and pupils of a 划片 move at their present school until
the receiver is ready or has room (:func:`~.layout_waiting.plan_moves`); under the entry rule
(rv14 N1, :func:`~.layout_entrants.school_parts`) a 划片 or a new school's 片区 moves only the
grades entering from its first school year, the older grades finishing at their present
school; and a community at
the new school it is moved to that year (:mod:`~.layout_shifts`), both stages
together; the years are those of the
过渡期 (:func:`~.layout_years.plan_years` from its first year).
"""

from __future__ import annotations

from junheng.model import CountyData
from junheng.planning.layout_entrants import entry_first, entry_note, school_parts
from junheng.planning.layout_forecast import FORECAST_RULE, moved_words, pupil_basis
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_placed import held_note
from junheng.planning.layout_shifts import moved_to, shift_map
from junheng.planning.layout_waiting import first_paid_year, plan_moves
from junheng.planning.layout_years import plan_years, yearly_pupils


def pupils_by_year(outcome: LayoutOutcome, data: CountyData, sites, timing: Timing | None = None
                   ) -> dict[int, dict[tuple[str, str], int]]:
    """School year -> (school, stage) -> its pupils by the plan that year (module docstring;
    stages without pupils left out; ``timing``: :func:`placement_timing`, else worked out); {}
    without sites or years."""
    if sites is None or not outcome.year or not outcome.target_year:
        return {}
    timing = placement_timing(outcome, data, sites) if timing is None else timing
    first = min((r.year for r in outcome.transition), default=None)
    shifted = shift_map(outcome.shifts)
    out: dict[int, dict[tuple[str, str], int]] = {}
    for year in plan_years(outcome.year, outcome.target_year, first):
        rows = [
            (a.village_id, a.stage_group, moved_to(at, year, a.village_id, a.stage_group, shifted),
             a.students * f, a.before_school)
            for a in outcome.assignments for at, f in school_parts(a, year, *timing)
        ]
        out[year] = {k: by[year] for k, by in yearly_pupils(data, rows, outcome.target_year,
                                                             only=year).items() if by.get(year)}
    return out


#: (opens, closes, 划片 moves, entry rule's first year): school -> the school year a new school
#: opens, school -> the year a school closes, receiver -> its move year, the first school year
#: under the entry rule (None under the whole-group rule or without a data year)
Timing = tuple[dict[str, int], dict[str, int], dict[str, int], int | None]


def placement_timing(outcome: LayoutOutcome, data: CountyData, sites) -> Timing:
    """When the plan places its pupils, the one timing of :func:`pupils_by_year` and the notes of
    :func:`with_large`: :func:`_timing`'s opens and closes, the 划片 moves that wait for their
    receiver (:func:`~.layout_waiting.plan_moves`) and the entry rule's first school year
    (:func:`~.layout_entrants.entry_first` from the first school year the plan pays for).

    >>> placement_timing(LayoutOutcome("optimal", (), {}, year=2025, rules={"rezoning_grades": "entry",
    ...                                "plan_date": "2026-12-05"}), None, None)
    ({}, {}, {}, 2027)
    """
    first = entry_first(outcome.rules, max(first_paid_year(outcome), outcome.year + 1)) if outcome.year else None
    return (*_timing(outcome), plan_moves(outcome, data, sites), first)


def _timing(outcome: LayoutOutcome) -> tuple[dict[str, int], dict[str, int]]:
    """School -> the school year it opens (a new school), school -> the year it closes."""
    return tuple({s.school_id: outcome.year + (s.phase or 1) for s in outcome.schools
                  if s.action == action} for action in ("new", "close"))


def large_by_year(outcome: LayoutOutcome, data: CountyData, sites,
                  placed: dict[int, dict[tuple[str, str], int]] | None = None
                  ) -> dict[str, dict[int, int]]:
    """School -> {school year: its pupils} for the years it is over its ``size_cap``
    (``sites``: the planner's sites, index school id; ``placed``: :func:`pupils_by_year`, else
    worked out); {} without sites or years."""
    if sites is None or "size_cap" not in sites:
        return {}
    out: dict[str, dict[int, int]] = {}
    for year, by in (pupils_by_year(outcome, data, sites) if placed is None else placed).items():
        totals: dict[str, int] = {}
        for (school, _), n in by.items():
            totals[school] = totals.get(school, 0) + n
        for school, pupils in totals.items():
            if school in sites.index and pupils > int(sites.at[school, "size_cap"]):
                out.setdefault(school, {})[year] = pupils
    return out


def unplanned(outcome: LayoutOutcome, data: CountyData, large: dict[str, dict[int, int]]
              ) -> dict[str, dict[int, int]]:
    """School -> {school year: its pupils without the plan} for the school years of ``large``:
    the pupils whose school today it is, grown as :func:`large_by_year` grows them (with the
    county's forecast: the school's forecast pupils)."""
    rows = [(a.village_id, a.stage_group, a.before_school, a.students, a.before_school)
            for a in outcome.assignments if a.before_school in large]
    out: dict[str, dict[int, int]] = {}
    for year in sorted({y for by in large.values() for y in by}):
        for (school, _), by in yearly_pupils(data, rows, outcome.target_year, only=year).items():
            if year in large.get(school, {}):
                out.setdefault(school, {})[year] = out.get(school, {}).get(year, 0) + by[year]
    return out


def with_large(outcome: LayoutOutcome, data: CountyData, sites) -> LayoutOutcome:
    """The outcome with its schools over their size cap year by year (``large``: (year, school,
    pupils, cap), :func:`large_by_year`) and the note on them (:func:`large_note`)."""
    from dataclasses import replace

    timing = placement_timing(outcome, data, sites)
    placed = pupils_by_year(outcome, data, sites, timing)
    large = large_by_year(outcome, data, sites, placed)
    rows = tuple(sorted((y, s, n, int(sites.at[s, "size_cap"])) for s, by in large.items()
                        for y, n in by.items()))
    pupils = tuple(sorted((y, s, st, n) for y, by in placed.items() for (s, st), n in by.items()))
    return replace(outcome, large=rows, year_pupils=pupils, moved_years=moved_years(outcome, data, timing, placed), notes=(
        *outcome.notes, *moves_note(outcome, timing[2], timing[3] is not None), *entry_note(outcome, timing),
        *_note(outcome, large, sites, unplanned(outcome, data, large)), *held_note(outcome, data, sites, large, timing)))


def moved_years(outcome: LayoutOutcome, data: CountyData, timing: Timing, placed: dict
                ) -> tuple[tuple[int, str, str, str, str, int], ...]:
    """(year, village, present school, plan school, stage, pupils) of each 划片 move between two
    schools the plan keeps open, the pupils at the plan school that year as :func:`pupils_by_year`
    places them (``placed``: its years), grown by the same rule (:func:`~.layout_years.yearly_pupils`;
    review rv26 6: keeping 学府社区 at 城关第一小学 was said 「须重新核算」 for want of its years)."""
    kept = {s.school_id for s in outcome.schools if s.action in ("keep", "expand")}
    shifted, out = shift_map(outcome.shifts), []
    moves = [a for a in outcome.assignments if a.before_school in kept and a.school_id in kept
             and a.before_school != a.school_id]
    for year in sorted(placed):
        rows = [(a.village_id, a.stage_group, f"{a.village_id}|{a.before_school}|{a.school_id}", a.students * f,
                 a.before_school) for a in moves for at, f in school_parts(a, year, *timing)
                if moved_to(at, year, a.village_id, a.stage_group, shifted) == a.school_id]
        for (key, stage), by in yearly_pupils(data, rows, outcome.target_year, only=year).items():
            out += [(year, *key.split("|"), stage, by[year])] if by.get(year) else []
    return tuple(sorted(out))


def moves_note(outcome: LayoutOutcome, moves: dict[str, int], entry: bool = False
               ) -> tuple[str, ...]:
    """The plan's note on its 划片 moves that wait for their receiver
    (:func:`~.layout_waiting.plan_moves`), () without any; ``entry``: the entry rule
    (:mod:`~.layout_entrants`), said.

    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030)
    >>> print(moves_note(plan, {"F": 2029})[0])
    划片转入顺延：划片转入的学生在接收学校本方案的建设投入使用（或分流其学生的新建学校启用）的学年转入，接收学校在此前连续各学年都有空余学位、不超过校额上限的，自其中最早的学年起转入；转入前学生在现就读学校：F 2029 学年起转入。
    """
    if not moves:
        return ()
    return ("划片转入顺延：划片转入的学生在接收学校本方案的建设投入使用（或分流其学生的新建学校启用）的学年转入，"
            "接收学校在此前连续各学年都有空余学位、不超过校额上限的，自其中最早的学年起转入；转入前学生在现就读学校："
            + "、".join(f"{outcome.names.get(s, s)} {y} 学年起转入" for s, y in sorted(moves.items()))
            + ("（转入的是该学年起的一年级、七年级新生，其他年级在原校就读至毕业，见“划片只对新生”）" if entry else "")
            + "。",)


def large_note(outcome: LayoutOutcome, data: CountyData, sites) -> tuple[str, ...]:
    """The plan's note on :func:`large_by_year`, () when no school is over its cap in any year.

    城关初级中学 over its 500 in 2027 and 2028 while pupils wait there for a new school:

    >>> import pandas as pd
    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "城关初级中学", "keep"),), {},
    ...                      year=2025, target_year=2029)
    >>> sites = pd.DataFrame({"size_cap": [500]}, index=["P"])
    >>> print(_note(plan, {"P": {2027: 660, 2028: 600}}, sites)[0])
    大校额逐年（在校生超过校额上限的学校，按各村适龄儿童逐年推算，新建学校启用前、划片转入顺延前学生在现就读学校；本方案只在目标学年 2029 学年按上限核定）：1 所学校：城关初级中学（上限 500 人）2027 学年 660 人、2028 学年 600 人。
    """
    large = large_by_year(outcome, data, sites)
    return _note(outcome, large, sites, unplanned(outcome, data, large))


def _note(outcome: LayoutOutcome, large: dict[str, dict[int, int]], sites,
          own: dict[str, dict[int, int]] | None = None) -> tuple[str, ...]:
    if not large:
        return ()
    own, forecast = own or {}, bool((outcome.rules or {}).get(FORECAST_RULE))
    parts = [
        f"{outcome.names.get(s, s)}（上限 {int(sites.at[s, 'size_cap']):,} 人）"
        + "、".join(f"{y} 学年 {n:,} 人{moved_words(n, own.get(s, {}).get(y), forecast)}"
                   for y, n in sorted(by.items()))
        for s, by in sorted(large.items(), key=lambda kv: -max(kv[1].values()))
    ]
    return (
        f"大校额逐年（在校生超过校额上限的学校，{pupil_basis(outcome.rules, yearly=True)}，新建学校启用前、划片转入顺延前学生在现就读学校；本方案只在"
        f"目标学年 {outcome.target_year} 学年按上限核定）：{len(large)} 所学校："
        + "；".join(parts)
        + "。",
    )
