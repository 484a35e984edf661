"""Where the 临时周转 rooms a school's own ground cannot hold go (brief hcity 1: 实验中学
borrows up to 12 rooms a year with 0 m² of spare ground, and the plan said only 「须借用或租用」).

From the plan alone (``plan.json``: each school's pupils by school year, ``year_pupils``, its
seats and its place), year by year:

1. **Rooms to place elsewhere**: a school's 临时周转 rooms of the year
   (:func:`~.layout_ground.temporary_school_years`) less those its spare ground holds (the
   rule of :func:`~.layout_ground.ground_text`: what the sports builds leave, ``room_ground_m2``,
   at ``temporary_room_ground_m2`` a room; all of them where the ground is not known).
2. **Spare rooms of a neighbour**: a school open that year (a school the plan closes is shut
   from its closing year, a new school open from its first year, a project's from
   ``opens_year``), borrowing no room itself that year, not a 教学点, has per stage
   ⌊(its seats that year − its pupils) ÷ the stage's class size⌋ spare rooms (seats pooled per
   stage: the grades may need a little more), its seats that year less the rooms the plan has
   not built yet.
3. **Lenders**: the schools with spare rooms within :data:`LEND_KM` in a straight line, nearest
   first, at most :data:`LENDERS` per school and year, until its rooms are placed; the borrowing
   schools take in order of rooms (most first) and a lender's rooms lent are not lent twice;
   a lender lends a class only while the pupils on its campus (its own and the classes it
   hosts, each at its stage's class size) stay within its 校额上限 and sports floor, the limit
   of a 学区调整's receiver (:func:`campus_room`; review rv9: 实验小学 hosted classes up to
   about 2,370 pupils on a campus capped at 2,000); what is left is rented (租用校外用房).

The option of moving part of a school's entry grade (学区调整) is :mod:`~.layout_entry`. Both
are options for the bureau with their figures, not decisions of the plan: the plan's model
zones whole communities and counts a borrowed room at its price, wherever it stands.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from junheng.model.memo import per_object
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.year_pupils import pupils_at, total_at

#: straight-line km within which a school borrows a neighbour's rooms (假设值: a walk of about
#: half an hour in a 县城)
LEND_KM = 3.0
#: the lenders named per school and year
LENDERS = 3
STAGES = ("primary", "junior")
_STAGE_WORDS = {"primary": "小学", "junior": "初中"}
_ENTRY = {"primary": ("一年级", 6), "junior": ("七年级", 3)}


def class_size(plan: LayoutOutcome, stage: str) -> int:
    """The plan's standard class size of ``stage`` (the shipped standard's without it)."""
    from junheng.standards import load_class_size

    return int((plan.rules or {}).get(f"class_size_{stage}") or load_class_size().standard_class[stage])


def is_open(plan: LayoutOutcome, s: PlannedSchool, year: int) -> bool:
    """Whether ``s`` teaches in school ``year`` by the plan.

    >>> plan = LayoutOutcome("optimal", (), {}, year=2025)
    >>> [is_open(plan, PlannedSchool("C", "甲", "close", phase=3), y) for y in (2027, 2028)]
    [True, False]
    >>> [is_open(plan, PlannedSchool("P", "乙", "keep", opens_year=2027), y) for y in (2026, 2027)]
    [False, True]
    """
    start = (plan.year or 0) + (s.phase or 1)
    if s.action == "close":
        return year < start
    if s.action == "new":
        return year >= start
    return s.opens_year is None or year >= int(s.opens_year)


def seats_in(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int) -> int:
    """``s``'s lasting seats of ``stage`` in ``year``: less the rooms the plan adds that are
    not built yet (built in the school year ``plan.year`` + its phase).

    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, rules={"class_size_junior": 50})
    >>> s = PlannedSchool("E", "甲", "expand", phase=4, capacity={"junior": 900},
    ...                   added_classrooms_by_stage={"junior": 2})
    >>> seats_in(plan, s, "junior", 2028), seats_in(plan, s, "junior", 2029)
    (800, 900)
    """
    seats = int(s.lasting_capacity.get(stage, 0))
    added = int((s.added_classrooms_by_stage or {}).get(stage, 0))
    if added and s.action in ("expand", "new") and year < (plan.year or 0) + (s.phase or 1):
        seats -= added * class_size(plan, stage)
    return max(seats, 0)


def spare_rooms(plan: LayoutOutcome, year: int) -> dict[str, int]:
    """School -> its spare rooms in ``year`` (module docstring, rule 2), those with none left
    out."""
    from junheng.planning.layout_ground import temporary_school_years

    pupils = {(s, st): n for y, s, st, n in plan.year_pupils if y == year}
    borrowing = {s for (s, y), n in temporary_school_years(plan).items() if y == year and n > 0}
    rows = {(x.school_id, x.stage): x for x in plan.transition if x.year == year}
    out = {}
    for s in plan.schools:
        if s.kind == "teaching_point" or s.school_id in borrowing or not is_open(plan, s, year):
            continue
        rooms = sum(stage_free(plan, s, st, year, pupils.get((s.school_id, st), 0), rows) for st in STAGES)
        if rooms > 0:
            out[s.school_id] = rooms
    return out


def stage_free(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int, pupils: int,
               rows: Mapping[tuple[str, str], object]) -> int:
    """``s``'s spare rooms of ``stage`` in ``year`` with ``pupils``: ⌊(seats − pupils) ÷ the class
    size⌋, and no more than its rooms less its classes by grade where the 过渡期 counts them
    (``rows``: (school, stage) -> its row of the year; with an ``overflow`` its classes are the
    rooms before the plan + that overflow, the rule of 需用新增教室; review rv11 4: 第四小学 lent in 2031 the room its own
    21st class used).

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, rules={"class_size_primary": 45})
    >>> s = PlannedSchool("D", "第四小学", "expand", phase=4, capacity={"primary": 900},
    ...                   added_classrooms_by_stage={"primary": 1})
    >>> row = YearRooms(2031, "D", "primary", 800, overflow=1, built=1, temporary=0)
    >>> fewer = YearRooms(2031, "D", "primary", 800, overflow=0, built=0, temporary=0)
    >>> [stage_free(plan, s, "primary", 2031, 800, r) for r in ({}, {("D", "primary"): row}, {("D", "primary"): fewer})]
    [2, 0, 2]

    (900 seats, 800 pupils: ⌊100 ÷ 45⌋ = 2 by seats; 20 rooms, 19 of them before the plan: with
    1 class beyond them 20 − (19 + 1) = 0 spare; with none its classes fit the 19: the seats rule.)
    """
    size = class_size(plan, stage)
    free = max(seats_in(plan, s, stage, year) - pupils, 0) // size
    row = rows.get((s.school_id, stage))
    if row is None or int(row.overflow) <= 0:  # its classes within the rooms before the plan
        return free
    before = int(s.capacity.get(stage, 0)) // size - int((s.added_classrooms_by_stage or {}).get(stage, 0))
    rooms = seats_in(plan, s, stage, year) // size
    return max(min(free, rooms - before - int(row.overflow)), 0)


def km(a: PlannedSchool, b: PlannedSchool) -> float | None:
    """Straight-line km between two schools (None without a place)."""
    if None in (a.lon, a.lat, b.lon, b.lat):
        return None
    return _km(a.lon, a.lat, b.lon, b.lat)


@functools.lru_cache(maxsize=65_536)
def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """:func:`~.layout_data.haversine_km` of two places, once per pair (a plan's loans ask for
    every pair of schools per year and borrower: 380,000 times on the demo)."""
    from junheng.planning.layout_data import haversine_km

    return float(haversine_km(lon1, lat1, lon2, lat2))


def own_rooms(plan: LayoutOutcome, s: PlannedSchool) -> int | None:
    """The 装配式 rooms ``s``'s spare ground holds (rule 1), None where it is not known."""
    from junheng.planning.layout_ground import room_m2

    if s.spare_ground_m2 is None:
        return None
    left = float(s.spare_ground_m2) if s.room_ground_m2 is None else min(
        float(s.room_ground_m2), float(s.spare_ground_m2))
    return math.floor(left / room_m2(plan) + 1e-9)


@dataclass(frozen=True)
class Placed:
    """One school's rooms of one year its ground cannot hold, and where they go."""

    school_id: str
    year: int
    rooms: int
    lenders: tuple[tuple[str, float, int, int], ...]  #: (school, km, rooms lent, its spare rooms)
    #: (lender, pupils of the classes lent it: rooms × the class size of their stage)
    hosted: tuple[tuple[str, int], ...] = ()
    #: (lender, pupils on its campus that year once it has lent all its loans: its own and every
    #: class it hosts, its 校额上限 or 0)
    campus: tuple[tuple[str, int, int], ...] = ()
    #: where rooms are rented: the schools within reach with spare rooms left that one more class
    #: would put beyond :func:`campus_room` (school, spare rooms left, pupils on its campus, its
    #: 校额上限 or 0, its :func:`sports_room` then or None, the stage of that class)
    held: tuple[tuple[str, int, int, int, int | None, str], ...] = ()

    @property
    def rented(self) -> int:
        return self.rooms - sum(x[2] for x in self.lenders)


def rooms_to_place(plan: LayoutOutcome) -> dict[int, dict[str, dict[str, int]]]:
    """School year -> school -> stage -> its 临时周转 rooms its ground cannot hold (module
    docstring, rule 1); its ground holds the rooms of its 小学 classes first (the younger pupils
    stay), so those placed elsewhere are its 初中 rooms first."""
    from junheng.planning.layout_ground import temporary_school_years, temporary_stage_years

    by_id = {s.school_id: s for s in plan.schools}
    staged = temporary_stage_years(plan)
    known = {y for y, *_ in plan.year_pupils}  # a year without pupils counted lends nothing
    out: dict[int, dict[str, dict[str, int]]] = {}
    for (sid, year), n in temporary_school_years(plan).items():
        if sid not in by_id or year not in known or (left := n - (own_rooms(plan, by_id[sid]) or 0)) <= 0:
            continue
        stages = sorted({st for k, st, y in staged if (k, y) == (sid, year)}, key=lambda st: st != "junior")
        by_stage = {}
        for st in stages:
            if (rooms := min(staged[(sid, st, year)], left)) > 0:
                by_stage[st], left = rooms, left - rooms
        out.setdefault(year, {})[sid] = by_stage
    return out


def _lend(plan: LayoutOutcome, lender: PlannedSchool, year: int, left: dict[str, int], spare: int,
          hosted: dict[str, int]) -> tuple[int, int]:
    """(rooms, pupils) ``lender`` lends of ``left`` (stage -> rooms still to place) with ``spare``
    rooms free, class by class while its campus keeps :func:`campus_room` with ``hosted`` (stage
    -> pupils of the classes it hosts); ``left`` and ``hosted`` are updated."""
    rooms = pupils = 0
    for st in left:
        size = class_size(plan, st)
        room = campus_room(plan, lender, st, year, hosted)
        n = min(left[st], spare - rooms, left[st] if room is None else room // size)
        if n > 0:
            left[st] -= n
            hosted[st] = hosted.get(st, 0) + n * size
            rooms, pupils = rooms + n, pupils + n * size
    return rooms, pupils


def lend_year(plan: LayoutOutcome, year: int, need: dict[str, dict[str, int]]) -> list[Placed]:
    """The loans of ``year`` (module docstring, rule 3) of ``need`` (school -> stage -> rooms,
    :func:`rooms_to_place`): a lender lends while its own pupils and the classes it hosts stay
    within :func:`campus_room`, the limit a 学区调整's receiver keeps; else the next one."""
    by_id = {s.school_id: s for s in plan.schools}
    whole = spare_rooms(plan, year)
    spare, hosted, loans = dict(whole), {}, []
    for sid in sorted(need, key=lambda k: (-sum(need[k].values()), k)):
        left, lent, pupils = dict(need[sid]), [], []
        near = sorted((d, k) for k in spare if spare[k] > 0 and (d := km(by_id[sid], by_id[k])) is not None and d <= LEND_KM)
        for d, k in near:
            if len(lent) == LENDERS or not any(left.values()):
                break
            n, p = _lend(plan, by_id[k], year, left, spare[k], hosted.setdefault(k, {}))
            if n:
                lent.append((k, d, n, whole[k]))
                pupils.append((k, p))
                spare[k] -= n
        loans.append((sid, left, tuple(lent), tuple(pupils)))
    own = {k: total_at(plan.year_pupils, year, k) for k in spare}
    campus = {k: (k, own[k] + sum(hosted.get(k, {}).values()), size_cap(plan, by_id[k]) or 0) for k in spare}
    return [Placed(sid, year, sum(need[sid].values()), lent, pupils, tuple(campus[k] for k, *_ in lent),
                   held_back(plan, year, (sid, left), spare, hosted, campus))
            for sid, left, lent, pupils in loans]


def held_back(plan: LayoutOutcome, year: int, borrower: tuple[str, dict[str, int]], spare: dict[str, int],
              hosted: dict[str, dict[str, int]], campus: dict[str, tuple[str, int, int]]) -> tuple:
    """:attr:`Placed.held` of ``borrower`` (school, stage -> its rooms left to rent) once
    ``year``'s loans are made (``spare``: school -> rooms it has left, ``hosted``: its classes
    hosted, ``campus``: :attr:`Placed.campus` of every school with spare rooms)."""
    by_id = {s.school_id: s for s in plan.schools}
    sid, left = borrower
    st = next((k for k, n in left.items() if n > 0), None)
    if st is None:
        return ()
    out = []
    for k in sorted(spare, key=lambda k: (km(by_id[sid], by_id[k]) or math.inf, k)):
        d = km(by_id[sid], by_id[k])
        room = campus_room(plan, by_id[k], st, year, hosted.get(k, {}))
        if spare[k] > 0 and d is not None and d <= LEND_KM and room is not None and room < class_size(plan, st):
            out.append((k, spare[k], campus[k][1], campus[k][2], sports_room(plan, by_id[k], st, year, hosted.get(k)),
                        st))
    return tuple(out)


@per_object  # the notes ask for one plan's loans about 250 times on the demo
def placements(plan: LayoutOutcome) -> list[Placed]:
    """Every school and year with rooms its ground cannot hold, with their lenders (module
    docstring, rules 1 and 3, :func:`lend_year`), by school (most rooms in a year first), then
    year."""
    out = [p for year, need in sorted(rooms_to_place(plan).items()) for p in lend_year(plan, year, need)]
    peak = {}
    for p in out:
        peak[p.school_id] = max(peak.get(p.school_id, 0), p.rooms)
    return sorted(out, key=lambda p: (-peak[p.school_id], p.school_id, p.year))


#: what :func:`lend_note` computes, said once before the schools
LEND_HEAD = (f"临时周转教室的去向（校内空地放不下的教室；按本方案逐年推算的各校学生，借用直线 {LEND_KM:.0f} 公里内（假设值）"
             "当年本身不借用教室的学校的空余教室，空余教室 = （当年学位 − 当年学生）÷ 标准班额取整，各学段分计，且不多于本校当年教室减去按年级编班的班数（与过渡期「需用新增教室」同一口径）；"
             "最近的先借，一校的空余教室不重复借出；出借学校借出后的校内学生（本校学生加借用的班级，按标准班额计）"
             "须在校额上限以内、体育运动场馆不低于标准的 85%（按当年已有的面积，扩建的自建成学年起计；借用小学教室的初中学生按初中标准计；与学区调整的接收学校同一口径），否则借下一所，"
             "借不到的租用校外用房；借用须两校协商、现场核定，需论证）：")
#: why a school year's rooms find no lender
#: rooms no school lends are rented off campus; the premises are not yet found, so the plan names
#: none and says so (review rv14 4); their conditions are said once (:data:`RENT_TERMS`)
RENTED = "租用校外用房（待落实，条件见下）"
NO_LENDER = f"直线 {LEND_KM:.0f} 公里内没有当年有空余教室、且在校额上限和达标要求内可以借出的学校，{RENTED}"

#: what rented premises must meet, said once after the schools when one rents (review rv9 2:
#: 「租用校外用房」 named no premises and no conditions); the 采光 and 通风 of a room taught in
#: are those of GB 50099—2011, the rest the county's own rules (no national clause found)
RENT_TERMS = ("租用校外用房的条件（各校相同）：房屋经安全鉴定合格、已通过消防验收或备案（按本县校舍安全管理规定核定）；"
              "用作教室的采光、通风符合《中小学校设计规范》（GB 50099—2011）；离本校直线不超过 "
              f"{LEND_KM:.0f} 公里（假设值），更远的须安排学生接送；租期覆盖所需学年。")


def placed_words(p: Placed, names: dict[str, str], notes: dict[str, str] | None = None) -> str:
    """One school year of :func:`placements` in words; ``notes``: lender -> what its loan rests
    on (:func:`~.layout_lend_risk.project_note`), said in its brackets.

    >>> p = Placed("S", 2028, 12, (("N", 1.234, 10, 38), ("F", 2.0, 1, 1)), (("N", 500), ("F", 50)),
    ...            (("N", 950, 2000), ("F", 1050, 0)))
    >>> placed_words(p, {"N": "新区二小", "F": "四中"})
    '2028 学年 12 间：借用新区二小 10 间（直线 1.2 公里，当年空余 38 间，借出后校内学生 950 人，校额上限 2,000 人）、四中 1 间（直线 2.0 公里，当年空余 1 间，借出后校内学生 1,050 人），其余 1 间租用校外用房（待落实，条件见下）'
    >>> placed_words(Placed("S", 2027, 3, ()), {})
    '2027 学年 3 间：直线 3 公里内没有当年有空余教室、且在校额上限和达标要求内可以借出的学校，租用校外用房（待落实，条件见下）'
    """
    notes = notes or {}
    campus = {k: f"，借出后校内学生 {n:,} 人" + (f"，校额上限 {cap:,} 人" if cap else "") for k, n, cap in p.campus}
    lent = "、".join(f"{names.get(k, k)} {n} 间（直线 {d:.1f} 公里，当年空余 {sp} 间{campus.get(k, '')}"
                     f"{notes.get(k, '')}）" for k, d, n, sp in p.lenders)
    head = f"{p.year} 学年 {p.rooms} 间："
    if not lent:
        return head + NO_LENDER
    rest = f"，其余 {p.rented} 间{RENTED}" if p.rented else ""
    return f"{head}借用{lent}{rest}"


def lend_note(plan: LayoutOutcome) -> str:
    """The plan's note on :func:`placements`, a line a school (the Word plan's paragraphs stay
    short), "" without them (or without ``year_pupils``: a plan stored before them); a loan of
    an unfinished project's rooms says so and what renting them costs, the schools with spare
    rooms their limits hold back are named, and 初中 classes in a 小学 get the sentence on them
    (:mod:`~.layout_lend_risk`)."""
    from junheng.planning.layout_lend_risk import (
        JUNIOR_IN_PRIMARY,
        held_words,
        junior_in_primary,
        project_loans,
        project_note,
        project_risk,
    )

    if not plan.year_pupils:
        return ""
    placed = placements(plan)
    risky = project_loans(plan, placed)
    by: dict[str, list[str]] = {}
    for p in placed:
        notes = {k: project_note(plan, k, risky.get((p.school_id, p.year, k), 0)) for k, *_ in p.lenders}
        by.setdefault(p.school_id, []).append(placed_words(p, plan.names, notes))
    if not by:
        return ""
    rents = any("租用校外用房" in x for w in by.values() for x in w)
    extra = [RENT_TERMS if rents else "", f"{risk}。" if (risk := project_risk(plan, placed)) else "",
             held_words(plan, placed), f"{JUNIOR_IN_PRIMARY}。" if junior_in_primary(plan, placed) else ""]
    return (LEND_HEAD + "\n" + "；\n".join(f"{plan.names.get(s, s)}：{'；'.join(w)}" for s, w in by.items())
            + "。" + "".join(f"\n{e}" for e in extra if e))


def stage_spare(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int) -> int:
    """``s``'s seats of ``stage`` in ``year`` less its pupils then (negative: over them)."""
    pupils = pupils_at(plan.year_pupils, year, s.school_id).get(stage, 0)
    return seats_in(plan, s, stage, year) - pupils


def size_cap(plan: LayoutOutcome, s: PlannedSchool) -> int | None:
    """The plan's 校额上限 of ``s`` (一贯制 schools their own), None where the rules give none."""
    from junheng.planning.layout_data import THROUGH_TYPES

    key = "school_size_cap_through" if s.kind in THROUGH_TYPES else "school_size_cap"
    cap = (plan.rules or {}).get(key)
    return int(cap) if cap else None


def sports_room(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int,
                hosted: Mapping[str, int] | None = None, full: bool = False) -> int | None:
    """The pupils of ``stage`` ``s`` can take in ``year`` before its sports area per pupil falls
    below the 学校达标 floor (85 % of the standard, the rule of
    :func:`~junheng.report.compliance_floor.margin_pupils`; ``full``: below the area a pupil the
    plans hold it to, the floor plus the margin); None without ``sports_m2``. ``hosted``: stage
    -> pupils of other schools' classes on its campus then (a loan of rooms), counted like its own.

    Its area is the one standing in ``year`` (:func:`sports_area`); each stage's floor a pupil
    is the plans' rate × floor ÷ ratio (the 一贯制 split kept).

    >>> s = PlannedSchool("F", "第一初中", "keep", students_after={"junior": 1998},
    ...     sports_m2={"now": 9304.0, "have": 24407.784, "primary": 8.0395, "junior": 8.8434, "ratio": 0.867})
    >>> plan = LayoutOutcome("optimal", (s,), {}, year_pupils=((2030, "F", "junior", 1998),))
    >>> sports_room(plan, s, "junior", 2030)
    39

    (1,998 × 8.8434 = 17,669.1 m² > 9,304 today; the floor 8.8434 × 0.85 ÷ 0.867 = 8.67 m²
    a pupil: 17,669.1 ÷ 8.67 = 2,037.9 → 2,037 pupils, 39 more than 1,998.)
    """
    from junheng.standards import load_standard

    m2 = s.sports_m2
    if not m2 or not m2.get("ratio"):
        return None
    floor = 1.0 if full else float(load_standard("quality-2017").school_rule.floor_ratio) / float(m2["ratio"])
    area = sports_area(plan, s, year)
    rate = hosted_rates(s)
    used = sum(float(m2[k]) * floor * n for k, n in pupils_at(plan.year_pupils, year, s.school_id).items()
               if k in m2)
    used += sum(rate[k] * floor * n for k, n in (hosted or {}).items() if k in rate)
    return math.floor((area - used) / (rate[stage] * floor) + 1e-9)


def hosted_rates(s: PlannedSchool) -> dict[str, float]:
    """Stage -> the sports area a pupil of it needs on ``s``'s campus at the plans' ratio
    (``sports_m2``): its own rates, but a 初中 pupil in a 小学 at the 初中 standard (review rv11
    10: 7.01 m² a pupil in a 小学 and 8.67 m² at 第一初中 in one note; one figure, 10.2 m² ×
    the ratio, the 85 % floor of it 8.67 m²).

    >>> m2 = {"primary": 6.5025, "junior": 7.1528, "ratio": 0.867}
    >>> hosted_rates(PlannedSchool("P", "小学", "keep", capacity={"primary": 900}, sports_m2=m2))
    {'primary': 6.5025, 'junior': 8.8434}
    >>> hosted_rates(PlannedSchool("T", "一贯制", "keep", capacity={"primary": 900, "junior": 500}, sports_m2=m2))
    {'primary': 6.5025, 'junior': 7.1528}
    """
    from junheng.planning.halls import SPORTS

    m2 = s.sports_m2
    out = {k: float(m2[k]) for k in STAGES if k in m2}
    if "junior" in out and teaches(s, "primary") and not teaches(s, "junior"):
        out["junior"] = round(SPORTS["junior"] * float(m2["ratio"]), 4)
    return out


def sports_built(plan: LayoutOutcome, s: PlannedSchool) -> int:
    """The school year from which ``s`` has the sports area the plans give it: its build's
    (``plan.year`` + its phase) where the plan builds at it, else the target year (the 达标路径
    fills a kept school's own gap by then; 0 where the plan has no years)."""
    if s.phase and s.action in ("expand", "new"):
        return (plan.year or 0) + int(s.phase)
    return int(plan.target_year or 0)


def sports_area(plan: LayoutOutcome, s: PlannedSchool, year: int) -> float:
    """``s``'s sports area (m²) standing in ``year`` (review rv11 3: 新区实验学校 lent rooms in
    2027 on the 9,737 m² it has only from 2029): today's (``sports_m2.now``) before
    :func:`sports_built`; from then the area the plans give it for its pupils after the plan,
    today's or its per-pupil area (``sports_m2``: the floor plus the margin) times those pupils
    where that is more.

    >>> s = PlannedSchool("X", "新区实验学校", "expand", phase=4, students_after={"primary": 462, "junior": 681},
    ...     sports_m2={"now": 6649.0, "primary": 8.0395, "junior": 8.8434, "ratio": 0.867})
    >>> plan = LayoutOutcome("optimal", (s,), {}, year=2025, target_year=2030)
    >>> sports_area(plan, s, 2028), round(sports_area(plan, s, 2029), 1)
    (6649.0, 9736.6)

    (462 × 8.0395 + 681 × 8.8434 = 3,714.25 + 6,022.36 = 9,736.6 m² from 2029 = 2025 + 4.)
    """
    m2 = s.sports_m2
    now = float(m2.get("now") or 0.0)
    if year < sports_built(plan, s):
        return now
    return max(now, sum(float(m2[k]) * int(n) for k, n in s.students_after.items() if k in m2))


def campus_room(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int,
                hosted: Mapping[str, int] | None = None) -> int | None:
    """The pupils of ``stage`` ``s`` can have on its campus in ``year`` beyond its own and
    ``hosted`` (stage -> pupils of borrowed classes there): the lesser of its 校额上限 less all
    of them (:func:`size_cap`) and :func:`sports_room`; None where neither is known. The one
    limit of a 学区调整's receiver (:func:`receiver_room`) and of a lender (:func:`placements`,
    review rv9: 实验小学 lent rooms up to about 2,370 pupils on a campus capped at 2,000).

    >>> s = PlannedSchool("L", "实验小学", "keep", kind="primary_school")
    >>> plan = LayoutOutcome("optimal", (s,), {}, rules={"school_size_cap": 2000},
    ...                      year_pupils=((2027, "L", "primary", 1705),))
    >>> campus_room(plan, s, "junior", 2027), campus_room(plan, s, "junior", 2027, {"junior": 350})
    (295, -55)
    """
    cap = size_cap(plan, s)
    total = total_at(plan.year_pupils, year, s.school_id)
    room = [None if cap is None else cap - total - sum((hosted or {}).values()),
            sports_room(plan, s, stage, year, hosted)]
    return min((r for r in room if r is not None), default=None)


def receiver_room(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int) -> int:
    """The pupils of ``stage`` ``s`` can take in ``year`` (finding rv8 1: 第一初中 was offered
    150 with 「空余学位 552 个」 at 1,998 pupils of a 2,000 cap): the least of its spare seats
    and :func:`campus_room` (its 校额上限 less all its pupils then, and :func:`sports_room`)."""
    room = campus_room(plan, s, stage, year)
    spare = stage_spare(plan, s, stage, year)
    return spare if room is None else min(spare, room)


def teaches(s: PlannedSchool, stage: str) -> bool:
    """Whether ``s`` teaches ``stage``: it has lasting seats of it (a 初中 has no 小学 seats; a
    九年一贯制 or 完全中学 counts for the stages it has seats of).

    >>> [teaches(PlannedSchool("J", "初中", "keep", capacity={"primary": 0, "junior": 850}), st)
    ...  for st in STAGES]
    [False, True]
    """
    return int(s.lasting_capacity.get(stage, 0)) > 0

