"""The layout plan's own 临时周转 years checked against ``temporary_peak_years``, every year a
school borrows counted: the rooms its own pupils lack, the rooms before its build and the rooms
its pupils fill while they wait for a new school not yet open (rv2 finding 2: 洛北县实验中学
borrowed 9 / 11 / 1 / 1 rooms 2027–2030 in the layout, 8 and 9 of them for the pupils waiting
for 文化路社区片区初级中学, yet its reason said 「缺口持续不超过临时周转年限」; the combined check,
:func:`~.plans_temporary.joint_breaches`, said four years).

:func:`own_breaches` gives per school the layout's sentence, the same verdict as the combined
check on the layout's years alone.
"""

from __future__ import annotations

from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_waiting import borrowed_rooms
from junheng.planning.plans_temporary import long_runs, peak_of

#: the claim an expansion's reason makes of its 临时周转 rooms, untrue where a run is too long
WITHIN_LIMIT = "缺口持续不超过临时周转年限，"


def waiting_at(outcome: LayoutOutcome) -> dict[str, dict[int, tuple[int, str]]]:
    """School -> school year -> (rooms borrowed there for pupils waiting for a new school, its
    name), from the unopened new schools' rows (``crowded_at``)."""
    names = {s.school_id: s.name for s in outcome.schools}
    opens = {s.school_id: (outcome.year or 0) + (s.phase or 1) for s in outcome.schools
             if s.action == "new"}
    out: dict[str, dict[int, tuple[int, str]]] = {}
    for r in outcome.transition:
        if opens.get(r.school_id, 0) > r.year:
            for school, _over, rooms in r.crowded_at:
                if rooms:
                    was = out.setdefault(school, {}).get(r.year, (0, ""))[0]
                    out[school][r.year] = (was + int(rooms), names.get(r.school_id, r.school_id))
    return out


def own_breaches(outcome: LayoutOutcome) -> dict[str, str]:
    """School -> the sentence saying its layout 临时周转 runs longer than the limit, with each
    year's rooms and those for pupils waiting for a new school ({} when none).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初中", "new", phase=4),
    ...                                  PlannedSchool("E", "实验中学", "expand", phase=2)), {},
    ...     year=2025, rules={"plan_date": "2026-12-05", "temporary_peak_years": 3},
    ...     transition=(YearRooms(2027, "N", "junior", 995, 20, 0, 20, 0, 400, 8, (("E", 400, 8),)),
    ...                 YearRooms(2028, "N", "junior", 1033, 21, 0, 21, 0, 450, 9, (("E", 450, 9),)),
    ...                 YearRooms(2027, "E", "junior", 2000, 1, 0, 1),
    ...                 YearRooms(2028, "E", "junior", 2000, 2, 0, 2)),
    ...     overflow=((2029, "E", "junior", 1), (2030, "E", "junior", 1)))
    >>> own_breaches(plan)
    {'E': '2027—2030 学年连续 4 个学年借用教室临时周转（2027 学年 9 间、2028 学年 11 间、2029 学年 1 间、2030 学年 1 间；其中等待新建初中启用的学生 2027 学年 8 间、2028 学年 9 间），超过临时周转年限（3 个学年），需调整建设时序（提前建成新建学校或在本校新建教室）'}
    """
    peak, waiting = peak_of(outcome.rules), waiting_at(outcome)
    out = {}
    for school, years in borrowed_rooms(outcome).items():
        runs = long_runs({y: (n, n) for y, n in years.items()}, peak)
        if not runs:
            continue
        run = max(runs, key=len)
        each = "、".join(f"{y} 学年 {years[y]:,} 间" for y in run)
        wait = {y: waiting[school][y] for y in run if y in waiting.get(school, {})}
        why = ("；其中等待" + "、".join(sorted({n for _, n in wait.values()})) + "启用的学生 "
               + "、".join(f"{y} 学年 {k:,} 间" for y, (k, _) in wait.items())) if wait else ""
        out[school] = (f"{run[0]}—{run[-1]} 学年连续 {len(run)} 个学年借用教室临时周转（{each}{why}），"
                       f"超过临时周转年限（{peak} 个学年），需调整建设时序"
                       + ("（提前建成新建学校或在本校新建教室）" if wait else "（在本校提前新建教室）"))
    return out
