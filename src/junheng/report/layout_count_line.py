"""The layout plan's count line, one wording for the web page and ``junheng plan layout``
(review rv24 9: the CLI printed 「保留 55 所，…撤并 64 所」 beside the web's 「保留（不作调整，其中
教学点 6 个）55 所，撤并教学点 64 个」 and the docx's 「撤并教学点 64 个」).

>>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
>>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲", "keep", kind="primary_school"),
...     PlannedSchool("P", "点", "keep", kind="teaching_point"),
...     PlannedSchool("Q", "点二", "close", kind="teaching_point", merged_into="A"),
...     PlannedSchool("B", "乙", "expand", kind="primary_school")), {})
>>> count_line(plan)
'保留（不作调整，其中教学点 1 个） 2 所，撤并教学点 1 个，扩建 1 所，新建 0 所'
"""

from __future__ import annotations

from junheng.model.labels import SHOWN_ACTION_LABELS

#: actions listed only when the plan has them (the others are listed at 0)
LISTED_WHEN_ANY = ("rebuild", "grounds", "temporary")


def count_label(plan, action: str) -> str:
    """An action's label in the counts; the kept ones say they are the schools left as
    they are and how many of them are 教学点 (review 2026-12-04 finding 12: "保留 54 所" beside
    "学校数（不含教学点）| 54" counted different things).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲", "keep", kind="primary_school"),
    ...     PlannedSchool("P", "点", "keep", kind="teaching_point")), {})
    >>> count_label(plan, "keep"), count_label(plan, "close")
    ('保留（不作调整，其中教学点 1 个）', '撤并')
    """
    if action != "keep":
        return SHOWN_ACTION_LABELS[action]
    points = sum(s.shown_action == "keep" and s.kind == "teaching_point" for s in plan.schools)
    return f"保留（不作调整，其中教学点 {points} 个）" if points else "保留（不作调整）"


def action_counts(plan, action: str, n: int) -> list[tuple[str, int, str]]:
    """An action's (label, count, unit): closed 教学点 by 个 apart from the closed schools by
    所 (review2 finding 13: "撤并 64 所" were 64 教学点).

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("A", "甲", "close", kind="primary_school"),
    ...     PlannedSchool("P", "点", "close", kind="teaching_point")), {})
    >>> action_counts(plan, "close", 2), action_counts(plan, "new", 0)
    ([('撤并学校', 1, '所'), ('撤并教学点', 1, '个')], [('新建', 0, '所')])
    """
    if action != "close":
        return [(count_label(plan, action), n, "所")]
    points = sum(s.action == "close" and s.kind == "teaching_point" for s in plan.schools)
    out = [("撤并学校", n - points, "所")] if n > points or not points else []
    return out + ([("撤并教学点", points, "个")] if points else [])


def count_items(plan) -> list[tuple[str, int, str]]:
    """Every action's (label, count, unit) in the order of :data:`SHOWN_ACTION_LABELS`: 保留,
    撤并, 扩建 and 新建 always, the others (:data:`LISTED_WHEN_ANY`) where the plan has them."""
    counts = plan.shown_counts()
    return [c for a in SHOWN_ACTION_LABELS if a not in LISTED_WHEN_ANY or counts.get(a)
            for c in action_counts(plan, a, counts.get(a, 0))]


def count_line(plan) -> str:
    """:func:`count_items` as one line, as the web page prints them."""
    return "，".join(f"{label} {n:,} {unit}" for label, n, unit in count_items(plan))


__all__ = ["action_counts", "count_items", "count_label", "count_line"]
