"""The layout plan's 过渡期 as the reports show it: the 过渡期 sheet's rows and the report's
paragraph, per school year the overflows, the temporary rooms (临时周转) and the builds
(:mod:`junheng.planning.layout_years`).

>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
>>> plan = LayoutOutcome("optimal", (
...     PlannedSchool("A", "东关小学", "expand", phase=2, added_classrooms=3,
...                   capital_yuan=1_260_000, temporary_classrooms=1, temporary_yuan=420_000,
...                   spare_ground_m2=1_000),),
...     {}, year=2025, target_year=2028, transition=(
...     YearRooms(2027, "A", "primary", 500, 2, 2, 0, 2),
...     YearRooms(2028, "A", "primary", 540, 3, 2, 1, 0)))
>>> transition_text(plan)
'过渡期（按各村适龄儿童逐年推算；需用新增教室为扩建、新建学校的学生按年级以标准班额编班所需的教室超出其原有教室的间数，逐校相加（与达标路径同一口径；规划年及以前可多于方案新增的间数）；已建成新增教室为截至当年累计建成的方案新增教室，建成后不再减少，其中在用为当年学生所需的间数，其余闲置）：2027 学年，需用新增教室 2 间（已建成新增教室 2 间，其中在用 2 间），当年新建教室 2 间，建设投资 84.00 万元；2028 学年，需用新增教室 3 间（已建成新增教室 2 间，其中在用 2 间），临时周转 1 间（东关小学 1 间）、2.00 万元。临时周转用地（以装配式临时教室周转时：校内空地 = 占地面积 − 校舍建筑面积 − 体育运动场馆面积，校舍按全部建筑面积计、多层校舍的实际占地更小，故为下限；每间装配式教室占地按 100 平方米计，为假设值，含墙体、外廊和间距；各校按临时周转最多的学年计）：东关小学最多 1 间，按每间 100 平方米需 100 平方米，校内空地至少 1,000 平方米，可在校内空地搭建（具体位置须现场核定，不占用运动场、消防通道）。以临时周转代替新建，少建 1 间约省 42.00 万元，扣除这 1 间 2028 学年的周转费 2.00 万元（1 间·学年），净省约 40.00 万元。临时周转合计：临时周转最多一年 1 间（2028 学年），过渡期 2028 学年共 1 间·学年、2.00 万元；其中代替新建的 1 间（规划年 2028 学年借用：东关小学 1 间；不新建，各校在缺口的学年借用）（逐校逐年见“过渡期”表）。'
>>> phase_label(2025, 2), phase_label(None, 2), phase_label(2025, None)
('2027 学年', '第 2 期', '—')
"""

from __future__ import annotations

from collections import defaultdict

from junheng.model import numbers
from junheng.model.numbers import WAN_FROM, money
from junheng.model.numbers import wan as _wan
from junheng.planning.compliance_temporary import TEMPORARY_WAYS
from junheng.planning.layout_borrow import saving_words
from junheng.planning.layout_config import TRACED_BASIS
from junheng.planning.layout_floor import floor_topup_by_year
from junheng.planning.layout_footprint import land_first
from junheng.planning.layout_ground import ground_paragraph
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_phases import opening_years
from junheng.planning.layout_runs import start_sentence
from junheng.planning.layout_spending import (
    once_by_year,
    step_words,
    yearly_money,
)
from junheng.planning.layout_waiting import (
    overflow_rooms,
    room_price_words,
    room_year_yuan,
    temporary_rooms,
    temporary_yuan,
    waiting_rooms,
    waiting_yuan,
)
from junheng.report.layout_budget_text import budget_text
from junheng.report.layout_rent import temporary_headline
from junheng.standards import load_class_size

STAGE_WORD = {"primary": "小学", "junior": "初中"}
#: the 过渡期 paragraph's opening: what its counts are (layoutfix item 10: "学位缺口 33 间"
#: read as a shortage the plan leaves, while 33 of the 34 rooms built are in use)
#: fixtext item 1: "已建" fell after the target year (34 → 25) as rooms fell out of use; built
#: rooms never un-build, so the count is cumulative and the rooms in use are said apart
HEAD = ("过渡期（按各村适龄儿童逐年推算；需用新增教室为扩建、新建学校的学生按年级以标准班额编班所需的教室超出其原有教室的间数，逐校相加"
        "（与达标路径同一口径；规划年及以前可多于方案新增的间数）；已建成新增教室为截至当年累计建成的方案新增教室，建成后不再减少，其中在用为当年"
        "学生所需的间数，其余闲置）：")
#: the 分年度财政支出 table's heads (:func:`money_rows`)
#: the one-off and the running change each cumulated on its own, never added (review
#: 2026-12-05 finding 1: one 累计 added the closures' yearly savings to the construction)
MONEY_HEADS = ["学年", "一次性投入（万元）", f"年度运行成本变化（万元，负数为节省；{TRACED_BASIS}，另列的节省见表前说明）", "一次性投入累计（万元）",
               "年度运行成本变化累计（万元）", "当年生效的调整（撤并生效，扩建、新建投入使用）"]
#: the 分年度财政支出 column of the 保底 the county tops up once it funds the floor in full
#: (review rv10 10; :func:`~junheng.planning.layout_floor.floor_topup_by_year`)
TOPUP_HEAD = ("补足公用经费（万元，不足 {floor} 人的村小学和教学点按整改措施要求按 {floor} 人足额拨付须补足的部分，每年；"
              "撤并的学校不再补足；县财政支出，不是本方案的支出，不计入左列）")
#: the 分年度财政支出 column of the 临时周转 paid in the year of use (review rv16 9), as 整改措施 表 7
RENT_HEAD = "临时周转（万元，租赁、借用校舍，使用当年支付）"
HEADS = ["学年", "学校名称", "学段", "学生数", "需用新增教室（间）", "已建成新增教室（间，累计）", "其中在用（间）",
         "当年建设（间）", "临时周转（间）", "当年投入（万元，建设及临时周转）", "说明"]


def phase_label(data_year: int | None, phase: int | None) -> str:
    """A phase as the school year it falls in (phase t: the data year + t)."""
    if phase is None:
        return "—"
    return f"第 {phase} 期" if data_year is None else f"{data_year + phase} 学年"


def capital_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """The plan's one-off money (元) by school year: each school's capital and areas in the
    year of its phase, less its rooms met by 临时周转, and the 过渡期's 临时周转 at the present
    schools (:func:`~.layout_spending.once_by_year`)."""
    return once_by_year(plan)


def waiting_text(plan: LayoutOutcome, rows) -> str:
    """What the 过渡期 says of a new school's pupils in a year before it opens: they stay at
    their present schools (not 临时周转 at a school not yet built), and how far over their
    standard seats that puts those schools (:mod:`~junheng.planning.layout_waiting`); "" for none.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初级中学", "new", phase=4),), {},
    ...                      year=2025)
    >>> print(waiting_text(plan, [YearRooms(2027, "N", "junior", 1108, 23, 0, 23, 0, 553, 12)]))
    新建初级中学（2029 学年启用）的 1,108 名初中学生在现就读学校过渡，现就读学校学生超出标准学位 553 人（按标准班额缺教室 12 间）

    With the schools that hold them (``crowded_at``), each is named with its own figures:

    >>> from dataclasses import replace
    >>> plan = replace(plan, schools=(*plan.schools, PlannedSchool("A", "甲中学", "keep"),
    ...                               PlannedSchool("B", "乙中学", "keep")))
    >>> print(waiting_text(plan, [YearRooms(2027, "N", "junior", 1108, 23, 0, 23, 0, 553, 12,
    ...                                     (("A", 403, 9), ("B", 150, 3)))]))
    新建初级中学（2029 学年启用）的 1,108 名初中学生在现就读学校过渡，现就读学校学生超出标准学位 553 人（按标准班额缺教室 12 间：甲中学超出 403 人、缺 9 间，乙中学超出 150 人、缺 3 间）
    """
    opens = opening_years(plan)
    return "、".join(f"{plan.names.get(r.school_id, r.school_id)}（{opens[r.school_id]} 学年启用）的 "
                    f"{r.pupils:,} 名{STAGE_WORD.get(r.stage, r.stage)}学生在现就读学校过渡"
                    + (f"，现就读学校学生超出标准学位 {r.crowded:,} 人（按标准班额缺教室 "
                       f"{r.crowded_rooms} 间{_crowded_at(plan, r)}）" if r.crowded else "")
                    for r in rows)


def _crowded_at(plan: LayoutOutcome, row) -> str:
    """'：甲中学超出 403 人、缺 9 间，…' for the schools a waiting row names, a school with its
    own 过渡期 row that year counted beyond it (:func:`~.layout_waiting.present_crowding`);
    '' for none."""
    own = {r.school_id: r.temporary for r in plan.transition
           if (r.year, r.stage) == (row.year, row.stage) and r.temporary}
    return "：" + "，".join(f"{plan.names.get(sid, sid)}超出 {over:,} 人、缺 {rooms} 间"
                           + (f"（另 {own[sid]} 间计入本校行）" if sid in own else "")
                           for sid, over, rooms in row.crowded_at) if row.crowded_at else ""


def _waiting_crowd(plan: LayoutOutcome, row) -> str:
    """The 过渡期 sheet's words on a waiting row's crowding: where, how far, and its measure:
    the rooms short met by 临时周转 for the year at the plan's price of a room-year
    (:func:`~junheng.planning.layout_waiting.waiting_yuan`)."""
    if not row.crowded:
        return ""
    price = room_year_yuan(plan)
    return (f"；现就读学校超出标准学位 {row.crowded:,} 人、缺教室 {row.crowded_rooms} 间"
            f"{_crowded_at(plan, row)}；过渡措施：临时周转 {row.crowded_rooms} 间（每间每学年 "
            f"{_wan(price):,.2f} 万元，计 {_wan(row.crowded_rooms * price):,.2f} 万元，计入当年一次性投入）")


def held_text(plan: LayoutOutcome, rows) -> str:
    """What the 过渡期 says of a year's pupils waiting at open schools (their rows' ``crowded``,
    :func:`~junheng.planning.layout_waiting.held_row`): the rooms they lack there, rented.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "expand"),), {},
    ...                      costs={"temporary_room_yuan": 20_000.0})
    >>> print(held_text(plan, [YearRooms(2027, "E", "junior", 1938, 1, 0, 1, 0, 396, 8,
    ...                                  (("E", 396, 8),), waiting=396)]))
    等待转出的学生在现就读学校过渡（等待新校建成或接收学校就绪）：实验中学 396 人，超出标准学位 396 人、缺教室 8 间；共临时周转 8 间、16.00 万元
    """
    price, rooms = room_year_yuan(plan), sum(r.crowded_rooms for r in rows)
    return ("等待转出的学生在现就读学校过渡（等待新校建成或接收学校就绪）：" + "；".join(
        f"{plan.names.get(r.school_id, r.school_id)} {r.waiting:,} 人，超出标准学位 {r.crowded:,} 人、"
        f"缺教室 {r.crowded_rooms} 间" for r in rows)
        + f"；共临时周转 {rooms} 间、{money(rooms * price, WAN_FROM)}")


def waiting_gap_text(plan: LayoutOutcome) -> str:
    """What the 过渡期 does for the schools over their standard seats while a new school is
    built (review findings 10 and 1): until it opens, their rooms short are met by 临时周转 at
    the plan's price of a room-year (:func:`~junheng.planning.layout_waiting.waiting_yuan`), paid
    in each year's one-off money; "" when no waiting row is crowded.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新建初级中学", "new", phase=4),
    ...                                  PlannedSchool("A", "甲中学", "keep")), {}, year=2025,
    ...     costs={"temporary_room_yuan": 20_000.0},
    ...     transition=(YearRooms(2027, "N", "junior", 1108, 0, 0, 0, 0, 475, 10, (("A", 475, 10),)),
    ...                 YearRooms(2028, "N", "junior", 1139, 0, 0, 0, 0, 605, 13, (("A", 605, 13),))))
    >>> print(waiting_gap_text(plan))
    新建学校启用前，甲中学学生超出标准学位（缺教室 2027 学年 10 间、2028 学年 13 间，分校见上），班额超过标准班额、可能形成大班额（56 人及以上），这一状况持续到新建初级中学 2029 学年启用；过渡措施：与扩建学校同一临时周转办法，所缺教室以临时周转解决（暂用本校其他用房、调整功能室、借用邻近学校校舍或租用装配式临时用房），每间每学年 2.00 万元，共 23 间·学年、46.00 万元（2027 学年 20.00 万元、2028 学年 26.00 万元），计入各学年一次性投入和分年度财政支出；也可把这些学校部分片区在该学年划入有空余学位的学校，需论证。
    """
    opens = opening_years(plan)
    wait = [r for r in plan.transition if r.crowded or r.crowded_rooms]
    if not wait:
        return ""
    held = list(dict.fromkeys(plan.names.get(sid, sid) for r in wait for sid, *_ in r.crowded_at))
    rooms, yuan = waiting_rooms(plan), waiting_yuan(plan)
    shown = "缺教室 " + "、".join(f"{y} 学年 {n} 间" for y, n in rooms.items())
    new = "、".join(dict.fromkeys(f"{plan.names.get(r.school_id, r.school_id)} {opens[r.school_id]} 学年启用"
                                  for r in wait if opens.get(r.school_id, 0) > r.year))
    moved = "划片转入的接收学校就绪" if any(opens.get(r.school_id, 0) <= r.year for r in wait) else ""
    paid = "、".join(f"{y} 学年 {_wan(v):,.2f} 万元" for y, v in yuan.items())
    return ("、".join(w for w in ("新建学校启用" if new else "", moved) if w)
            + f"前，{'、'.join(held) or '现就读学校'}学生超出标准学位（{shown}，分校见上），"
            f"班额超过标准班额、可能形成大班额（{load_class_size().oversized_min} 人及以上），这一状况持续到"
            + "、".join(w for w in (new, moved) if w)
            + f"；过渡措施：与扩建学校同一临时周转办法，所缺教室以临时周转解决（{TEMPORARY_WAYS}），"
            f"每间每学年 {_wan(room_year_yuan(plan)):,.2f} 万元，共 {sum(rooms.values())} 间·学年、"
            f"{_wan(sum(yuan.values())):,.2f} 万元（{paid}），计入各学年一次性投入和分年度财政支出；"
            "也可把这些学校部分片区在该学年划入有空余学位的学校，需论证。")


def built_by(plan: LayoutOutcome, year: int) -> int:
    """The plan's new rooms built by school year ``year``, all schools (the rows' ``new_rooms``
    up to the year): a count that never falls, whatever the pupils do."""
    return sum(r.new_rooms for r in plan.transition if r.year <= year)


def in_use(rows) -> int:
    """Of the rooms built at ``rows``' schools, those the year's pupils fill."""
    return sum(min(r.overflow, r.built) for r in rows)


def waiting_words(row, plan: LayoutOutcome | None = None) -> str:
    """What an open school's 过渡期 row says of the pupils waiting there for a new school or
    their 划片 move (its 学生数 counts them, as the 大校额逐年 note does): the rooms they lack
    beyond the row's own, rented for the year (``crowded_rooms``, priced at ``plan``'s
    room-year), or, where a new school's row counts the school, that row's; "" for none.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> print(waiting_words(YearRooms(2027, "E", "junior", 1938, 1, 0, 1, waiting=106)))
    （学生数 2,044 人，其中等待转出 106 人（新建学校启用或接收学校就绪后转出）；需用新增教室按方案划入本校的 1,938 人计 1 间，等待转出的学生所缺教室计入新建学校行“现就读学校”临时周转）
    >>> plan = LayoutOutcome("optimal", (), {}, costs={"temporary_room_yuan": 20_000.0})
    >>> print(waiting_words(YearRooms(2027, "E", "junior", 1938, 1, 0, 1, 0, 396, 8, (("E", 396, 8),),
    ...                               waiting=396), plan))
    （学生数 2,334 人，其中等待转出 396 人（新建学校启用或接收学校就绪后转出）；需用新增教室按方案划入本校的 1,938 人计 1 间；等待转出的学生超出标准学位 396 人，另缺教室 8 间，临时周转 8 间（等待新校建成或接收学校就绪，每间每学年 2.00 万元，计 16.00 万元，计入当年一次性投入），本行临时周转共 9 间）
    """
    if not row.waiting:
        return ""
    head = (f"（学生数 {row.pupils + row.waiting:,} 人，其中等待转出 {row.waiting:,} 人（新建学校启用或接收学校就绪后"
            f"转出）；需用新增教室按方案划入本校的 {row.pupils:,} 人计 {row.overflow} 间")
    if not row.crowded_rooms:
        there = plan is None or any(r.year == row.year and r.stage == row.stage and sid == row.school_id
                                    for r in plan.transition for sid, *_ in r.crowded_at)
        return head + ("，等待转出的学生所缺教室计入新建学校行“现就读学校”临时周转）" if there
                       else "，等待转出的学生不另缺教室，本行临时周转的教室已容纳）")
    price = room_year_yuan(plan) if plan is not None else 0.0
    return (head + f"；等待转出的学生超出标准学位 {row.crowded:,} 人，另缺教室 {row.crowded_rooms} 间，"
            f"临时周转 {row.crowded_rooms} 间（等待新校建成或接收学校就绪，每间每学年 {_wan(price):,.2f} 万元，"
            f"计 {_wan(row.crowded_rooms * price):,.2f} 万元，计入当年一次性投入），"
            f"本行临时周转共 {row.temporary + row.crowded_rooms} 间）")


def _split_waiting(plan: LayoutOutcome, rows) -> tuple[list, list]:
    """``rows`` of a year: those of open schools, and those of new schools not yet open."""
    opens = opening_years(plan)
    wait = [r for r in rows if opens.get(r.school_id, 0) > r.year]
    return [r for r in rows if r not in wait], wait


#: the year's one-off money, apart from the listed schools' 合计 (review rv finding 8: a
#: 合计 of 2,928.43 万元 under a column whose one figure was 16, and 15 rooms listed of 26 paid);
#: every school renting that year is a row above it (review rv 3: 14 rooms listed of 25)
YEAR_SPENDING = "当年一次性投入（全方案：各校建设投资和全部临时周转 {rooms} 间）"
#: an overflow row's words (规划年以外学年超出学位, :mod:`~junheng.planning.layout_overload`)
OVERFLOW_ROW = "{name}（规划年以外学年{cause}，未扩建该学段，所缺教室临时周转，学生数和学位见“调整方案”该校理由）"


def overflow_rows(plan: LayoutOutcome, year: int) -> list[list]:
    """The 过渡期 sheet's rows of a year's overflow (``plan.overflow``: a stage the plan does not
    build for over its seats in a year other than the target year), one per school and stage,
    with its pupils that year (``plan.year_pupils``; blank in plans without them), its 临时周转
    rooms and their money. Its cause is the school's own, as the docx 说明 gives it
    (:meth:`~junheng.planning.layout_overload.Overload.text`): 超出学位 where its pupils are
    more than its seats, else 按年级编班缺教室 (review rv25 3: 东城小学's 685 pupils within
    720 seats read 超出学位, its 学生数 blank).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "东城小学", "keep", capacity={"primary": 720}),
    ...     PlannedSchool("C", "城关一小", "keep", capacity={"primary": 1980})), {}, costs={"temporary_room_yuan": 20000},
    ...     overflow=((2028, "E", "primary", 2), (2028, "C", "primary", 8)),
    ...     year_pupils=((2028, "E", "primary", 685), (2028, "C", "primary", 2160)))
    >>> for row in overflow_rows(plan, 2028): print(row)
    ['2028 学年', '东城小学（规划年以外学年按年级编班缺教室，未扩建该学段，所缺教室临时周转，学生数和学位见“调整方案”该校理由）', '小学', 685, 0, 0, 0, 0, 2, 4.0]
    ['2028 学年', '城关一小（规划年以外学年超出学位，未扩建该学段，所缺教室临时周转，学生数和学位见“调整方案”该校理由）', '小学', 2160, 0, 0, 0, 0, 8, 16.0]
    >>> from dataclasses import replace
    >>> overflow_rows(replace(plan, year_pupils=()), 2028)[0][1:4]
    ['东城小学（规划年以外学年超出学位或按年级编班缺教室，未扩建该学段，所缺教室临时周转，学生数和学位见“调整方案”该校理由）', '小学', '']
    """
    price = room_year_yuan(plan)
    pupils = {(y, k, g): n for y, k, g, n in plan.year_pupils}
    seats = {s.school_id: s.capacity for s in plan.schools}
    rows = []
    for y, school, stage, rooms in plan.overflow:
        if y != year or not rooms:
            continue
        n = pupils.get((y, school, stage))
        cause = ("超出学位或按年级编班缺教室" if n is None else
                 "超出学位" if n > int(seats.get(school, {}).get(stage, 0)) else "按年级编班缺教室")
        rows.append([f"{year} 学年", OVERFLOW_ROW.format(name=plan.names.get(school, school), cause=cause),
                     STAGE_WORD.get(stage, stage), "" if n is None else n, 0, 0, 0, 0, int(rooms),
                     _wan(rooms * price) or ""])
    return rows


#: the rooms built at schools not listed in a year (none of their pupils need one), so the 合计
#: of 已建成新增教室 adds up (review hd 1: 2031 listed 2 + 1 + 23 built under a 合计 of 27)
IDLE_ELSEWHERE = "其他学校（当年学生不需用新增教室，已建成的均闲置）"


def transition_rows(plan: LayoutOutcome) -> list[list]:
    """The 过渡期 sheet: per school year its schools' rows, then the year's 合计 row; a new
    school's rows before it opens count nothing and say that its pupils wait. A school's row
    gives its rooms built and of those in use; the rooms built at schools not listed that year
    (no pupil needs one) stand in a row of their own (:data:`IDLE_ELSEWHERE`), so the 合计 row,
    the rooms built by then at all schools (:func:`built_by`), is the sum of the rows above it,
    as its other columns are, the overflow rows (:func:`overflow_rows`) among them; then, in a
    year with one-off money, the whole plan's (:data:`YEAR_SPENDING`: every build's instalment
    and every 临时周转 room-year, each listed above); last the whole 过渡期's
    (:func:`temporary_headline`)."""
    names = plan.names
    capital = capital_by_year(plan)

    by_year = defaultdict(list)
    for r in plan.transition:
        by_year[r.year].append(r)
    rows: list[list] = []
    for year in sorted(set(by_year) | set(capital)):
        year_rows, wait = _split_waiting(plan, by_year.get(year, []))
        for r in by_year.get(year, []):
            # the school's name alone, what else its row says in the 说明 column (review rv15 15)
            note = (waiting_words(r, plan)[1:-1] if r not in wait else
                    f"{opening_years(plan)[r.school_id]} 学年启用前，学生在现就读学校过渡{_waiting_crowd(plan, r)}")
            rows.append([*([f"{year} 学年", names.get(r.school_id, r.school_id),
                            STAGE_WORD.get(r.stage, r.stage), r.pupils + r.waiting, r.overflow, r.built,
                            in_use([r]), r.new_rooms, r.temporary + r.crowded_rooms, ""] if r not in wait else
                           [f"{year} 学年", names.get(r.school_id, r.school_id),
                            STAGE_WORD.get(r.stage, r.stage), r.pupils, 0, 0, 0, 0,
                            r.crowded_rooms, _wan(r.crowded_rooms * room_year_yuan(plan)) or ""]),
                         *([note] if note else [])])
        over = overflow_rows(plan, year)
        rows += over
        built = built_by(plan, year)
        elsewhere = built - sum(r.built for r in year_rows)
        if elsewhere > 0:
            rows.append([f"{year} 学年", IDLE_ELSEWHERE, "", "", 0, elsewhere, 0, 0, 0, ""])
        rows.append([f"{year} 学年", "合计", "", "", sum(r.overflow for r in year_rows),
                     built, in_use(year_rows), sum(r.new_rooms for r in year_rows),
                     sum(r.temporary + r.crowded_rooms for r in year_rows)
                     + sum(r.crowded_rooms for r in wait)
                     + sum(r[8] for r in over), ""])
        if capital.get(year):
            rooms = temporary_rooms(plan).get(year, 0)
            rows.append([f"{year} 学年", YEAR_SPENDING.format(rooms=rooms), "", "", "", "", "", "",
                         rooms, _wan(capital[year])])
    if head := temporary_headline(plan):
        # the workbook's first total of the 过渡期 says its price is an assumption (review rv9 3)
        price = room_price_words(_wan(room_year_yuan(plan)))
        rows.append(["过渡期合计", f"{head}；临时周转按{price}计", "", "", "", "", "", "",
                     sum(temporary_rooms(plan).values()),
                     _wan(sum(temporary_yuan(plan).values()))])
    if said := saving_sentence(plan):  # the Word plan's sentence, word for word (brief hsave 1)
        rows.append([SAVING_LABEL, said, "", "", "", "", "", "", "", ""])
    return rows


#: The 过渡期 sheet's row of :func:`saving_sentence`: money not spent, not a spending column's sum.
SAVING_LABEL = "代替新建的节省"


def saving_sentence(plan: LayoutOutcome) -> str:
    """What the rooms met by 临时周转 instead of built save, net of their rent
    (:func:`~junheng.planning.layout_borrow.saving_words`), as one sentence: the Word plan's
    过渡期 paragraph and the workbook's 过渡期 sheet both say it; '' where no room is not built.

    >>> saving_sentence(LayoutOutcome("optimal", (), {}))
    ''
    """
    said, land = saving_words(plan), land_first(plan)  # rv28 3: building them waits on ground
    return f"以临时周转代替新建，{said}{f'（若新建，{land}）' if land else ''}。" if said else ""


def transition_text(plan: LayoutOutcome, ground: bool = True) -> str:
    """The report's paragraph: per school year the overflow, the rooms built and their
    capital, and the temporary rooms by school; "" for a plan without a 过渡期. ``ground``:
    with where the temporary rooms stand (the Word plan gives that as a table instead,
    :func:`~junheng.report.layout_sections.ground_rows`)."""
    if not plan.transition:
        return ""
    head, parts, tail = _transition_pieces(plan, ground)
    return head + "；".join("，".join(bits) for bits in parts) + "。" + tail


def transition_paragraphs(plan: LayoutOutcome, ground: bool = True) -> list[str]:
    """:func:`transition_text` as the Word plan reads it aloud (rv6 N13: one paragraph of 2,055
    characters): the definitions, a paragraph a school year, then a sentence each.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2028, transition=(
    ...     YearRooms(2027, "A", "primary", 500, 2, 2, 0, 2),))
    >>> head, year = transition_paragraphs(plan)
    >>> head[:3], head[-12:], year
    ('过渡期', '其余闲置），逐学年如下：', '2027 学年，需用新增教室 2 间（已建成新增教室 2 间，其中在用 2 间）；当年新建教室 2 间。')
    """
    if not plan.transition:
        return []
    from junheng.report.report_format import sentences

    head, parts, tail = _transition_pieces(plan, ground)
    return [head.removesuffix("：") + "，逐学年如下：",
            *(f"{year}，{'；'.join(bits)}。" for year, *bits in parts), *sentences(tail)]


def _transition_pieces(plan: LayoutOutcome, ground: bool) -> tuple[str, list[list[str]], str]:
    """The 过渡期's head, each school year's clauses (the year first) and what follows them."""
    names = plan.names
    capital, temporary = capital_by_year(plan), temporary_yuan(plan)
    # every sum in 万元, as the rest of the document (rv 12; 840,000 元 beside 42.00 万元 before)
    price, overflow = room_year_yuan(plan), overflow_rooms(plan)
    by_year = defaultdict(list)
    for r in plan.transition:
        by_year[r.year].append(r)
    parts = []
    for year in sorted(set(by_year) | set(capital)):
        rs, wait = _split_waiting(plan, by_year.get(year, []))
        bits = [f"{year} 学年"]
        if sum(r.overflow for r in rs):  # layoutfix item 10: in use, not a shortage
            bits.append(f"需用新增教室 {sum(r.overflow for r in rs)} 间" + _built_words(
                built_by(plan, year), in_use(rs)))
        if sum(r.new_rooms for r in rs):
            bits.append(f"当年新建教室 {sum(r.new_rooms for r in rs)} 间")
        if capital.get(year, 0.0) - temporary.get(year, 0.0):
            bits.append(f"建设投资 {money(capital[year] - temporary.get(year, 0.0), WAN_FROM)}")
        temp = [r for r in rs if r.temporary]
        if temp:
            both = {r.school_id for r in temp if sum(t.school_id == r.school_id for t in temp) > 1}
            bits.append(f"临时周转 {sum(r.temporary for r in temp)} 间（" + "、".join(
                f"{names.get(r.school_id, r.school_id)}"
                f"{STAGE_WORD.get(r.stage, r.stage) + '部' if r.school_id in both else ''} "
                f"{r.temporary} 间" for r in temp)
                + f"）、{money(sum(r.temporary for r in temp) * price, WAN_FROM)}")
        if overflow.get(year):
            bits.append(f"规划年以外学年超出学位或按年级编班缺教室，临时周转 {overflow[year]} 间、"
                        f"{money(overflow[year] * price, WAN_FROM)}（分校见说明）")
        if wait:
            short = sum(r.crowded_rooms for r in wait)
            bits.append(waiting_text(plan, wait) + (
                f"，现就读学校临时周转 {short} 间、{money(short * price, WAN_FROM)}" if short else ""))
        if held := [r for r in rs if r.crowded_rooms]:
            bits.append(held_text(plan, held))
        if len(bits) > 1:
            parts.append(bits)
    from junheng.planning.layout_forecast import pupil_basis

    head = HEAD.replace(pupil_basis({}, yearly=True), pupil_basis(plan.rules, yearly=True))
    text = waiting_gap_text(plan) + (ground_paragraph(plan) if ground else "")
    # money not spent, said as such (review rv3 9: 「…不建设，不计入分年投资（共 336.00 万元）」
    # two clauses after 「共 8 间·学年」, a different 8); net of their rent (review rv8 10)
    text += saving_sentence(plan)
    if total := temporary_headline(plan):
        text += f"临时周转合计：{total}（逐校逐年见“过渡期”表）。"
    return head, parts, text + start_sentence(plan)  # review rv4 4: the years no build can help, said


def _built_words(built: int, used: int) -> str:
    """'（已建成新增教室 34 间，其中在用 29 间、闲置 5 间）'; '' before any is built.

    >>> _built_words(34, 29), _built_words(8, 8), _built_words(0, 0)
    ('（已建成新增教室 34 间，其中在用 29 间、闲置 5 间）', '（已建成新增教室 8 间，其中在用 8 间）', '')
    """
    if not built:
        return ""
    idle = f"、闲置 {built - used} 间" if built > used else ""
    return f"（已建成新增教室 {built} 间，其中在用 {used} 间{idle}）"


def money_rows(plan: LayoutOutcome) -> list[list]:
    """The 分年度财政支出 table (:data:`MONEY_HEADS`), a row per school year: each 累计 adds
    the shown (rounded) 万元 of its column so far, so a reader summing the column gets it to
    the cent (it was the rounded sum of 元 and could be 0.01 off); the one-off and the running
    change are cumulated apart, never added.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "乙教学点", "close", phase=2),),
    ...     {"before": {"operating_yuan": 500_000.0}, "after": {"operating_yuan": 433_360.0}},
    ...     year=2025, target_year=2027, weights={"operating_yuan_per_school": 0})
    >>> [row[1:5] for row in money_rows(plan)]
    [[0.0, -6.66, 0.0, -6.66], [0.0, -6.66, 0.0, -13.32], [0.0, -6.66, 0.0, -19.98], [0.0, -6.66, 0.0, -26.64], [0.0, -6.66, 0.0, -33.3]]

    (2027–2031, to :func:`~.layout_later.money_end`: −66,640 元 a year is −6.664 万元, shown
    −6.66; five years of it are −33.32 万元 in 元 but −33.30 as the shown figures add up.)
    """
    rows, once, running = [], 0.0, 0.0
    money = yearly_money(plan)
    topup = floor_topup_by_year(plan, [r.year for r in money])
    rent = rented_by_year(plan)
    for r in money:
        paid = ([_wan(r.once_yuan - rent.get(r.year, 0.0)), _wan(rent.get(r.year, 0.0))] if rent
                else [_wan(r.once_yuan)])  # review rv16 9: the rents in a column of their own
        once, running = round(once + sum(paid), 2), round(running + _wan(r.running_yuan), 2)
        extra = [_wan(topup[r.year])] if topup else []  # review rv10 10: the county's floor duty
        rows.append([f"{r.year} 学年", *paid, _wan(r.running_yuan), once, running, *extra, r.starts])
    return rows


def rented_by_year(plan: LayoutOutcome) -> dict[int, float]:
    """School year -> the plan's 临时周转 (元) inside its one-off money by year, the years with
    any (:func:`~.layout_waiting.temporary_yuan`); {} when it has none."""
    return {y: v for y, v in temporary_yuan(plan).items() if round(v)}


def money_text(plan: LayoutOutcome) -> str:
    """The paragraph beside the table: when the running change starts and of what it is made;
    "" for a plan without money by year.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("P", "乙教学点", "close", phase=2),
    ...     PlannedSchool("N", "新建初级中学", "new", phase=2, capital_yuan=3_000_000.0,
    ...                   teacher_posts=2)),
    ...     {"before": {"operating_yuan": 500_000.0},
    ...      "after": {"operating_yuan": 640_000.0, "hire_staff_yuan": 200_000.0}},
    ...     year=2025, target_year=2027,
    ...     weights={"operating_yuan_per_school": 19_200, "teacher_yuan_per_year": 100_000})
    >>> print(money_text(plan))
    分年度财政支出（见“分年度财政支出”表）：一次性投入按各项建设投入使用的学年计，年度运行成本变化自撤并、新建学校生效的学年起计，不是只从规划年起计：2027 学年起新聘教师人员经费每年 20.00 万元、学生调整带来的寄宿、交通、公用经费等变化每年 -6.00 万元；至 2031 学年一次性投入累计 300.00 万元、年度运行成本变化累计 70.00 万元（两者不相加）。
    """
    rows = yearly_money(plan)
    if not rows:
        return ""
    last = money_rows(plan)[-1][2 + bool(rented_by_year(plan)):]  # from the running change on
    parts = [f"{year} 学年起{words}" for year, words in step_words(plan).items()]
    return ("分年度财政支出（见“分年度财政支出”表）：" + once_rule(plan) + "，年度运行成本变化自撤并、"
            "新建学校生效的学年起计，不是只从规划年起计：" + "；".join(parts)
            + f"；至 {rows[-1].year} 学年一次性投入累计 {last[1]:,.2f} 万元、年度运行成本变化累计 "
            f"{last[2]:,.2f} 万元（两者不相加）。"
            + budget_text(plan))


def once_rule(plan: LayoutOutcome) -> str:
    """How the table books the one-off money: in the build years before use (the plan's
    ``expansion_lead_years`` and ``new_school_lead_years``), or in the year of use for a plan
    written without them.

    >>> once_rule(LayoutOutcome("optimal", (), {}))
    '一次性投入按各项建设投入使用的学年计'
    >>> once_rule(LayoutOutcome("optimal", (), {}, rules={"expansion_lead_years": 2,
    ...                                                   "new_school_lead_years": 2}))
    '一次性投入在各项建设投入使用前的建设周期内平均安排（扩建、改扩建 2 学年，新建学校 2 学年，与达标路径的实施周期同一张表）'
    """
    if "expansion_lead_years" not in plan.rules:
        return "一次性投入按各项建设投入使用的学年计"
    lead = [int(plan.rules.get(k) or 0) for k in ("expansion_lead_years", "new_school_lead_years")]
    return (f"一次性投入在各项建设投入使用前的建设周期内平均安排（扩建、改扩建 {lead[0]} 学年，新建学校 "
            f"{lead[1]} 学年，与达标路径的实施周期同一张表）")


def money_heads(plan: LayoutOutcome) -> list[str]:
    """:data:`MONEY_HEADS` with the one-off column saying how the money is spread over the
    years (review2 B8: 3,871.26 万元 in 2027 and 3,871.27 in 2028, with no rule beside them):
    each build paid evenly over its build time before the year it is in use (the plan's
    ``expansion_lead_years``, ``new_school_lead_years``; in the year of use without them).

    >>> money_heads(LayoutOutcome("optimal", (), {}))[1]
    '一次性投入（万元，各项建设在投入使用当年拨付）'
    >>> money_heads(LayoutOutcome("optimal", (), {}, rules={"expansion_lead_years": 2,
    ...                                                    "new_school_lead_years": 2}))[1]
    '一次性投入（万元，各项建设在投入使用前 2 个学年平均拨付）'
    >>> money_heads(LayoutOutcome("optimal", (), {}, rules={"expansion_lead_years": 0,
    ...                                                    "new_school_lead_years": 3}))[1]
    '一次性投入（万元，扩建、改扩建在投入使用当年拨付，新建学校在投入使用前 3 个学年平均拨付）'
    """
    def paid(lead: int) -> str:
        return f"在投入使用前 {lead} 个学年平均拨付" if lead > 0 else "在投入使用当年拨付"

    lead = [int(plan.rules.get(k) or 0) for k in ("expansion_lead_years", "new_school_lead_years")]
    rule = (f"各项建设{paid(lead[0])}" if lead[0] == lead[1]
            else f"扩建、改扩建{paid(lead[0])}，新建学校{paid(lead[1])}")
    heads = [MONEY_HEADS[0], f"一次性投入（万元，{rule}）", *MONEY_HEADS[2:]]
    if rented_by_year(plan):  # review rv16 9: the rents are neither built nor paid ahead
        heads[1:2] = [f"建设投资（万元，{rule}）", RENT_HEAD]
        heads[4] = "一次性投入累计（万元，建设投资与临时周转之和）"
    if plan.year and ((plan.metrics or {}).get("now") or {}).get("floor_unpaid_yuan"):
        heads.insert(len(heads) - 1, TOPUP_HEAD.format(floor=numbers.trimmed((plan.weights or {}).get("funding_floor_pupils", 100))))
    return heads
