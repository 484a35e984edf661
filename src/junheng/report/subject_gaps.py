"""A subject's teacher gap in words, one rule for the documents and the web pages.

The staffing rules' ``practice`` group (综合实践活动、劳动、地方课程和校本课程) is taught by teachers
of any subject (:data:`~junheng.planning.staffing_transfer.ANY_SUBJECT`: the 转任 fills it with
any primary teacher), so its gap is class hours other teachers share, not teachers to hire.
The documents said so (「综合实践活动等 3 人（任一学科教师可兼任）」) while the web's teacher pages
listed 「综合实践 … 缺额 22」 as a plain shortage (review rvweb2 finding 10); both now write a gap
with :func:`gap_text` (the group's name, :func:`~junheng.report.staffing_rows.group_label`,
and :func:`anyone`).

>>> gap_text("chinese", 12), gap_text("practice", 3)
('语文 12 人', '综合实践活动等 3 人（任一学科教师可兼任）')
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.staffing_transfer import ANY_SUBJECT

#: what follows a gap of the group any teacher may teach
ANYONE = "（任一学科教师可兼任）"


def anyone(group: str) -> str:
    """:data:`ANYONE` for the group any teacher may teach, else "".

    >>> anyone("practice"), anyone("pe")
    ('（任一学科教师可兼任）', '')
    """
    return ANYONE if group == ANY_SUBJECT else ""


def gap_text(group: str, teachers: int) -> str:
    """A subject group's gap: its name, the teachers and, for the group any teacher may
    teach, :data:`ANYONE`."""
    from junheng.report.staffing_rows import group_label

    return f"{group_label(group)} {teachers:,} 人{anyone(group)}"


def over_text(row: Mapping) -> str:
    """Why a school still hiring lacks more teachers by subject than it hires (a row of the
    ledger's ``transfer`` ``short``): it has others over their class-hour share, who hold posts
    of its 编制 ("" when the lacking equal the hires; rv17 4: 4 short, 3 hired).

    >>> over_text({"hire": 3, "subjects": {"history": 3, "music": 1}, "over": {"chinese": 1}})
    '（另语文按课时比例多 1 人，编制只余 3 个）'
    >>> over_text({"hire": 3, "subjects": {"history": 3, "music": 1}, "over": {"other": 1}})
    '（另其他学科 1 人不在课时比例内，编制只余 3 个）'
    """
    from junheng.report.staffing_rows import group_label

    over = {k: n for k, n in (row.get("over") or {}).items() if n}
    if sum(row["subjects"].values()) == row["hire"] or not over:
        return ""
    said = "、".join(f"{group_label(k)}按课时比例多 {n:,} 人" if k != "other" else
                    f"其他学科 {n:,} 人不在课时比例内" for k, n in over.items())
    return f"（另{said}，编制只余 {row['hire']:,} 个）"
