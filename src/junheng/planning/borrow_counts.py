"""One school's 临时周转 rooms counted three ways, each named (review rv18 finding 2: the web page's
「临时周转教室（不新建）」 read 东城小学 1, 实验中学 2, 第四中学 1, the workbook 2, 12, 2, the
布局调整方案 「规划年 2030 学年 2 所学校共 5 间」, and 「最优」 was proven for 4):

- ``priced``: the rooms the solve added and priced as built (``PlannedSchool.temporary_classrooms``,
  its 建设投资年均摊 in the solver's objective, on which 最优 and the gap are proven). The solve
  counts an existing school's target-year classes grade by grade at the forecast's grades (rule
  (27), the 过渡期's count of the 规划年; brief hborrow3: by its seats at today's grade mix it
  priced 4 where the 过渡期 borrowed 5) and a receiver's after the target year (rule (24)); the
  rooms it borrows because the budget does not build them (``borrowed_classrooms``, (27)'s ``β``)
  are among them, priced alike;
- ``target``: the rooms the plan borrows in its target year, counted after the solve by the
  过渡期 class by class, grade by grade (:func:`~.layout_borrow.school_borrowing`): the rooms met by
  临时周转 instead of built, the count every document prints as 「规划年」;
- ``most``: the most rooms the school borrows in one school year (the 过渡期's 「至多」).

A school whose ``priced`` and ``target`` differ (a room the solve added for a year after the target
that the 过渡期 borrows only before it, say) is named with both (:func:`priced_words`), so a reader
knows what the proven model priced and what the year-by-year count gives; where they agree the
documents say nothing more beside 「最优」.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from junheng.planning.layout_outcome import LayoutOutcome


@dataclass(frozen=True)
class BorrowCount:
    """A school's 临时周转 rooms: priced by the solve, borrowed in the target year, most in a year."""

    priced: int
    target: int
    most: int


def borrow_counts(plan: LayoutOutcome) -> dict[str, BorrowCount]:
    """School -> its :class:`BorrowCount`, for every school with a room in one of the three counts,
    in the plan's school order; without 过渡期 or 超员 rows the solve's rooms are all three.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "expand", temporary_classrooms=1),
    ...     PlannedSchool("B", "乙中学", "expand", temporary_classrooms=2)), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2028, "A", "primary", 685, 2, 0, 2), YearRooms(2029, "B", "junior", 2031, 5, 0, 5),
    ...                 YearRooms(2030, "B", "junior", 1986, 3, 0, 3)))
    >>> borrow_counts(plan)
    {'A': BorrowCount(priced=1, target=0, most=2), 'B': BorrowCount(priced=2, target=3, most=5)}
    >>> borrow_counts(LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "expand", temporary_classrooms=1),), {}))
    {'A': BorrowCount(priced=1, target=1, most=1)}
    >>> borrow_counts(LayoutOutcome("optimal", (PlannedSchool("A", "甲小学", "keep"),), {}, year=2025,
    ...     target_year=2029, overflow=((2027, "A", "primary", 3),)))  # 超员 alone, no 过渡期 row
    {'A': BorrowCount(priced=0, target=0, most=3)}
    """
    from junheng.planning.layout_borrow import school_borrowing

    priced = {s.school_id: int(s.temporary_classrooms) for s in plan.schools
              if s.temporary_classrooms and s.action != "close"}
    if not plan.transition and not plan.overflow:  # 超员 rows borrow without a 过渡期 row
        return {s: BorrowCount(n, n, n) for s, n in priced.items()}
    years = school_borrowing(plan)
    order = [s.school_id for s in plan.schools]
    out = {}
    for school in sorted(set(priced) | set(years), key=lambda s: (s not in order, order.index(s) if s in order else s)):
        b = years.get(school)
        out[school] = BorrowCount(priced.get(school, 0), b.target if b else 0, b.most if b else 0)
    return out


def priced_apart(counts: Mapping[str, BorrowCount]) -> dict[str, BorrowCount]:
    """The schools whose rooms priced by the solve are not those borrowed in the target year."""
    return {s: c for s, c in counts.items() if c.priced != c.target}


def priced_words(plan: LayoutOutcome, scale: float = 0.0) -> str:
    """What the solve priced and what the 过渡期 borrows in the target year, school by school, where
    they differ ("" where they agree): the 求解信息 rows and the 求解状态 say it beside 「最优」,
    with the target year's rooms priced as the solve prices a room (its ``temporary_yuan`` over
    the weights' ``capital_years``, else 20 years; ``scale``: the amount it is said beside, for the
    unit, :func:`~junheng.model.numbers.money`).

    Main's demo before rule (27) (brief hborrow3): 1 room priced at 甲小学, which borrows only
    before the target year, 2 at 乙中学 and 1 at 丙中学, which borrow 3 and 2 in it:

    >>> from junheng.planning.layout_outcome import PlannedSchool as P, YearRooms as Y
    >>> plan = LayoutOutcome("optimal", (P("A", "甲小学", "expand", temporary_classrooms=1, temporary_yuan=420_000.0),
    ...     P("B", "乙中学", "expand", temporary_classrooms=2, temporary_yuan=840_000.0),
    ...     P("C", "丙中学", "expand", temporary_classrooms=1, temporary_yuan=420_000.0)), {}, year=2025,
    ...     target_year=2030, weights={"capital_years": 20}, transition=(Y(2028, "A", "primary", 685, 2, 0, 2),
    ...     Y(2030, "B", "junior", 1986, 3, 0, 3), Y(2030, "C", "junior", 679, 2, 0, 2)))
    >>> print(priced_words(plan, 40_000_000.0))
    求解器计入以临时周转解决的教室 4 间（甲小学 1 间、乙中学 2 间、丙中学 1 间），建设投资年均摊 8.40 万元，最优和差距只对此成立；过渡期逐校逐年按预测的年级人数编班后，规划年 2030 学年借用 5 间（甲小学不借用、乙中学 3 间、丙中学 2 间），按新建计年均摊 10.50 万元，多出的 2.10 万元不在求解器的目标值内
    >>> priced_words(LayoutOutcome("optimal", (P("B", "乙中学", "expand", temporary_classrooms=3),), {}, year=2025,
    ...     target_year=2030, transition=(Y(2030, "B", "junior", 1986, 3, 0, 3),)))
    ''
    """
    from junheng.model import numbers

    apart = priced_apart(counts := borrow_counts(plan))
    if not apart:
        return ""
    priced, target = (sum(getattr(c, k) for c in counts.values()) for k in ("priced", "target"))
    rooms = [s for s in plan.schools if s.school_id in counts and s.temporary_classrooms]
    room = sum(s.temporary_yuan for s in rooms) / max(sum(s.temporary_classrooms for s in rooms), 1)
    years = float((plan.weights or {}).get("capital_years") or 20)
    model, said = priced * room / years, target * room / years

    def each(attr: str) -> str:
        return "、".join(f"{plan.names.get(s, s)}{f' {n:,} 间' if (n := getattr(c, attr)) else '不借用'}"
                        for s, c in counts.items() if c.priced or c.target)
    diff = ("" if abs(said - model) < 0.5 else
            f"，{'多出' if said > model else '少'}的 {numbers.money(abs(said - model), scale)}不在求解器的目标值内")
    return (f"求解器计入以临时周转解决的教室 {priced:,} 间（{each('priced')}），建设投资年均摊 "
            f"{numbers.money(model, scale)}，最优和差距只对此成立；过渡期逐校逐年按预测的年级人数编班后，规划年 {plan.target_year} 学年借用 "
            f"{target:,} 间（{each('target')}），按新建计年均摊 {numbers.money(said, scale)}{diff}")


def priced_status(plan: LayoutOutcome) -> str:
    """What the 求解状态 says beside 「最优」 where the rooms the solve priced are not the target
    year's borrowed ones (:func:`priced_words` gives them school by school); "" where they agree.

    >>> from junheng.planning.layout_outcome import PlannedSchool as P, YearRooms as Y
    >>> priced_status(LayoutOutcome("optimal", (P("B", "乙中学", "expand", temporary_classrooms=2),), {}, year=2025,
    ...     target_year=2030, transition=(Y(2030, "B", "junior", 1986, 3, 0, 3),)))
    '（求解模型计入以临时周转解决的教室 2 间，过渡期逐年按年级编班后规划年 2030 学年借用 3 间，见“求解信息”的综合评价值行）'
    """
    counts = borrow_counts(plan)
    if not priced_apart(counts):
        return ""
    priced, target = (sum(getattr(c, k) for c in counts.values()) for k in ("priced", "target"))
    return (f"（求解模型计入以临时周转解决的教室 {priced:,} 间，过渡期逐年按年级编班后规划年 {plan.target_year} 学年"
            f"借用 {target:,} 间，见“求解信息”的综合评价值行）")
