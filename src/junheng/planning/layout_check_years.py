"""An independent check of a plan's 过渡期 (:mod:`~junheng.planning.layout_years`): the yearly
loads re-derived from the county's children and the plan's village assignments, without the
solver or the planner's frames.

For each school the plan adds rooms to, each of its stages (a 九年一贯制 school's other stage
too, with no rooms added) and each school year looked at, the check recomputes the pupils (each
village's target-year pupils × its children that year / its children in the target year; only
those the plan's timing places there that year — a 划片 move waits for its receiver, a closing
school keeps its pupils until it closes, :func:`_place`, review rv10 2), the
overflow beyond the seats before the plan net of the rooms the school's other stage has spare
(:func:`~.layout_counts.pooled_classes`, as the 达标路径 counts a school's rooms), and refuses:

* a year whose overflow, pupils or rooms differ from the plan's row, or a row for a year
  without overflow or build;
* rooms standing before the school's phase (data year + phase) or other than the plan's
  built rooms from it on; temporary rooms other than the overflow beyond the rooms standing;
* a stage's rooms added beyond those built and those the target year on needs (:func:`check_unused`);
* a stage whose rooms met by 临时周转 (its added rooms less those built) are more than the
  count the planner's rule gives, re-derived room by room (:func:`borrowable`), or fewer
  where the run rule did not ask for the rooms built (:mod:`~.layout_check_runs`, which also
  refuses a school borrowing longer than the limit in a row, its waiting pupils' rooms
  counted, where rooms built could cut the run): room ``r`` (1 = the
  first added) is needed in the years whose overflow is at least ``r``, counted from the run
  start (the first school year the plan acts in plus ``expansion_lead_years``, the first year a
  new room can be in use: :func:`~.layout_years.run_start`, one start in both plans and both
  checkers, review rv4 4; the years before it are borrowed whatever is built); it is borrowed
  when each run of consecutive such years lasts at most ``temporary_peak_years`` and the last
  year looked at does not need it, or when no year from the run start needs it, or the budget
  does not build it (rule (27)'s ``borrowed_classrooms``); a new school borrows none. The built
  rooms' years before the build (the budget may push it later) are 临时周转 too, not counted;
* a school year whose new rooms built so far (the rows' ``new_rooms`` up to the year: the
  report's 已建成新增教室, a count that never falls) are not those of the schools built by
  then (data year + phase);
* a school whose built and temporary rooms do not add up to its added rooms, or whose
  ``temporary_yuan`` is not its temporary rooms at the classroom price;
* a build in use sooner than its build time after the first school year the plan acts in
  (``new_school_lead_years`` for a new school, ``expansion_lead_years`` for an expansion);
* a build or closure in a school year already begun on the plan's day (``plan_date``, else
  today; a school year begins on 9-1), which is also where the years looked at start when
  later than the data year + 1.

:func:`check_years` returns the capital by school year (the builds less their temporary rooms),
each paid evenly in the school years of its build time before the year it is in use.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from junheng.model import CountyData
from junheng.planning.layout_check_borrow import check_unused
from junheng.planning.layout_check_large import check_large
from junheng.planning.layout_check_near import Problems
from junheng.planning.layout_check_runs import idle_count
from junheng.planning.layout_check_shifts import check_shifts
from junheng.planning.layout_config import LayoutConfig
from junheng.planning.layout_counts import pooled_classes
from junheng.planning.layout_data import GROUP_STAGE
from junheng.planning.layout_forecast import forecast_factor, school_forecast
from junheng.planning.layout_later import built_rooms
from junheng.planning.layout_outcome import LayoutOutcome, YearRooms
from junheng.planning.layout_phases import payments, plan_day
from junheng.planning.layout_years import (
    overflows,
    run_start,
    stage_classes,
    year_runs,
    year_shares,
)

STAGE_WORD = {"primary": "小学", "junior": "初中"}
#: school years looked at after the target year (the planner's site_years looks as far)
LOOKED_AFTER = 3


def _children(data: CountyData, year: int) -> dict[tuple[str, str], float | None]:
    """(village, group) -> its children in ``year``, None where the group is not yet born."""
    from junheng.planning.layout_children import village_children

    return village_children(data, year - data.school_year)


def _ratio(forecast, a, year: int, target: int, base: dict, now: dict) -> float | None:
    """An assignment's pupils in ``year`` over the target year's: as its school today's
    forecast pupils of the group where the county's forecast has them
    (planning.layout_forecast), else as its village's children (1 where the target year has
    none); None where neither can say."""
    grown = forecast_factor(forecast, a.before_school, a.stage_group, year, target)
    if grown is not None:
        return grown
    later, was = now.get((a.village_id, a.stage_group)), base.get((a.village_id, a.stage_group))
    return None if later is None or was is None else later / was if was > 0 else 1.0


def yearly_loads(data: CountyData, plan: LayoutOutcome, schools: set[str], first: int = 0,
                 by_group: bool = False, timing: tuple | None = None
                 ) -> dict[tuple[str, str], dict[int, float]]:
    """(school, stage) -> {school year: pupils} for ``schools``, re-derived, from the data
    year + 1 or the ``first`` school year not yet begun when later (at most the target);
    ``by_group``: (school, stage group) -> {school year: pupils unrounded}. ``timing`` (opens,
    closes, 划片 moves, the entry rule's first year: :func:`_place`): an open school counts only the pupils placed there
    that year (planning.layout_arrivals, review rv10 2)."""
    base, forecast = _children(data, plan.target_year), school_forecast(data)
    out: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    start = min(max(data.school_year + 1, first), plan.target_year)
    for year in range(start, plan.target_year + LOOKED_AFTER + 1):
        now = _children(data, year)
        sums: dict[tuple[str, str], float] = defaultdict(float)
        unknown = set()
        for a in plan.assignments:
            if a.school_id not in schools:
                continue
            key = (a.school_id, a.stage_group if by_group else GROUP_STAGE[a.stage_group])
            share = _here(a, year, timing)
            if not share:
                sums[key] += 0.0  # none there yet: the year still counted, as the planner's
                continue
            ratio = _ratio(forecast, a, year, plan.target_year, base, now)
            if ratio is None:
                unknown.add(key)
                continue
            sums[key] += a.students * ratio * share
        for key, value in sums.items():
            if key not in unknown:
                out[key][year] = value if by_group else round(value)
    return out


def _here(a, year: int, timing: tuple | None) -> float:
    """The share of an open school's assignment there in ``year`` (:func:`_place`)."""
    if timing is None or timing[0].get(a.school_id, 0) > year:
        return 1.0
    return _at(a, year, a.school_id, *timing)


def check_years(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> dict[int, float]:
    """Raise :class:`~.layout_check.PlanViolation` with every wrong 过渡期 row (bounded:
    :class:`~.layout_check_near.Problems`); return the capital (元) by school year."""
    rows = {(r.school_id, r.stage, r.year): r for r in plan.transition}
    added = {(s.school_id, st): k for s in plan.schools
             for st, k in (s.added_classrooms_by_stage or {}).items() if k}
    day = plan_day(config)
    first = day.year + 1 if (day.month, day.day) >= (9, 1) else day.year
    found = Problems()
    for s in plan.schools:
        if s.action != "keep" and data.school_year + (s.phase or 1) < first:
            found.add(f"{s.name}在 {data.school_year + (s.phase or 1)} 学年实施，"
                      f"该学年在编制日期 {day.isoformat()} 已开学，应不早于 {first} 学年。")
    found.run(_check_lead, data, plan, config, max(first, data.school_year + 1))
    loads = yearly_loads(data, plan, {s for s, _ in added}, first, timing=(timing := _timing(data, plan, config)))
    by_id = {s.school_id: s for s in plan.schools}
    added, before, classes = _stages(data, plan, config, added, loads, (first, timing))
    built_total, built_in = defaultdict(int), defaultdict(int)  # rooms by school, by year
    broken, runs = set(), {}  # runs: the stages' figures for the run rule (_check_stage)
    for (sid, stage), rooms in added.items():
        s, seats = by_id[sid], before[(sid, stage)]
        at = data.school_year + (s.phase or 1)
        lead = config.expansion_lead_years  # the planner's site_years: 0 years, every year
        opens = run_start(max(first, data.school_year + 1), lead) if lead else None
        built = found.run(_check_stage, (sid, _name(s)), stage, (rooms, seats), (
            at, opens, s.action == "new", plan.target_year), loads.get((sid, stage), {}), rows,
            config, runs, classes.get((sid, stage), {}), s.borrowed_classrooms)
        if built is None:
            broken.add(sid)
            continue
        built_total[sid] += built
        built_in[at] += built
    if not broken:
        found.run(_check_built_to_date, plan, built_in)
    last = plan.target_year + LOOKED_AFTER  # the last school year looked at (yearly_loads)
    for sid, built in built_total.items():
        s = by_id[sid]
        if data.school_year + (s.phase or 1) > last or sid in broken:
            continue  # not in use within the years looked at: its rows are all before the build
        if s.action == "new" and s.temporary_classrooms:
            found.add(f"新建学校{s.name}有 {s.temporary_classrooms} 间教室以临时周转解决："
                      "新建学校一次建成，临时周转只用于现有学校扩建。")
        if built + s.temporary_classrooms != s.added_classrooms:
            found.add(f"{s.name}建设 {built} 间、临时周转 {s.temporary_classrooms} 间，"
                      f"与新增教室 {s.added_classrooms} 间不符。")
        if abs(s.temporary_yuan - s.temporary_classrooms * config.costs.classroom()) > 1:
            found.add(f"{s.name}临时周转教室的造价 {s.temporary_yuan:,.0f} 元不符。")
    for check in (_check_waiting, _check_held, check_shifts, check_large):
        found.run(check, data, plan, config)
    if set(rows) - {(s, st, y) for (s, st), ys in loads.items() for y in ys}:
        found.add("过渡期列有方案未扩建的学校或未推算的学年。")
    found.raise_any()  # the run rule reads the rows: only once they are found right
    _check_runs(data, plan, config, runs, max(first, data.school_year + 1), built_total)
    capital: dict[int, float] = defaultdict(float)
    for s in plan.schools:  # paid evenly over the build time before the year in use
        if s.action != "close" and s.capital_yuan + s.area_yuan - s.temporary_yuan > 0.5:
            for year, part in payments(s.capital_yuan + s.area_yuan - s.temporary_yuan,
                                       data.school_year + (s.phase or 1), _lead(config, s),
                                       1e-9).items():
                capital[year] += part
    return dict(sorted(capital.items()))


def _timing(data: CountyData, plan: LayoutOutcome, config: LayoutConfig
            ) -> tuple[dict, dict, dict, int | None]:
    """The plan's opens, closes, 划片 moves (re-derived) and entry rule's year (:func:`_entry`)."""
    opens, closes = ({s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
                      if s.action == action} for action in ("new", "close"))
    return opens, closes, _move_years(data, plan, config, (opens, closes),
                                      _children(data, plan.target_year)), _entry(data, config)


def _stages(data: CountyData, plan: LayoutOutcome, config: LayoutConfig,
            added: dict[tuple[str, str], int], loads: dict, when: tuple[int, tuple]
            ) -> tuple[dict, dict, dict]:
    """Every stage of the schools in ``added`` (a 九年一贯制 school's other stage with its pupils
    in ``loads``: rooms 0, its shortage borrowed) with its rooms added, its seats before them and
    its classes by year net of the other stage's spare rooms (:func:`pooled_classes`)."""
    by_id = {s.school_id: s for s in plan.schools}
    added = added | {(sid, st): 0 for sid in {s for s, _ in added} for st in STAGE_WORD
                     if (sid, st) not in added and by_id[sid].capacity.get(st, 0) > 0
                     and (sid, st) in loads}
    before = {(sid, st): max(by_id[sid].capacity.get(st, 0) - k * _size(config, st), 0)
              for (sid, st), k in added.items()}
    classes = pooled_classes(_classes(data, plan, config, added, when),
                             {k: seats // _size(config, k[1]) for k, seats in before.items()})
    return added, before, classes


def _check_runs(data: CountyData, plan: LayoutOutcome, config: LayoutConfig, runs: dict,
                first: int, built: dict[str, int]) -> None:
    """:func:`~.layout_check_runs.check_runs`, each school's build in use from data year + its
    phase, and no sooner than the first school year + ``expansion_lead_years``; a run counted
    from :func:`~.layout_years.run_start`; the expansions with rooms ``built`` (school -> rooms,
    re-derived) extend, and borrow nothing in the target year (rule (T))."""
    from junheng.planning.layout_check_runs import check_runs
    from junheng.planning.projects import no_build_ids

    # 迁建 under way: no rooms there, rule (7) (a county given without its tables has none)
    moving = no_build_ids(data) if getattr(data, "tables", None) is not None else frozenset()
    at = {s.school_id: max(data.school_year + (s.phase or 0) if s.action == "expand" else 0,
                           first + config.expansion_lead_years)
          for s in plan.schools if s.action not in ("close", "new") and s.school_id not in moving}
    check_runs(plan, at, runs, config.temporary_peak_years, first,
               run_start(first, config.expansion_lead_years),
               {s.school_id for s in plan.schools if s.action == "expand" and built.get(s.school_id)})


def _check_built_to_date(plan: LayoutOutcome, built_in: dict[int, int]) -> None:
    """Per school year of the 过渡期, its new rooms up to then (the report's 已建成新增教室,
    which never falls) against the rooms built at the schools whose build year is not later."""
    found = Problems()
    for year in sorted({r.year for r in plan.transition}):
        shown = sum(r.new_rooms for r in plan.transition if r.year <= year)
        want = sum(k for at, k in built_in.items() if at <= year)
        if shown != want:
            found.add(f"{year} 学年过渡期累计建成新增教室 {shown} 间，按各校建设学年应为 {want} 间。")
    found.raise_any()


def _lead(config: LayoutConfig, s) -> int:
    """A build's build time by the config (re-read, not the plan's rules)."""
    return config.new_school_lead_years if s.action == "new" else config.expansion_lead_years


def _builds(plan: LayoutOutcome) -> list:
    """The plan's schools that build (money or rooms), closures and the schools that only
    borrow (临时周转, listed in their first year borrowed) aside."""
    return [s for s in plan.schools if s.action != "close" and s.shown_action != "temporary" and (
        s.action == "new" or s.capital_yuan or s.area_yuan or s.added_classrooms or s.added_beds)]


def _check_lead(data: CountyData, plan: LayoutOutcome, config: LayoutConfig, first: int) -> None:
    """A build is in use no sooner than its build time after the first school year the plan acts
    in (``first``): ``new_school_lead_years`` for a new school, ``expansion_lead_years`` for one."""
    found = Problems()
    for s in _builds(plan):
        opens, lead = data.school_year + (s.phase or 1), _lead(config, s)
        if opens < first + lead:
            what = ("新建学校", "启用") if s.action == "new" else ("扩建学校", "投入使用")
            found.add(f"{what[0]}{s.name}在 {opens} 学年{what[1]}，早于首个可实施学年 {first} 学年之后 "
                      f"{lead} 个学年（建设周期），应不早于 {first + lead} 学年。")
    found.raise_any()


def _size(config: LayoutConfig, stage: str) -> int:
    return config.class_size_primary if stage == "primary" else config.class_size_junior


def _name(s) -> str:
    """A school as users know it: its name, else its code."""
    return s.name or f"学校（代码 {s.school_id}）"


def _classes(data: CountyData, plan: LayoutOutcome, config: LayoutConfig,
             added: dict[tuple[str, str], int], when: tuple[int, tuple]
             ) -> dict[tuple[str, str], dict[int, int]]:
    """(school, stage) -> {school year: classes formed grade by grade} for the stages the plan
    adds rooms to, re-derived: each stage group's pupils (:func:`yearly_loads`) spread over its
    grades as the forecast has them that year, else as the school's pupils are today (a third
    each at a new school), in classes of the config's size (:func:`~.layout_years.stage_classes`;
    a hand-made county without classes: the stage's pupils as one cohort)."""
    from junheng.planning.layout_counts import grade_mix

    first, timing = when
    groups = yearly_loads(data, plan, {s for s, _ in added}, first, by_group=True, timing=timing)
    if getattr(data, "classes", None) is None:
        shares = thirds = None
    else:
        schools = data.schools.drop_duplicates("school_id")
        ids = schools.loc[schools["school_id"].isin({s for s, _ in added}), "school_id"]
        sites = grade_mix(data, ids).assign(kind=schools.set_index("school_id")["school_type"])
        shares, thirds = year_shares(data, sites), {f"g{g}": 1 / 3 for g in range(1, 10)}
    return {(sid, stage): stage_classes(
        {g: by for (s, g), by in groups.items() if s == sid and GROUP_STAGE[g] == stage},
        lambda y, sid=sid: shares(sid, y) or thirds if shares else {}, _size(config, stage))
        for sid, stage in added}


def _check_stage(school: tuple[str, str], stage: str, rooms_seats: tuple[int, int],
                 when: tuple[int, int | None, bool, int], pupils: dict[int, int],
                 rows: dict[tuple[str, str, int], YearRooms], config: LayoutConfig,
                 runs: dict, classes: dict[int, int], unpaid: int = 0) -> int:
    """Check one school's (code, name) stage year by year, its (added rooms, seats before
    them) built from the school year ``at`` and in use at the earliest from ``opens`` (None:
    every year) of ``when`` (at, opens, a new school, the target year); return its built
    rooms. A year's overflow: its ``classes`` beyond the rooms before the plan
    (:func:`~.layout_years.overflows`). ``runs`` takes the stage's (need, rooms, borrowed,
    borrowable) for the run rule (layout_check_runs); ``unpaid``: rule (27)'s (module docstring)."""
    sid, name = school
    (rooms, seats), (at, opens, new, target) = rooms_seats, when
    size = _size(config, stage)
    built = max([r.built for (s, st, _), r in rows.items() if (s, st) == (sid, stage)] or [0])
    need: dict[int, int] = {}
    every = overflows({y: classes.get(y, 0) for y in pupils}, seats // size, rooms,
                      None if new else target)
    found = Problems()
    for year, n in sorted(pupils.items()):
        over = need[year] = every[year]
        row = rows.get((sid, stage, year))
        standing = built if year >= at else 0
        where = f"{year} 学年{name}（{STAGE_WORD[stage]}）"
        if row is None:
            if over or (year == at and built):
                found.add(f"{where}缺少过渡期记录（缺口 {over} 间）。")
            continue
        if (row.pupils, row.overflow, row.built, row.temporary) != (
                n, over, standing, max(over - standing, 0)):
            found.add(f"{where}过渡期记录与推算不符：学生 {n} 人，缺口 {over} 间，已建 {standing} 间。")
    if not new and at <= max(pupils, default=at - 1):  # a new school's own check: none
        may = max(borrowable(need, rooms, opens, config.temporary_peak_years), min(unpaid, rooms))
        if rooms - built > may:
            found.run(_check_borrowing, f"{name}（{STAGE_WORD[stage]}）", need, rooms - built,
                      rooms, opens, config.temporary_peak_years)
        else:  # borrowable, yet for no year from the target (brief hfix27)
            found.run(check_unused, f"{name}（{STAGE_WORD[stage]}）", (rooms, built, seats, size), need, pupils, target)
        runs[(sid, stage)] = (need, rooms, rooms - built, may)
    found.raise_any()
    return built


def _crowding(pupils: int, seats: int, size: int, own, classes: int | None = None) -> tuple[int, int]:
    """Pupils over ``seats`` and classrooms short at a present school (its ``classes`` formed
    grade by grade beyond its rooms, ``seats`` ÷ ``size``; None: ⌈over ÷ size⌉, one cohort),
    less the plan's pupils over them and the rooms its own 过渡期 row (``own``, None for none)
    borrows already."""
    over = max(pupils - seats, 0)
    short = -(-over // size) if classes is None else max(classes - seats // size, 0)
    if own is None:
        return over, short
    return max(over - max(own.pupils - seats, 0), 0), max(short - own.temporary, 0)


def borrowable(need: dict[int, int], rooms: int, opens: int | None, peak: int) -> int:
    """How many of a stage's added ``rooms`` the 临时周转 rule borrows (module docstring),
    re-derived from its overflow ``need`` by school year; ``opens``: the first school year
    its build can be in use (None: every year).

    Room 2 needed 2028–2029 (2 years), room 1 2027–2030 (4): 1 at 3 years, 0 at 1 year; room
    1 needed only in 2027, before a build in use from 2029, is borrowed at any length:

    >>> need = {2027: 1, 2028: 2, 2029: 2, 2030: 1, 2031: 0}
    >>> borrowable(need, 2, None, 3), borrowable(need, 2, None, 1), borrowable(need, 2, 2028, 1)
    (1, 0, 0)
    >>> borrowable({2027: 1, 2028: 0, 2029: 0}, 1, 2029, 0), borrowable({2027: 1}, 1, 2029, 3)
    (1, 0)

    A 1-year peak of 2 rooms in 2029 (2029–2033, in use from 2029): the run rule borrows both;
    2 rooms needed 2027–2030 (4 years) and none after, in use from 2029: the use test
    borrows both (each in use 2 of the 5 years 2029–2033):

    >>> borrowable({2029: 2, 2030: 0, 2031: 0, 2032: 0, 2033: 0}, 2, 2029, 3)
    2
    >>> borrowable({2027: 2, 2028: 2, 2029: 2, 2030: 2, 2031: 0, 2032: 0, 2033: 0}, 2, 2029, 3)
    2
    """
    last = max(need, default=None)
    if last is None or (opens is not None and last < opens):
        return 0  # no year looked at has the build in use: what it needs then is unknown
    rule = sum(_borrowed_why(need, r, opens, peak) is None
               for r in range(1, rooms + 1) if any(k >= r for k in need.values()))
    if peak <= 0:
        return rule
    open_need = {y: k for y, k in need.items() if opens is None or y >= opens}
    top = min(max(open_need.values(), default=0), rooms)  # the levels from opens; the rule's top
    kept = top - sum(_borrowed_why(need, r, opens, peak) is None for r in range(1, top + 1))
    return rule + idle_count(open_need, kept)  # (U1): the built rooms idle most years, borrowed


def _borrowed_why(need: dict[int, int], room: int, opens: int | None, peak: int) -> str | None:
    """Why room ``room`` may not be borrowed ("" when no year needs it: it is built), None
    when it may."""
    years = sorted(y for y, k in need.items() if k >= room)
    if not years:
        return ""
    if opens is not None and years[-1] < opens:
        return None
    if years[-1] == max(need):
        return f"到所看的最后一年 {max(need)} 学年仍需用"
    counted = [y for y in years if opens is None or y >= opens]  # from the run start (rv4 4)
    longest = max(year_runs(counted), key=len)  # grouping years is no rule: shared
    if len(longest) > peak:
        since = f"自 {opens} 学年新建教室可投入使用起计" if opens is not None else "每个学年都计入"
        return f"{_span(longest)}连续需用 {len(longest)} 年（{since}），超过允许的 {peak} 年"
    return None


def _span(years: list[int]) -> str:
    """'2027—2029 学年', or '2027 学年' for one year."""
    return f"{years[0]}—{years[-1]} 学年" if len(years) > 1 else f"{years[0]} 学年"


def _check_borrowing(where: str, need: dict[int, int], borrowed: int, rooms: int,
                     opens: int | None, peak: int) -> None:
    """Refuse a stage whose rooms met by 临时周转 (``borrowed``) are more than
    :func:`borrowable`'s count, naming a room the plan borrows but the rule builds (fewer: the
    run rule's, :mod:`~.layout_check_runs`)."""
    want = borrowable(need, rooms, opens, peak)
    if borrowed <= want:
        return
    found = Problems()
    line = (f"{where}以临时周转解决 {borrowed} 间，按逐年缺口应为 {want} 间"
            f"（每间教室连续需用不超过 {peak} 年、且最后一年不再需用的才临时周转）")
    if borrowed > want:  # the room with the fewest years the rule still builds
        whys = [(r, w) for r in range(1, rooms + 1)
                if (w := _borrowed_why(need, r, opens, peak))]
        if whys:
            line += f"：第 {whys[-1][0]} 间 {whys[-1][1]}"
    found.add(line + "。")
    found.raise_any()


def _check_waiting(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> None:
    """A new school's row before it opens: the pupils over its present schools' standard
    seats and the classrooms short, re-derived with every new school not yet open leaving its
    pupils at their present schools and every school closed later keeping its pupils; a
    present school the plan closes counts at its seats before the plan, from the data; one
    with its own row that year counts beyond that row (planning.layout_waiting). A school's
    rooms short: its classes formed grade by grade (:func:`~.layout_check_shifts.class_counter`)
    beyond its seats ÷ the class size."""
    from junheng.planning.layout_check_shifts import class_counter

    by_id, found = {s.school_id: s for s in plan.schools}, Problems()
    opens = {s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
             if s.action == "new"}
    closes = {s.school_id: data.school_year + (s.phase or 1) for s in plan.schools
              if s.action == "close"}
    base, forecast = _children(data, plan.target_year), school_forecast(data)
    moves, entry = _move_years(data, plan, config, (opens, closes), base), _entry(data, config)
    before, count = None, class_counter(data, plan, config)
    own = {(r.year, r.school_id, r.stage): r for r in plan.transition
           if opens.get(r.school_id, 0) <= r.year}
    for r in plan.transition:
        if opens.get(r.school_id, 0) <= r.year:
            continue
        now, size = _children(data, r.year), _size(config, r.stage)
        over = short = 0
        at: list[tuple[str, int, int]] = []
        for p in sorted({a.before_school for a in plan.assignments if a.school_id == r.school_id
                         and GROUP_STAGE[a.stage_group] == r.stage and a.before_school in by_id}):
            groups: dict[tuple[str, str], float] = defaultdict(float)
            for a in plan.assignments:
                if GROUP_STAGE[a.stage_group] == r.stage and (ratio := _ratio(
                        forecast, a, r.year, plan.target_year, base, now)) is not None:
                    groups[(p, a.stage_group)] += a.students * ratio * _at(
                        a, r.year, p, opens, closes, moves, entry)
            pupils, classes = count(groups, p, r.stage, r.year)
            s = by_id[p]
            if s.action == "close":
                before = _seats_before(data, config) if before is None else before
                seats = before.get((p, r.stage), 0)
            else:
                rooms = (s.added_classrooms_by_stage or {}).get(r.stage, 0)
                built = s.action in ("expand", "new") and data.school_year + (s.phase or 1) <= r.year
                # rooms met by 临时周转 are no seats: its own row borrows them (brief hl)
                seats = s.capacity.get(r.stage, 0) - rooms * size + (
                    built_rooms(s, r.stage) * size if built else 0)
            o, k = _crowding(pupils, seats, size, own.get((r.year, p, r.stage)), classes)
            over, short = over + o, short + k
            if o or k:
                at.append((p, o, k))
        # a plan stored before the schools were named (crowded_at) is checked on its totals
        if (r.crowded, r.crowded_rooms) != (over, short) or r.crowded_at not in ((), tuple(at)):
            found.add(f"{by_id[r.school_id].name}{r.year} 学年启用前，现就读学校超出标准学位 "
                      f"{r.crowded} 人、缺教室 {r.crowded_rooms} 间，应为 {over} 人、{short} 间"
                      f"（逐校：{_schools_over(by_id, at)}{_moves_words(by_id, moves)}）。")
    found.raise_any()


def _check_held(data: CountyData, plan: LayoutOutcome, config: LayoutConfig) -> None:
    """The pupils waiting at an open school and their rooms (planning.layout_check_held, which
    reads this module's helpers)."""
    from junheng.planning.layout_check_held import check_held

    check_held(data, plan, config)


def _place(a, year: int, opens: dict, closes: dict, moves: dict, first: int | None = None
           ) -> tuple[tuple[str, float], ...]:
    """(school, share) of an assignment's pupils in ``year``: the one rule of
    planning.layout_entrants (``first``: the entry rule's first year, None: whole stage)."""
    from junheng.planning.layout_entrants import school_parts
    return school_parts(a, year, opens, closes, moves, first)


def _at(a, year: int, school: str, *timing) -> float:
    """The share of ``a``'s pupils at ``school`` in ``year``."""
    return sum(f for k, f in _place(a, year, *timing) if k == school)


def _entry(data: CountyData, config: LayoutConfig) -> int | None:
    """The entry rule's first year (:func:`_place`), None under ``rezoning_grades: whole``."""
    from junheng.planning.layout_overload import planner_first

    return planner_first(data, SimpleNamespace(config=config))


def _move_years(data: CountyData, plan: LayoutOutcome, config: LayoutConfig,
                timing: tuple[dict, dict], base: dict) -> dict[str, int]:
    """The 划片 moves' school years re-derived (the rule of planning.layout_waiting, its
    :func:`~.layout_waiting.ready_years` and :func:`~.layout_waiting.settle_moves`): a
    receiver's pupils each year from the children and the assignments, with its moves in and
    the other moves kept, against
    its standard seats that year (the plan's rooms once built) and its size cap (校额上限 by
    kind, from the config)."""
    from junheng.planning.layout_data import THROUGH_TYPES
    from junheng.planning.layout_phases import first_school_year
    from junheng.planning.layout_waiting import ready_years, settle_moves

    opens, closes = timing
    ready = ready_years(plan.schools, [(a.school_id, a.before_school) for a in plan.assignments],
                        data.school_year)
    first = max(first_school_year(plan_day(config)), data.school_year + 1)
    pairs = [(a.school_id, a.before_school) for a in plan.assignments if a.before_school
             and a.before_school != a.school_id and a.school_id not in opens
             and a.before_school not in closes]
    by_id, forecast, kids = {s.school_id: s for s in plan.schools}, school_forecast(data), {}
    entry = _entry(data, config)

    def short(school: str, year: int, moves: dict[str, int]) -> bool:
        now = kids.setdefault(year, _children(data, year))
        others = {k: v for k, v in moves.items() if k != school}
        got: dict[str, float] = defaultdict(float)
        for a in plan.assignments:
            ratio = _ratio(forecast, a, year, plan.target_year, base, now)
            if ratio is not None:
                got[GROUP_STAGE[a.stage_group]] += a.students * ratio * _at(
                    a, year, school, opens, closes, others, entry)
        s, size = by_id[school], {st: _size(config, st) for st in got}
        built = s.action in ("expand", "new") and data.school_year + (s.phase or 1) <= year
        seats = {st: s.capacity.get(st, 0) - (0 if built else (s.added_classrooms_by_stage or {})
                                                 .get(st, 0) * size[st]) for st in got}
        cap = (config.school_size_cap_through if s.kind in THROUGH_TYPES else config.school_size_cap)
        return any(round(n) > seats[st] for st, n in got.items() if round(n)) or \
            round(sum(got.values())) > cap

    return settle_moves(ready, pairs, {s for s, _ in pairs}, short, first)


def _moves_words(by_id, moves: dict[str, int]) -> str:
    """'；划片转入顺延：甲中学 2029 学年起' of the re-derived move years; '' for none."""
    return ("；划片转入顺延：" + "、".join(f"{_name(by_id[s])} {y} 学年起" for s, y in sorted(moves.items()))
            if moves else "")


def _schools_over(by_id, at) -> str:
    """'甲中学 475 人、缺 10 间；…' of (school_id, pupils over, rooms short); '无' for none."""
    return "；".join(f"{_name(by_id[p])} {n:,} 人、缺 {k} 间" for p, n, k in at) or "无"


def _seats_before(data: CountyData, config: LayoutConfig) -> dict[tuple[str, str], int]:
    """(school, stage) -> its standard seats before the plan, from the data's classrooms."""
    from junheng.planning.layout_data import existing_sites

    sites = existing_sites(data, config)
    return {(sid, st): int(n) for st in ("primary", "junior")
            for sid, n in zip(sites["site_id"], sites[f"seats_{st}"], strict=True)}
