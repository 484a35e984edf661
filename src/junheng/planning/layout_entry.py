"""The option of moving part of a school's entry grade to a neighbour (学区调整) instead of
borrowing rooms in the plan year (brief hcap; rv9/rv10: each stage against the schools that teach
it, within the day's travel limit): who could take the pupils, who refuses and why, in words.
Split from :mod:`~.layout_lend` (the lending of rooms), whose limits it shares
(:func:`~.layout_lend.receiver_room`).
"""

from __future__ import annotations

from dataclasses import dataclass

from junheng.planning.layout_lend import (
    _ENTRY,
    _STAGE_WORDS,
    LEND_KM,
    STAGES,
    class_size,
    is_open,
    km,
    placements,
    receiver_room,
    size_cap,
    sports_room,
    teaches,
)
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.year_pupils import pupils_at, total_at

#: the settings :func:`trip_min` times a trip with (the plan's rules, else the defaults)
_TRIP_KEYS = ("detour_factor", "speed_kmh_urban", "speed_kmh_rural", "speed_kmh_urban_bus", "school_bus_km")
_URBAN = ("111", "112")


def _setting(plan: LayoutOutcome, key: str) -> float:
    from junheng.planning.layout_config import LayoutConfig

    return float((plan.rules or {}).get(key) or LayoutConfig.model_fields[key].default)


def day_limit(plan: LayoutOutcome) -> float:
    """The plan's 走读 one-way limit in minutes (``day_travel_limit_min``)."""
    return _setting(plan, "day_travel_limit_min")


def trip_min(plan: LayoutOutcome, a: PlannedSchool, b: PlannedSchool) -> float | None:
    """One-way minutes from school ``a`` to school ``b`` as the plan times a pupil's trip
    (:func:`~.layout_config.trip_minutes`: straight line × 绕行系数 at ``a``'s 城区 or 镇村
    speed), None without a place: the pupils moved live in ``a``'s 片区.

    >>> plan = LayoutOutcome("optimal", (), {}, rules={"speed_kmh_urban": 3.9})
    >>> a = PlannedSchool("A", "甲", "keep", urban_rural_code="111", lon=112.7, lat=34.6)
    >>> b = PlannedSchool("B", "乙", "keep", lon=112.7, lat=34.6 + 0.018)
    >>> round(km(a, b), 2), round(trip_min(plan, a, b), 1)  # 2.0015 km × 1.3 ÷ 3.9 km/h × 60
    (2.0, 40.0)
    """
    from types import SimpleNamespace

    import numpy as np

    from junheng.planning.layout_config import trip_minutes

    d = km(a, b)
    if d is None:
        return None
    cfg = SimpleNamespace(**{k: _setting(plan, k) for k in _TRIP_KEYS})
    return float(trip_minutes(np.array([d]), np.array([a.urban_rural_code in _URBAN]), cfg)[0])


def takes(plan: LayoutOutcome, school: PlannedSchool, s: PlannedSchool, stage: str, pupils: int,
          years: list[int]) -> bool:
    """Whether ``s`` can take ``pupils`` of ``stage`` from ``school`` in every one of ``years``:
    within the 走读 limit (:func:`trip_min`, :func:`day_limit`: the entry grade moves as day
    pupils, 一年级 never boards) and :func:`receiver_room`."""
    minutes = trip_min(plan, school, s)
    return (minutes is not None and minutes <= day_limit(plan) + 1e-9
            and all(receiver_room(plan, s, stage, y) >= pupils for y in years))


@dataclass(frozen=True)
class Refusal:
    """The nearest school of the stage within :data:`LEND_KM` of a move with no receiver: its
    trip (:func:`trip_min`) against the 走读 ``limit`` and, where its room falls short
    (``short``), its figures in the first school year it does (its pupils then, 校额上限 or 0,
    :func:`sports_room` or None)."""

    school_id: str
    km: float
    minutes: float
    limit: float
    year: int
    pupils: int
    cap: int = 0
    sports: int | None = None
    short: bool = True


@dataclass(frozen=True)
class EntryMove:
    """Moving ``pupils`` of a school's entry grade of the target year (``classes`` classes,
    the rooms it borrows then) to ``to``: the pupils it can take per year of the cohort's stay
    (:func:`receiver_room`); ``to`` "" where no school of the stage within :data:`LEND_KM`
    and the 走读 limit can take them."""

    school_id: str
    stage: str
    classes: int
    pupils: int
    to: str
    km: float
    spare: tuple[tuple[int, int], ...]  #: (school year, the pupils the receiver can take before)
    ended: tuple[int, ...]  #: the school years the mover then borrows no room
    #: (stage, school year, rooms) it borrows before the target year with no school of the
    #: stage within :data:`LEND_KM` and the 走读 limit having seats for those classes (each
    #: stage its own; a stage without a move of its own is said with the school's first move)
    earlier: tuple[tuple[str, int, int], ...] = ()
    refused: Refusal | None = None  #: where ``to`` is ""
    minutes: float = 0.0  #: the trip to ``to`` (:func:`trip_min`)


def entry_moves(plan: LayoutOutcome) -> list[EntryMove]:
    """For each school and stage borrowing rooms in the target year that its ground cannot
    hold (:func:`placements`): the nearest school teaching the stage (:func:`teaches`) within
    :data:`LEND_KM` and the 走读 limit able to take that many classes of the entry grade
    (:func:`takes`) in every year of the cohort's stay the plan follows (brief hcity 1: a 学区调整
    of the entry grade, an option with its figures), or a move with no receiver. A school whose
    entry grade (its stage's pupils ÷ its grades) is smaller is left out."""
    from dataclasses import replace

    from junheng.planning.layout_borrow import school_borrowing
    from junheng.planning.layout_ground import temporary_stage_years

    t, by_id = plan.target_year, {s.school_id: s for s in plan.schools}
    if t is None:
        return []
    held = {p.school_id for p in placements(plan) if p.year == t}
    staged = temporary_stage_years(plan)
    out = []
    for sid, b in school_borrowing(plan).items():
        if sid not in held or sid not in by_id:
            continue
        moves = [m for st, rooms in b.target_stages.items()
                 if rooms and (m := entry_move(plan, by_id[sid], st, rooms, staged)) is not None]
        before = {st: no_seats_before(plan, by_id[sid], st, staged) for st in STAGES}
        mine = {m.stage for m in moves}
        rest = tuple(x for st in STAGES if st not in mine for x in before[st])
        out += [replace(m, earlier=before[m.stage] + (rest if k == 0 else ())) for k, m in enumerate(moves)]
    return out


def entry_move(plan: LayoutOutcome, school: PlannedSchool, stage: str, rooms: int,
               staged: dict[tuple[str, str, int], int]) -> EntryMove | None:
    """:func:`entry_moves` of one school's ``stage`` borrowing ``rooms`` in the target year."""
    t, sid = int(plan.target_year or 0), school.school_id
    _grade, grades = _ENTRY[stage]
    moved = rooms * class_size(plan, stage)
    if moved * grades > pupils_at(plan.year_pupils, t, sid).get(stage, 0):
        return None
    years = {y for y, *_ in plan.year_pupils}
    stay = [y for y in range(t, t + grades) if y in years]
    borrowing = {(k, y) for (k, _st, y), n in staged.items() if n}
    reach = sorted((d, s.school_id) for s in plan.schools if s.school_id != sid
                   and s.kind != "teaching_point" and is_open(plan, s, t) and teaches(s, stage)
                   and not any((s.school_id, y) in borrowing for y in stay)
                   and (d := km(school, s)) is not None and d <= LEND_KM)
    by_id = {s.school_id: s for s in plan.schools}
    near = [(d, k) for d, k in reach if takes(plan, school, by_id[k], stage, moved, stay)]
    if not near:
        return EntryMove(sid, stage, rooms, moved, "", 0.0, ((t, 0),), (),
                         refused=refused_facts(plan, school, reach, by_id, stage, moved, stay))
    d, to = near[0]
    whole = {y: sum(n for (k, _st, y2), n in staged.items() if k == sid and y2 == y) for y in stay}
    return EntryMove(sid, stage, rooms, moved, to, d,
                     tuple((y, receiver_room(plan, by_id[to], stage, y)) for y in stay),
                     tuple(y for y in stay if 0 < whole[y] <= rooms),
                     minutes=trip_min(plan, school, by_id[to]) or 0.0)


def refused_facts(plan: LayoutOutcome, school: PlannedSchool, reach: list, by_id: dict, stage: str,
                  pupils: int, stay: list[int]) -> Refusal | None:
    """:attr:`EntryMove.refused` of the nearest school in ``reach`` ((km, school) sorted): its
    trip, and its figures in the first year of ``stay`` it cannot take ``pupils`` (none: the
    trip alone refuses it)."""
    if not reach:
        return None
    d, k = reach[0]
    s = by_id[k]
    short = [y for y in stay if receiver_room(plan, s, stage, y) < pupils]
    year = short[0] if short else stay[0]
    total = total_at(plan.year_pupils, year, k)
    return Refusal(k, d, trip_min(plan, school, s) or 0.0, day_limit(plan), year, total,
                   size_cap(plan, s) or 0, sports_room(plan, s, stage, year), bool(short))


def no_seats_before(plan: LayoutOutcome, school: PlannedSchool, stage: str,
                    staged: dict[tuple[str, str, int], int]) -> tuple[tuple[str, int, int], ...]:
    """(stage, school year, rooms of the stage) ``school`` borrows before the target year when
    no other open school teaching ``stage`` (:func:`teaches`), borrowing no room itself that
    year, within :data:`LEND_KM` can take that many classes (:func:`takes`: a 学区调整 then has
    nowhere to go). Each stage is tested against its own schools (rv9: a 九年一贯制's 小学部
    rooms were tested against 初中)."""
    size, sid, out = class_size(plan, stage), school.school_id, []
    borrowing = {(k, y) for (k, _st, y), n in staged.items() if n}
    for (k, st, y), n in sorted(staged.items(), key=lambda kv: kv[0][2]):
        if k != sid or st != stage or not n or y >= (plan.target_year or 0):
            continue
        if not any(s.school_id != sid and s.kind != "teaching_point" and teaches(s, stage)
                   and is_open(plan, s, y) and (s.school_id, y) not in borrowing
                   and (d := km(school, s)) is not None and d <= LEND_KM
                   and takes(plan, school, s, stage, n * size, [y]) for s in plan.schools):
            out.append((stage, y, int(n)))
    return tuple(out)


#: what a receiver can take (:func:`receiver_room`), said with the figures
ROOM_WORDS = "可再收学生（空余学位、校额上限以内、体育运动场馆不低于标准的 85% 三者取小）"


def within_words(limit: float) -> str:
    """What a receiver must be within, said where none is.

    >>> within_words(30.0)
    '在走读单程 30 分钟以内、校额上限和达标要求内'
    """
    return f"在走读单程 {limit:g} 分钟以内、校额上限和达标要求内"


def earlier_words(m: EntryMove, limit: float) -> str:
    """'；…': :attr:`EntryMove.earlier` stage by stage (the move's own first), "" without it.

    >>> m = EntryMove("S", "junior", 2, 100, "", 0.0, ((2030, 0),), (),
    ...               (("junior", 2027, 6), ("junior", 2028, 6), ("primary", 2027, 3)))
    >>> earlier_words(m, 30.0)
    '；2027—2028 学年该校借用初中教室 6、6 间，直线 3 公里内没有初中学校在走读单程 30 分钟以内、校额上限和达标要求内容纳这些班，不能靠学区调整解决；2027 学年该校借用小学教室 3 间，直线 3 公里内没有小学在走读单程 30 分钟以内、校额上限和达标要求内容纳这些班，不能靠学区调整解决'
    """
    from junheng.planning.layout_borrow import year_span

    parts = []
    for st in sorted(STAGES, key=lambda st: st != m.stage):
        got = [(y, n) for s, y, n in m.earlier if s == st]
        if got:
            parts.append(f"{year_span([y for y, _ in got])}该校借用{_STAGE_WORDS[st]}教室 "
                         f"{'、'.join(str(n) for _, n in got)} 间，直线 {LEND_KM:.0f} 公里内没有{_schools(st)}"
                         f"{within_words(limit)}容纳这些班，不能靠学区调整解决")
    return "".join(f"；{p}" for p in parts)


def _schools(stage: str) -> str:
    return "小学" if stage == "primary" else f"{_STAGE_WORDS[stage]}学校"  # not 「小学学校」


def entry_words(m: EntryMove, names: dict[str, str], size: int, limit: float = 30.0) -> str:
    """One :class:`EntryMove` in words (``limit``: the 走读 one-way minutes, :func:`day_limit`).

    >>> m = EntryMove("S", "junior", 3, 150, "F", 0.43, ((2030, 552), (2031, 600), (2032, 640)), (2030, 2031),
    ...               minutes=2.8)
    >>> entry_words(m, {"S": "实验中学", "F": "第一初级中学"}, 50)
    '实验中学规划年 2030 学年借用初中教室 3 间，校内空地放不下；若把该校 2030 学年七年级新生 150 人（3 个班，每班按标准班额 50 人）划入第一初级中学（直线 0.4 公里，步行/乘车约 2.8 分钟；该校初中可再收学生（空余学位、校额上限以内、体育运动场馆不低于标准的 85% 三者取小）2030 学年 552 人、2031 学年 600 人、2032 学年 640 人，这批学生升级在校期间逐年划入后余 402 人、450 人、490 人），实验中学 2030—2032 学年初中各少 3 个班，2030—2031 学年不再借用'
    """
    from junheng.planning.layout_borrow import year_span

    grade, _ = _ENTRY[m.stage]
    word = _STAGE_WORDS[m.stage]
    name, to = names.get(m.school_id, m.school_id), names.get(m.to, m.to)
    first = m.spare[0][0]
    head = (f"{name}规划年 {first} 学年借用{word}教室 {m.classes} 间，校内空地放不下；若把该校 {first} 学年{grade}新生 "
            f"{m.pupils:,} 人（{m.classes} 个班，每班按标准班额 {size} 人）")
    ended = (f"，{year_span(list(m.ended))}不再借用" if m.ended else "") + earlier_words(m, limit)
    if not m.to:
        return (f"{head}划出，直线 {LEND_KM:.0f} 公里内没有{_schools(m.stage)}{within_words(limit)}容纳这些学生"
                f"{refused_words(m, names)}，不能靠学区调整解决{ended}")
    spare = "、".join(f"{y} 学年 {n:,} 人" for y, n in m.spare)
    left = "、".join(f"{n - m.pupils:,} 人" for _y, n in m.spare)
    return (f"{head}划入{to}（直线 {m.km:.1f} 公里，步行/乘车约 {m.minutes:.1f} 分钟；该校{word}{ROOM_WORDS}"
            f"{spare}，这批学生升级在校期间逐年划入后余 {left}），{name} {year_span([y for y, _ in m.spare])}{word}各少 "
            f"{m.classes} 个班{ended}")


def refused_words(m: EntryMove, names: dict[str, str]) -> str:
    """'（最近的…）': :attr:`EntryMove.refused` in words, "" without it.

    >>> m = EntryMove("S", "junior", 3, 150, "", 0.0, ((2030, 0),), (),
    ...               refused=Refusal("F", 0.445, 2.9, 30.0, 2030, 1998, 2000, 39))
    >>> refused_words(m, {"F": "第一初中"})
    '（最近的第一初中直线 0.4 公里，2030 学年 1,998 人，校额上限 2,000 人，只能再收 2 人；体育运动场馆按标准的 85% 只能再收 39 人）'
    >>> far = EntryMove("S", "primary", 1, 45, "", 0.0, ((2030, 0),), (),
    ...                 refused=Refusal("T", 2.001, 40.0, 30.0, 2030, 400, short=False))
    >>> refused_words(far, {"T": "第三小学"})
    '（最近的第三小学直线 2.0 公里，步行/乘车超过 30 分钟（单程约 40.0 分钟））'
    """
    r = m.refused
    if r is None:
        return ""
    parts = [f"步行/乘车超过 {r.limit:g} 分钟（单程约 {r.minutes:.1f} 分钟）"] if r.minutes > r.limit + 1e-9 else []
    if r.short:
        room = [f"校额上限 {r.cap:,} 人，只能再收 {max(r.cap - r.pupils, 0):,} 人" if r.cap else ""]
        if r.sports is not None:
            room.append(f"体育运动场馆按标准的 85% 只能再收 {max(r.sports, 0):,} 人")
        parts.append(f"{r.year} 学年 {r.pupils:,} 人，" + ("；".join(p for p in room if p) or "空余学位不足"))
    return f"（最近的{names.get(r.school_id, r.school_id)}直线 {r.km:.1f} 公里，{'；'.join(parts)}）"


def entry_note(plan: LayoutOutcome) -> str:
    """The plan's note on :func:`entry_moves`, "" without them."""
    moves = entry_moves(plan) if plan.year_pupils else []
    if not moves:
        return ""
    limit = day_limit(plan)
    return ("学区调整的选择（供论证，不是本方案的决定：本方案按村居整体划片，不把一所学校起始年级的部分新生划入另一所学校；"
            f"可再收学生按本方案逐年推算的学生计；接收学校须教该学段，两校间步行/乘车不超过走读单程 {limit:g} 分钟"
            "（按本方案通行时间算法，直线距离 × 绕行系数）；各校分别测算，几校同时采用时须合计接收学校的学位）：\n"
            + "；\n".join(entry_words(m, plan.names, class_size(plan, m.stage), limit) for m in moves) + "。")
