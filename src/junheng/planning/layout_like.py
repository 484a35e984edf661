"""方案甲's new schools set against what 方案乙 (no new school) spends or leaves unmet for the
same pupils (brief hnew 3, rv9: 「该校建设投资 3,988.71 万元，方案乙同期临时周转…共 44 间·学年、
88.00 万元」 and 表7 set the whole new school against 乙's rent alone, though 乙 also builds more
rooms at other schools and leaves receivers short of sports area).

Both options place the same pupils. Each part is 方案乙's figure less 方案甲's, in 万元 as the
tables print them (0.01), so the parts add up to what is said:

1. **建设投资**: 乙's 一次性建设投资 less 甲's outside its new schools (the rooms 乙 builds at
   other schools, and the receivers' areas, less 甲's);
2. **临时周转**: 乙's 过渡期 room-years and 万元 less 甲's;
3. **体育运动场馆面积缺口**: 乙's 布局分流新增 gap less 甲's, in m² (the schools' whole m² added
   up, :func:`~.layout_options.sports_short_area`, the total every document prices), priced at
   the plan's land and field prices
   (:func:`~.layout_compare.area_cost`; not priced without them); unbuilt, it stays a gap;
4. **净额**: the new schools' 建设投资 less 1 + 2 + 3 (what 甲 spends once beyond 乙 for the
   same pupils, 乙's gap closed);
5. **每年运行支出**: 甲's less 乙's (a yearly sum, not added to the one-off ones);
6. **未计价**: the travel time (a weight, not money), said with its figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from junheng.model import numbers


@dataclass(frozen=True)
class LikeForLike:
    """The parts of the module docstring, 万元 as shown (0.01)."""

    schools_wan: float  #: the new schools' 建设投资
    build_wan: float  #: (1)
    rent_room_years: int  #: (2)
    rent_wan: float  #: (2)
    gap_m2: float  #: (3)
    gap_wan: float | None  #: (3), None without prices
    running_wan: float  #: (5)
    rooms: tuple[int, int] | None = None  #: rooms 乙 builds, 甲 outside its new schools (None: not stored)
    minutes: float = 0.0  #: 乙's pupil-minutes a year less 甲's, 万人·分钟 to 0.1
    #: the minutes differ from the difference of 表7's two totals, each rounded to 0.1
    minutes_unrounded: bool = False

    @property
    def other_wan(self) -> float:
        """1 + 2 + 3: what 乙 spends beyond 甲 outside the new schools (its gap closed)."""
        return round(self.build_wan + self.rent_wan + (self.gap_wan or 0.0), 2)

    @property
    def net_wan(self) -> float:
        """(4)."""
        return round(self.schools_wan - self.other_wan, 2)


def like_for_like(plan, mine: dict, other: dict) -> LikeForLike | None:
    """:class:`LikeForLike` of ``plan`` (方案甲, its facts ``mine``) and 方案乙's facts ``other``
    (:func:`~.layout_options.option_facts`); None without new schools or facts stored before
    them."""
    from junheng.planning.layout_area_words import sports_prices
    from junheng.planning.layout_compare import area_cost
    from junheng.planning.layout_options import sports_short_area

    keys = ("once_yuan", "operating_yuan", "temporary", "new_schools")
    if not mine.get("new_schools") or any(other.get(k) is None for k in keys) or other["new_schools"]:
        return None
    wan = numbers.wan
    schools = sum(wan(x[4]) for x in mine["new_schools"])
    gap = round(sports_short_area(other) - sports_short_area(mine), 1)
    land, _hall, field = sports_prices(plan.costs)
    priced = None if land + field <= 0 else wan(area_cost(gap, (land, field))) if gap > 0 else 0.0
    rooms = None
    if "built_rooms" in other and "built_rooms" in mine:
        rooms = (int(other["built_rooms"]), int(mine["built_rooms"]) - sum(int(x[1]) for x in mine["new_schools"]))
    minutes = minute_gap(mine, other) if other.get("travel") and mine.get("travel") else 0.0
    printed = (round(round(float(other["travel"][1]) / 10_000, 1) - round(float(mine["travel"][1]) / 10_000, 1), 1)
               if minutes else 0.0)
    return LikeForLike(
        schools, round(wan(other["once_yuan"]) - (wan(mine["once_yuan"]) - schools), 2),
        int(other["temporary"][1]) - int(mine["temporary"][1]),
        round(float(other["temporary"][2]) - float(mine["temporary"][2]), 2), gap, priced,
        round(wan(mine["operating_yuan"]) - wan(other["operating_yuan"]), 2), rooms, minutes, printed != minutes)


def minute_gap(mine: dict, other: dict) -> float:
    """方案乙's 学生单程通行时间合计 less 方案甲's in 万人·分钟 a year: the difference of the exact
    pupil-minutes, rounded once to 0.1, the figure the 通行时间折算 (万元) is priced from
    (review rv25 9: 69,368,439 − 67,377,530 = 1,990,909 人·分钟 read 「多 199.0 万人·分钟」,
    the difference of the printed 6,936.8 and 6,737.8, beside 「通行时间折算多 39.82 万元」,
    1,990,909 × 0.2 元; 199.0 × 0.2 = 39.80). The tables' totals are each rounded to 0.1
    and may differ from it by 0.1 (review rv21 had asked the opposite rule).

    >>> minute_gap({"travel": [0.0, 67_377_530.0]}, {"travel": [0.0, 69_368_439.0]})
    199.1
    >>> round(69_368_439 / 10_000, 1) - round(67_377_530 / 10_000, 1) < 199.05  # the printed ones: 199.0
    True
    """
    return round((float(other["travel"][1]) - float(mine["travel"][1])) / 10_000, 1)


def _more(v: float, unit: str = "万元", digits: int = 2) -> str:
    """'多 738.82 万元', '少 …', '相同'."""
    if not round(v, digits):
        return "相同"
    return f"{'多' if v > 0 else '少'} {numbers.number(abs(v), digits)} {unit}"


def like_parts(x: LikeForLike) -> list[str]:
    """方案乙's parts 1–3 in words (module docstring).

    >>> x = LikeForLike(3988.71, 738.82, 49, 98.0, 6602.0, 990.3, 2.27, (18, 7), 172.1)
    >>> like_parts(x)  # doctest: +NORMALIZE_WHITESPACE
    ['其他学校建设投资多 738.82 万元（新建普通教室 18 间，方案甲新建学校以外 7 间；含接收学校补足生均面积）',
     '过渡期临时周转多 49 间·学年、98.00 万元',
     '布局分流新增的体育运动场馆面积缺口多 6,602 平方米（按本方案单价补足一次约 990.30 万元，不补足则留作缺口）']
    """
    rooms = (f"新建普通教室 {x.rooms[0]:,} 间，方案甲新建学校以外 {x.rooms[1]:,} 间；" if x.rooms else "")
    rent = ("过渡期临时周转相同" if not x.rent_room_years and not round(x.rent_wan, 2) else
            f"过渡期临时周转{'多' if x.rent_wan >= 0 else '少'} {abs(x.rent_room_years):,} 间·学年、"
            f"{numbers.number(abs(x.rent_wan), 2)} 万元")
    parts = [f"其他学校建设投资{_more(x.build_wan)}（{rooms}含接收学校补足生均面积）", rent]
    if x.gap_m2:
        price = ("" if x.gap_m2 < 0 else "（未计价）" if x.gap_wan is None else
                 f"（按本方案单价补足一次约 {numbers.number(x.gap_wan, 2)} 万元，不补足则留作缺口）")
        parts.append(f"布局分流新增的体育运动场馆面积缺口{'多' if x.gap_m2 > 0 else '少'} "
                     f"{numbers.trimmed(abs(x.gap_m2), 1)} 平方米{price}")
    return parts


def net_words(x: LikeForLike) -> str:
    """Part 4, then 5 and 6.

    >>> print(net_words(LikeForLike(3988.71, 738.82, 49, 98.0, 6602.0, 990.3, 2.27, (18, 7), 172.1)))
    新建学校建设投资 3,988.71 万元，比方案乙这几项合计 1,827.12 万元多 2,161.59 万元（一次性）；另每年运行支出方案甲多 2.27 万元；未计价：通行时间（方案乙学生单程通行时间合计每年多 172.1 万人·分钟，按权重计入综合评价值，不是支出）
    """
    unpriced = ["体育运动场馆面积缺口"] if x.gap_m2 > 0 and x.gap_wan is None else []
    if round(x.minutes, 1):
        unpriced.append(f"通行时间（方案乙学生单程通行时间合计每年{_more(x.minutes, '万人·分钟', 1)}"
                        f"{'（按未取整的合计相减）' if x.minutes_unrounded else ''}，按权重计入综合评价值，不是支出）")
    return (f"新建学校建设投资 {numbers.number(x.schools_wan, 2)} 万元，比方案乙这几项合计 "
            f"{numbers.number(x.other_wan, 2)} 万元{_more(x.net_wan)}（一次性）；另每年运行支出方案甲"
            f"{_more(x.running_wan)}" + (f"；未计价：{'、'.join(unpriced)}" if unpriced else ""))


#: the 表7 row's 项目
LIKE_ROW = "新建学校与方案乙的同口径比较（同样的学生：方案乙不新建学校时另须的支出和留下的缺口，方案乙减方案甲）"


def like_sentence(x: LikeForLike) -> str:
    """The exception note's comparison (:func:`~.layout_newsite.with_exception`)."""
    return ("与方案乙（不新建学校）同口径比较（同样的学生）：方案乙" + "，".join(like_parts(x))
            + "；" + net_words(x))


def with_like_row(plan, mine: dict, other: dict, rows: list) -> list:
    """表7's ``rows`` with :data:`LIKE_ROW` after the 新建学校 row (unchanged without
    :func:`like_for_like`)."""
    x = like_for_like(plan, mine, other)
    if x is None:
        return rows
    row = (LIKE_ROW, f"新建学校建设投资 {numbers.number(x.schools_wan, 2)} 万元",
           "；".join(like_parts(x)) + f"；合计 {numbers.number(x.other_wan, 2)} 万元", net_words(x))
    at = next((k + 1 for k, r in enumerate(rows) if r[0] == "新建学校"), len(rows))
    return [*rows[:at], row, *rows[at:]]
