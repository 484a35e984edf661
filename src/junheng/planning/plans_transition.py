"""The layout's 过渡期临时周转 in the two plans' money (review re finding 1): one-off spending
of the year it is used in, never 建设投资 and never a school's build.

The layout plan books every 临时周转 room-year in its school year's one-off spending and
leaves it out of the 建设投资 column (:func:`~.layout_waiting.temporary_yuan`). The combined
summary keeps it on a line of its own (``layout_temporary``), so that the per-school table's
合计 is the sum of its rows (the schools' builds and one 临时周转 row) and the 建设投资 the
two plans name is the layout's 建设投资 column, not that plus the 临时周转 (a finance clerk
re-adding the column found 88 万元 nobody owned).

Money is 万元 to 0.01 as the tables show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from junheng.model import numbers
from junheng.planning.layout_outcome import LayoutOutcome

#: the kind of the rooms an open school borrows, beyond any it waits for, in the school years
#: before a room built could be in use (:func:`~.layout_years.run_start`): the documents say of
#: these years 「即使新建教室也来不及投入使用」 (:data:`~.layout_years.TOO_LATE`)
TOO_LATE_KIND = "新建教室来不及投入使用"

#: the kinds of 临时周转 room-years (:mod:`~.layout_waiting`) and what the summary calls each:
#: pupils waiting for a new school or their receiver; an open school's rooms before the rooms
#: the plan builds there stand; its other rooms in the school years no room built could be in
#: use (:data:`TOO_LATE_KIND`); from then on, the rooms it rents instead of building them (brief
#: hlabel2 1: 洛北县实验中学 builds none and rents until 2031, its 5 room-years of 2027—2028 were
#: called 「扩建教室建成前」; brief hwords 1: and then 「临时周转代替新建」); the overflow of years
#: other than the target year
TEMPORARY_KINDS = ("新建学校启用或接收学校就绪前现就读学校", "扩建教室建成前", TOO_LATE_KIND, "临时周转代替新建",
                   "规划年以外学年超出学位或按年级编班缺教室")
#: the short words of :data:`TEMPORARY_KINDS` every document's breakdown by cause says, in
#: its order (review rv8 finding 3: not all the early room-years wait for a build; brief
#: hlabel2 1: a school that builds no room is not waiting for one)
CAUSE_WORDS = {"扩建教室建成前": "扩建教室建成前",
               TOO_LATE_KIND: TOO_LATE_KIND,
               "临时周转代替新建": "临时周转代替新建",
               "新建学校启用或接收学校就绪前现就读学校": "等待新建学校或接收学校就绪",
               "规划年以外学年超出学位或按年级编班缺教室": "超出学位或按年级编班缺教室"}
#: the combined table's and the year table's name of the line
TEMPORARY_NAME = "布局调整：过渡期临时周转"


def _cents(value: float) -> int:
    return round(float(value or 0.0) * 100)


def temporary_years(plan: LayoutOutcome) -> dict[int, int]:
    """School year -> the layout's 临时周转 (cents of 万元), as its year table books it.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初中", "new", phase=4),), {},
    ...     year=2025, costs={"temporary_room_yuan": 20_000.0},
    ...     overflow=((2027, "S", "primary", 4), (2028, "S", "primary", 2)))
    >>> temporary_years(plan)
    {2027: 800, 2028: 400}

    (4 rooms × 2 万元 = 8.00 万元 = 800 cents; 2 × 2 = 4.00.)
    """
    from junheng.planning.layout_waiting import temporary_yuan

    return {y: _cents(v / 10_000) for y, v in temporary_yuan(plan).items() if _cents(v / 10_000)}


def temporary_parts(plan: LayoutOutcome) -> list[list]:
    """The layout's 临时周转 by kind: [kind, room-years, 万元] for each kind it uses, counted
    from the first school year it pays for, as :func:`~.layout_waiting.temporary_rooms`.

    E builds 2 rooms in 2029 (phase 4) and borrows 2 in 2027; K builds none and borrows 1 in
    2027, before a room built could be in use (2028: the first school year paid 2026, 2 to build):

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲中学", "expand", phase=4,
    ...     added_classrooms_by_stage={"junior": 2}), PlannedSchool("K", "乙中学", "expand", phase=2,
    ...     added_classrooms_by_stage={"junior": 1}, temporary_classrooms=1)), {}, year=2025,
    ...     costs={"temporary_room_yuan": 20_000.0},
    ...     transition=(YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10),
    ...                 YearRooms(2027, "E", "junior", 500, 2, 0, 2), YearRooms(2027, "K", "junior", 400, 1, 0, 1)),
    ...     overflow=((2026, "S", "primary", 4), (2027, "S", "primary", 1)))
    >>> temporary_parts(plan)
    [['新建学校启用或接收学校就绪前现就读学校', 10, 20.0], ['扩建教室建成前', 2, 4.0], ['新建教室来不及投入使用', 1, 2.0], ['规划年以外学年超出学位或按年级编班缺教室', 5, 10.0]]
    """
    from junheng.planning.layout_waiting import room_year_yuan

    price, out = room_year_yuan(plan), []
    for kind, rooms in temporary_kind_years(plan).items():
        if n := sum(rooms.values()):
            out.append([kind, n, _cents(n * price / 10_000) / 100])
    return out


def temporary_kind_years(plan: LayoutOutcome) -> dict[str, dict[int, int]]:
    """Kind (:data:`TEMPORARY_KINDS`) -> school year -> the layout's 临时周转 rooms of that kind,
    from the first school year it pays for: the one split by cause that the combined table's
    row (:func:`temporary_parts`) and both plans' reconciling words
    (:func:`~.layout_borrow.window_parts`, review rv8 finding 3) use.

    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, rules={"plan_date": "2026-12-05"},
    ...     overflow=((2026, "S", "primary", 4), (2027, "S", "primary", 1), (2029, "T", "junior", 2)))
    >>> temporary_kind_years(plan)
    {'新建学校启用或接收学校就绪前现就读学校': {}, '扩建教室建成前': {}, '新建教室来不及投入使用': {}, '临时周转代替新建': {}, '规划年以外学年超出学位或按年级编班缺教室': {2027: 1, 2029: 2}}

    (2026 is begun on the plan date 2026-12-05: today's situation, not the plan's money.)
    """
    from junheng.planning.layout_waiting import first_paid_year, overflow_rooms, waiting_rooms

    first = first_paid_year(plan)
    return {kind: {y: int(r) for y, r in rooms.items() if y >= first and r}
            for kind, rooms in zip(TEMPORARY_KINDS, (waiting_rooms(plan), *open_rooms_split(plan),
                                                     overflow_rooms(plan)), strict=True)}


def open_rooms_split(plan: LayoutOutcome) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """:func:`~.layout_waiting.open_temporary_rooms` in three, school year -> rooms each: those
    waiting for rooms the plan builds at the school (of the row's stage, not all standing that
    year: at most the rooms still to stand, 「扩建教室建成前」); the rest, in the school years
    before a room built could be in use (:func:`~.layout_runs.run_since`, :data:`TOO_LATE_KIND`);
    and the rest from then on, rooms the plan rents instead of building them (a school that
    builds none of the stage, or its rooms beyond those it builds: 「临时周转代替新建」). Brief
    hlabel2 1: 洛北县实验中学 builds none and rents until the target year and after; its rooms
    were counted as waiting for a build. Brief hwords 1: its rooms of 2027—2028, years the
    documents say no room built could be in use by, were counted as rented instead of built.

    E builds 4 rooms in 2029 and borrows 1 in 2028, 2 beyond its 4 in 2029; K builds none; a
    room built is in use from 2028 (the data year 2025, the first school year paid 2026, 2 to build):

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> e = PlannedSchool("E", "甲", "expand", phase=4, added_classrooms_by_stage={"junior": 5},
    ...                   temporary_classrooms=1)
    >>> k = PlannedSchool("K", "乙", "expand", phase=2, added_classrooms_by_stage={"junior": 2},
    ...                   temporary_classrooms=2)
    >>> plan = LayoutOutcome("optimal", (e, k), {}, year=2025, transition=(
    ...     YearRooms(2028, "E", "junior", 459, 1, 0, 1), YearRooms(2029, "E", "junior", 697, 6, 4, 2, 4),
    ...     YearRooms(2027, "K", "junior", 1938, 2, 0, 2), YearRooms(2028, "K", "junior", 2012, 3, 0, 3)))
    >>> open_rooms_split(plan)
    ({2028: 1}, {2027: 2}, {2028: 3, 2029: 2})
    """
    from junheng.planning.layout_runs import run_since

    by_id = {s.school_id: s for s in plan.schools}
    opens = {s.school_id: (plan.year or 0) + (s.phase or 1) for s in plan.schools if s.action == "new"}
    since = run_since(plan)
    before: dict[int, int] = {}
    too_late: dict[int, int] = {}
    instead: dict[int, int] = {}
    for r in plan.transition:
        if not r.temporary or opens.get(r.school_id, 0) > r.year:
            continue  # a new school's rows before it opens: its pupils wait elsewhere
        school = by_id.get(r.school_id)
        pending = max(_rooms_built(school, r.stage) - int(r.built), 0) if school is not None else 0
        waits = min(int(r.temporary), pending)
        rest = too_late if r.year < since else instead
        for part, n in ((before, waits), (rest, int(r.temporary) - waits)):
            if n:
                part[r.year] = part.get(r.year, 0) + n
    return dict(sorted(before.items())), dict(sorted(too_late.items())), dict(sorted(instead.items()))


def _rooms_built(school, stage: str) -> int:
    """The rooms of ``stage`` the plan builds at ``school`` (:func:`~.layout_later.built_rooms`);
    a school written without its rooms by stage: all it builds (``built_classrooms``)."""
    from junheng.planning.layout_later import built_rooms

    if school.added_classrooms_by_stage:
        return built_rooms(school, stage)
    return max(int(school.built_classrooms), 0)


def temporary_fields(plan: LayoutOutcome) -> dict[str, Any]:
    """The combined summary's fields of the layout's 临时周转: its :func:`temporary_parts` and
    the school years it borrows in (brief hwin: the window said beside the room-years).

    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, costs={"temporary_room_yuan": 20_000.0},
    ...     overflow=((2027, "S", "primary", 4), (2028, "S", "primary", 1)))
    >>> temporary_fields(plan)
    {'layout_temporary_parts': [['规划年以外学年超出学位或按年级编班缺教室', 5, 10.0]], 'layout_temporary_years': [2027, 2028]}
    """
    from junheng.planning.layout_waiting import temporary_rooms

    return {"layout_temporary_parts": temporary_parts(plan),
            "layout_temporary_years": [int(y) for y, n in temporary_rooms(plan).items() if n]}


def temporary_label(doc: Mapping[str, Any]) -> str:
    """The 临时周转 row's name with its parts and the school years they fall in (the per-school
    table's first column).

    >>> temporary_label({"layout_temporary_parts": [["新建学校启用或接收学校就绪前现就读学校", 23, 46.0],
    ...                                             ["规划年以外学年超出学位或按年级编班缺教室", 11, 22.0]],
    ...                  "layout_temporary_years": [2027, 2028, 2029]})
    '布局调整：过渡期临时周转（2027—2029 学年：等待新建学校或接收学校就绪 23 间·学年 46.00 万元、超出学位或按年级编班缺教室 11 间·学年 22.00 万元；计入当年一次性投入，不计入建设投资）'
    """
    from junheng.planning.layout_borrow import year_span

    parts = cause_room_years(doc.get("layout_temporary_parts") or [])
    span = year_span(doc.get("layout_temporary_years") or [])
    parts = f"{span}：{parts}" if span and parts else parts
    return f"{TEMPORARY_NAME}（{parts + '；' if parts else ''}计入当年一次性投入，不计入建设投资）"


def cause_room_years(parts: Iterable[Sequence]) -> str:
    """The 临时周转 room-years by cause, each with its unit, in :data:`CAUSE_WORDS`' words and
    order: the one breakdown the 布局调整方案, the 整改措施 and the 达标路径工作簿 print (review
    rv25 finding 6: 「扩建教室建成前 2、临时周转代替新建 5」 had no unit and read as the 5 rooms
    the plan does not build). ``parts`` are (kind, room-years) or (kind, room-years, 万元), the
    kind in :data:`TEMPORARY_KINDS` or its short word; the caller says the school years.

    >>> cause_room_years([("新建学校启用或接收学校就绪前现就读学校", 31), ("临时周转代替新建", 5),
    ...                   ("扩建教室建成前", 2)])
    '扩建教室建成前 2 间·学年、临时周转代替新建 5 间·学年、等待新建学校或接收学校就绪 31 间·学年'
    >>> cause_room_years([["规划年以外学年超出学位或按年级编班缺教室", 1_036, 2_072.0]])
    '超出学位或按年级编班缺教室 1,036 间·学年 2,072.00 万元'
    >>> cause_room_years([])
    ''
    """
    order = list(CAUSE_WORDS.values())
    said = sorted(((CAUSE_WORDS.get(p[0], p[0]), *p[1:]) for p in parts),
                  key=lambda p: order.index(p[0]) if p[0] in order else len(order))
    return "、".join(f"{p[0]} {int(p[1]):,} 间·学年" + (f" {p[2]:,.2f} 万元" if len(p) > 2 else "")
                    for p in said)


def temporary_clause(doc: Mapping[str, Any]) -> str:
    """The summary's words for it beside the other one-off spending ('' when there is none).

    >>> temporary_clause({"layout_temporary": 88.0}), temporary_clause({})
    ('布局调整过渡期临时周转 88.00 万元（不计入建设投资）、', '')
    """
    wan = doc.get("layout_temporary") or 0.0
    return f"布局调整过渡期临时周转 {wan:,.2f} 万元（不计入建设投资）、" if _cents(wan) else ""


def temporary_table_row(doc: Mapping[str, Any], width: int) -> list | None:
    """The per-school table's 临时周转 row (xlsx cells: its 万元 in the 布局建设投资 column
    and the 一次性合计), None when the plan has none, so that the 合计 is the sum of the rows.

    >>> temporary_table_row({"layout_temporary": 88.0}, 8)[2:]
    [88.0, '', '', '', '', 88.0]
    >>> temporary_table_row({"layout_temporary": 0.0}, 8) is None
    True
    """
    wan = doc.get("layout_temporary") or 0.0
    if not _cents(wan):
        return None
    return [temporary_label(doc), "", wan, *[""] * (width - 4), wan]


def borrowed_years(plan: LayoutOutcome, split=None) -> dict[str, dict[int, tuple[int, int]]]:
    """School -> school year -> (rooms borrowed, of them the layout's) when both plans run
    together: one number per school and year (planner review: 第四中学 borrowed 2 rooms in the
    layout and 2 in the 达标路径 in the same years, nobody could tell 2 or 4). The layout's
    :func:`~.layout_waiting.borrowed_rooms`, and the 达标路径's ``split``
    (:func:`~.compliance_temporary.temporary_split`: its ``borrowed``, the larger of its need
    and the layout's rooms each year it looks at); the 达标路径 pays the rooms beyond the layout's.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, transition=(
    ...     YearRooms(2027, "D", "junior", 726, 2, 0, 2), YearRooms(2029, "D", "junior", 762, 2, 0, 2)))
    >>> import pandas as pd
    >>> split = pd.DataFrame([{"school_id": "D", "borrowed": {2029: 4, 2030: 3}}])
    >>> borrowed_years(plan, split)
    {'D': {2027: (2, 2), 2029: (4, 2), 2030: (3, 0)}}
    """
    from junheng.planning.layout_waiting import borrowed_rooms

    layout = borrowed_rooms(plan)
    theirs = {} if split is None or not len(split) else dict(
        zip(split["school_id"], split["borrowed"], strict=True))
    out: dict[str, dict[int, tuple[int, int]]] = {}
    for school in sorted({*layout, *theirs}):
        mine, more = layout.get(school, {}), theirs.get(school) or {}
        years = sorted({*mine, *more})
        out[school] = {y: (max(mine.get(y, 0), int(more.get(y, 0))), mine.get(y, 0)) for y in years}
    return out


def borrowed_text(years: Mapping[int, tuple[int, int]]) -> str:
    """A school's rooms borrowed by 临时周转 year by year (:func:`borrowed_years`), each year's
    one number with the plan that pays it ("" when none).

    >>> borrowed_text({2027: (2, 2), 2029: (4, 2), 2030: (3, 0)})
    '临时周转教室（两个方案合计，当年借用）：2027 学年 2 间（布局调整付费）、2029 学年 4 间（布局调整付费 2 间、达标路径付费 2 间）、2030 学年 3 间（达标路径付费）'
    """
    parts = []
    for year, (total, layout) in sorted(years.items()):
        if not total:
            continue
        payer = ("布局调整付费" if layout >= total else "达标路径付费" if not layout
                 else f"布局调整付费 {layout:,} 间、达标路径付费 {total - layout:,} 间")
        parts.append(f"{year} 学年 {total:,} 间（{payer}）")
    return "临时周转教室（两个方案合计，当年借用）：" + "、".join(parts) if parts else ""


def year_span(years: list[int]) -> str:
    """Which school years a figure covers (both plans book by 学年: review 2026-12-04 #12).

    >>> year_span([2030, 2031, 2032]), year_span([2026]), year_span([2026, 2028]), year_span([])
    ('2030—2032 学年', '2026 学年', '2026、2028 学年', '')
    """
    years = sorted(int(y) for y in years)
    if not years:
        return ""
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{numbers.year_range(years[0], years[-1])} 学年"
    return "、".join(str(y) for y in years) + " 学年"


def field_ground_text(plan: LayoutOutcome, actions, years: Mapping[int, tuple[int, int]]) -> str:
    """The ground a school's new 室外体育运动场地 (the 达标路径's ``field`` actions) stands on,
    to be checked on site, and the 临时周转 rooms (:func:`borrowed_years`) wanting the same
    spare ground from the field's first year of building on, both claims said together
    (review rv3 finding 8: 第一初级中学's 8,366 m² field and up to 7 装配式 rooms in 2027–28;
    each room's ground ``temporary_room_ground_m2``, 100 m² by default); "" without a field.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"item": ["field"], "quantity": [8366.0], "funding": [{"2027": 762.94}]})
    >>> plan = LayoutOutcome("optimal", (), {})
    >>> field_ground_text(plan, a, {2027: (5, 5), 2028: (7, 7)})
    '新建室外体育运动场地 8,366 平方米与 2027—2028 学年临时周转教室（至多 7 间，以装配式临时教室周转时按每间 100 平方米约 700 平方米）同用校内空地，合计约 9,066 平方米，需现场核实用地（校内空地按数据为下限，未扣除绿地、道路和退让）'
    >>> field_ground_text(plan, a, {2026: (2, 2)})
    '新建室外体育运动场地 8,366 平方米，需现场核实用地（校内空地按数据为下限，未扣除绿地、道路和退让）'
    >>> field_ground_text(plan, a.iloc[:0], {2027: (5, 5)})
    ''
    """
    from junheng.planning.layout_ground import room_m2

    fields = actions[actions["item"] == "field"] if len(actions) else actions
    if not len(fields):
        return ""
    m2 = float(fields["quantity"].sum())
    first = min(int(y) for f in fields["funding"] for y in f)
    caveat = "，需现场核实用地（校内空地按数据为下限，未扣除绿地、道路和退让）"
    rooms = {y: total for y, (total, _) in years.items() if y >= first and total}
    if not rooms:
        return f"新建室外体育运动场地 {m2:,.0f} 平方米{caveat}"
    per_room = room_m2(plan)  # one parameter for the ground of a temporary room (review rv9 4)
    most = max(rooms.values())
    text = (f"新建室外体育运动场地 {m2:,.0f} 平方米与 {year_span(sorted(rooms))}临时周转教室（至多 {most:,} 间，"
            f"以装配式临时教室周转时按每间 {per_room:,.0f} 平方米约 {most * per_room:,.0f} 平方米）同用校内空地，"
            f"合计约 {m2 + most * per_room:,.0f} 平方米")
    return text + _fit_text(plan, fields, m2, most, per_room) + caveat


def _fit_text(plan: LayoutOutcome, fields, m2: float, most: int, per_room: float) -> str:
    """Brief hb 2: how many of the rooms the school's spare ground holds beside the fields of
    both plans (the layout's receiver top-up too), the rest borrowed or rented; "" where the
    plan does not give the ground."""
    from junheng.planning.layout_ground import rooms_on_ground

    sid = str(fields["school_id"].iloc[0]) if "school_id" in fields else None
    school = next((s for s in plan.schools if s.school_id == sid), None)
    if school is None or school.spare_ground_m2 is None:
        return ""
    laid = float(school.added_sports_area) if school.action != "new" else 0.0
    whole = float(fields["built"].sum()) if "built" in fields else m2  # a field shared with 高中
    fit, left = rooms_on_ground(school.spare_ground_m2, whole + laid, most, per_room)
    spare = f"，校内空地（两个方案建设前）{school.spare_ground_m2:,.0f} 平方米"
    shared = f"（与高中共用，整块 {whole:,.0f} 平方米）" if whole > m2 + 0.5 else ""
    sports = f"室外体育运动场地 {m2:,.0f} 平方米{shared}" + (
        f"和布局调整补足接收学生的{'室外体育运动场地' if school.sports_field else '室内体育馆'} {laid:,.0f} 平方米"
        if round(laid) else "")
    if fit >= most:
        return f"{spare}，建{sports}后余 {left:,.0f} 平方米，可以容纳"
    some = f"只能搭建 {fit:,} 间，其余 {most - fit:,} 间" if fit else f"不能搭建，{most:,} 间"
    return (f"{spare}，建{sports}后余 {left:,.0f} 平方米，容纳不下：装配式临时教室在校内{some}须就近借用邻近"
            "学校校舍或租用校外用房" + _senior_ground(school.spare_ground_m2, whole, m2, laid, most, per_room))


def _senior_ground(spare: float, whole: float, m2: float, laid: float, rooms: int,
                   per_room: float) -> str:
    """Why a field shared with 高中 leaves no ground for the rooms (brief hs): the whole field
    is the compulsory part ``m2`` over the compulsory share, its 高中 part taking the ground;
    said with what the ground holds without that part (the layout's ``laid`` still on it);
    "" for a field not shared.

    >>> _senior_ground(12_701.0, 12_697.0, 2_199.0, 0.0, 2, 100.0)
    '（整块场地按义务教育阶段所需面积和义务教育占比推算，其中高中部分 10,498 平方米由高中经费安排、占去大部分空地；高中部分在临时周转结束后建设的，校内空地余 10,502 平方米，可以容纳）'
    """
    from junheng.planning.layout_ground import rooms_on_ground

    senior = whole - m2
    if senior < 0.5:
        return ""
    fit, left = rooms_on_ground(spare, m2 + laid, rooms, per_room)
    said = f"校内空地余 {left:,.0f} 平方米，{'可以容纳' if fit >= rooms else '仍容纳不下'}"
    return (f"（整块场地按义务教育阶段所需面积和义务教育占比推算，其中高中部分 {senior:,.0f} 平方米由高中经费安排、占去大部分空地；"
            f"高中部分在临时周转结束后建设的，{said}）")
