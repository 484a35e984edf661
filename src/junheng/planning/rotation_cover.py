"""Who fills the posts of the teachers a compliance plan rotates out (brief hwords3 4: 7 teachers
left four town schools under 交流轮岗 and the documents did not say who teaches in their place;
洛北县新区实验学校 took 19 by 县管校聘 and sent 1).

A rotated teacher's 编制 stays at the school that sends him (``staffing``'s figures do not move),
so that school teaches the rotation's years with as many fewer in post. Per sending school and
stage, ``short = rotated out − exchanged back`` (a receiver at its 编制 sends as many of its own
the other way: :func:`~.compliance_rotation.exchanged`), filled in the order the plan's staffing
fills any post::

    own    = min(short, surplus of the school)                 本校按编制富余的教师
    pooled = min(short − own, surplus left in the stage)       同学段按编制富余教师调剂
    hired  = short − own − pooled                              招聘

``surplus``: the staffing ledger's teachers beyond the 编制 after the layout's moves (plan.json
``staffing.schools``); the stage's surplus left is the other schools' surplus less what the senders
took first.

>>> rot = [{"item": "rotation", "school_id": "T", "name": "城关中学", "stage": "junior",
...         "quantity": 2.0, "exchanged": 0}]
>>> staff = {"schools": [{"school_id": "T", "stage": "junior", "need": 51, "today": 32,
...                       "moved_in": 19, "moved_out": 0, "surplus": 0}]}
>>> print(cover_words(rot, staff))
调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足：城关中学调出 2 名（县管校聘调入 19 名后 51 名，恰为编制），须招聘 2 名。招聘的 2 名不在“教师配置汇总”的招聘人数内，人员经费未计入本方案。

The hires' 人员经费 is the plan's money (brief hrot5; a bureau pays them): :func:`cover_actions`
adds one yearly action per sending school (``rotation_cover``, priced as ``hire_teacher``, paid in
the rotation's years), in the 达标路径's total, its 每年经常性支出 and its 分年度 tables, and the
sentence then says the sum. The 交流轮岗 texts the plan follows (/work/shared/seeds: 中牟县's
「通过“双高引进”与公开招聘相结合的方式，补充优质师资力量……统筹调整学校编制和岗位设置，确保“人、编、岗”一致」)
fill posts by 招聘 and 统筹调整编制; none has a receiving school send a teacher back the other
way (对口交流) for this, so the plan does not cover the posts that way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.model import numbers

#: the backfill hire's action item and the cost item (costs.yaml) it is priced as
COVER_ITEM = "rotation_cover"
COVER_PRICED_AS = "hire_teacher"
#: the action items priced as another cost item, not named in the cost table (the checker)
PRICED = {COVER_ITEM: COVER_PRICED_AS}


def _senders(rot: list[dict]) -> dict[tuple[str, str], dict[str, Any]]:
    """(school, stage) → name, teachers rotated out and exchanged back."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for a in rot:
        got = out.setdefault((a["school_id"], a.get("stage", "")),
                             {"name": a.get("name") or a["school_id"], "out": 0, "back": 0})
        got["out"] += int(round(float(a["quantity"])))
        got["back"] += int(a.get("exchanged") or 0)
    return out


def stage_surplus(staffing: Mapping[str, Any] | None) -> dict[str, int]:
    """Per stage the teachers beyond the 编制 over every school of the staffing ledger (the
    pool the senders' posts are filled from before anyone is hired; negative figures count 0).

    >>> stage_surplus({"schools": [{"stage": "primary", "surplus": 21},
    ...     {"stage": "primary", "surplus": 3}, {"stage": "junior", "surplus": 0}]})
    {'primary': 24, 'junior': 0}
    """
    left: dict[str, int] = {}
    for r in (staffing or {}).get("schools") or ():
        left[r["stage"]] = left.get(r["stage"], 0) + max(int(r.get("surplus") or 0), 0)
    return left


def cover_rows(rot: list[dict], staffing: Mapping[str, Any] | None
               ) -> list[dict[str, Any]] | None:
    """Per sending school its teachers short in post and how they are filled (``own``,
    ``pooled``, ``hired``); None without staffing figures. A sender the ledger does not hold
    has no surplus of its own (``row`` without figures). Over a stage the hires add up to
    ``max(0, Σ short − the stage's surplus)`` (:func:`stage_surplus`), the compliance model's
    (26)."""
    rows = (staffing or {}).get("schools") or []
    if not rows:
        return None
    staff = {(r["school_id"], r["stage"]): r for r in rows}
    senders = _senders(rot)
    if not senders:
        return None
    left = stage_surplus(staffing)
    out = []
    for key, s in senders.items():
        r = staff.get(key) or {"school_id": key[0], "stage": key[1], "surplus": 0}
        short = max(s["out"] - s["back"], 0)
        own = min(short, max(int(r.get("surplus") or 0), 0))
        left[key[1]] = left.get(key[1], 0) - own
        out.append({**s, "stage": key[1], "short": short, "own": own, "row": r})
    for x in out:
        x["pooled"] = min(x["short"] - x["own"], max(left[x["stage"]], 0))
        left[x["stage"]] -= x["pooled"]
        x["hired"] = x["short"] - x["own"] - x["pooled"]
    return out


def hires_by_stage(rot: list[dict], staffing: Mapping[str, Any] | None) -> dict[str, int]:
    """Per stage the teachers hired in the senders' posts (:func:`cover_rows`; {} without
    staffing figures).

    >>> rot = [{"school_id": "T", "stage": "junior", "quantity": 3.0, "exchanged": 1}]
    >>> hires_by_stage(rot, {"schools": [{"school_id": "U", "stage": "junior", "surplus": 1}]})
    {'junior': 1}
    """
    out: dict[str, int] = {}
    for x in cover_rows(rot, staffing) or ():
        out[x["stage"]] = out.get(x["stage"], 0) + x["hired"]
    return out


def _school_words(x: dict[str, Any]) -> str:
    """One sending school: what it sent, where the staffing left it, and who fills the posts."""
    r = x["row"]
    if "today" not in r:
        fill = [f"本校按编制富余的 {x['own']:,} 名顶岗" if x["own"] else "",
                f"同学段按编制富余教师调剂 {x['pooled']:,} 名" if x["pooled"] else "",
                f"须招聘 {x['hired']:,} 名" if x["hired"] else ""]
        return (f"{x['name']}调出 {x['out']:,} 名（“教师配置汇总”未列该校该学段，按无富余计），"
                + "，".join(f for f in fill if f))
    after = int(r["today"]) + int(r.get("moved_in") or 0) - int(r.get("moved_out") or 0)
    moved = (f"县管校聘调入 {int(r['moved_in']):,} 名后" if r.get("moved_in")
             else f"县管校聘调出 {int(r['moved_out']):,} 名后" if r.get("moved_out") else "现有")
    state = ("恰为编制" if after == int(r["need"]) else f"编制 {int(r['need']):,} 名")
    fill = [f"交换派回的 {x['back']:,} 名顶岗" if x["back"] else "",
            f"本校按编制富余的 {x['own']:,} 名顶岗" if x["own"] else "",
            f"同学段按编制富余教师调剂 {x['pooled']:,} 名" if x["pooled"] else "",
            f"须招聘 {x['hired']:,} 名" if x["hired"] else ""]
    return f"{x['name']}调出 {x['out']:,} 名（{moved} {after:,} 名，{state}），" + "，".join(f for f in fill if f)


def backfill(rot: list[dict], staffing: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Per sending school that must hire (:func:`cover_rows`), its ``rotation_cover`` action's
    school, name, stage, teachers hired (``quantity``) and reason; [] when no one is hired."""
    return [{"school_id": x["row"]["school_id"], "name": x["name"], "stage": x["stage"],
             "quantity": float(x["hired"]),
             "reason": f"交流轮岗期间顶替本校调出的 {x['out']:,} 名交流教师"}
            for x in cover_rows(rot, staffing) or () if x["hired"] > 0]


def cover_actions(actions: pd.DataFrame, staffing: dict | None, costs, target_year: int
                  ) -> pd.DataFrame:
    """``actions`` with, per sending school that must hire (:func:`backfill`), one yearly
    ``rotation_cover`` action: ``hired`` teachers at ``costs``' ``hire_teacher`` price, paid in
    each of the ``recurring_years`` years from ``target_year`` as the rotation's 交流补助, in the
    project 教师招聘; ``actions`` as is when no one is hired. The 达标路径 itself makes these
    rows from its model's columns (:func:`~.compliance_actions.plan_actions`, (26)).

    >>> acts = pd.DataFrame([{"school_id": "T", "name": "城关中学", "stage": "junior",
    ...                       "item": "rotation", "quantity": 2.0, "exchanged": 0}])
    >>> from junheng.planning.compliance_costs import load_costs
    >>> staff = {"schools": [{"school_id": "T", "stage": "junior", "need": 51, "today": 51,
    ...                       "surplus": 0}]}
    >>> out = cover_actions(acts, staff, load_costs(), 2030)
    >>> row = out.iloc[-1:].to_dict("records")[0]
    >>> [row[k] for k in ("item", "quantity", "unit_cost", "annual_cost", "cost", "project")]
    ['rotation_cover', 2.0, 10.0, 20.0, 100.0, 'teachers']
    >>> row["funding"]
    {2030: 20.0, 2031: 20.0, 2032: 20.0, 2033: 20.0, 2034: 20.0}
    """
    if actions.empty or "item" not in actions:
        return actions
    hired = backfill(actions[actions["item"] == "rotation"].to_dict("records"), staffing)
    item, years = costs.item(COVER_PRICED_AS), costs.recurring_years
    new = [{**x, "item": COVER_ITEM, "unit": "人", "unit_cost": item.unit_cost,
            "cost": item.unit_cost * x["quantity"] * years,
            "annual_cost": item.unit_cost * x["quantity"], "lead_years": item.lead_years,
            "year": target_year, "in_use_year": target_year,
            "funding": {target_year + k: item.unit_cost * x["quantity"] for k in range(years)},
            "project": "teachers", "teacher_type": None, "to_school_id": None, "to_name": None,
            "forced": False, "built": x["quantity"], "exchanged": 0, "pool_places": 0}
           for x in hired]
    if not new:
        return actions
    return pd.concat([actions, pd.DataFrame(new)], ignore_index=True)


def paid_words(hired: int, paid: list[dict]) -> str:
    """What the hires cost and where the plan counts it (``paid``: the plan's
    ``rotation_cover`` actions, :func:`cover_actions`); "" without them.

    >>> paid = [{"quantity": 2.0, "unit_cost": 10.0, "annual_cost": 20.0, "cost": 100.0,
    ...          "funding": {"2030": 20.0, "2034": 20.0}}]
    >>> paid_words(2, paid)
    '招聘的 2 名不在“教师配置汇总”的招聘人数内，人员经费按每人每年 10 万元计每年 20.00 万元，2030—2034 学年共 100.00 万元，已计入本方案“教师招聘”的每年经常性支出。'
    """
    if not paid:
        return ""
    years = sorted(int(y) for a in paid for y in a.get("funding") or {})
    unit = numbers.trimmed(float(paid[0]["unit_cost"]))
    when = f"{numbers.year_range(years[0], years[-1])} 学年" if years else ""
    return (f"招聘的 {hired:,} 名不在“教师配置汇总”的招聘人数内，人员经费按每人每年 {unit} 万元计每年 "
            f"{sum(float(a['annual_cost']) for a in paid):,.2f} 万元，{when}共 "
            f"{sum(float(a['cost']) for a in paid):,.2f} 万元，已计入本方案“教师招聘”的每年经常性支出。")


def cover_words(rot: list[dict], staffing: dict | None, paid: list[dict] | None = None) -> str:
    """The sentence on who fills the rotated teachers' posts, school by school ("" when the
    staffing figures do not hold every sender); with ``paid`` (the plan's ``rotation_cover``
    actions) what the hires cost (:func:`paid_words`)."""
    rows = cover_rows(rot, staffing)
    if not rows:
        return ""
    hired = sum(x["hired"] for x in rows)
    tail = (paid_words(hired, paid) if paid else
            f"招聘的 {hired:,} 名不在“教师配置汇总”的招聘人数内，人员经费未计入本方案。" if hired else "")
    return ("调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足："
            + "；".join(_school_words(x) for x in rows) + "。" + tail)
