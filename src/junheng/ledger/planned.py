"""What a layout plan intends, set beside the ledger's targets it bears on (review finding
11: 孟津's "2026年前,完成70个小规模学校教学点的撤并任务" read "2025 学年 2 | 滞后 | 到期预计 4" while
the same county's 布局调整方案 closes 65 of them in 2027, after the deadline).

The ledger core does not read layout plans: the caller (``junheng.jobs.ledger``) passes the
plan's figures as a :class:`PlannedClosures`, and :func:`closure_note` compares a
``teaching_points_merged`` target with them: how many of the schools the target counts from
(those still open and taught in the latest year) the plan closes and in which school year,
how many it keeps as 应留必留, and whether the target is then met by its deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from junheng.model import CountyData, numbers

#: The measures :func:`closure_note` speaks to.
MERGE_MEASURES = frozenset({"teaching_points_merged"})
KIND_WORDS = {"teaching_point": "教学点", "primary_school": "村小学"}
#: how a layout plan's name begins (report.layout_name: 布局调整方案甲（新建学校）)


@dataclass(frozen=True)
class PlannedClosures:
    """A layout plan's closures: its name (布局调整方案甲（新建学校）), school → the school year it
    is closed, and the schools it keeps because they must stay (应留必留)."""

    plan: str
    closes: Mapping[str, int]
    must_stay: frozenset[str] = field(default_factory=frozenset)


def closure_note(
    closures: PlannedClosures,
    data: CountyData,
    counted: set[str],
    merged: float,
    target: float,
    deadline: int,
    projected: float | None = None,
) -> str:
    """The sentence for a merge target's 说明: of ``counted`` (the baseline schools the target
    counts from), those still listed with pupils in ``data`` (the latest year) that the plan
    closes, with ``merged`` already merged, against ``target`` due in school year
    ``deadline``; each count with the year it is reached by, and when the plan is late, the
    count by the deadline beside the ledger's trend (``projected``, its 到期预计) (review rv20 9:
    「少于目标 4 个」, 66 by 2029, stood beside 到期预计 4, a trend to 2026).

    >>> data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": i, "school_type": t} for i, t in
    ...              (("A", "teaching_point"), ("B", "teaching_point"), ("C", "primary_school"),
    ...               ("D", "teaching_point"))],
    ...     classes=[{"school_id": i, "grade": "g1", "students": 5} for i in "ABCD"])
    >>> plan = PlannedClosures("布局调整方案甲（新建学校）", {"A": 2027, "C": 2027}, frozenset({"B"}))
    >>> closure_note(plan, data, {"A", "B", "C", "D", "E"}, 1, 5, 2026, 2.0)
    '布局调整方案甲（新建学校）拟于 2027 学年撤并本目标所计学校中的 2 个（教学点 1 个、村小学 1 所），另有教学点 1 个应留必留；连同已撤并的 1 个，至 2027 学年共 3 个，比目标少 2 个；晚于期限（2026 学年）：2027 学年撤并的教学点 1 个、村小学 1 所晚 1 学年，到期（2026 学年）按本方案只有 1 个（按已撤并数的趋势预计 2 个，即“到期预计”），不能按期完成'
    >>> closure_note(plan, data, {"A", "C"}, 3, 5, 2027)
    '布局调整方案甲（新建学校）拟于 2027 学年撤并本目标所计学校中的 2 个（教学点 1 个、村小学 1 所）；连同已撤并的 3 个，至 2027 学年共 5 个，可在期限（2027 学年）内达到目标'
    """
    taught = data.classes.groupby(data.classes["school_id"].astype(str))["students"].sum()
    kinds = dict(
        zip(data.schools["school_id"].astype(str), data.schools["school_type"], strict=True)
    )
    open_ = {s for s in counted if s in kinds and taught.get(s, 0) > 0}
    closing = {s: y for s, y in closures.closes.items() if s in open_}
    if not closing:
        return f"{closures.plan}不撤并本目标所计的学校"
    years = sorted(set(closing.values()))
    when = "、".join(f"{y} 学年" for y in years)
    text = (
        f"{closures.plan}拟于 {when}撤并本目标所计学校中的 {len(closing)} 个"
        f"（{_split(closing, kinds)}）"
    )
    stay = closures.must_stay & open_
    text += f"，另有{_split(stay, kinds)}应留必留" if stay else ""
    total = merged + len(closing)
    text += f"；连同已撤并的 {merged:,.0f} 个，至 {years[-1]} 学年共 {total:,.0f} 个"
    due = merged + sum(y <= deadline for y in closing.values())
    if due >= target:
        return f"{text}，可在期限（{deadline} 学年）内达到目标"
    text += f"，比目标少 {target - total:,.0f} 个" if total < target else "，达到目标"
    if years[-1] <= deadline:
        return text
    trend = "" if projected is None else (
        f"（按已撤并数的趋势预计 {numbers.trimmed(projected, 2)} 个，即“到期预计”）")
    return (f"{text}；{_late(closing, kinds, deadline)}，到期（{deadline} 学年）按本方案只有 "
            f"{due:,.0f} 个{trend}，不能按期完成")


def _late(closing: Mapping[str, int], kinds: Mapping[str, str], deadline: int) -> str:
    """How late each closure year is, from its own year (review A18: "晚于期限 4 学年" was the
    last year's lateness, true only for the village school closed then).

    >>> _late({"A": 2027, "B": 2027, "C": 2030}, {"A": "teaching_point", "B": "teaching_point",
    ...        "C": "primary_school"}, 2026)
    '晚于期限（2026 学年）：2027 学年撤并的教学点 2 个晚 1 学年、2030 学年撤并的村小学 1 所晚 4 学年'
    """
    late = sorted({y for y in closing.values() if y > deadline})
    parts = [f"{y} 学年撤并的{_split([s for s, v in closing.items() if v == y], kinds)}晚 {y - deadline} 学年"
             for y in late]
    return f"晚于期限（{deadline} 学年）：{'、'.join(parts)}"


def _split(ids, kinds: Mapping[str, str]) -> str:
    """教学点 n 个、村小学 m 所 (in that order) of ``ids``: 教学点 counted in 个, schools in 所
    (second review 2026-12-04, 9)."""
    words = [KIND_WORDS.get(kinds[s], "其他学校") for s in ids]
    order = [*KIND_WORDS.values(), "其他学校"]
    return "、".join(f"{w} {words.count(w)} {'个' if w == '教学点' else '所'}"
                     for w in order if w in words)

