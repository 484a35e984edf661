"""An independent check of the 过渡期's year moves to an open new school
(:mod:`~junheng.planning.layout_shifts`), part of the rule 过渡期逐年学位: the pupils of each
school year re-derived from the county's children and the plan's village assignments (as
:mod:`~.layout_check_years` does), placed by the plan's timing (closures, new schools'
openings, 划片 moves re-derived), without the solver or the planner's frames.

For each move (year, community, stage, school, receiver, pupils, minutes) of the plan the check
refuses:

* a receiver that is not a 建设项目's new school (a kept school with a first school year)
  open that year, or a trip beyond the day limit;
* a community with a part at the school that year whose school today is another (the plan
  brought it there);
* a community placed back at the school it left in a later school year, to the target year,
  without a move of that year (no pupils moved out and back: :mod:`~.layout_stay_new`);
* pupils other than the community's re-derived pupils of the stage at the school that year;
* a move from a school already within its rooms of the stage before it (the moves of a school
  and year taken in the plan's order; rooms before the plan: its standard seats from the data
  ÷ the class size);
* a receiver over its rooms of the stage (its standard seats ÷ the class size) or its size
  cap that year with the year's moves in;
* a school the plan moves pupils from whose 临时周转 that year (the plan's ``overflow``) is not
  the rooms its pupils left after the moves lack.

A stage's rooms needed are its classes formed grade by grade, the one room rule of both plans:
each stage group's pupils spread over its grades as the school's are today (or as the
forecast's grades that year), each grade in classes of the standard size (the shared count,
:func:`~.layout_counts.grade_classes`); a county without classes: the stage's pupils as one
cohort. 46 pupils in each of grades 1–6 are 276 within 7 rooms' 315 seats, yet 12 classes.
"""

from __future__ import annotations

from collections import defaultdict

from junheng.model import CountyData
from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_data import GROUP_STAGE, THROUGH_TYPES
from junheng.planning.layout_forecast import school_forecast
from junheng.planning.layout_later import STAGE_WORDS
from junheng.planning.layout_outcome import LayoutOutcome


def check_shifts(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> None:
    """Raise :class:`~.layout_check.PlanViolation` with every wrong year move (module
    docstring); nothing without moves."""
    if not plan.shifts:
        return
    from junheng.planning.layout_check_years import (
        _at,
        _children,
        _entry,
        _move_years,
        _seats_before,
    )

    by_id, found = {s.school_id: s for s in plan.schools}, Problems()
    opens = {s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
             if s.action == "new"}
    closes = {s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
              if s.action == "close"}
    base = _children(data, plan.target_year)
    timing = (opens, closes, _move_years(data, plan, config, (opens, closes), base), _entry(data, config))
    seats, classes = _seats_before(data, config), class_counter(data, plan, config)
    overflow = {(y, s, st): k for y, s, st, k in plan.overflow}
    villages = {a.village_id: a.village_name or a.village_id for a in plan.assignments}
    for year in sorted({int(m[0]) for m in plan.shifts}):
        mine = [m for m in plan.shifts if int(m[0]) == year]
        parts = _year_parts(data, plan, year, timing, base)
        load: dict[tuple[str, str], float] = defaultdict(float)  # (school, stage group)
        for (_, g, at), n in parts.items():
            load[(at, g)] += n
        for _, v, st, s, r, n, minutes in mine:
            where = f"{year} 学年{_name(by_id, s)}片区{villages.get(v, v)}{STAGE_WORDS.get(st, st)}划入{_name(by_id, r)}"
            receiver = by_id.get(r)
            if receiver is None or receiver.action != "keep" or not receiver.opens_year \
                    or receiver.opens_year > year:
                found.add(f"{where}：接收学校不是该学年已启用的建设项目新建学校。")
            if minutes > config.day_travel_limit_min + 1e-9:
                found.add(f"{where}：单程 {minutes:.1f} 分钟，超出走读上限 {config.day_travel_limit_min:g} 分钟。")
            if any(a.before_school != s for a in plan.assignments if a.village_id == v and GROUP_STAGE[
                    a.stage_group] == st and _at(a, year, s, *timing) > 0):
                found.add(f"{where}：该片区在该校的学生有本方案转入的，不再划出。")
            if (back := _return_year(plan, (year, v, st, s, r), timing)) is not None:
                found.add(f"{where}：该片区 {back[0]} 学年回到{_name(by_id, s)}，同一批学生不应划出后再划回。"
                          if back[1] == s else f"{where}：该片区 {back[0]} 学年转入{_name(by_id, back[1])}，"
                          "同一批学生不应两次转学。")
            got = {g: k for (w, g, at), k in parts.items() if (w, at) == (v, s) and GROUP_STAGE[g] == st}
            if round(sum(got.values())) != n:
                found.add(f"{where}：{n:,} 人，应为 {round(sum(got.values())):,} 人。")
            rooms, (pupils, k) = seats.get((s, st), 0) // _size(config, st), classes(load, s, st, year)
            if k <= rooms:
                found.add(f"{where}：该校划出前 {pupils:,} 人、按年级编 {k} 个班，未超出现有教室 {rooms} 间，不应划出。")
            for g, k in got.items():
                load[(s, g)] -= k
                load[(r, g)] += k
        for s, st in sorted({(m[3], m[2]) for m in mine}):
            (left, k), rooms = classes(load, s, st, year), seats.get((s, st), 0) // _size(config, st)
            if overflow.get((year, s, st), 0) != max(k - rooms, 0):
                found.add(f"{year} 学年{_name(by_id, s)}{STAGE_WORDS.get(st, st)}划出后 {left:,} 人、按年级编 {k} 个班、"
                          f"现有教室 {rooms} 间，临时周转 {overflow.get((year, s, st), 0)} 间，应为 {max(k - rooms, 0)} 间。")
        for r in sorted({m[4] for m in mine}):
            found.run(_check_receiver, by_id.get(r), year, (load, classes), config)
    found.raise_any()


def class_counter(data: CountyData, plan: LayoutOutcome, config: LayoutConfig):
    """``count(load, school, stage, year)`` -> (the stage's whole pupils, its classes formed
    grade by grade) of ``load`` ((school, stage group) -> pupils): each group's pupils spread
    over its grades as the forecast has them that year, else as the school's pupils are today
    (a third each where it has none or is new, :func:`~.layout_counts.grade_mix`), in classes of the
    config's size (:func:`~.layout_counts.grade_classes`); a county without classes or a 教学点
    (its grades share 复式班 classes): the stage's pupils as one cohort."""
    from junheng.planning.layout_counts import GROUP_GRADES, grade_classes, grade_mix
    from junheng.planning.layout_forecast import forecast_grade_mix

    sites, cache = None, {}
    if getattr(data, "classes", None) is not None:
        schools = data.schools.drop_duplicates("school_id")
        ids = schools.loc[schools["school_id"].isin({s.school_id for s in plan.schools}), "school_id"]
        sites = grade_mix(data, ids).assign(kind=schools.set_index("school_id")["school_type"])

    def count(load: dict, school: str, stage: str, year: int) -> tuple[int, int]:
        mine = {g: n for (s, g), n in load.items() if s == school and GROUP_STAGE[g] == stage}
        size = _size(config, stage)
        if sites is None or (school in sites.index and sites.at[school, "kind"] == "teaching_point"):
            # a county without classes, or a 教学点 (复式班): the stage's pupils as one cohort
            return round(sum(mine.values())), grade_classes(sum(mine.values()), [1.0], size)
        if year not in cache:
            cache[year] = forecast_grade_mix(sites, data, year)
        share = cache[year].loc[school] if school in cache[year].index else {}  # a new school: thirds
        return round(sum(mine.values())), sum(grade_classes(
            n, [float(share.get(f"share_{g}", 1 / 3)) for g in GROUP_GRADES[group]], size)
            for group, n in mine.items())

    return count


def _return_year(plan: LayoutOutcome, move: tuple[int, str, str, str, str], timing
                 ) -> tuple[int, str] | None:
    """The first later school year, to the target year, in which the plan places a part of the
    moved community's stage at a school other than the one it was moved to, without a move of
    that year, and that school: the one it left (rv 3: 光明社区 moved out for 2027-2028 and
    zoned back in 2030) or a third (moved twice); None when it stays."""
    from junheng.planning.layout_check_years import _place

    year, v, st, s, r = move
    moved = {(int(m[0]), m[1], m[2], m[3]) for m in plan.shifts}
    mine = [a for a in plan.assignments if a.village_id == v and GROUP_STAGE[a.stage_group] == st]
    for later in range(year + 1, int(plan.target_year) + 1):
        if (later, v, st, s) in moved:
            continue
        where = {at for a in mine for at, _ in _place(a, later, *timing)} - {r}
        if where:
            return later, (s if s in where else sorted(where)[0])
    return None


def _year_parts(data: CountyData, plan: LayoutOutcome, year: int, timing, base: dict
                ) -> dict[tuple[str, str, str], float]:
    """(community, stage group, school placed at) -> its pupils in ``year`` unrounded, by the
    plan's timing (``timing``: opens, closes, 划片 moves, the entry rule's first year)."""
    from junheng.planning.layout_check_years import _children, _place, _ratio

    now, forecast = _children(data, year), school_forecast(data)
    out: dict[tuple[str, str, str], float] = defaultdict(float)
    for a in plan.assignments:
        ratio = _ratio(forecast, a, year, plan.target_year, base, now)
        if ratio is not None:
            for at, share in _place(a, year, *timing):
                out[(a.village_id, a.stage_group, at)] += a.students * ratio * share
    return out


def _check_receiver(school, year: int, counts: tuple, config: LayoutConfig) -> None:
    """A receiver within its rooms of each stage (its classes grade by grade, its standard
    seats ÷ the class size) and its size cap with the moves in (``counts``: the load by school
    and stage group, :func:`class_counter`'s count)."""
    from junheng.planning.layout_check import PlanViolation

    if school is None:
        return
    load, classes = counts
    lines = []
    for st in sorted({GROUP_STAGE[g] for (s, g) in load if s == school.school_id}):
        (n, k), seats = classes(load, school.school_id, st, year), int(school.capacity.get(st, 0))
        if k > seats // _size(config, st):
            lines.append(f"{year} 学年{school.name}{STAGE_WORDS.get(st, st)}划入后 {n:,} 人、按年级编 {k} 个班，"
                         f"超出现有教室 {seats // _size(config, st)} 间（学位 {seats:,} 个）。")
    cap = config.school_size_cap_through if school.kind in THROUGH_TYPES else config.school_size_cap
    total = round(sum(n for (s, _), n in load.items() if s == school.school_id))
    if total > cap:
        lines.append(f"{year} 学年{school.name}划入后 {total:,} 人，超出校额上限 {cap:,} 人。")
    if lines:
        raise PlanViolation(*lines)


def _name(by_id, sid: str) -> str:
    s = by_id.get(sid)
    return s.name if s is not None else sid


def _size(config: LayoutConfig, stage: str) -> int:
    return config.class_size_primary if stage == "primary" else config.class_size_junior
