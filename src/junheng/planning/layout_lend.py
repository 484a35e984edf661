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
   what is left is rented (租用校外用房).

The option of moving part of a school's entry grade (学区调整) is :func:`entry_option`. Both
are options for the bureau with their figures, not decisions of the plan: the plan's model
zones whole communities and counts a borrowed room at its price, wherever it stands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

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
    out = {}
    for s in plan.schools:
        if s.kind == "teaching_point" or s.school_id in borrowing or not is_open(plan, s, year):
            continue
        rooms = sum(max(seats_in(plan, s, st, year) - pupils.get((s.school_id, st), 0), 0)
                    // class_size(plan, st) for st in STAGES)
        if rooms > 0:
            out[s.school_id] = rooms
    return out


def km(a: PlannedSchool, b: PlannedSchool) -> float | None:
    """Straight-line km between two schools (None without a place)."""
    from junheng.planning.layout_data import haversine_km

    if None in (a.lon, a.lat, b.lon, b.lat):
        return None
    return float(haversine_km(a.lon, a.lat, b.lon, b.lat))


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

    @property
    def rented(self) -> int:
        return self.rooms - sum(x[2] for x in self.lenders)


def placements(plan: LayoutOutcome) -> list[Placed]:
    """Every school and year with rooms its ground cannot hold, with their lenders (module
    docstring, rules 1 and 3), by school (most rooms in a year first), then year."""
    from junheng.planning.layout_ground import temporary_school_years

    by_id = {s.school_id: s for s in plan.schools}
    need: dict[int, dict[str, int]] = {}
    known = {y for y, *_ in plan.year_pupils}  # a year without pupils counted lends nothing
    for (sid, year), n in temporary_school_years(plan).items():
        if sid in by_id and year in known and (rooms := n - (own_rooms(plan, by_id[sid]) or 0)) > 0:
            need.setdefault(year, {})[sid] = rooms
    out = []
    for year, schools in sorted(need.items()):
        whole = spare_rooms(plan, year)
        spare = dict(whole)
        for sid in sorted(schools, key=lambda k: (-schools[k], k)):
            near = sorted((d, k) for k in spare if spare[k] > 0
                          and (d := km(by_id[sid], by_id[k])) is not None and d <= LEND_KM)
            lent, left = [], schools[sid]
            for d, k in near[:LENDERS]:
                if left <= 0:
                    break
                n = min(spare[k], left)
                lent.append((k, d, n, whole[k]))
                spare[k] -= n
                left -= n
            out.append(Placed(sid, year, schools[sid], tuple(lent)))
    peak = {}
    for p in out:
        peak[p.school_id] = max(peak.get(p.school_id, 0), p.rooms)
    return sorted(out, key=lambda p: (-peak[p.school_id], p.school_id, p.year))


#: what :func:`lend_note` computes, said once before the schools
LEND_HEAD = (f"临时周转教室的去向（校内空地放不下的教室；按本方案逐年推算的各校学生，借用直线 {LEND_KM:.0f} 公里内（假设值）"
             "当年本身不借用教室的学校的空余教室，空余教室 = （当年学位 − 当年学生）÷ 标准班额取整，各学段分计；"
             "最近的先借，一校的空余教室不重复借出，借不到的租用校外用房；借用须两校协商、现场核定，需论证）：")

#: what rented premises must meet, said once after the schools when one rents (review rv9 2:
#: 「租用校外用房」 named no premises and no conditions); the 采光 and 通风 of a room taught in
#: are those of GB 50099—2011, the rest the county's own rules (no national clause found)
RENT_TERMS = ("租用校外用房的条件（各校相同）：房屋经安全鉴定合格、已通过消防验收或备案（按本县校舍安全管理规定核定）；"
              "用作教室的采光、通风符合《中小学校设计规范》（GB 50099—2011）；离本校直线不超过 "
              f"{LEND_KM:.0f} 公里（假设值），更远的须安排学生接送；租期覆盖所需学年。")


def placed_words(p: Placed, names: dict[str, str], notes: dict[str, str] | None = None) -> str:
    """One school year of :func:`placements` in words; ``notes``: lender -> what its loan rests
    on (:func:`~.layout_lend_risk.project_note`), said in its brackets.

    >>> p = Placed("S", 2028, 12, (("N", 1.234, 10, 38), ("F", 2.0, 1, 1)))
    >>> placed_words(p, {"N": "新区二小", "F": "四中"})
    '2028 学年 12 间：借用新区二小 10 间（直线 1.2 公里，当年空余 38 间）、四中 1 间（直线 2.0 公里，当年空余 1 间），其余 1 间租用校外用房'
    >>> placed_words(Placed("S", 2027, 3, ()), {})
    '2027 学年 3 间：直线 3 公里内没有当年有空余教室的学校，租用校外用房'
    """
    notes = notes or {}
    lent = "、".join(f"{names.get(k, k)} {n} 间（直线 {d:.1f} 公里，当年空余 {sp} 间{notes.get(k, '')}）"
                     for k, d, n, sp in p.lenders)
    head = f"{p.year} 学年 {p.rooms} 间："
    if not lent:
        return head + f"直线 {LEND_KM:.0f} 公里内没有当年有空余教室的学校，租用校外用房"
    rest = f"，其余 {p.rented} 间租用校外用房" if p.rented else ""
    return f"{head}借用{lent}{rest}"


def lend_note(plan: LayoutOutcome) -> str:
    """The plan's note on :func:`placements`, a line a school (the Word plan's paragraphs stay
    short), "" without them (or without ``year_pupils``: a plan stored before them); a loan of
    an unfinished project's rooms says so, and 初中 classes in a 小学 get the sentence on them
    (:mod:`~.layout_lend_risk`)."""
    from junheng.planning.layout_lend_risk import (
        JUNIOR_IN_PRIMARY,
        junior_in_primary,
        project_loans,
        project_note,
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
    junior = f"\n{JUNIOR_IN_PRIMARY}。" if junior_in_primary(plan, placed) else ""
    rents = any("租用校外用房" in x for w in by.values() for x in w)
    return (LEND_HEAD + "\n" + "；\n".join(f"{plan.names.get(s, s)}：{'；'.join(w)}" for s, w in by.items())
            + "。" + (f"\n{RENT_TERMS}" if rents else "") + junior)


def stage_spare(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int) -> int:
    """``s``'s seats of ``stage`` in ``year`` less its pupils then (negative: over them)."""
    pupils = sum(n for y, k, st, n in plan.year_pupils if y == year and k == s.school_id and st == stage)
    return seats_in(plan, s, stage, year) - pupils


def size_cap(plan: LayoutOutcome, s: PlannedSchool) -> int | None:
    """The plan's 校额上限 of ``s`` (一贯制 schools their own), None where the rules give none."""
    from junheng.planning.layout_data import THROUGH_TYPES

    key = "school_size_cap_through" if s.kind in THROUGH_TYPES else "school_size_cap"
    cap = (plan.rules or {}).get(key)
    return int(cap) if cap else None


def sports_room(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int) -> int | None:
    """The pupils of ``stage`` ``s`` can take in ``year`` before its sports area per pupil falls
    below the 学校达标 floor (85 % of the standard, the rule of
    :func:`~junheng.report.compliance_floor.margin_pupils`); None without ``sports_m2``.

    Its area is the one the plans give it for its pupils after the plan: today's, or the
    per-pupil area the plans hold it to (``sports_m2``: the floor plus the margin) times those
    pupils where that is more (the 达标路径 builds it); each stage's floor a pupil is that rate
    × floor ÷ ratio (the 一贯制 split kept).

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
    floor = float(load_standard("quality-2017").school_rule.floor_ratio) / float(m2["ratio"])
    area = max(float(m2.get("now") or 0.0),
               sum(float(m2[k]) * int(n) for k, n in s.students_after.items() if k in m2))
    used = sum(float(m2[k]) * floor * n for y, sid, k, n in plan.year_pupils
               if y == year and sid == s.school_id and k in m2)
    return math.floor((area - used) / (float(m2[stage]) * floor) + 1e-9)


def receiver_room(plan: LayoutOutcome, s: PlannedSchool, stage: str, year: int) -> int:
    """The pupils of ``stage`` ``s`` can take in ``year`` (finding rv8 1: 第一初中 was offered
    150 with 「空余学位 552 个」 at 1,998 pupils of a 2,000 cap): the least of its spare seats,
    its 校额上限 less all its pupils then (:func:`size_cap`) and :func:`sports_room`."""
    cap = size_cap(plan, s)
    total = sum(n for y, k, _st, n in plan.year_pupils if y == year and k == s.school_id)
    room = [stage_spare(plan, s, stage, year), None if cap is None else cap - total,
            sports_room(plan, s, stage, year)]
    return min(r for r in room if r is not None)


@dataclass(frozen=True)
class EntryMove:
    """Moving ``pupils`` of a school's entry grade of the target year (``classes`` classes,
    the rooms it borrows then) to ``to``: the pupils it can take per year of the cohort's stay
    (:func:`receiver_room`); ``to`` "" where no school within :data:`LEND_KM` can take them."""

    school_id: str
    stage: str
    classes: int
    pupils: int
    to: str
    km: float
    spare: tuple[tuple[int, int], ...]  #: (school year, the pupils the receiver can take before)
    ended: tuple[int, ...]  #: the school years the mover then borrows no room
    #: (school year, rooms) it borrows before the target year with no school of the stage
    #: within :data:`LEND_KM` having seats for those classes
    earlier: tuple[tuple[int, int], ...] = ()
    #: where ``to`` is "": the nearest school of the stage within reach and its figures in the
    #: first year (school, km, year, its pupils, 校额上限 or 0, its sports room or None)
    refused: tuple = ()


def entry_moves(plan: LayoutOutcome) -> list[EntryMove]:
    """For each school and stage borrowing rooms in the target year that its ground cannot
    hold (:func:`placements`): the nearest school of the stage within :data:`LEND_KM` able to
    take that many classes of the entry grade (:func:`receiver_room`) in every year of the
    cohort's stay the plan follows (brief hcity 1: a 学区调整 of the entry grade, an option with
    its figures), or a move with no receiver. A school whose entry grade (its stage's pupils ÷
    its grades) is smaller is left out."""
    from junheng.planning.layout_borrow import school_borrowing
    from junheng.planning.layout_ground import temporary_school_years

    t, by_id = plan.target_year, {s.school_id: s for s in plan.schools}
    held = {p.school_id for p in placements(plan) if p.year == t}
    years = {y for y, *_ in plan.year_pupils}
    borrowed = temporary_school_years(plan)
    out = []
    for sid, b in school_borrowing(plan).items():
        for st, rooms in b.target_stages.items():
            if sid not in held or not rooms or t is None or sid not in by_id:
                continue
            _grade, grades = _ENTRY[st]
            moved = rooms * class_size(plan, st)
            if moved * grades > sum(n for y, k, g, n in plan.year_pupils if y == t and k == sid and g == st):
                continue
            stay = [y for y in range(t, t + grades) if y in years]
            reach = sorted((d, s.school_id) for s in plan.schools if s.school_id != sid
                           and s.kind != "teaching_point" and is_open(plan, s, t)
                           and int(s.lasting_capacity.get(st, 0)) > 0
                           and not any(borrowed.get((s.school_id, y), 0) for y in stay)
                           and (d := km(by_id[sid], s)) is not None and d <= LEND_KM)
            near = [(d, k) for d, k in reach if all(receiver_room(plan, by_id[k], st, y) >= moved for y in stay)]
            earlier = no_seats_before(plan, by_id[sid], st, borrowed)
            if near:
                d, to = near[0]
                out.append(EntryMove(sid, st, rooms, moved, to, d,
                                     tuple((y, receiver_room(plan, by_id[to], st, y)) for y in stay),
                                     tuple(y for y in stay if 0 < borrowed.get((sid, y), 0) <= rooms), earlier))
            else:
                out.append(EntryMove(sid, st, rooms, moved, "", 0.0, ((t, 0),), (), earlier,
                                     refused_facts(plan, reach, by_id, st, t)))
    return out


def refused_facts(plan: LayoutOutcome, reach: list, by_id: dict, stage: str, year: int) -> tuple:
    """:attr:`EntryMove.refused` of the nearest school in ``reach`` ((km, school) sorted)."""
    if not reach:
        return ()
    d, k = reach[0]
    s = by_id[k]
    total = sum(n for y, sid, _st, n in plan.year_pupils if y == year and sid == k)
    return (k, d, year, total, size_cap(plan, s) or 0, sports_room(plan, s, stage, year))


def no_seats_before(plan: LayoutOutcome, school: PlannedSchool, stage: str,
                    borrowed: dict[tuple[str, int], int]) -> tuple[tuple[int, int], ...]:
    """(school year, rooms) ``school`` borrows before the target year when no other open school
    of ``stage`` within :data:`LEND_KM` can take that many classes (:func:`receiver_room`: a
    学区调整 then has nowhere to go)."""
    size, out = class_size(plan, stage), []
    for (sid, y), n in sorted(borrowed.items(), key=lambda kv: kv[0][1]):
        if sid != school.school_id or not n or y >= (plan.target_year or 0):
            continue
        if not any(s.school_id != sid and int(s.lasting_capacity.get(stage, 0)) > 0 and is_open(plan, s, y)
                   and receiver_room(plan, s, stage, y) >= n * size
                   and (d := km(school, s)) is not None and d <= LEND_KM for s in plan.schools):
            out.append((y, int(n)))
    return tuple(out)


#: what a receiver can take (:func:`receiver_room`), said with the figures
ROOM_WORDS = "可再收学生（空余学位、校额上限以内、体育运动场馆不低于标准的 85% 三者取小）"


def entry_words(m: EntryMove, names: dict[str, str], size: int) -> str:
    """One :class:`EntryMove` in words.

    >>> m = EntryMove("S", "junior", 3, 150, "F", 0.43, ((2030, 552), (2031, 600), (2032, 640)), (2030, 2031))
    >>> entry_words(m, {"S": "实验中学", "F": "第一初级中学"}, 50)
    '实验中学规划年 2030 学年借用初中教室 3 间，校内空地放不下；若把该校 2030 学年七年级新生 150 人（3 个班，每班按标准班额 50 人）划入第一初级中学（直线 0.4 公里；该校初中可再收学生（空余学位、校额上限以内、体育运动场馆不低于标准的 85% 三者取小）2030 学年 552 人、2031 学年 600 人、2032 学年 640 人，这批学生升级在校期间逐年划入后余 402 人、450 人、490 人），实验中学 2030—2032 学年初中各少 3 个班，2030—2031 学年不再借用'
    """
    from junheng.planning.layout_borrow import year_span

    grade, _ = _ENTRY[m.stage]
    word = _STAGE_WORDS[m.stage]
    schools = "小学" if m.stage == "primary" else f"{word}学校"  # not 「小学学校」
    name, to = names.get(m.school_id, m.school_id), names.get(m.to, m.to)
    first = m.spare[0][0]
    head = (f"{name}规划年 {first} 学年借用{word}教室 {m.classes} 间，校内空地放不下；若把该校 {first} 学年{grade}新生 "
            f"{m.pupils:,} 人（{m.classes} 个班，每班按标准班额 {size} 人）")
    ended = f"，{year_span(list(m.ended))}不再借用" if m.ended else ""
    if m.earlier:
        ended += (f"；{year_span([y for y, _ in m.earlier])}该校借用 {'、'.join(str(n) for _, n in m.earlier)} 间，"
                  f"直线 {LEND_KM:.0f} 公里内没有{schools}在校额上限和达标要求内容纳这些班，不能靠学区调整解决")
    if not m.to:
        return (f"{head}划出，直线 {LEND_KM:.0f} 公里内没有{schools}在校额上限和达标要求内容纳这些学生"
                f"{refused_words(m, names)}，不能靠学区调整解决{ended}")
    spare = "、".join(f"{y} 学年 {n:,} 人" for y, n in m.spare)
    left = "、".join(f"{n - m.pupils:,} 人" for _y, n in m.spare)
    return (f"{head}划入{to}（直线 {m.km:.1f} 公里；该校{word}{ROOM_WORDS}"
            f"{spare}，这批学生升级在校期间逐年划入后余 {left}），{name} {year_span([y for y, _ in m.spare])}{word}各少 "
            f"{m.classes} 个班{ended}")


def refused_words(m: EntryMove, names: dict[str, str]) -> str:
    """'（最近的…）': :attr:`EntryMove.refused` in words, "" without it.

    >>> m = EntryMove("S", "junior", 3, 150, "", 0.0, ((2030, 0),), (), (),
    ...               ("F", 0.445, 2030, 1998, 2000, 39))
    >>> refused_words(m, {"F": "第一初中"})
    '（最近的第一初中直线 0.4 公里，2030 学年 1,998 人，校额上限 2,000 人，只能再收 2 人；体育运动场馆按标准的 85% 只能再收 39 人）'
    """
    if not m.refused:
        return ""
    k, d, year, total, cap, sports = m.refused
    parts = [f"校额上限 {cap:,} 人，只能再收 {max(cap - total, 0):,} 人" if cap else ""]
    if sports is not None:
        parts.append(f"体育运动场馆按标准的 85% 只能再收 {max(sports, 0):,} 人")
    said = "；".join(p for p in parts if p) or "空余学位不足"
    return f"（最近的{names.get(k, k)}直线 {d:.1f} 公里，{year} 学年 {total:,} 人，{said}）"


def entry_note(plan: LayoutOutcome) -> str:
    """The plan's note on :func:`entry_moves`, "" without them."""
    moves = entry_moves(plan) if plan.year_pupils else []
    if not moves:
        return ""
    return ("学区调整的选择（供论证，不是本方案的决定：本方案按村居整体划片，不把一所学校起始年级的部分新生划入另一所学校；"
            "可再收学生按本方案逐年推算的学生计；各校分别测算，几校同时采用时须合计接收学校的学位）：\n" + "；\n".join(
                entry_words(m, plan.names, class_size(plan, m.stage)) for m in moves) + "。")
