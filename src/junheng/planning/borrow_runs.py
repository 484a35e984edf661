"""A school's run of 临时周转 years told whole, every year counted, the years before the run start
too (review rv17 6: 整改措施 said 实验中学 「普通教室缺口持续不超过 3 年…至多 5 间（2029—2031 学年借用）」
while 布局调整方案 表 5 said 「至多 12 间（2027—2031 学年借用）」 and 表 1 「缺口持续不超过临时周转年限」,
five years in a row): one source of the run, its most rooms and whether it is longer than
``temporary_peak_years``, for both documents (:func:`~.layout_borrow.borrow_span`, its callers and
:func:`~.compliance_temporary.temporary_note`).
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
