"""Rule (T) said where the plan applies it (review rv17 finding 2, brief htrule).

Rule (T) (:func:`~.layout_runs.target_floors`, review rv13 finding 9): a school the plan extends
also builds every room its target year needs, so that no class of the plan's own year is taught
in a room borrowed elsewhere. Some of those rooms are needed only a short run of years, a run
the 临时周转 rule alone (``temporary_peak_years``, :func:`~.layout_years.temporary_rooms`) would
borrow. The 需论证 line of such a school (:mod:`~.layout_later`) says which rooms they are, that
they are built because of (T), and what borrowing them instead would give: the rooms fewer, the
万元 saved, the 周转费 and room-years from the school year the build is in use, and where the
target year's classes would then be taught by the plan's own lending rule
(:func:`~.layout_lend.placements`, on the plan with those rooms borrowed, this school alone).

The demo's 新区实验学校 builds 6 初中 rooms, needed 6, 6, 4, 4, 2 in 2029–2033: rooms 5–6 are
needed only 2029–2030; borrowed, they save 2 × 42 万元 less 4 room-years at 2 万元, and 2030's
2 classes go to 第三小学, 2.7 km away (hborrow's figures).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

STAGE_WORDS = {"primary": "小学", "junior": "初中"}


def short_rooms(need: Mapping[int, int], rooms: int, target: int, peak: int) -> dict[tuple[int, ...], int]:
    """Years -> how many of the ``rooms`` built are needed in just those years, for the rooms the
    临时周转 rule would borrow (:func:`~.layout_years.temporary_rooms` on ``need``, the rooms a
    year needs from the build's first year in use) and the ``target`` year needs: those built
    because of rule (T); {} when none.

    >>> short_rooms({2029: 6, 2030: 6, 2031: 4, 2032: 4, 2033: 2}, 6, 2030, 3)
    {(2029, 2030): 2}

    Rooms 1–3 needed 2029–2031, 2029–2030 and 2029 alone: all three would be borrowed; the
    third is not needed in 2030, so (T) does not build it:

    >>> short_rooms({2029: 3, 2030: 2, 2031: 1, 2032: 0, 2033: 0}, 3, 2030, 3)
    {(2029, 2030, 2031): 1, (2029, 2030): 1}
    >>> short_rooms({2029: 2, 2030: 2, 2031: 2, 2032: 2, 2033: 1}, 2, 2030, 3)
    {}
    """
    from junheng.planning.layout_years import temporary_rooms

    k = temporary_rooms(need, rooms, peak)
    out: dict[tuple[int, ...], int] = {}
    for room in range(rooms - k + 1, rooms + 1):
        years = tuple(y for y in sorted(need) if need[y] >= room)
        if target in years:
            out[years] = out.get(years, 0) + 1
    return out


def borrowed_instead(outcome: LayoutOutcome, school: PlannedSchool, stage: str, rooms: int,
                     at: int) -> LayoutOutcome:
    """The plan with ``rooms`` of ``school``'s ``stage`` not built but borrowed: from the
    school year ``at`` its rooms standing are fewer by them and its 临时周转 the overflow beyond
    the rest; nothing else changes."""
    key = (school.school_id, stage)
    rows = []
    for r in outcome.transition:
        if (r.school_id, r.stage) == key and r.year >= at and r.built:
            built = max(r.built - rooms, 0)
            r = replace(r, built=built, temporary=max(r.overflow - built, 0))
        rows.append(r)
    less = replace(school, temporary_classrooms=school.temporary_classrooms + rooms)
    return replace(outcome, transition=tuple(rows),
                   schools=tuple(less if s.school_id == school.school_id else s for s in outcome.schools))


def taught_words(outcome: LayoutOutcome, school: PlannedSchool, stage: str, rooms: int, at: int) -> str:
    """Where the target year's classes of ``rooms`` not built would be taught by the plan's
    lending rule (:func:`~.layout_lend.placements` on :func:`borrowed_instead`): lent rooms of a
    school nearby, rooms rented, or the rest in 装配式 rooms on the school's own ground (its
    spare ground known); '' for a plan without its pupils of the target year (nothing placed)."""
    from junheng.planning.layout_lend import own_rooms, placements

    if not any(y == outcome.target_year for y, *_ in outcome.year_pupils):
        return ""
    plan = borrowed_instead(outcome, school, stage, rooms, at)
    word, parts = STAGE_WORDS[stage], []
    placed = [p for p in placements(plan) if (p.school_id, p.year) == (school.school_id, outcome.target_year)]
    for p in placed:
        parts += [f"{n} 个{word}班在{outcome.names.get(k, k)}（直线 {d:.1f} 公里）上课" for k, d, n, _ in p.lenders]
        if p.rented:
            parts.append(f"{p.rented} 个{word}班租用校外用房（待落实）上课")
    if (own := rooms - sum(p.rooms for p in placed)) > 0 and own_rooms(plan, school) is not None:
        parts.append(f"{own} 个{word}班在本校空地搭建装配式临时教室上课")
    return f"，规划年 {outcome.target_year} 学年须 " + "、".join(parts) if parts else ""


def target_rule_words(outcome: LayoutOutcome, school: PlannedSchool, stage: str, rooms: int) -> str:
    """What a school's line says of its rooms built because of rule (T) (module docstring): the
    rooms and the only years they are needed, then what borrowing them would give; '' where
    none is (no 过渡期 rows, a target year borrowed anyway, every room needed long enough). One
    ；-item beginning 「其中」: a Word paragraph cut never parts it from its school
    (:func:`~junheng.report.report_format.short_paragraphs`).

    The words, worked by hand, are pinned in tests/planning/test_layout_target_rule.py."""
    from junheng.model.numbers import WAN_FROM, money
    from junheng.planning.layout_borrow import room_build_yuan, year_span
    from junheng.planning.layout_later import LATER
    from junheng.planning.layout_runs import run_since
    from junheng.planning.layout_waiting import room_year_yuan
    from junheng.planning.plans_temporary import peak_of

    target = outcome.target_year
    at = max((outcome.year or 0) + (school.phase or 1), run_since(outcome))
    need = {r.year: min(int(r.overflow), rooms) for r in outcome.transition
            if (r.school_id, r.stage) == (school.school_id, stage) and at <= r.year <= (target or 0) + LATER}
    peak = peak_of(outcome.rules)
    short = short_rooms(need, rooms, target, peak) if target in need else {}
    if not short:
        return ""
    k, room_years = sum(short.values()), sum(len(ys) * n for ys, n in short.items())
    which = "、".join(f"{n} 间只在 {year_span(list(ys))}需用" for ys, n in short.items())
    built, rent = k * room_build_yuan(outcome), room_years * room_year_yuan(outcome)
    return (f"其中 {which}（未超过临时周转年限 {peak} 年），因本校扩建，规划年 {target} 学年所需教室一并新建、"
            f"不以临时周转解决，若改为临时周转，可少建 {k} 间、省 {money(built, WAN_FROM)}，另付周转费 "
            f"{money(rent, WAN_FROM)}（{room_years} 间·学年）{taught_words(outcome, school, stage, k, at)}")
