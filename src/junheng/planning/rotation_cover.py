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
"""

from __future__ import annotations

from typing import Any


def _senders(rot: list[dict]) -> dict[tuple[str, str], dict[str, Any]]:
    """(school, stage) → name, teachers rotated out and exchanged back."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for a in rot:
        got = out.setdefault((a["school_id"], a.get("stage", "")),
                             {"name": a.get("name") or a["school_id"], "out": 0, "back": 0})
        got["out"] += int(round(float(a["quantity"])))
        got["back"] += int(a.get("exchanged") or 0)
    return out


def cover_rows(rot: list[dict], staffing: dict | None) -> list[dict[str, Any]] | None:
    """Per sending school its teachers short in post and how they are filled (``own``,
    ``pooled``, ``hired``); None when the staffing figures do not hold a sender."""
    rows = (staffing or {}).get("schools") or []
    if not rows:
        return None
    staff = {(r["school_id"], r["stage"]): r for r in rows}
    senders = _senders(rot)
    if not senders or any(k not in staff for k in senders):
        return None
    left: dict[str, int] = {}
    for r in rows:
        left[r["stage"]] = left.get(r["stage"], 0) + int(r.get("surplus") or 0)
    out = []
    for key, s in senders.items():
        r = staff[key]
        short = max(s["out"] - s["back"], 0)
        own = min(short, int(r.get("surplus") or 0))
        left[key[1]] -= own
        out.append({**s, "stage": key[1], "short": short, "own": own, "row": r})
    for x in out:
        x["pooled"] = min(x["short"] - x["own"], max(left[x["stage"]], 0))
        left[x["stage"]] -= x["pooled"]
        x["hired"] = x["short"] - x["own"] - x["pooled"]
    return out


def _school_words(x: dict[str, Any]) -> str:
    """One sending school: what it sent, where the staffing left it, and who fills the posts."""
    r = x["row"]
    after = int(r["today"]) + int(r.get("moved_in") or 0) - int(r.get("moved_out") or 0)
    moved = (f"县管校聘调入 {int(r['moved_in']):,} 名后" if r.get("moved_in")
             else f"县管校聘调出 {int(r['moved_out']):,} 名后" if r.get("moved_out") else "现有")
    state = ("恰为编制" if after == int(r["need"]) else f"编制 {int(r['need']):,} 名")
    fill = [f"交换派回的 {x['back']:,} 名顶岗" if x["back"] else "",
            f"本校按编制富余的 {x['own']:,} 名顶岗" if x["own"] else "",
            f"同学段按编制富余教师调剂 {x['pooled']:,} 名" if x["pooled"] else "",
            f"须招聘 {x['hired']:,} 名" if x["hired"] else ""]
    return f"{x['name']}调出 {x['out']:,} 名（{moved} {after:,} 名，{state}），" + "，".join(f for f in fill if f)


def cover_words(rot: list[dict], staffing: dict | None) -> str:
    """The sentence on who fills the rotated teachers' posts, school by school ("" when the
    staffing figures do not hold every sender)."""
    rows = cover_rows(rot, staffing)
    if not rows:
        return ""
    hired = sum(x["hired"] for x in rows)
    tail = (f"招聘的 {hired:,} 名不在“教师配置汇总”的招聘人数内，人员经费未计入本方案。" if hired else "")
    return ("调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足："
            + "；".join(_school_words(x) for x in rows) + "。" + tail)
