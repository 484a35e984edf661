"""The price of a 整体划片 choice (review rv10 finding 1): the plan zones each 村居 whole to one
school, and a community moved from a school with seats to a nearer one can make the nearer one
build — 锦绣社区's 407 pupils moved from 洛北县第三小学 (527 pupils left on 900 seats) to
洛北县第四小学, 0.4 km away, which then adds a room with no ground for it and buys 659 m² of land
(153.81 万元 in all).

For a school ``R`` of the plan that builds (rooms, or areas its pupils need) and takes 划片 moves
of a stage from an open school ``B`` (its ``before_school``, kept by the plan), the plan's note
names the choice and its alternative: ``B`` keeps as many of those pupils as it can take in the
target year (:func:`~.layout_lend.receiver_room`: spare seats, 校额上限, sports floor — the
limits of the plan's 学区调整); ``R``'s pupils of the stage are fewer by as many. Where ``R``
then fits in its seats before the plan and in its sports area today at the plan's area a pupil
(``sports_m2``), its build is the price of the choice: the rooms it builds (the 过渡期 rows'
``new_rooms`` at the price of its added rooms), its areas (``area_yuan``) and its 临时周转
room-years of the stage from the school year its work is in use, when the moves are there at
the latest (:func:`rent_caused`, brief hlabel2 2: 第四小学's 3 + 1 rooms of 2029—2030, 8.00 万元,
were left out of the 153.81 万元). The note is a decision for the 局务会, not a finding of the
model; nothing where no such school exists.

``B``'s limit is said twice where they differ (brief hlabel2 3: 「158」 in the 学区调整 note and
「144」 here for 第三小学 in 2030): the 学区调整 note's (:func:`~.layout_lend.receiver_room`,
the sports area at 85 % of the standard) and the one the price keeps (the plans' area a pupil,
85 % plus the margin, as ``R`` is held to), so that a school can keep the pupils without the
达标路径 adding sports area there.

Review rv27 7: the receiver's 临时周转 in the price is caused by the choice (its rooms of those
years are needed only for the moved pupils, :func:`rent_caused`) and counted among the 过渡期's
room-years too: it is said inside them (「已含在过渡期临时周转 91 间·学年中」), not to be added
twice. What keeping the pupils frees and costs at ``B``: the rooms it no longer lends ``R`` and
its loans of every year that turn into rented rooms, their rent taken from the saving (net). The other school years are checked in :mod:`~.layout_zone_years` and said in a
note of their own after the choice's (:func:`zone_year_notes`: the choice's note is one
paragraph of the document); the 表 2 row (:func:`zone_rows`) names the years that fail and
points there.
"""

from __future__ import annotations

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

STAGE_WORDS = {"primary": "小学", "junior": "初中"}


def zone_choices(plan: LayoutOutcome) -> list[dict]:
    """The 划片 choices that make a school build (module docstring), each with the figures of
    :func:`zone_price_note`."""
    from junheng.planning.layout_lend import km, receiver_room
    from junheng.planning.layout_waiting import room_year_yuan
    from junheng.planning.layout_zone_years import kept_years

    if not plan.year_pupils or not plan.target_year:
        return []
    by_id = {s.school_id: s for s in plan.schools}
    out = []
    for r in plan.schools:
        built, cost = _build_cost(plan, r)
        if r.action not in ("expand", "keep") or cost <= 0:
            continue
        for (b, stage), (moved, villages) in sorted(_moves_into(plan, r, by_id).items()):
            kept = min(moved, kept_room(plan, by_id[b], stage))
            left = int(r.students_after.get(stage, 0)) - kept
            if kept <= 0 or not _fits(plan, r, stage, left):
                continue
            rent = rent_caused(plan, r, stage, kept)
            out.append({"school": r, "from": by_id[b], "stage": stage, "moved": moved,
                        "villages": villages, "kept": kept, "left": left, "rooms": built,
                        "rooms_yuan": cost - float(r.area_yuan or 0.0),
                        "yuan": cost + sum(rent.values()) * room_year_yuan(plan), "rent": rent,
                        "room": receiver_room(plan, by_id[b], stage, int(plan.target_year)),
                        "km": km(r, by_id[b]),
                        "unlent": unlent(plan, by_id[b], stage, kept,
                                         r.school_id if int(plan.target_year) in rent else "")})
            out[-1]["years"] = kept_years(plan, out[-1])
    return out


def rent_caused(plan: LayoutOutcome, r: PlannedSchool, stage: str, kept: int) -> dict[int, int]:
    """School year -> ``r``'s 临时周转 rooms of ``stage`` (its 过渡期 rows' ``temporary``) the
    choice causes: from the school year its work is in use (the data year + its phase, when the
    划片 moves are there at the latest, :func:`~.layout_waiting.ready_years`) on, in the years its
    pupils less the ``kept`` fit its seats before the plan (:func:`seats_before`). Years before
    are left out: the moved pupils may not be there yet.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> r = PlannedSchool("R", "第四小学", "expand", phase=4, capacity={"primary": 900},
    ...                   added_classrooms_by_stage={"primary": 1})
    >>> plan = LayoutOutcome("optimal", (r,), {}, year=2025, rules={"class_size_primary": 45},
    ...     transition=(YearRooms(2028, "R", "primary", 870, 1, 0, 1), YearRooms(2029, "R", "primary", 893, 4, 1, 3),
    ...                 YearRooms(2030, "R", "primary", 845, 2, 1, 1), YearRooms(2031, "R", "primary", 1000, 4, 1, 3)))
    >>> rent_caused(plan, r, "primary", 144)
    {2029: 3, 2030: 1}

    (855 seats before its room of 45: 2029 893 − 144 = 749 and 2030 845 − 144 = 701 fit, 2031
    1,000 − 144 = 856 does not; 2028 is before its work, 2025 + 4 = 2029, is in use.)
    """
    ready = int(plan.year or 0) + int(r.phase or 1)
    seats = seats_before(plan, r, stage)
    return {x.year: int(x.temporary) for x in sorted(plan.transition, key=lambda x: x.year)
            if x.school_id == r.school_id and x.stage == stage and x.temporary and x.year >= ready
            and x.pupils + x.waiting - kept <= seats}


def kept_room(plan: LayoutOutcome, b: PlannedSchool, stage: str) -> int:
    """The pupils of ``stage`` ``b`` can keep in the target year: its
    :func:`~.layout_lend.receiver_room` with its sports area held to the area a pupil the plans
    give it (``sports_m2``: 85 % plus the margin), the rule the receiver is held to in the same
    sentence (review rv11 2: 第三小学 at 85 %, 第四小学 at 86.7 %)."""
    from junheng.planning.layout_lend import receiver_room, sports_room

    year = int(plan.target_year)
    full = sports_room(plan, b, stage, year, full=True)
    room = receiver_room(plan, b, stage, year)
    return room if full is None else min(room, full)


def unlent(plan: LayoutOutcome, b: PlannedSchool, stage: str, kept: int,
           saved: str = "", year: int | None = None) -> list[tuple[str, int]]:
    """(borrower, rooms) of ``b``'s loans of ``year`` (the target year where None;
    :func:`~.layout_lend.placements`) that no longer fit its sports area once it keeps ``kept``
    pupils of ``stage``, at the rule of :func:`kept_room` (review rv11 2: 第三小学 kept the 158
    and still lent 新区实验学校 2 rooms in 2030); class by class, those that fit first. ``saved``:
    a borrower whose rooms that year the choice saves (:func:`rent_caused`), its loan no longer
    needed."""
    from junheng.planning.layout_lend import class_size, placements, sports_room

    year, on = int(plan.target_year if year is None else year), {stage: kept}
    out = []
    for p in placements(plan):
        lent = {k: n for k, _d, n, _sp in p.lenders}.get(b.school_id, 0)
        if p.year != year or not lent or p.school_id == saved:
            continue
        size = dict(p.hosted)[b.school_id] // lent
        st = "junior" if size == class_size(plan, "junior") else "primary"
        rent = 0
        for _ in range(lent):
            room = sports_room(plan, b, st, year, on, full=True)
            if room is not None and room < size:
                rent += 1
            else:
                on[st] = on.get(st, 0) + size
        if rent:
            out.append((p.school_id, rent))
    return out


def _moves_into(plan: LayoutOutcome, r: PlannedSchool, by_id: dict
                ) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """(present school, stage) -> the target year's pupils moved into ``r`` from it by 划片 and
    their 村居 (a present school the plan keeps open)."""
    from junheng.planning.layout_data import GROUP_STAGE

    out: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for a in plan.assignments:
        b = by_id.get(a.before_school)
        if a.school_id != r.school_id or b is None or b is r or b.action not in ("keep", "expand"):
            continue
        key = (b.school_id, GROUP_STAGE[a.stage_group])
        n, names = out.get(key, (0, []))
        name = a.village_name or a.village_id
        out[key] = (n + int(a.students), names + ([name] if name not in names else []))
    return out


def _build_cost(plan: LayoutOutcome, r: PlannedSchool) -> tuple[int, float]:
    """``r``'s rooms built (the 过渡期 rows' ``new_rooms``) and what they and its areas cost (元:
    each room at its added rooms' price, ``capital_yuan`` ÷ ``added_classrooms``)."""
    built = sum(int(x.new_rooms) for x in plan.transition if x.school_id == r.school_id)
    price = r.capital_yuan / r.added_classrooms if r.added_classrooms else 0.0
    return built, built * price + float(r.area_yuan or 0.0)


def seats_before(plan: LayoutOutcome, r: PlannedSchool, stage: str) -> int:
    """``r``'s seats of ``stage`` before the plan: its capacity less the rooms the plan adds
    (built or met by 临时周转) at the plan's class size (the 扩建前学位 of the plan's notes)."""
    from junheng.planning.layout_lend import class_size

    added = int((r.added_classrooms_by_stage or {}).get(stage, 0))
    return max(int(r.capacity.get(stage, 0)) - added * class_size(plan, stage), 0)


def _fits(plan: LayoutOutcome, r: PlannedSchool, stage: str, pupils: int) -> bool:
    """Do ``pupils`` of ``stage`` fit ``r``'s seats before the plan (:func:`seats_before`) and
    its sports area today at the plan's area a pupil (:func:`sports_need`)?"""
    need = sports_need(r, stage, pupils)
    return (pupils <= seats_before(plan, r, stage) and need is not None
            and need <= float((r.sports_m2 or {}).get("now") or 0.0) + 1e-9)


def sports_need(r: PlannedSchool, stage: str, pupils: int) -> float | None:
    """The sports area (m²) ``r`` needs with ``pupils`` of ``stage`` at the plan's area a pupil
    (``sports_m2``; its other stage's pupils as the plan has them), None without it."""
    m2 = r.sports_m2 or {}
    if stage not in m2:
        return None
    return sum(float(m2[k]) * (pupils if k == stage else int(n))
               for k, n in {**r.students_after, stage: pupils}.items() if k in m2)


def zone_price_note(plan: LayoutOutcome) -> str:
    """The plan's note on :func:`zone_choices`, "" without any.

    See tests/planning/test_layout_zone_price.py for a worked county.
    """
    lines = [_line(plan, c) for c in zone_choices(plan)]
    if not lines:
        return ""
    return ("划片选择的代价（须由局务会决定：本方案按村居整体划片，下列学校因接收划片转入的学生而新建，"
            "若转入学生的原校保留其中一部分，可不建；是否保留整体划片，由局务会决定）：\n" + "；\n".join(lines) + "。")


def _line(plan: LayoutOutcome, c: dict) -> str:
    """One choice: the move, what it costs, the alternative and what it saves."""
    r, b, st, year = c["school"], c["from"], STAGE_WORDS[c["stage"]], plan.target_year
    apart = f"（两校直线相距 {c['km']:.1f} 公里）" if c["km"] is not None else ""
    rate = _per_pupil(r, c["stage"])
    return (f"{'、'.join(c['villages'])}{st}学生 {c['moved']:,} 人（{year} 学年）现在{b.name}就读，按村居整体划片划入"
            f"{r.name}{apart}；{r.name}因此{_cost_words(plan, c)}；若其中 {c['kept']:,} 人仍在{b.name}就读"
            f"（{_room_words(plan, c)}），{r.name} {year} 学年"
            f"{st} {c['left']:,} 人，在扩建前学位 {seats_before(plan, r, c['stage']):,} 个以内，体育运动场馆按"
            f"{rate}需 {sports_need(r, c['stage'], c['left']):,.0f} 平方米、现有 "
            f"{float(r.sports_m2['now']):,.0f} 平方米，{_saved_words(plan, c)}{_unlent_words(plan, c)}；代价是该片区的学生分在两校就读（不再整体划片）")


def _cost_words(plan: LayoutOutcome, c: dict, short: bool = False) -> str:
    """What the receiver builds for the move and its total: '新建普通教室 2 间 84.00 万元、…，共 199.81
    万元'; ``short``: without the rooms' count and the land (the 表 2 row)."""
    r = c["school"]
    rooms = "教室" if short else f"普通教室 {c['rooms']:,} 间"
    built = f"新建{rooms} {c['rooms_yuan'] / 10_000:,.2f} 万元" if c["rooms"] else ""
    land = (f"（其中扩充用地 {r.sports_land_area:,.0f} 平方米、{r.sports_land_yuan / 10_000:,.2f} 万元）"
            if r.sports_land_area and not short else "")
    areas = f"补足体育运动场馆等 {r.area_yuan / 10_000:,.2f} 万元{land}" if r.area_yuan else ""
    rent = _rent_words(plan, c["rent"], short)
    return f"{'、'.join(p for p in (built, areas, rent) if p)}，共 {_said_total(plan, c):,.2f} 万元"


def _saved_words(plan: LayoutOutcome, c: dict) -> str:
    """'不需新建，也不需临时周转，可省 199.81 万元'."""
    return f"不需新建{'，也不需临时周转' if c['rent'] else ''}，可省 {_said_total(plan, c):,.2f} 万元"


def zone_rows(plan: LayoutOutcome) -> list[tuple[str, str]]:
    """The 需局务会决定的事项 rows of :func:`zone_choices` (review rv26 7: 锦绣社区's 144, 199.81
    万元, was only in the note while 学府社区's 95.58 万元 had a row): the decision, then what the
    plan builds, what the alternative saves net of what it costs the present school, the years
    it breaks a rule, and where they are said year by year (rv27 6: a 局务会 reads a row, the
    note's figures of :func:`zone_price_note` in about 200 characters).

    See tests/planning/test_layout_zone_price.py for a worked county.
    """
    from junheng.planning.layout_keep_whole import years_head
    from junheng.planning.layout_zone_years import failing_words

    out = []
    for c in zone_choices(plan):
        r, b = c["school"], c["from"]
        names = "、".join(c["villages"])
        fail = failing_words(plan, c)
        see = f"；逐年见“{years_head(names, b.name)}”" if c["years"] else ""
        out.append((f"{names} {c['kept']:,} 人留在{b.name}还是划入{r.name}",
                    f"按本方案整体划入{r.name}：{_cost_words(plan, c, short=True)}；或其中 {c['kept']:,} 人留在"
                    f"{b.name}（该片区分两校就读）：可省 {_said_total(plan, c):,.2f} 万元{net_words(plan, c, short=True)}"
                    f"{f'；{fail}' if fail else ''}{see}"))
    return out


def _said_total(plan: LayoutOutcome, c: dict) -> float:
    """The total (万元) as the sum of the parts :func:`_line` prints, each at 0.01 万元, so that
    they add up to it (review rv14 N6: the room's 42.00 万元 was in the total, not in the parts)."""
    from junheng.planning.layout_waiting import room_year_yuan

    parts = (c["rooms_yuan"] if c["rooms"] else 0.0, float(c["school"].area_yuan or 0.0),
             sum(c["rent"].values()) * room_year_yuan(plan))
    return sum(round(x / 10_000, 2) for x in parts)


def _rent_words(plan: LayoutOutcome, rent: dict[int, int], short: bool = False) -> str:
    """'2029 学年临时周转 2 间·学年 4.00 万元（已含在过渡期临时周转 91 间·学年中）' of
    :func:`rent_caused`, '' without: the receiver's own room-years, counted in the 过渡期's
    (:func:`~.layout_options.temporary_facts`), said so that no reader adds them twice (rv27 7);
    ``short``: without the room-years of its own."""
    from junheng.planning.layout_borrow import year_span
    from junheng.planning.layout_options import temporary_facts
    from junheng.planning.layout_waiting import room_year_yuan

    if not rent:
        return ""
    n, total = sum(rent.values()), temporary_facts(plan)[1]
    inside = f"（已含在过渡期临时周转 {total:,} 间·学年中）" if total >= n else ""
    rooms = "" if short else f" {n:,} 间·学年"
    return f"{year_span(list(rent))}临时周转{rooms} {n * room_year_yuan(plan) / 10_000:,.2f} 万元{inside}"


def _room_words(plan: LayoutOutcome, c: dict) -> str:
    """How many pupils ``c``'s present school can keep: by the 学区调整 note's rule and, where
    the plans' area a pupil holds it to fewer, by that too (brief hlabel2 3: 第三小学 158 there,
    144 here, one school and year)."""
    b, r, st, year = c["from"], c["school"], STAGE_WORDS[c["stage"]], plan.target_year
    head = (f"该校{st} {year} 学年可再收 {c['room']:,} 人（与“学区调整的选择”同一口径：空余学位、校额上限以内、"
            "体育运动场馆不低于标准的 85% 三者取小）")
    if c["kept"] >= min(c["room"], c["moved"]):
        return head
    ratio = float(b.sports_m2.get("ratio") or 0.0)
    return (f"{head}；体育运动场馆按本方案各校补足的{_per_pupil(b, c['stage'])}（标准的 {ratio * 100:g}%，与"
            f"{r.name}同一口径）只能再收 {c['kept']:,} 人，保留后不需再补体育运动场馆")


def _per_pupil(s: PlannedSchool, stage: str) -> str:
    """``s``'s sports area a pupil of ``stage`` the plans hold it to, as said (「生均约 6.50 平方米」,
    rv13 15)."""
    from junheng.planning.layout_sports import per_pupil

    return per_pupil(float(s.sports_m2[stage]))


def _unlent_words(plan: LayoutOutcome, c: dict) -> str:
    """'；洛北县第三小学保留这些学生后，2030 学年借给…的 2 间教室须改为租用（…4.00 万元）' of
    ``c["unlent"]``, '' without (the other years': :func:`~.layout_zone_years.years_note`)."""
    from junheng.planning.layout_waiting import room_year_yuan

    if not c["unlent"]:
        return ""
    rooms = sum(n for _k, n in c["unlent"])
    who = "、".join(f"{plan.names.get(k, k)}的 {n} 间" for k, n in c["unlent"])
    price = room_year_yuan(plan)
    return (f"；{c['from'].name}保留这些学生后，{plan.target_year} 学年借给{who}教室须改为租用（每间每学年 "
            f"{price / 10_000:,.2f} 万元，共 {rooms * price / 10_000:,.2f} 万元，须从所省中扣除）")


def rented_yuan(plan: LayoutOutcome, c: dict) -> float:
    """The rent (元) of the present school's loans of every year the choice turns into rented
    rooms (:func:`~.layout_zone_years.rented_loans`)."""
    from junheng.planning.layout_waiting import room_year_yuan
    from junheng.planning.layout_zone_years import rented_loans

    return sum(n for years in rented_loans(plan, c).values() for n in years.values()) * room_year_yuan(plan)


def net_words(plan: LayoutOutcome, c: dict, short: bool = False) -> str:
    """'从所省 199.81 万元中扣除后净省 193.81 万元': the saving less the rent of :func:`rented_yuan`,
    each at 0.01 万元; ``short`` (the 表 2 row, the present school just named):
    '，扣除该校借出教室改为租用 6.00 万元，净省 193.81 万元'; '' without rent."""
    rent, total = round(rented_yuan(plan, c) / 10_000, 2), _said_total(plan, c)
    if not rent:
        return ""
    if short:
        return f"，扣除该校借出教室改为租用 {rent:,.2f} 万元，净省 {total - rent:,.2f} 万元"
    return f"从所省 {total:,.2f} 万元中扣除后净省 {total - rent:,.2f} 万元"


def zone_year_notes(plan: LayoutOutcome) -> list[str]:
    """The notes on the other school years of :func:`zone_choices`
    (:func:`~.layout_zone_years.years_note`), one a choice, after :func:`zone_price_note`.

    See tests/planning/test_layout_zone_price.py for a worked county.
    """
    from junheng.planning.layout_zone_years import years_note

    return [f"{t}。" for c in zone_choices(plan) if (t := years_note(plan, c))]
