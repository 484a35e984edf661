"""What separates the layout plan's 调整后 CVs from the 达标路径's 实施前 CVs of the same year.

When the layout plan's pupils are the forecast's, both count the same county, the same pupils
per school and the same method; the one difference is the teachers the layout recruits by
编制 (at its new schools): its 调整后 counts them, the 达标路径's 实施前 does not (it recruits by
the evaluation's indicators, listed apart). Review rv10 finding 6: 「0.118059 | 0.179272」 under
a note saying 「两者相同」.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import cv3

#: the generic reason, where the figures are not at hand (the layout plan's own notes)
RECRUITS_GENERIC = ("布局调整方案的“调整后”与达标路径的“实施前”为同一学年的同一县域、同一学生数、同一方法，只差布局方案按编制"
                    "招聘的教师（“调整后”计入，“实施前”不计，其招聘由达标路径另列），与教师有关的差异系数因此可能不同，其余相同")


def stage_hires(staffing: Mapping[str, Any] | None) -> dict[str, int]:
    """The teachers the layout recruits by 编制, per stage, from its staffing ledger.

    >>> stage_hires({"schools": [{"stage": "junior", "hire": 40}, {"stage": "primary", "hire": 0},
    ...                          {"stage": "junior", "hire": 3}]})
    {'junior': 43}
    """
    hires: dict[str, int] = {}
    for row in (staffing or {}).get("schools", ()):
        if row.get("hire"):
            hires[row["stage"]] = hires.get(row["stage"], 0) + int(row["hire"])
    return hires


def recruit_difference(hires: Mapping[str, int], layout: Mapping[str, Mapping[str, float | None]],
                       before: Mapping[str, Mapping[str, float | None]], names: Mapping[str, str]) -> str:
    """The one sentence on the two columns: 「两者相同」 when the layout recruits nobody, else the
    recruits per stage and every CV that differs at three decimals, 调整后 first.

    >>> cvs = {"junior": {"higher_degree_teachers_per_100": 0.118059, "sports_area_per_student": 0.69}}
    >>> ours = {"junior": {"higher_degree_teachers_per_100": 0.179272, "sports_area_per_student": 0.69}}
    >>> names = {"higher_degree_teachers_per_100": "每百名学生拥有高于规定学历教师数"}
    >>> print(recruit_difference({"junior": 40}, cvs, ours, names))
    两者只差布局方案按编制招聘的 40 名初中教师（“调整后”计入，“实施前”不计，其招聘由达标路径另列），故初中每百名学生拥有高于规定学历教师数差异系数“调整后”为 0.118、“实施前”为 0.179，其余各项相同
    >>> recruit_difference({}, cvs, ours, names)
    '两者相同'
    """
    from junheng.planning.layout_outcome import cv_name

    if not hires:
        return "两者相同"
    who = "、".join(f"{n:,} 名{STAGE_LABELS[s]}教师" for s, n in hires.items())
    text = f"两者只差布局方案按编制招聘的 {who}（“调整后”计入，“实施前”不计，其招聘由达标路径另列）"
    differ = [f"{STAGE_LABELS[stage]}{names.get(key) or cv_name(key)}差异系数“调整后”为 {cv3(theirs)}、“实施前”为 {cv3(ours)}"
              for stage, values in before.items() for key, ours in values.items()
              if ours is not None and (theirs := (layout.get(stage) or {}).get(key)) is not None
              and cv3(theirs) != cv3(ours)]
    if not differ:
        return text + "，各项差异系数在三位小数内相同"
    return f"{text}，故{'；'.join(differ)}，其余各项相同"


def doc_recruit_difference(doc: Mapping[str, Any]) -> str:
    """:func:`recruit_difference` of a saved 达标路径 (its ``staffing``, ``layout_cvs`` and
    ``before``); "" when the two plans' years or pupils differ, or there is no layout plan."""
    from junheng.standards import load_standard

    before = (doc.get("before") or {}).get("stages")
    if not (doc.get("layout_forecast") and doc.get("layout_cvs") and before) \
            or doc.get("layout_year") != doc.get("target_year"):
        return ""
    names = {i.id: i.name for i in load_standard("quality-2017").resource_indicators}
    return recruit_difference(stage_hires(doc.get("staffing")), doc["layout_cvs"],
                              {s: b["cv"] for s, b in before.items()}, names)


def plan_recruit_difference(layout_cvs: Mapping[str, Mapping[str, float]] | None,
                            staffing: Mapping[str, Any] | None, before: Any) -> str:
    """:func:`recruit_difference` while the 达标路径 is built: the layout's 调整后 CVs and
    staffing ledger against the 实施前 evaluation (an :class:`~junheng.evaluate.Evaluation`);
    「两者相同」 without either."""
    from junheng.standards import load_standard

    if not layout_cvs or before is None:
        return "两者相同"
    ours = {stage: {k: c.cv for k, c in res.indicators.items()} for stage, res in before.stages.items()}
    names = {i.id: i.name for i in load_standard("quality-2017").resource_indicators}
    return recruit_difference(stage_hires(staffing), layout_cvs, ours, names)
