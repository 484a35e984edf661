"""A school's run of 临时周转 years told whole, every year counted, the years before the run start
too (review rv17 6: 整改措施 said 实验中学 「普通教室缺口持续不超过 3 年…至多 5 间（2029—2031 学年借用）」
while 布局调整方案 表 5 said 「至多 12 间（2027—2031 学年借用）」 and 表 1 「缺口持续不超过临时周转年限」,
five years in a row): one source of the run, its most rooms and whether it is longer than
``temporary_peak_years``, for both documents (:func:`~.layout_borrow.borrow_span`, its callers and
:func:`~.compliance_temporary.temporary_note`); the years a school borrows only for pupils waiting
there to leave, said apart (:func:`held_split`); an option's room-years (:func:`rent_years_text`).
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.model.numbers import year_range
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.planning.layout_years import year_runs

#: why a school's target-year rooms are borrowed, not built, when its run is within the limit
WITHIN_OR_IDLE = "缺口持续不超过临时周转年限或建成后多数学年闲置"


def over_run(years: Mapping[int, int], peak: int | None) -> list[int]:
    """The longest run of school years a school borrows in, every year counted (those before the
    run start too: review rv17 6, 实验中学 2027—2031 said 「不超过」), where it is longer than
    ``peak`` ([] otherwise, or without a ``peak`` above 0).

    >>> over_run({2027: 10, 2028: 12, 2029: 5, 2030: 3, 2031: 1}, 3), over_run({2029: 5, 2031: 1}, 1)
    ([2027, 2028, 2029, 2030, 2031], [])
    """
    run = max(year_runs([y for y, n in sorted(years.items()) if n]), key=len, default=[])
    return run if peak and len(run) > peak else []


def over_words(run: list[int], peak: int, named: bool = True) -> str:
    """A run longer than the limit, said plainly (:func:`over_run`); ``named``: with its years.

    >>> over_words([2027, 2028, 2029, 2030, 2031], 3)
    '2027—2031 学年连续借用 5 个学年，超过临时周转年限 3 年，需论证'
    """
    return f"{year_range(run[0], run[-1]) + ' 学年' if named else ''}连续借用 {len(run)} 个学年，超过临时周转年限 {peak} 年，需论证"


def held_split(years: Mapping[int, int], held: Mapping[int, int]) -> tuple[dict, dict] | None:
    """A school's 临时周转 years split in two where all those it borrows only for pupils waiting
    there to leave (``held``: school year -> their rooms, :func:`~.layout_waiting.waiting_parts`)
    come before its others, none of which holds such rooms (brief hsolve 2: 洛北县第四中学 borrowed
    2027—2028 for pupils waiting to move to 新区实验学校 and 2029—2031 for its own); None otherwise.

    >>> held_split({2027: 2, 2028: 2, 2029: 2, 2030: 2}, {2027: 2, 2028: 2})
    ({2027: 2, 2028: 2}, {2029: 2, 2030: 2})
    >>> held_split({2027: 9, 2028: 2}, {2027: 8}), held_split({2027: 2}, {2027: 2})
    (None, None)
    """
    only = {y: n for y, n in sorted(years.items()) if n and held.get(y, 0) >= n}
    rest = {y: n for y, n in sorted(years.items()) if n and y not in only}
    clean = only and rest and max(only) < min(rest) and not any(held.get(y) for y in rest)
    return (only, rest) if clean else None


def held_words(held: Mapping[int, int], rest: str) -> str:
    """The words of :func:`held_split`'s two parts: the waiting pupils' years and rooms, then
    ``rest``, the other years' span (:func:`~.layout_borrow.borrow_span`), said as the stayers'.

    >>> held_words({2027: 2, 2028: 2}, "2029—2031 学年借用，规划年 2030 学年 2 间")
    '2027—2028 学年为等待转出的学生借用 2、2 间；2029—2031 学年为留在本校的学生借用，规划年 2030 学年 2 间'
    """
    from junheng.planning.layout_borrow import year_span

    rooms = "、".join(f"{n:,}" for n in held.values())
    return f"{year_span(held)}为等待转出的学生借用 {rooms} 间；" + rest.replace("借用，", "为留在本校的学生借用，", 1)


def why_borrowed(plan: LayoutOutcome, years: Mapping[str, Mapping[int, int]]) -> str:
    """Why the target year's rooms are borrowed, not built: within the limit, or, for the schools
    whose whole run is longer (:func:`over_run`), that it is, with their years (review rv17 6:
    「缺口持续不超过临时周转年限」 beside 实验中学's five years 2027—2031).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("E", "实验中学", "keep"), PlannedSchool("F", "第四中学", "keep")),
    ...                      {}, target_year=2030, rules={"temporary_peak_years": 3})
    >>> why_borrowed(plan, {"E": {2027: 4, 2028: 4, 2029: 2, 2030: 1, 2031: 1}, "F": {2030: 2}})
    '其中实验中学 2027—2031 学年连续借用 5 个学年，超过临时周转年限 3 年，需论证；其余缺口持续不超过临时周转年限或建成后多数学年闲置'
    >>> why_borrowed(plan, {"F": {2030: 2}})
    '缺口持续不超过临时周转年限或建成后多数学年闲置'
    """
    from junheng.planning.plans_temporary import peak_of

    peak, spans = peak_of(plan.rules), {}
    target = {s for s, ys in years.items() if ys.get(plan.target_year)}
    for school in sorted(target, key=list(years).index):
        if run := over_run(years[school], peak):
            spans.setdefault(over_words(run, peak), []).append(plan.names.get(school, school))
    if not spans:
        return WITHIN_OR_IDLE
    said = "；".join(f"{'、'.join(who)} {words}" for words, who in spans.items())
    rest = f"；其余{WITHIN_OR_IDLE}" if sum(map(len, spans.values())) < len(target) else ""
    return ("其中" if rest else "") + said + rest


def whole_years(row, layout: Mapping[str, Mapping[int, int]] | None) -> dict[int, int]:
    """A school's rooms borrowed by school year across both plans: this plan's from its run start
    (``row``'s ``borrowed`` from ``opens``), the layout plan's before it (``layout``: school ->
    year -> rooms), so that both documents give the same run and most rooms (review rv17 6:
    实验中学 「至多 5 间（2029—2031 学年借用）」 here, 「至多 12 间（2027—2031 学年借用）」 in 表 5).

    >>> whole_years({"school_id": "E", "opens": 2029, "borrowed": {2029: 5, 2030: 3}}, {"E": {2027: 10, 2028: 12, 2029: 5}})
    {2027: 10, 2028: 12, 2029: 5, 2030: 3}
    """
    opens = row.get("opens")
    early = {int(y): int(n) for y, n in ((layout or {}).get(row["school_id"]) or {}).items()
             if n and opens is not None and int(y) < int(opens)}
    return dict(sorted({**early, **row["borrowed"]}.items()))


def rent_years_text(got: list, lead: str = "") -> str:
    """An option's 过渡期 room-years and 万元 (:func:`~.layout_options.temporary_facts`) with the school years they
    fall in, always 「共」 before the room-years; ``lead`` (a label) goes before, a space between it
    and the years; an option stored before the years were: without them.

    >>> rent_years_text([2, 73, 146.0, [2027, 2028, 2029]]), rent_years_text([2, 73, 146.0])
    ('2027—2029 学年共 73 间·学年、146.00 万元', '共 73 间·学年、146.00 万元')
    >>> rent_years_text([2, 73, 146.0, [2027]], "过渡期"), rent_years_text([2, 73, 146.0], "过渡期")
    ('过渡期 2027 学年共 73 间·学年、146.00 万元', '过渡期共 73 间·学年、146.00 万元')
    """
    from junheng.planning.layout_borrow import year_span

    years = year_span(got[3]) if len(got) > 3 and got[3] else ""
    span = " ".join(x for x in (lead, years) if x)
    return f"{span}共 {got[1]:,} 间·学年、{got[2]:,.2f} 万元"
