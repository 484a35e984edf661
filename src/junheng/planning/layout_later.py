"""Expansions whose need is gone soon after the target year (review 2026-12-03 finding 1).

The layout builds classrooms for its target year. A 规划科 reading the forecast saw the county
town's junior pupils fall by a quarter within three years of it: 36 rooms for a peak of two
or three years, where the 达标路径 already says so of its own new rooms
(:mod:`~junheng.planning.compliance_rooms_later`). This reads the same villages a year, two
and three later.

For an expanded school and a stage it was expanded for, its pupils in a later year ``y`` are
its pupils after the plan, village by village, grown as that village's children of the stage
group grow (today's children aged forward, as :func:`~.layout_data.village_demand` does for
the target year; the 民办 share is the same every year, so it cancels in the ratio)::

    later(s, y) = Σ over the villages assigned to s:  pupils × children(y) / children(target)

With the county's pupil forecast (:mod:`~.layout_forecast`), a village group whose school
today the forecast covers grows as that school's forecast pupils of the group instead
(:func:`~.layout_years.growth_factors`). A year whose group's children are not yet born in the data year is not shown (grades 1–3
more than six years ahead). The rooms a year's pupils fill are those beyond the school's seats before the plan's rooms
(seats after − added rooms × the class size), in classes of the standard size. Where some of
the added rooms stand idle in a later year, the expansion serves a peak: the plan names the
school with its figures year by year and says 可考虑临时周转或多校划片 (需论证).

>>> later_need_text("新区实验学校", 2030, 21, "初中", 1491, 450,
...                 {2031: 1425, 2032: 1255, 2033: 1129}, {2031: 20, 2032: 17, 2033: 14})
'新区实验学校（按 2030 学年需求新建初中教室 21 间，扩建前初中学位 450 个；规划后初中学生 2030 学年 1,491 人，2031 学年 1,425 人，2032 学年 1,255 人，2033 学年 1,129 人；需用新增教室 2031 学年 20 间，2032 学年 17 间，2033 学年 14 间）：2031 学年起新增教室中有 1 间闲置，2033 学年闲置 7 间'
"""

from __future__ import annotations

from dataclasses import replace

from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome

LATER = 3  # years after the target year looked at
STAGE_WORDS = {"primary": "小学", "junior": "初中"}


def later_pupils(data: CountyData, outcome: LayoutOutcome) -> dict[tuple[str, str], dict[int, int]]:
    """(school, stage) -> {later year: pupils} for every school the plan expands or builds,
    by the rule of the module docstring; a year is missing where a group of the stage cannot
    be aged forward."""
    built = {s.school_id for s in outcome.schools if s.built_classrooms > 0}
    rows = [a for a in outcome.assignments if a.school_id in built]
    if not rows or not outcome.target_year or not data.school_year:
        return {}
    from junheng.planning.layout_years import growth_factors, summed

    years = range(outcome.target_year + 1, outcome.target_year + LATER + 1)
    factors = growth_factors(data, [(a.village_id, a.stage_group, a.before_school) for a in rows],
                             outcome.target_year, years)
    out: dict[tuple[str, str], dict[int, int]] = {}
    for year in years:
        for key, value in summed([(a.village_id, a.stage_group, a.school_id, a.students)
                                  for a in rows], factors[year]).items():
            out.setdefault(key, {})[year] = value
    return out


def rooms_needed(pupils: int, seats: int, class_size: int) -> int:
    """Rooms of the expansion a year's pupils fill: those beyond the seats before it, in
    classes of the standard size.

    >>> rooms_needed(1129, 450, 50), rooms_needed(605, 650, 50)
    (14, 0)
    """
    return -(-max(pupils - seats, 0) // class_size)


def later_need_text(name: str, target: int, rooms: int, stage: str, after: int, seats: int,
                    years: dict[int, int], needs: dict[int, int],
                    classes: tuple[int, int] | None = None) -> str:
    """One school's line: its rooms, the seats before them, its pupils and the rooms they fill
    year by year (``needs``, :func:`year_need`), and the first later year when some of the
    rooms stand idle; ``classes``: the target year's (classes formed grade by grade, rooms
    before the plan), why pupils fewer than the seats still need a room (brief hlast3).

    第四小学 with 2 rooms (brief hnewsch: its target year's room built), 1, 0, 1 needed 2031–2033:
    no 「2032 学年起」 beside 2033's room again:

    >>> later_need_text("第四小学", 2030, 2, "小学", 845, 855, {2031: 800, 2032: 786, 2033: 789},
    ...                 {2031: 1, 2032: 0, 2033: 1}).split("）：")[-1]
    '2031 学年起新增教室中有 1 间闲置，2032 学年不扩建也够（2033 学年又需用 1 间）'
    """
    need = {y: min(needs.get(y, 0), rooms) for y in years}
    first = min(y for y, k in need.items() if k < rooms)
    why = f"（按年级编班 {classes[0]:,} 个班、现有教室 {classes[1]:,} 间）" if classes else ""
    figures = "，".join(f"{y} 学年 {n:,} 人" + (why if y == target else "")
                       for y, n in {target: after, **years}.items())
    filled = "，".join(f"{y} 学年 {k} 间" for y, k in need.items())
    worst = max(need, key=lambda y: (rooms - need[y], -y))
    # 「起」 only where no later year needs more again (brief hsize: 「2032 学年起不扩建也够」
    # beside 「2033 学年 1 间」)
    again = min((y for y, k in need.items() if y > first and k > need[first]), default=None)
    since = f"{first} 学年" + ("" if again else "起")
    end = (f"{since}不扩建也够" if need[first] == 0 else f"{since}新增教室中有 {rooms - need[first]} 间闲置")
    if again:
        end += f"（{again} 学年又需用 {need[again]} 间）"
    elif need[worst] < need[first]:  # the most idle within the years looked at (final review 4)
        back = min((y for y, k in need.items() if y > worst and k > need[worst]), default=None)
        end += ("，" + (f"{worst} 学年{'' if back else '起'}不扩建也够" if need[worst] == 0 else
                        f"{worst} 学年闲置 {rooms - need[worst]} 间")
                + (f"（{back} 学年又需用 {need[back]} 间）" if back else ""))
    return (f"{name}（按 {target} 学年需求新建{stage}教室 {rooms} 间，扩建前{stage}学位 {seats:,} 个；规划后{stage}"
            f"学生 {figures}；需用新增教室 {filled}）：{end}")


def later_need_notes(data: CountyData, outcome: LayoutOutcome, class_size: dict[str, int]
                     ) -> dict[str, str]:
    """School -> the line of :func:`later_need_text` for each expanded school some of whose
    rooms built for a stage (:func:`built_rooms`: not those met by 临时周转) its pupils no
    longer fill within :data:`LATER` years, with the rooms among them built because of rule (T)
    and what borrowing them would give (:func:`~.layout_target_rule.target_rule_words`); {} when
    there is none. A new school's idle rooms are its sizing note's
    (:func:`~.layout_newsite.sizing_notes`), not an expansion's."""
    from junheng.planning.layout_target_rule import target_rule_words

    pupils = later_pupils(data, outcome)
    out: dict[str, str] = {}
    for s in (s for s in outcome.schools if s.action != "new"):
        for stage, added in (s.added_classrooms_by_stage or {}).items():
            years = pupils.get((s.school_id, stage))
            rooms = built_rooms(s, stage)
            if not rooms or not years or stage not in class_size:
                continue
            seats = max(int(s.capacity.get(stage, 0)) - added * class_size[stage], 0)
            need = year_need(outcome, (s.school_id, stage), years, seats, class_size[stage])
            if all(k >= rooms for k in need.values()):
                continue
            line = later_need_text(s.name, outcome.target_year, rooms, STAGE_WORDS[stage],
                                   int(s.students_after.get(stage, 0)), seats, years, need,
                                   target_classes(outcome, (s.school_id, stage), seats // class_size[stage]))
            if rule := target_rule_words(outcome, s, stage, rooms):  # rule (T), brief htrule
                line += f"；{rule}"
            out[s.school_id] = f"{out[s.school_id]}；{line}" if s.school_id in out else line
    return out


def year_need(outcome: LayoutOutcome, key: tuple[str, str], years: dict[int, int], seats: int,
              size: int) -> dict[int, int]:
    """Year of ``years`` -> the rooms of the plan a school's stage (``key``) needs: its 过渡期
    rows' overflow, the classes formed grade by grade (:mod:`~.layout_years`, the one room rule
    of both plans; no row: none); a hand-made outcome without rows for it: its pupils beyond
    ``seats`` in classes of ``size``."""
    rows = {r.year: r.overflow for r in outcome.transition if (r.school_id, r.stage) == key}
    if not rows:
        return {y: rooms_needed(n, seats, size) for y, n in years.items()}
    return {y: int(rows.get(y, 0)) for y in years}


def target_classes(outcome: LayoutOutcome, key: tuple[str, str], before: int) -> tuple[int, int] | None:
    """(classes, rooms) of a school's stage (``key``) in the target year: the rooms it has
    before the plan (``before``) and the classes its 过渡期 row's overflow adds to them (the
    classes formed grade by grade, :func:`~.layout_years.overflows`, not capped by the target
    year); None without an overflow that year (its classes then not above its rooms)."""
    over = next((r.overflow for r in outcome.transition
                 if (r.school_id, r.stage, r.year) == (*key, outcome.target_year)), 0)
    return (before + int(over), before) if over > 0 else None


def classes_words(school, outcome: LayoutOutcome) -> str:
    """Why a school builds rooms, as 表3 says it beside them (brief hfourth): per stage it
    builds for (:func:`built_rooms`), its target year's pupils with the classes formed grade by
    grade and its rooms before the plan (:func:`target_classes`, the 需论证 line's rule: seats
    before = seats after − added rooms × the plan's class size); '' where none exceeds them,
    and at a new school (its rooms are its size: :func:`~.layout_newsite.sizing_notes`).

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> s = PlannedSchool("D", "第四小学", "expand", added_classrooms=2, temporary_classrooms=1,
    ...     added_classrooms_by_stage={"primary": 2}, capacity={"primary": 945}, students_after={"primary": 845})
    >>> plan = LayoutOutcome("optimal", (s,), {}, target_year=2030, rules={"class_size_primary": 45},
    ...     transition=(YearRooms(2030, "D", "primary", 845, 2, 1, 1),))
    >>> classes_words(s, plan)
    '（2030 学年小学 845 人，按年级编班 21 个班、现有教室 19 间）'
    """
    words = []
    for stage, added in (school.added_classrooms_by_stage or {}).items() if school.action != "new" else ():
        size = int((outcome.rules or {}).get(f"class_size_{stage}") or 0)
        if not built_rooms(school, stage) or not size or stage not in STAGE_WORDS:
            continue
        seats = max(int(school.capacity.get(stage, 0)) - int(added) * size, 0)
        if got := target_classes(outcome, (school.school_id, stage), seats // size):
            words.append(f"{STAGE_WORDS[stage]} {int(school.students_after.get(stage, 0)):,} 人，"
                         f"按年级编班 {got[0]:,} 个班、现有教室 {got[1]:,} 间")
    return f"（{outcome.target_year} 学年{'；'.join(words)}）" if words else ""


def built_rooms(school, stage: str) -> int:
    """The rooms of ``stage`` a school builds: its added rooms less those met by 临时周转
    (the last rooms added; a school adding rooms to both stages has them taken from the
    stage with more), none for an expansion whose rooms are all borrowed.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("A", "甲", "expand", added_classrooms=5, temporary_classrooms=2,
    ...                   added_classrooms_by_stage={"primary": 1, "junior": 4})
    >>> built_rooms(s, "junior"), built_rooms(s, "primary")
    (2, 1)
    """
    added = {k: int(v) for k, v in (school.added_classrooms_by_stage or {}).items() if v}
    rooms = added.get(stage, 0)
    if not rooms or not school.temporary_classrooms:
        return rooms
    most = max(added, key=lambda k: (added[k], k))
    return max(rooms - int(school.temporary_classrooms), 0) if stage == most else rooms


def with_later_need(outcome: LayoutOutcome, data: CountyData, class_size: dict[str, int],
                    sites=None) -> LayoutOutcome:
    """The outcome with its new schools' sizing (:func:`~.layout_newsite.sizing_notes`), the
    crowding their wait leaves at the present schools (:mod:`~.layout_waiting`), the schools
    over their size cap year by year (:mod:`~.layout_large`) and the
    expansions that serve a peak named among its notes and in their schools' reasons
    (需论证); ``sites``: the planner's sites, whose seats before the plan the closed schools
    keep while a new school is awaited (layout_waiting)."""
    from junheng.planning.layout_footprint import footprint_notes
    from junheng.planning.layout_ground import with_ground
    from junheng.planning.layout_large import with_large
    from junheng.planning.layout_newsite import sizing_notes
    from junheng.planning.layout_sports import with_sports
    from junheng.planning.layout_waiting import with_waiting

    outcome = with_sports(with_ground(with_waiting(outcome, data, class_size, sites), data, sites), sites)
    outcome = with_large(replace(outcome, notes=(*outcome.notes, *sizing_notes(outcome),
                                                 *footprint_notes(outcome))), data, sites)
    lines = later_need_notes(data, outcome, class_size)
    if not lines:
        return outcome
    from junheng.planning.layout_forecast import pupil_basis

    note = (f"{len(lines)} 所学校的扩建，{pupil_basis(outcome.rules)}，目标学年后 {LATER} 年内学生回落，新增教室将有闲置"
            f"（需论证，可考虑临时周转或多校划片）：" + "；".join(lines.values()) + "。")
    reasons = dict(outcome.kept_reasons)
    for sid, line in lines.items():
        reasons[sid] = reasons.get(sid, "") + f"需论证：{line}，可考虑临时周转或多校划片。"
    return replace(outcome, notes=(*outcome.notes, note), kept_reasons=reasons)


def money_end(target_year: int, recurring_years: int | None = None) -> int:
    """The last school year of both plans' year tables (the 布局调整方案's 分年度财政支出 and the
    两个方案合计 table, one horizon, brief hyears 2): the last of the ``recurring_years`` from the
    target year that the 达标路径 counts its yearly items for (the unit-price file's, the shipped
    one's when None). A year table still runs on to the last year it pays in.

    >>> money_end(2030, 5), money_end(2030, 2), money_end(2030)
    (2034, 2031, 2034)
    """
    if recurring_years is None:
        from junheng.planning.compliance_costs import load_costs

        recurring_years = load_costs().recurring_years
    return int(target_year) + int(recurring_years) - 1
