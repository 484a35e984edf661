"""How a kept school's 分流下限 (the layout model's rule (12)) is reached, in a reader's words
with the school's own figures (review rv28 7: 「比分流下限 1,483 人少 6 人」 beside the words
「保留学校至少留住规划年生源的一定比例」; 80 % of 2,011 is 1,609, and nothing said how 1,483 came).

The floor is computed by :func:`~.layout_rules.relief_terms`: the expected pupils of the
target year without the plan, less the most that may leave (:func:`~.layout_rules.may_leave`:
the overload plus ``relief_margin`` of the pupils, at most the larger of ``1 − relief_min_share``
of them and the overload), less the pupils a nearer or new school that opens for sure seats
(:func:`~.layout_rules.nearer_open_school`), at most the pupils within reach, the seats and the
size cap; a school may then keep it less the pupils zoned to a new school for good
(:mod:`~.layout_stay_new`). The terms travel with the plan (``PlannedSchool.floor_terms``).

>>> terms = {"floor": 1483.0, "expected": 2011.0, "overload": 31.0, "nearer": 296.0,
...          "margin": 0.1, "share": 0.8}
>>> print(floor_formula(1483, terms))
规划年不调整的生源 2,011 人 − 至多可分流的 232 人 − 由更近或新建、一定开办且有空余学位的学校接收的本校生源 296 人 ＝ 1,483 人，其中至多可分流的人数为超出学位或校额上限的 31 人加生源的 10%（201 人），但不超过生源的 20%（402 人）与超出人数中的较大者
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.layout_rules import may_leave

#: the pupils :func:`~.layout_rules.nearer_open_school` takes off a floor, as a reader names them
NEARER = "由更近或新建、一定开办且有空余学位的学校接收的本校生源"
#: why a floor is below its formula (:func:`~.layout_rules.floor_ceiling`, the cap's room, reach)
CAPPED = "超过本校学位、校额上限（留出一个村居的余地）或通行时间限制内可到达本校的学生，取其中较小者"


def floor_formula(floor: int, terms: Mapping[str, float]) -> str:
    """The sum that gives a school's relief floor ``floor`` from its ``terms``
    (:func:`~.layout_rules.floor_fields`), then how many may leave; '' without terms (a plan
    stored before 2026-12-07). The parts are whole pupils; where they are rounded and do not
    add up, said so.

    The share binds (an overload of 500 of 2,300: 500 + 230 = 730 is more than the larger of
    460 and 500), and a new school takes 250 of the floor's pupils for good:

    >>> print(floor_formula(1550, {"floor": 1800.0, "expected": 2300.0, "overload": 500.0,
    ...     "nearer": 0.0, "margin": 0.1, "share": 0.8}))
    规划年不调整的生源 2,300 人 − 至多可分流的 500 人 ＝ 1,800 人，扣除划入建设项目新校的 250 人后为 1,550 人，其中至多可分流的人数为超出学位或校额上限的 500 人加生源的 10%（230 人），但不超过生源的 20%（460 人）与超出人数中的较大者

    Without a share, and where the cap binds (2,400 expected over a cap of 2,000: 2,400 − 480 =
    1,920, kept 100 below the cap for the largest village that may come):

    >>> print(floor_formula(1760, {"floor": 1760.0, "expected": 2400.0, "overload": 400.0,
    ...     "nearer": 0.0, "margin": 0.1, "share": 0.0}))
    规划年不调整的生源 2,400 人 − 至多可分流的 640 人 ＝ 1,760 人，其中至多可分流的人数为超出学位或校额上限的 400 人加生源的 10%（240 人）
    >>> print(floor_formula(1900, {"floor": 1900.0, "expected": 2400.0, "overload": 400.0,
    ...     "nearer": 0.0, "margin": 0.1, "share": 0.8}).split("，其中")[0])
    规划年不调整的生源 2,400 人 − 至多可分流的 480 人 ＝ 1,920 人，超过本校学位、校额上限（留出一个村居的余地）或通行时间限制内可到达本校的学生，取其中较小者 1,900 人
    """
    if not terms:
        return ""
    total, over, nearer = (float(terms.get(k, 0.0)) for k in ("expected", "overload", "nearer"))
    margin, share = float(terms.get("margin", 0.0)), float(terms.get("share", 0.0))
    leave = float(may_leave(total, over, margin, share))
    rule = round(float(terms.get("floor", floor)))
    exact = round(max(max(total - leave, 0.0) - nearer, 0.0))
    parts = [f"规划年不调整的生源 {total:,.0f} 人", f"至多可分流的 {leave:,.0f} 人"]
    parts += [f"{NEARER} {nearer:,.0f} 人"] if round(nearer) else []
    said = " − ".join(parts) + f" ＝ {exact:,} 人"
    if round(total) - round(leave) - round(nearer) != exact and exact:
        said += "（各项四舍五入到整数）"
    if exact != rule:
        said += f"，{CAPPED} {rule:,} 人"
    if floor < rule:
        said += f"，扣除划入建设项目新校的 {rule - floor:,} 人后为 {floor:,} 人"
    return f"{said}，其中{_leave_words(total, over, margin, share)}"


def _leave_words(total: float, over: float, margin: float, share: float) -> str:
    """How many may leave, as :func:`~.layout_rules.may_leave` computes it, with the figures.

    >>> _leave_words(600, 0, 0.1, 0.8)
    '至多可分流的人数为生源的 10%（60 人），但不超过生源的 20%（120 人）'
    """
    plus = f"生源的 {margin * 100:g}%（{margin * total:,.0f} 人）"
    said = f"超出学位或校额上限的 {over:,.0f} 人加{plus}" if round(over) else plus
    if share <= 0:
        return f"至多可分流的人数为{said}"
    cap = f"生源的 {(1 - share) * 100:g}%（{(1 - share) * total:,.0f} 人）"
    return f"至多可分流的人数为{said}，但不超过{cap}" + ("与超出人数中的较大者" if round(over) else "")
