"""Per school, the 县级以上骨干教师 and 体育艺术专任教师 before and after the 达标路径's teacher
moves (brief hm 1: the plan moved them by 县管校聘 and 交流轮岗 but printed no school's figure
after the moves, while the county's targets are 骨干教师交流比例 and 每校体育艺术教师配齐).

Per school ``s`` and stage ``k`` that a move of a 骨干 or 体育艺术 teacher touches, and per
kind (``backbone``: 县级以上骨干, ``pe_art``: 体育、音乐、美术 subjects; full-time teachers,
as the evaluation engine counts them)::

    before + moved + rotated = after

``moved``: the net of the teachers that follow the pupils or are pooled before anyone is hired
(``plan.json``'s ``redeployment.moves``: 保留学校间调配, 县管校聘同学段调剂), in − out;
``rotated``: the net of the plan's 交流轮岗 (its ``rotation`` actions); ``after`` is the
county the plan starts from (the moves of ``redeployment`` done) with the rotation done, so
``before`` = start − moved. ``need``: what the 优质均衡 standard asks of the unit,
⌈t · P / 100⌉ (1 骨干, 0.9 体育艺术 per 100 pupils); ``hired``: what the plan adds there
besides (招聘、引进、培养认定), ``trained`` the part of it 培养认定 from the school's own
teachers (review rv8 14: the text said 「招聘、培养」 without which). A teacher moved counts in each kind it carries (a 骨干体育艺术
teacher in both).

>>> t = pd.DataFrame({"school_id": ["A", "A", "A", "B"], "stage": "junior", "full_time": True,
...                   "backbone": ["county", "county", "none", "none"],
...                   "subject": ["pe", "chinese", "music", "chinese"]})
>>> moves = pd.DataFrame({"from_school_id": ["B"], "to_school_id": ["A"], "stage": ["junior"],
...                       "teacher_type": ["pe_art"], "teachers": [1]})
>>> rows = teacher_figures(t, moves, pd.DataFrame(columns=list(ACTION_COLUMNS)), {}, {})
>>> [(r["school_id"], r["pe_art_before"], r["pe_art_moved"], r["pe_art_after"]) for r in rows]
[('A', 1, 1, 2), ('B', 1, -1, 0)]

(A has 2 体育艺术 teachers in the start county, one of them came from B: 1 before; B had it.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE, PE_ART_SUBJECTS

STAGES = ("primary", "junior")
KINDS = ("backbone", "pe_art")
#: per teacher type of a move (compliance_redeploy.KIND_NAMES, compliance_json.TYPE_NAMES):
#: whether it is a 骨干 and a 体育艺术 teacher
FLAGS = {"backbone_pe_art": (1, 1), "backbone": (1, 0), "backbone_other": (1, 0),
         "pe_art": (0, 1), "other": (0, 0)}
#: the plan's items that add a kind at a school besides the moves
HIRES = {"backbone": ("hire_backbone", "backbone_training"), "pe_art": ("hire_pe_art",)}
#: of those, the items that train the school's own teachers rather than bring new ones
TRAINED = {"backbone": ("backbone_training",), "pe_art": ()}
#: the evaluation indicator whose need each kind is
NEEDS = {"backbone": "backbone_teachers_per_100", "pe_art": "pe_art_teachers_per_100"}
ACTION_COLUMNS = ("school_id", "stage", "item", "quantity", "teacher_type", "to_school_id")
PARTS = ("before", "moved", "rotated", "after", "need", "hired", "trained")


def stock(teachers: pd.DataFrame) -> dict[tuple[str, str], np.ndarray]:
    """(school_id, stage) -> [骨干, 体育艺术] full-time teachers of a compulsory stage."""
    t = teachers[teachers["full_time"].fillna(False).astype(bool) & teachers["stage"].isin(STAGES)]
    flags = pd.DataFrame({"school_id": t["school_id"].astype(str), "stage": t["stage"],
                          "backbone": t["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE).astype(int),
                          "pe_art": t["subject"].isin(PE_ART_SUBJECTS).astype(int)})
    sums = flags.groupby(["school_id", "stage"])[list(KINDS)].sum()
    return {k: v.to_numpy(int) for k, v in sums.iterrows()}


def net_moves(moves: pd.DataFrame, count: str) -> dict[tuple[str, str], np.ndarray]:
    """(school_id, stage) -> [骨干, 体育艺术] in − out of ``moves`` (from/to school, stage,
    teacher_type and the teachers in column ``count``)."""
    out: dict[tuple[str, str], np.ndarray] = {}
    if moves is None or not len(moves):
        return out
    frm = "from_school_id" if "from_school_id" in moves else "school_id"
    for m in moves.to_dict("records"):
        flags = np.array(FLAGS.get(m["teacher_type"], (0, 0))) * int(round(float(m[count])))
        for sid, sign in ((m[frm], -1), (m["to_school_id"], 1)):
            key = (str(sid), m["stage"])
            out[key] = out.get(key, np.zeros(2, int)) + sign * flags
    return out


def teacher_figures(teachers: pd.DataFrame, redeployed: pd.DataFrame | None,
                    actions: pd.DataFrame, needs: Mapping, names: Mapping[str, str]) -> list[dict]:
    """The rows of the module docstring, by stage then 学校标识码, for every school and
    stage whose 骨干 or 体育艺术 teachers a move changes. ``teachers``: the start county's;
    ``redeployed``: the moves before hiring; ``actions``: the plan's; ``needs``: (school_id,
    stage) -> {kind: need}; ``names``: school_id -> name."""
    start = stock(teachers)
    moved = net_moves(redeployed, "teachers")
    acts = actions if len(actions) else pd.DataFrame(columns=list(ACTION_COLUMNS))
    rotated = net_moves(acts[acts["item"] == "rotation"], "quantity")
    keys = {k for k, v in moved.items() if v.any()} | {k for k, v in rotated.items() if v.any()}
    zero = np.zeros(2, int)
    rows = []
    for sid, stage in keys:
        have, m, r = start.get((sid, stage), zero), moved.get((sid, stage), zero), \
            rotated.get((sid, stage), zero)
        row = {"school_id": sid, "name": names.get(sid, sid), "stage": stage}
        mine = acts[(acts["school_id"].astype(str) == sid) & (acts["stage"] == stage)]
        for i, kind in enumerate(KINDS):
            need = (needs.get((sid, stage)) or {}).get(kind)
            row |= {f"{kind}_before": int(have[i] - m[i]), f"{kind}_moved": int(m[i]),
                    f"{kind}_rotated": int(r[i]), f"{kind}_after": int(have[i] + r[i]),
                    f"{kind}_need": None if need is None else int(need),
                    f"{kind}_hired": _added(mine, HIRES[kind]),
                    f"{kind}_trained": _added(mine, TRAINED[kind])}
        rows.append(row)
    return sorted(rows, key=lambda x: (STAGES.index(x["stage"]), x["school_id"]))


def _added(actions: pd.DataFrame, items: tuple[str, ...]) -> int:
    """The people ``actions`` of ``items`` add, a whole number."""
    return int(round(float(actions.loc[actions["item"].isin(items), "quantity"].sum())))


def unit_needs(units: pd.DataFrame) -> dict[tuple[str, str], dict[str, int]]:
    """(school_id, stage) -> {kind: ⌈need⌉} of the compliance problem's units."""
    if units is None or not len(units):
        return {}
    out = {}
    for u in units.to_dict("records"):
        got = {k: int(np.ceil(float(u[f"need_{ind}"]) - 1e-9)) for k, ind in NEEDS.items()
               if f"need_{ind}" in u and pd.notna(u[f"need_{ind}"])}
        out[(str(u["school_id"]), u["stage"])] = got
    return out


def engine_verdicts(evaluation) -> dict[tuple[str, str], dict[str, Any]]:
    """(school_id, stage) -> the evaluation engine's word on the unit after the plan: per kind
    ``{kind}_ratio`` (its value over the standard's threshold), ``school_passes`` (the
    school rule: 6 of 7 met, the rest at least ``school_floor`` of theirs) and that floor
    (brief hteach 2: a 「少 1 名」 at a school that still passes must say why)."""
    if evaluation is None or evaluation.standard.school_rule is None:
        return {}
    a, units = evaluation.assessment, evaluation.units
    passes = dict(zip(zip(units["school_id"].astype(str), units["stage"], strict=True),
                      units["passes"], strict=True))
    out: dict[tuple[str, str], dict[str, Any]] = {}
    floor = float(evaluation.standard.school_rule.floor_ratio)
    for kind, ind in NEEDS.items():
        part = a[a["indicator"] == ind]
        for sid, stage, ratio in zip(part["school_id"].astype(str), part["stage"],
                                     part["ratio"], strict=True):
            said = passes.get((sid, stage))
            got = out.setdefault((sid, stage), {
                "school_passes": None if pd.isna(said) else bool(said), "school_floor": floor})
            got[f"{kind}_ratio"] = None if pd.isna(ratio) else round(float(ratio), 4)
    return out


def plan_teacher_figures(plan) -> list[dict]:
    """``plan.json``'s ``teacher_figures`` of a :class:`~.compliance.CompliancePlan`, each row
    with the engine's word on its unit after the plan (:func:`engine_verdicts`)."""
    p = plan.problem
    names = p.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    rows = teacher_figures(p.start.teachers, plan.redeployed, plan.actions, unit_needs(p.units),
                           {str(k): v for k, v in names.items()})
    said = engine_verdicts(plan.evaluation)
    return [{**r, **said.get((r["school_id"], r["stage"]), {})} for r in rows]


def rotation_share(actions: list[dict]) -> tuple[int, int, int]:
    """(teachers the plan's 交流轮岗 moves, of them 骨干, of them sent back in an exchange by a
    receiver at its 编制: ordinary teachers, counted as rotated) from ``plan.json``'s actions.

    >>> rotation_share([{"item": "rotation", "teacher_type": "backbone_pe_art", "quantity": 2.0},
    ...                 {"item": "rotation", "teacher_type": "pe_art", "quantity": 3.0,
    ...                  "exchanged": 1}])
    (6, 2, 1)
    """
    rot = [a for a in actions if a.get("item") == "rotation"]
    back = sum(int(a.get("exchanged") or 0) for a in rot)
    total = sum(int(round(float(a["quantity"]))) for a in rot) + back
    backbone = sum(int(round(float(a["quantity"]))) for a in rot
                   if FLAGS.get(a.get("teacher_type") or "", (0, 0))[0])
    return total, backbone, back
