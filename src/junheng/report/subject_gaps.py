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

from junheng.planning.hire_rule import hired_subjects
from junheng.planning.staffing_transfer import ANY_SUBJECT

__all__ = ["ANYONE", "anyone", "fill_rest", "gap_text", "hired_subjects", "over_text", "short_text", "unmatched"]

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
    ledger's ``transfer`` ``short``): teachers of its own over their class-hour share hold posts
    of its 编制, said by what they teach ("" when the lacking equal the hires; rv17 4: 4 short,
    3 hired; brief hfix10b 2: 「占 1 个编制」 did not say who takes the post).

    >>> over_text({"hire": 3, "subjects": {"history": 3, "music": 1}, "over": {"chinese": 1}})
    '（另 1 个编制由按课时比例多出的语文教师 1 人占用）'
    >>> over_text({"hire": 3, "subjects": {"history": 3, "music": 2}, "over": {"chinese": 1, "other": 1}})
    '（另 2 个编制由按课时比例多出的语文教师 1 人、任教学科为“其他”（不在课时比例内）的教师 1 人占用）'
    """
    from junheng.report.staffing_rows import group_label

    over = {k: n for k, n in (row.get("over") or {}).items() if n}
    if sum(row["subjects"].values()) == row["hire"] or not over:
        return ""
    said = "、".join(f"按课时比例多出的{group_label(k)}教师 {n:,} 人" if k != "other" else
                    f"任教学科为“其他”（不在课时比例内）的教师 {n:,} 人" for k, n in over.items())
    return f"（另 {sum(over.values()):,} 个编制由{said}占用）"


def short_text(row: Mapping) -> str:
    """A junior school still hiring after the 转任 (a row of the ledger's ``transfer`` ``short``):
    the teachers it lacks by class-hour share, the subjects its hires are for
    (:func:`hired_subjects`, the figure of the 教师配置汇总's 按编制需招聘) and how the lessons of
    those its 编制 has no post for are taught (brief hstaff2 2: 「历史与地理 3 人、音乐 1 人（另其他学科
    1 人不在课时比例内，编制只余 3 个），需招聘 3 人」 left a reader to guess who is hired and what
    becomes of the 音乐 lessons).

    >>> print(short_text({"name": "新初中", "hire": 3, "subjects": {"history": 3, "music": 1},
    ...                   "over": {"other": 1}}))
    新初中历史与地理 3 人、音乐 1 人，编制只余 3 个（另 1 个编制由任教学科为“其他”（不在课时比例内）的教师 1 人占用）：招聘历史与地理 3 人；音乐 1 人无编制，不招聘，其课时由本校教师兼任，待编制调整后补充

    A spare 音乐 teacher elsewhere, but none of the school's own over its share free to go back
    (staffing_pe_swap: a 县级以上骨干 is not sent), or one swapped for a 语文 teacher over:

    >>> print(short_text({"name": "新初中", "hire": 3, "subjects": {"history": 3, "music": 1},
    ...                   "over": {"other": 1}, "unswapped": {"music": 1}}).split("；")[1])
    音乐 1 人无编制，不招聘（县内有多于所需的音乐教师，但本校按课时比例多出的教师中没有可对调的（县级以上骨干教师和体育艺术教师不调出），不调配），其课时由本校教师兼任，待编制调整后补充
    >>> short_text({"name": "新初中", "hire": 3, "subjects": {"history": 3}, "pe_art": {"music": 1}, "back": {"chinese": 1}})
    '新初中历史与地理 3 人，需招聘 3 人（另音乐 1 人由县管校聘从多于所需的学校调入，与本校语文教师 1 人对调，不招聘）'

    >>> short_text({"name": "新初中", "hire": 5, "subjects": {"science": 4, "history": 1}})
    '新初中科学（物理、化学、生物） 4 人、历史与地理 1 人，需招聘 5 人'
    >>> short_text({"name": "新初中", "hire": 5, "subjects": {"science": 4, "history": 1}, "pe_art": {"music": 1}})
    '新初中科学（物理、化学、生物） 4 人、历史与地理 1 人，需招聘 5 人（另音乐 1 人由县管校聘从多于所需的学校调入，不招聘）'
    """
    from junheng.report.staffing_rows import group_label

    lacking = "、".join(gap_text(k, n) for k, n in row["subjects"].items())
    hired = hired_subjects(row["hire"], row["subjects"])
    rest = {k: n - hired.get(k, 0) for k, n in row["subjects"].items() if n > hired.get(k, 0)}
    moved = "、".join(f"{group_label(k)} {n:,} 人" for k, n in (row.get("pe_art") or {}).items())
    # brief hstaff2 3: a 体育艺术 post filled by a spare teacher of another school, not hired
    back = "、".join(f"{group_label(k)}教师 {n:,} 人" for k, n in (row.get("back") or {}).items())
    back = f"，与本校{back}对调" if back else ""  # brief hfix10b 2: a gap without a post, swapped
    moved = f"（另{moved}由县管校聘从多于所需的学校调入{back}，不招聘）" if moved else ""
    if not rest:
        return f"{row['name']}{lacking}，需招聘 {row['hire']:,} 人{moved}"
    hires = "、".join(f"{group_label(k)} {n:,} 人" for k, n in hired.items())
    left = "、".join(f"{group_label(k)} {n:,} 人" for k, n in rest.items())
    return (f"{row['name']}{lacking}，编制只余 {row['hire']:,} 个{over_text(row)}："
            + (f"招聘{hires}；" if hires else "不招聘；")
            + f"{left}无编制，不招聘{_unswapped(row)}，其课时由本校教师兼任，待编制调整后补充{moved}")


def _unswapped(row: Mapping) -> str:
    """Why a 体育艺术 gap without a post is not met by a spare teacher of the subject elsewhere
    (the row's ``unswapped``: staffing_pe_swap), "" without one."""
    from junheng.report.staffing_rows import group_label

    if not row.get("unswapped"):
        return ""
    names = "、".join(group_label(k) for k in row["unswapped"])
    return f"（县内有多于所需的{names}教师，但本校按课时比例多出的教师中没有可对调的（县级以上骨干教师和体育艺术教师不调出），不调配）"


def unmatched(found: Mapping) -> tuple[int, str]:
    """The junior hires no surplus primary teacher can fill by subject, and their subjects'
    names (the ledger's ``transfer``: its 转任 already took every subject-matched candidate):
    per new school still hiring at most its hires of the subjects it lacks, and the retirees'
    posts left short (review rv18 3: 「即使初中所需 9 人全部由小学富余教师转任」 beside
    「仍缺历史与地理 6 人」, the other 3 the new school's 历史与地理 and 音乐). (0, "") without
    the certificates' stage.

    >>> unmatched({"filled": True, "short": [{"hire": 3, "subjects": {"history": 3, "music": 1}}],
    ...            "retire": {"short": {"history": 6}}})
    (9, '历史与地理')
    >>> unmatched({"filled": True, "short": [{"hire": 4, "subjects": {"history": 3, "music": 1}}]})
    (4, '历史与地理、音乐')
    >>> unmatched({"filled": False, "retire": {"short": {"history": 6}}})
    (0, '')
    """
    from junheng.report.staffing_rows import group_label

    if not found.get("filled"):
        return 0, ""
    rows = [r for r in found.get("short") or () if r.get("hire")]
    short = {k: n for k, n in ((found.get("retire") or {}).get("short") or {}).items() if n}
    hired = [hired_subjects(r["hire"], r["subjects"]) for r in rows]
    names = dict.fromkeys(group_label(k) for h in hired for k in h)
    names.update(dict.fromkeys(group_label(k) for k in short))
    return sum(sum(h.values()) for h in hired) + sum(short.values()), "、".join(names)


def fill_rest(a: str, b: str, left: int, hire: int, lack: tuple[int, str], then: str = "") -> str:
    """What stage ``b``'s ``hire`` leave of stage ``a``'s surplus ``left``: those no surplus
    teacher fills by subject (``lack``: :func:`unmatched`) hired, the rest at most transferred;
    ``then``: how far the retirements absorb it within the forecast
    (:func:`~junheng.report.teacher_absorb.forecast_said`, brief hstaff2 1), said after 「由退休不补消化」.

    >>> fill_rest("小学", "初中", 397, 9, (9, "历史与地理"))
    '初中所需 9 人（历史与地理）无小学富余教师对口，不能转任；小学富余 397 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹'
    >>> fill_rest("小学", "初中", 397, 9, (6, "历史与地理"))
    '初中所需 9 人中历史与地理 6 人无小学富余教师对口，不能转任；即使其余 3 人全部由小学富余教师转任，小学仍富余 394 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹'
    >>> fill_rest("小学", "初中", 397, 9, (0, ""))
    '即使初中所需 9 人全部由小学富余教师转任，小学仍富余 388 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹'
    >>> fill_rest("小学", "初中", 397, 9, (9, "历史与地理"), "预测期内退休不补不能全部消化")[-62:]
    '小学富余 397 人，建议富余消化前小学暂停招聘，由退休不补消化；预测期内退休不补不能全部消化；不足的待编制核减或跨区县统筹'
    >>> fill_rest("小学", "初中", 5, 9, (0, "")), fill_rest("小学", "初中", 3, 9, (6, "历史与地理"))
    ('小学富余教师足以补足初中所需，可不对外招聘', '初中所需 9 人中历史与地理 6 人无小学富余教师对口，不能转任，其余由小学富余教师转任补足')
    """
    # rv29 5: the freeze is the 局务会's to decide (建议, on the surplus said before it), and who
    # is hired or covered is said by the junior hires' choice (teacher_peak.choice_text)
    # rv19 1: no 「逐年消化」 (the forecast may leave a surplus) and no 县管校聘 route (the ledger's
    # same-stage pooling already filled every school short of teachers)
    fill, said = max(hire - lack[0], 0), f"无{a}富余教师对口"
    tail = f"建议富余消化前{a}暂停招聘，由退休不补消化{f'；{then}；' if then else '，'}不足的待编制核减或跨区县统筹"
    if not fill:  # short: the 整改措施 has a length cap
        return f"{b}所需 {hire:,} 人（{lack[1]}）{said}，不能转任；{a}富余 {left:,} 人，{tail}"
    first = (f"{b}所需 {hire:,} 人中{lack[1]} {hire - fill:,} 人{said}，不能转任；即使其余 {fill:,} 人" if lack[0]
             else f"即使{b}所需 {hire:,} 人")
    if left > fill:
        return f"{first}全部由{a}富余教师转任，{a}仍富余 {left - fill:,} 人，{tail}"
    return (f"{b}所需 {hire:,} 人中{lack[1]} {hire - fill:,} 人{said}，不能转任，其余由{a}富余教师转任补足" if lack[0]
            else f"{a}富余教师足以补足{b}所需，可不对外招聘")
