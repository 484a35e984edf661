"""Each school's 临时周转 as the 过渡期 rows have it (brief hsize, review rv4 (2) 1 and 5).

The solve sizes a school's rooms by pooled seats (``PlannedSchool.temporary_classrooms``: the
rooms of its target year it adds but does not build); the 过渡期 counts a year's rooms class by
class, grade by grade (:mod:`~.layout_years`). What a reader sees per school — the 调整项目's
临时周转 and its places, the 规划年 shortfall, the rooms 「代替新建」 — is taken from the
过渡期 rows alone (:func:`~.layout_waiting.borrowed_parts`, the rooms the plan pays), so the
tables agree:

- ``most``: the most rooms the school borrows in one school year (the earliest such year);
- ``target``: the rooms it borrows in the target year, by stage: the target year's rooms are
  the ones the plan sizes its build for, so these are the rooms met by 临时周转 instead of built
  (「代替新建」, 「少建」);
- ``years``: the school years it borrows in.

>>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
>>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲小学", "expand", phase=2),), {},
...     year=2025, target_year=2030, rules={"plan_date": "2026-12-05", "class_size_primary": 45},
...     transition=(YearRooms(2027, "E", "primary", 700, 4, 0, 4),
...                 YearRooms(2028, "E", "primary", 690, 2, 0, 2),
...                 YearRooms(2029, "E", "primary", 720, 4, 1, 3),
...                 YearRooms(2030, "E", "primary", 700, 2, 1, 1)))
>>> b = school_borrowing(plan)["E"]
>>> b.most, b.most_year, b.target, b.target_seats(plan.rules), year_span(b.years)
(4, 2027, 1, 45, '2027—2030 学年')
>>> borrow_words(b, 2030)
'临时周转普通教室至多 4 间（2027—2030 学年借用，规划年 2030 学年 1 间；借用的教室不新建，见“过渡期”）'
>>> target_rooms(plan), target_schools(plan)
(1, [('E', 'primary', 1)])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from junheng.planning.borrow_runs import held_split, held_words, over_run, over_words, why_borrowed
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_years import TOO_LATE
from junheng.planning.plans_transition import CAUSE_WORDS, cause_room_years


@dataclass(frozen=True)
class Borrowing:
    """A school's 临时周转 rooms by school year (``years``), of the target year by stage, and
    (``held``) those for pupils waiting there to leave."""

    years: Mapping[int, int]
    target_stages: Mapping[str, int]
    held: Mapping[int, int] = field(default_factory=dict)

    @property
    def most(self) -> int:
        return max(self.years.values(), default=0)

    @property
    def most_year(self) -> int | None:
        """The earliest school year borrowing :attr:`most` rooms."""
        return min((y for y, n in self.years.items() if n == self.most), default=None)

    @property
    def target(self) -> int:
        return sum(self.target_stages.values())

    def target_seats(self, rules: Mapping) -> int:
        """The target year's borrowed rooms × the stage's standard class size (``rules``, else
        the shipped standard's).

        >>> Borrowing({2030: 2}, {"junior": 2}).target_seats({})
        100
        """
        from junheng.standards import load_class_size

        sizes = load_class_size().standard_class
        return sum(
            n * int(rules.get(f"class_size_{st}") or sizes[st])
            for st, n in self.target_stages.items()
        )


def school_borrowing(plan: LayoutOutcome) -> dict[str, Borrowing]:
    """School -> its :class:`Borrowing` (schools borrowing in no year left out)."""
    from junheng.planning.layout_waiting import borrowed_parts, waiting_parts

    years: dict[str, dict[int, int]] = {}
    stages: dict[str, dict[str, int]] = {}
    held: dict[str, dict[int, int]] = {}
    for school, _stage, year, rooms in waiting_parts(plan):
        held.setdefault(school, {})[year] = held.get(school, {}).get(year, 0) + rooms
    for school, stage, year, rooms in borrowed_parts(plan):
        years.setdefault(school, {})[year] = years.get(school, {}).get(year, 0) + rooms
        if year == plan.target_year:
            stages.setdefault(school, {})[stage] = stages.get(school, {}).get(stage, 0) + rooms
    return {s: Borrowing(dict(sorted(by.items())), stages.get(s, {}), held.get(s, {}))
            for s, by in sorted(years.items())}


def target_rooms(plan: LayoutOutcome) -> int:
    """The rooms the plan borrows in its target year: met by 临时周转 instead of built
    (:func:`borrow_totals`, the count the 达标路径's 临时周转 sentence says too)."""
    years = {s: b.years for s, b in school_borrowing(plan).items()}
    return borrow_totals(years, plan.target_year).target


@dataclass(frozen=True)
class BorrowTotals:
    """A county's 临时周转 rooms summed over schools (:func:`borrow_totals`)."""

    target_year: int | None
    schools: int  #: schools borrowing in the target year
    target: int  #: rooms borrowed in the target year: met by 临时周转 instead of built
    peak: int  #: the most rooms borrowed in one school year, all schools together
    peak_year: int | None  #: the earliest school year borrowing :attr:`peak` rooms
    room_years: int  #: rooms × school years borrowed
    borrowers: int = 0  #: schools borrowing in any year
    years: tuple[int, ...] = ()  #: the school years any school borrows in


def borrow_totals(years: Mapping[str, Mapping[int, int]], target_year: int | None) -> BorrowTotals:
    """One count of both plans' 临时周转 (brief hsum: the 整改措施's 「4 所学校共 10 间」 summed
    each school's most rooms in a year, beside the layout's 「代替新建的 5 间」 of the target
    year): ``years`` is school -> school year -> rooms borrowed (the 过渡期 rows of the layout,
    :func:`school_borrowing`; the rooms borrowed across both plans of the 达标路径,
    :func:`~.compliance_temporary.split_rooms`).

    A borrows 3 rooms in 2029 and 1 in 2030, B 2 in 2029: the target year 2030 borrows 1 room
    at 1 school; the county's most in a year is 3 + 2 = 5 (2029); 3 + 1 + 2 = 6 room-years:

    >>> borrow_totals({"A": {2029: 3, 2030: 1}, "B": {2029: 2}}, 2030)
    BorrowTotals(target_year=2030, schools=1, target=1, peak=5, peak_year=2029, room_years=6, borrowers=2, years=(2029, 2030))
    """
    county: dict[int, int] = {}
    for by in years.values():
        for y, n in by.items():
            county[int(y)] = county.get(int(y), 0) + int(n)
    peak = max(county.values(), default=0)
    at = [by.get(target_year, 0) for by in years.values()] if target_year is not None else []
    return BorrowTotals(target_year, sum(1 for n in at if n > 0), sum(at), peak,
                        min((y for y, n in county.items() if n == peak and peak), default=None),
                        sum(county.values()), sum(1 for by in years.values() if any(by.values())),
                        tuple(sorted(y for y, n in county.items() if n)))


def totals_words(t: BorrowTotals, label: str = "规划年") -> str:
    """:func:`borrow_totals` in words: the target year's rooms (each school's, met by 临时周转
    instead of built) and, named apart, the most rooms in one year and the room-years with the
    school years they fall in (brief hwin).

    >>> totals_words(BorrowTotals(2030, 1, 1, 5, 2029, 6, 2, (2029, 2030)), "目标学年")
    '目标学年 2030 学年借用、不新建的教室 1 所学校共 1 间（2 所学校在缺口的学年借用，最多一年 5 间（2029 学年），2029—2030 学年共 6 间·学年）'
    """
    at = f"{label} {t.target_year} 学年" if t.target_year is not None else label
    most = f"最多一年 {t.peak:,} 间（{t.peak_year} 学年），" if t.peak_year is not None else ""
    return (f"{at}借用、不新建的教室 {t.schools} 所学校共 {t.target:,} 间（{t.borrowers} 所学校在缺口的学年借用，"
            f"{most}{year_span(t.years)}共 {t.room_years:,} 间·学年）")


@dataclass(frozen=True)
class RentWindow:
    """临时周转 room-years over the school years they fall in (:func:`rent_window`), split at
    the run start ``start`` (:func:`~.layout_years.run_start`): the years before it, in which no
    new room could be in use yet (the 达标路径 counts from ``start`` only), and the years from it."""

    early: Mapping[int, int]  #: school year -> rooms, years before ``start``
    later: Mapping[int, int]  #: school year -> rooms, years from ``start``
    start: int | None
    price: float = 0.0  #: 万元 a room and school year
    #: the ``early`` room-years by cause (:data:`EARLY_WORDS`' order), none where not given
    causes: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return sum(self.early.values()) + sum(self.later.values())


#: the causes said in the reconciling words (:data:`~.plans_transition.CAUSE_WORDS`)
EARLY_WORDS = CAUSE_WORDS


def rent_window(years: Mapping[str, Mapping[int, int]], start: int | None,
                price: float = 0.0, kinds: Mapping[str, Mapping[int, int]] | None = None
                ) -> RentWindow:
    """The one split of a plan's 临时周转 room-years by window (brief hwin: the layout's
    「过渡期共 140 间·学年」 counted from 2027 and the 整改措施's 29 from 2029, neither said over
    which years): ``years`` is school -> school year -> rooms (the layout's
    :func:`~.layout_waiting.borrowed_rooms`), ``start`` the run start, ``price`` 万元 a room-year,
    ``kinds`` the same room-years by cause (kind -> school year -> rooms,
    :func:`~.plans_transition.temporary_kind_years`).

    A borrows 3 rooms in 2027, 2 in 2028 and 1 in 2029, B 2 in 2028 and 1 in 2030; from 2029:
    2027—2028 hold 3 + 2 + 2 = 7 room-years, 2029—2030 hold 1 + 1 = 2, 9 in all:

    >>> w = rent_window({"A": {2027: 3, 2028: 2, 2029: 1}, "B": {2028: 2, 2030: 1}}, 2029, 2.0)
    >>> w.early, w.later, w.total
    ({2027: 3, 2028: 4}, {2029: 1, 2030: 1}, 9)
    >>> rent_window({"A": {2028: 3, 2029: 1}}, 2029, 2.0, {"扩建教室建成前": {2028: 2, 2029: 1},
    ...     "规划年以外学年超出学位或按年级编班缺教室": {2028: 1}, "新建学校启用或接收学校就绪前现就读学校": {}}).causes
    (('扩建教室建成前', 2), ('超出学位或按年级编班缺教室', 1))
    """
    county: dict[int, int] = {}
    for by in years.values():
        for y, n in by.items():
            if int(n):
                county[int(y)] = county.get(int(y), 0) + int(n)
    ordered = sorted(county.items())
    early = {k: sum(n for y, n in (kinds or {}).get(k, {}).items() if start is not None and y < start)
             for k in EARLY_WORDS}
    return RentWindow({y: n for y, n in ordered if start is not None and y < start},
                      {y: n for y, n in ordered if start is None or y >= start}, start, price,
                      tuple((EARLY_WORDS[k], n) for k, n in early.items() if n))


def _room_years(n: int, price: float) -> str:
    """「7 间·学年、14.00 万元」 (no money at no price)."""
    return f"{n:,} 间·学年" + (f"、{n * price:,.2f} 万元" if price else "")


def window_total(w: RentWindow) -> str:
    """A plan's 临时周转 room-years with the school years they fall in, said where the total
    stands (「2027—2031 学年共 140 间·学年、280.00 万元」); '' none.

    >>> window_total(rent_window({"A": {2027: 3, 2028: 2, 2029: 1}, "B": {2028: 2, 2030: 1}}, 2029, 2.0))
    '2027—2030 学年共 9 间·学年、18.00 万元'
    """
    return f"{year_span({**w.early, **w.later})}共 {_room_years(w.total, w.price)}" if w.total else ""


def window_parts(w: RentWindow) -> str:
    """The reconciling words of :func:`window_total` (said once in each plan): the room-years
    of the years before the run start, which the 达标路径 leaves out, split by cause where the
    window has them (review rv8 finding 3: not all of them wait for a build), and those from
    it; '' where all of them fall on one side.

    >>> w = rent_window({"A": {2027: 3, 2028: 2, 2029: 1}, "B": {2028: 2, 2030: 1}}, 2029, 2.0,
    ...     {"扩建教室建成前": {2027: 3, 2028: 2, 2029: 1}, "规划年以外学年超出学位或按年级编班缺教室": {2028: 2, 2030: 1}})
    >>> window_parts(w)
    '其中 2027—2028 学年 7 间·学年、14.00 万元（扩建教室建成前 5 间·学年、超出学位或按年级编班缺教室 2 间·学年）；自 2029 学年起 2 间·学年、4.00 万元'
    >>> window_parts(rent_window({"A": {2027: 3, 2028: 2, 2029: 1}}, 2029, 2.0))
    '其中 2027—2028 学年 5 间·学年、10.00 万元；自 2029 学年起 1 间·学年、2.00 万元'
    >>> window_parts(rent_window({"A": {2028: 1, 2029: 1}}, 2029, 2.0, {"规划年以外学年超出学位或按年级编班缺教室": {2028: 1, 2029: 1}}))
    '其中 2028 学年 1 间·学年、2.00 万元（均为超出学位或按年级编班缺教室）；自 2029 学年起 1 间·学年、2.00 万元'
    >>> window_parts(rent_window({"A": {2029: 1}}, 2029, 2.0))
    ''
    """
    if not w.early or not w.later:
        return ""
    causes = cause_room_years(w.causes) if len(w.causes) > 1 else (
        f"均为{w.causes[0][0]}" if w.causes else "")
    return (f"其中 {year_span(w.early)} {_room_years(sum(w.early.values()), w.price)}"
            f"{f'（{causes}）' if causes else ''}；自 {w.start} 学年起 {_room_years(sum(w.later.values()), w.price)}")


def layout_window(plan: LayoutOutcome) -> RentWindow:
    """The layout ``plan``'s :func:`rent_window`: its borrowed rooms (summed over schools, the
    过渡期's :func:`~.layout_waiting.temporary_rooms`) split at its run start, at its price."""
    from junheng.planning.layout_runs import run_since
    from junheng.planning.layout_waiting import borrowed_rooms, room_year_yuan
    from junheng.planning.plans_transition import temporary_kind_years

    return rent_window(borrowed_rooms(plan), run_since(plan), room_year_yuan(plan) / 10_000,
                       temporary_kind_years(plan))


def target_schools(plan: LayoutOutcome) -> list[tuple[str, str, int]]:
    """(school, stage, rooms) borrowed in the target year, in the plan's school order."""
    got = school_borrowing(plan)
    order = [s.school_id for s in plan.schools] + sorted(
        set(got) - {s.school_id for s in plan.schools}
    )
    return [(s, st, n) for s in order if s in got for st, n in got[s].target_stages.items() if n]


def year_span(years: Mapping[int, int] | list[int]) -> str:
    """School years as runs: '2027—2030 学年', '2027、2029—2030 学年'; '' for none.

    >>> year_span([2027, 2029, 2030]), year_span([2028]), year_span([])
    ('2027、2029—2030 学年', '2028 学年', '')
    """
    ys = sorted(years)
    if not ys:
        return ""
    runs: list[list[int]] = [[ys[0]]]
    for y in ys[1:]:
        if y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return "、".join(f"{r[0]}—{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + " 学年"


def borrow_words(b: Borrowing, target_year: int | None, since: int | None = None, peak: int | None = None) -> str:
    """The 调整项目 words of a school's 临时周转 (:func:`borrow_span`: the most in a year, its
    years, those before the run start ``since`` no build can help, the target year's, and a run
    longer than ``peak``).

    >>> b = Borrowing({2027: 4, 2028: 2, 2029: 1}, {})
    >>> borrow_words(b, 2030)
    '临时周转普通教室至多 4 间（2027—2029 学年借用，规划年 2030 学年不借用；借用的教室不新建，见“过渡期”）'
    >>> borrow_words(b, 2030, 2029)
    '临时周转普通教室至多 4 间（2027—2029 学年借用，其中 2027—2028 学年即使新建教室也来不及投入使用，规划年 2030 学年不借用；借用的教室不新建，见“过渡期”）'
    >>> borrow_words(Borrowing({2027: 4, 2028: 2}, {}), 2030, 2029)
    '临时周转普通教室至多 4 间（2027—2028 学年借用，即使新建教室也来不及投入使用，规划年 2030 学年不借用；借用的教室不新建，见“过渡期”）'
    """
    most, span = borrow_span(b.years, target_year, since=since, peak=peak, held=b.held)
    return f"临时周转普通教室{most}（{span}；借用的教室不新建，见“过渡期”）"


def instead_sentence(plan: LayoutOutcome) -> str:
    """The summary's sentence on the rooms met by 临时周转 instead of built (the target year's,
    :func:`borrow_totals`, at :func:`room_build_yuan`; brief hyears 3); '' where none.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲", "expand", temporary_classrooms=2,
    ...     temporary_yuan=840_000.0),), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2030, "E", "junior", 520, 2, 0, 2),))
    >>> instead_sentence(plan)  # 2030's 2 rooms are rented that year only: 84.00 − 2 × 2.00 = 80.00
    '规划年 2030 学年 1 所学校共 2 间普通教室以临时周转代替新建（缺口持续不超过临时周转年限或建成后多数学年闲置），约省 84.00 万元，扣除这 2 间 2030 学年的周转费 4.00 万元（2 间·学年），净省约 80.00 万元（见“过渡期”）。'
    """
    years = {s: b.years for s, b in school_borrowing(plan).items()}
    t = borrow_totals(years, plan.target_year)
    if not t.target:
        return ""
    return (f"规划年 {t.target_year} 学年 {t.schools} 所学校共 {t.target:,} 间普通教室以临时周转代替新建"
            f"（{why_borrowed(plan, years)}），{saving_words(plan, named=False)}（见“过渡期”）。")


def saving_rent(plan: LayoutOutcome) -> dict[int, int]:
    """School year -> the room-years the rooms not built (each school's target-year borrowed
    rooms, :func:`target_schools`) are rented from the run start (:func:`~.layout_runs.run_since`),
    the first year a room built instead could be in use: per school and year the fewer of the
    rooms it borrows and the rooms not built there (a build of those rooms leaves the rest
    borrowed; the years before the run start are rented either way). Review rv8 finding 10.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...     rules={"plan_date": "2026-12-05", "expansion_lead_years": 2},
    ...     transition=tuple(YearRooms(y, "E", "junior", 500, n, 0, n)
    ...                      for y, n in ((2027, 4), (2029, 3), (2030, 2), (2031, 1))))
    >>> saving_rent(plan)  # 2 rooms not built: 2029 min(3, 2), 2030 2, 2031 1; 2027 before 2029
    {2029: 2, 2030: 2, 2031: 1}
    """
    out: dict[int, int] = {}
    for _school, y, rooms, n in _kept_years(plan):
        if min(rooms, n):
            out[y] = out.get(y, 0) + min(rooms, n)
    return dict(sorted(out.items()))


def _kept_years(plan: LayoutOutcome) -> list[tuple[str, int, int, int]]:
    """(school, school year, rooms borrowed, rooms not built there) of each school borrowing in
    the target year, its years from the run start (:func:`saving_rent`)."""
    from junheng.planning.layout_runs import run_since

    start, got = run_since(plan), school_borrowing(plan)
    kept: dict[str, int] = {}
    for school, _stage, n in target_schools(plan):
        kept[school] = kept.get(school, 0) + n
    return [(school, y, rooms, n) for school, n in kept.items()
            for y, rooms in got[school].years.items() if start is None or y >= start]


def still_rented(plan: LayoutOutcome) -> str:
    """Of the :func:`saving_rent` schools' room-years from the run start, the whole and those a
    build of the rooms not built would leave borrowed, each named up to two, else counted; ''
    where none is (review rv26 finding 9: 「12 间·学年」 here, 「14 间·学年」 in the 整改措施 for
    the same schools and years, 实验中学's 2029 need of 5 rooms 2 more than its 3 not built).
    The :func:`saving_words` example: 2029's 3 rooms less the 2 not built leave 1; 6 = 5 + 1."""
    rows = _kept_years(plan)
    left = [(school, y, rooms - n) for school, y, rooms, n in rows if rooms > n]
    if not left:
        return ""
    schools = len({school for school, *_ in rows})
    who = "该校" if schools == 1 else f"这 {schools} 所学校"
    names = plan.names

    def name(s: str) -> str:  # 该校 names it already
        return "" if schools == 1 else names.get(s, s)
    said = ("、".join(f"{name(s)} {y} 学年 {n:,} 间" for s, y, n in left) if len(left) <= 2
            else f" {sum(n for *_, n in left):,} 间·学年")
    return f"；{who}同期共借用 {sum(rooms for _s, _y, rooms, _n in rows):,} 间·学年，另{said}即使新建这 {kept_rooms(plan):,} 间也仍须借用"


def saving_words(plan: LayoutOutcome, named: bool = True) -> str:
    """What the rooms not built save, net of their rent (review rv8 finding 10: 「约省 420.00
    万元」 was the build's cost alone, while the same rooms are rented 2029—2031): the rooms ×
    :func:`room_build_yuan`, less the :func:`saving_rent` room-years at the room-year price; the
    one function of both sentences that say it ('' where none is not built); ``named``: with
    the rooms (「少建 2 间」), the summary says them just before.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲", "expand", temporary_classrooms=2,
    ...     temporary_yuan=840_000.0),), {}, year=2025, target_year=2030,
    ...     costs={"temporary_room_yuan": 20_000.0}, rules={"plan_date": "2026-12-05", "expansion_lead_years": 2},
    ...     transition=tuple(YearRooms(y, "E", "junior", 500, n, 0, n)
    ...                      for y, n in ((2027, 4), (2029, 3), (2030, 2), (2031, 1))))
    >>> saving_words(plan)  # 2 × 42.00 = 84.00 万元; (2 + 2 + 1) × 2.00 = 10.00 万元; 84 − 10 = 74
    '少建 2 间约省 84.00 万元，扣除这 2 间 2029—2031 学年的周转费 10.00 万元（5 间·学年；该校同期共借用 6 间·学年，另 2029 学年 1 间即使新建这 2 间也仍须借用），净省约 74.00 万元'
    """
    from junheng.model.numbers import WAN_FROM, money
    from junheng.planning.layout_waiting import room_year_yuan

    rooms = kept_rooms(plan)
    if not rooms:
        return ""
    built, rent = rooms * room_build_yuan(plan), saving_rent(plan)
    paid = sum(rent.values()) * room_year_yuan(plan)
    text = f"{f'少建 {rooms:,} 间' if named else ''}约省 {money(built, WAN_FROM)}"
    if not paid:
        return text
    text += (f"，扣除这 {rooms:,} 间 {year_span(rent)}的周转费 {money(paid, WAN_FROM)}"
             f"（{sum(rent.values()):,} 间·学年{still_rented(plan)}），")
    return text + (f"净省约 {money(built - paid, WAN_FROM)}" if built > paid
                   else f"不省，反多支出 {money(paid - built, WAN_FROM)}")


def borrow_span(years: Mapping[int, int], target_year: int | None, label: str = "规划年",
                since: int | None = None, peak: int | None = None,
                held: Mapping[int, int] | None = None) -> tuple[str, str]:
    """A school's 临时周转 rooms (school year -> rooms) in both plans' words: the most in a
    year and its years with the target year's rooms (the 达标路径 labels it 目标学年); ``since``:
    the run start (:func:`~.layout_runs.run_since`), its years before it named as those no
    build can help (brief hyears 3); ``peak``: a run longer than it said (:func:`~.borrow_runs.over_words`;
    review rv17 6: the two documents gave 实验中学 「至多 12 间（2027—2031）」 and 「至多 5 间
    （2029—2031）…不超过 3 年」).

    >>> borrow_span({2029: 3, 2030: 1}, 2030, "目标学年")
    ('至多 3 间', '2029—2030 学年借用，目标学年 2030 学年 1 间')
    >>> borrow_span({2029: 2}, 2030)
    (' 2 间', '2029 学年借用，规划年 2030 学年不借用')
    >>> borrow_span({2027: 10, 2028: 12, 2029: 5, 2030: 3, 2031: 1}, 2030, since=2029, peak=3)[1]
    '2027—2031 学年借用，其中 2027—2028 学年即使新建教室也来不及投入使用，规划年 2030 学年 3 间；连续借用 5 个学年，超过临时周转年限 3 年，需论证'

    ``held``: the rooms for pupils waiting there to leave, said apart where they come first
    (:func:`~.borrow_runs.held_split`; brief hsolve 2, the demo's 第四中学):

    >>> borrow_span({2027: 2, 2028: 2, 2029: 2, 2030: 2, 2031: 1}, 2030, since=2029, peak=3,
    ...             held={2027: 2, 2028: 2})[1]
    '2027—2028 学年为等待转出的学生借用 2、2 间；2029—2031 学年为留在本校的学生借用，规划年 2030 学年 2 间；连续借用 5 个学年，超过临时周转年限 3 年，需论证'
    """
    at = f"{label} {target_year} 学年" if target_year else label
    n = int(years.get(target_year, 0)) if target_year else 0
    most = max(years.values(), default=0)
    words = f"至多 {most} 间" if len(set(years.values())) > 1 else f" {most} 间"
    split = held_split(years, held or {})  # brief hsolve 2: its first years only for pupils leaving
    own = split[1] if split else years
    span = f"{year_span(own)}借用，" + (f"{at} {n} 间" if n else f"{at}不借用")
    early = [y for y, k in own.items() if k and since is not None and y < since]
    if early:  # all of its years, or some of them (其中)
        some = len(early) < sum(1 for k in own.values() if k)
        span = span.replace("借用，", f"借用，{'其中 ' + year_span(early) if some else ''}{TOO_LATE}，", 1)
    if split:
        span = held_words(split[0], span)
    if run := over_run(years, peak):
        span += f"；{over_words(run, int(peak or 0), len(run) < sum(1 for k in years.values() if k))}"
    return words, span


def room_build_yuan(plan: LayoutOutcome) -> float:
    """元 to build one classroom: as the solve priced its rooms not built (``temporary_yuan``),
    else at the plan's unit costs (:meth:`~.layout_config.Costs.classroom`).

    >>> room_build_yuan(LayoutOutcome("optimal", (), {}, costs={"teaching_yuan_per_m2": 3500.0}))
    420000.0
    """
    from junheng.planning.layout_config import Costs

    if rooms := sum(s.temporary_classrooms for s in plan.schools):
        return sum(s.temporary_yuan for s in plan.schools) / rooms
    costs = plan.costs or {}
    return Costs(**{k: v for k, v in costs.items() if k in Costs.model_fields}).classroom()


def not_built_words(plan: LayoutOutcome) -> str:
    """The target year's borrowed rooms school by school: '第四小学 1 间、实验中学 2 间'.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "甲中学", "expand"),), {}, year=2025,
    ...     target_year=2030, transition=(YearRooms(2030, "E", "junior", 520, 2, 0, 2),))
    >>> not_built_words(plan)
    '甲中学 2 间'
    """
    rooms: dict[str, int] = {}
    for s, _st, n in target_schools(plan):
        rooms[s] = rooms.get(s, 0) + n
    return "、".join(f"{plan.names.get(s, s)} {n} 间" for s, n in rooms.items())


#: an expansion's reason, of the solve's rooms not built (:func:`borrow_reason` rewrites it)
TEMPORARY_REASON = (
    "临时周转教室 {n} 间（调整后学生所需教室多于现有教室，缺口持续不超过临时周转年限，不新建）"
)


def borrow_reason(text: str, rooms: int, plan: LayoutOutcome, school: str) -> str:
    """``text`` (a school's reason) with its :data:`TEMPORARY_REASON` of ``rooms`` told as the
    过渡期 rows have it (brief hsize), or left out where the school borrows in no year.

    >>> from junheng.planning.layout_outcome import YearRooms
    >>> plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2027, "E", "primary", 700, 4, 0, 4),))
    >>> text = "调整后接收 595 人；" + TEMPORARY_REASON.format(n=1)
    >>> borrow_reason(text, 1, plan, "E")
    '调整后接收 595 人；临时周转教室 4 间（2027 学年借用，规划年 2030 学年不借用；调整后学生所需教室多于现有教室，缺口持续不超过临时周转年限，不新建）'
    >>> borrow_reason(text, 1, plan, "F")
    '调整后接收 595 人'
    """
    old = TEMPORARY_REASON.format(n=rooms)
    if not plan.transition or not rooms or old not in text:
        return text
    b = school_borrowing(plan).get(school)
    if b is None:
        return "；".join(p for p in text.replace(old, "").split("；") if p)
    from junheng.planning.plans_temporary import peak_of

    peak = peak_of(plan.rules)
    words = borrow_words(b, plan.target_year, peak=peak).replace("临时周转普通教室", "临时周转教室", 1)
    why = old[old.index("（") + 1 :]
    if over_run(b.years, peak):  # review rv17 6: not 「不超过」 beside a run that is longer
        why = why.replace("缺口持续不超过临时周转年限，", "")
    return text.replace(old, words.replace("；借用的教室不新建，见“过渡期”）", "；" + why))


def kept_rooms(plan: LayoutOutcome) -> int:
    """The rooms met by 临时周转 instead of built (「代替新建」, 「少建」, 「不新建」): those the
    target year borrows (:func:`target_rooms`, brief hsize: 「少建 3 间」 beside 5 borrowed in
    2030); the solve's rooms not built for a plan without 过渡期 rows.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> kept_rooms(LayoutOutcome("optimal", (PlannedSchool("E", "甲", "expand", temporary_classrooms=2),), {}))
    2
    """
    if plan.transition:
        return target_rooms(plan)
    return sum(s.temporary_classrooms for s in plan.schools if s.action != "close")


def short_rooms(plan: LayoutOutcome, after: dict) -> int:
    """The target year's classrooms short that the 大班额 and 班额 cells name (brief hhonest2 3):
    the rooms borrowed that year (:func:`kept_rooms`, every school) or the county seat's rooms
    short after building (``after``: the plan's 调整后 metrics), whichever is more."""
    borrowed = kept_rooms(plan) if plan.transition else 0
    return max(int(borrowed), int(after.get("urban_classroom_shortfall", 0) or 0))


def borrow_phrase(plan: LayoutOutcome | None, school) -> str:
    """A school's 临时周转 in the 整改措施's table of both plans: as 表3 says it
    (:func:`borrow_words`) for a plan with 过渡期 rows, else the solve's rooms not built.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> s = PlannedSchool("E", "甲", "expand", temporary_classrooms=1)
    >>> plan = LayoutOutcome("optimal", (s,), {}, year=2025, target_year=2030,
    ...     transition=(YearRooms(2027, "E", "primary", 700, 4, 0, 4),))
    >>> borrow_phrase(plan, s), borrow_phrase(None, s)
    ('临时周转教室 4 间（2027 学年借用，规划年 2030 学年不借用；不新建）', '临时周转教室 1 间（不新建）')
    """
    if plan is None or not plan.transition:
        rooms = school.temporary_classrooms
        return f"临时周转教室 {rooms:,} 间（不新建）" if rooms else ""
    b = school_borrowing(plan).get(school.school_id)
    if b is None:
        return ""
    from junheng.planning.plans_temporary import peak_of

    # the 整改措施 says the school's years whole, its waiting pupils' rooms not apart (its words capped)
    words = borrow_words(replace(b, held={}), plan.target_year, peak=peak_of(plan.rules))
    return words.replace("临时周转普通教室", "临时周转教室", 1).replace("；借用的教室不新建，见“过渡期”）", "；不新建）")


def receiver_borrow(text: str, plan: LayoutOutcome) -> str:
    """``text`` with each school's 「<name>（…临时周转 N 间（不新建）」 (the solve's rooms not
    built, :func:`~.layout_json.receiver_rooms`, said before the 过渡期 is known) said as 表3
    says it (:func:`borrow_phrase`; review rv6 N8: 东城小学 「临时周转 1 间」 in a 说明 and
    「至多 4 间」 in 表3); dropped where the school borrows in no year. Unchanged without 过渡期 rows.

    >>> from junheng.planning.layout_outcome import PlannedSchool, YearRooms
    >>> s = PlannedSchool("E", "甲", "expand", temporary_classrooms=1)
    >>> plan = LayoutOutcome("optimal", (s, PlannedSchool("F", "乙", "expand")), {}, year=2025,
    ...     target_year=2030, transition=(YearRooms(2027, "E", "primary", 700, 4, 0, 4),))
    >>> receiver_borrow("甲（新增教室 2 间、临时周转 1 间（不新建）、补足生均面积 9.00 万元）接收", plan)
    '甲（新增教室 2 间、临时周转教室 4 间（2027 学年借用，规划年 2030 学年不借用；不新建）、补足生均面积 9.00 万元）接收'
    >>> receiver_borrow("乙（临时周转 2 间（不新建））接收", plan)
    '乙接收'
    """
    import re

    if not plan.transition:
        return text
    for s in plan.schools:
        pattern = re.compile(re.escape(s.name) + r"（([^（）]*?)临时周转 [\d,]+ 间（不新建）(、?)")
        for m in list(pattern.finditer(text)):
            words, before, after = borrow_phrase(plan, s), m.group(1), m.group(2)
            body = before + words + after if words else (before if after else before.rstrip("、"))
            text = text.replace(m.group(0), f"{s.name}（{body}", 1)
        text = text.replace(f"{s.name}（）", s.name)
    return text

