"""``plan.json``'s ``redeployment`` (docs/compliance-json.md): the teachers moved before the
达标路径 recruits, per move and per school, the closed schools' teachers and who is still hired
(the rules of the moves: :mod:`~junheng.planning.compliance_redeploy`)."""

from __future__ import annotations

import pandas as pd

from junheng.planning.compliance_closures import CLOSURE_COLUMNS
from junheng.planning.compliance_redeploy import KIND_NAMES, MOVE_COLUMNS
from junheng.planning.staffing_transfer import arriving


def school_balance(moves: pd.DataFrame) -> pd.DataFrame:
    """Per school and stage: teachers sent (调出) and received (调入), senders first."""
    out = moves.groupby(["from_school_id", "from_name", "stage"])["teachers"].sum()
    into = arriving(moves).groupby(["to_school_id", "to_name", "stage"])["teachers"].sum()
    rows = [{"school_id": s, "name": n, "stage": g, "out": int(v), "in": 0}
            for (s, n, g), v in out.items()]
    rows += [{"school_id": s, "name": n, "stage": g, "out": 0, "in": int(v)}
             for (s, n, g), v in into.items()]
    return pd.DataFrame(rows, columns=["school_id", "name", "stage", "out", "in"])


def redeployment_dict(moves: pd.DataFrame, actions: pd.DataFrame,
                      closed: pd.DataFrame | None = None, after_layout: bool = True) -> dict | None:
    """``plan.json``'s ``redeployment`` (docs/compliance-json.md): the moves between kept
    schools (保留学校间调配), 调出 / 调入 per school and stage, the closed schools' teachers and
    their receivers (``closed``, 撤并随迁: :func:`~.compliance_closures.closure_moves`) and the teachers still
    recruited after them; None without moves or closures. ``after_layout``: False for the
    达标路径 alone, whose moves are its staffing ledger's 县管校聘调剂.

    >>> moves = pd.DataFrame([{"from_school_id": "S", "from_name": "甲中学", "to_school_id": "R",
    ...     "to_name": "乙中学", "stage": "junior", "teacher_type": "pe_art", "teachers": 2}])
    >>> hires = pd.DataFrame({"item": ["hire_pe_art"], "quantity": [3.0], "annual_cost": [30.0]})
    >>> d = redeployment_dict(moves, hires)
    >>> d["teachers"], d["schools"][1], d["hired_after"], d["hired_yearly_cost"]
    (2, {'school_id': 'R', 'name': '乙中学', 'stage': 'junior', 'out': 0, 'in': 2}, 3, 30.0)
    """
    closed = closed if closed is not None else pd.DataFrame(columns=list(CLOSURE_COLUMNS))
    if (moves is None or moves.empty) and closed.empty:
        return None
    moves = moves if moves is not None and not moves.empty else pd.DataFrame(
        columns=list(MOVE_COLUMNS))
    hires = actions[actions["item"].astype(str).str.startswith("hire_")] if len(actions) \
        else actions
    pooled = moves["kind"].eq("pool") if "kind" in moves else pd.Series(False, moves.index)
    return {"after_layout": after_layout, "teachers": int(moves["teachers"].sum()),
            "pooled": int(moves.loc[pooled, "teachers"].sum()),
            "transferred": int(moves.loc[moves["kind"].eq("transfer"), "teachers"].sum())
            if "kind" in moves else 0,
            "closed_teachers": int(closed["teachers"].sum()),
            "closed": [{**r, "teachers": int(r["teachers"])} for r in closed.to_dict("records")],
            "moves": [{**{k: (int(v) if k == "teachers" else v) for k, v in r.items()},
                       "type_name": KIND_NAMES[r["teacher_type"]]}
                      for r in moves.to_dict("records")],
            "schools": school_balance(moves).to_dict("records"),
            "hired_after": int(hires["quantity"].sum()) if len(hires) else 0,
            "hired_yearly_cost": _hires_pay(hires)}


def _hires_pay(hires: pd.DataFrame) -> float:
    """万元 a year of the hires, whoever pays: those the layout's staffing ledger pays
    (``layout_paid``, out of ``annual_cost``: plans_apart.layout_pays) at their unit cost too,
    as the sentence names them with who pays (review 2026-12-04 finding 1).

    Hand-worked: 2 hires the layout pays (0 left) and 3 of which it pays 1 (2 × 10 left):
    all 5 × 10 万元 = 50.00 a year.

    >>> _hires_pay(pd.DataFrame({"quantity": [2.0, 3.0], "annual_cost": [0.0, 20.0],
    ...                          "unit_cost": [10.0, 10.0], "layout_paid": [2, 1]}))
    50.0
    """
    if not len(hires):
        return 0.0
    paid = (hires["layout_paid"] * hires["unit_cost"]).sum() if "layout_paid" in hires else 0.0
    return round(float(hires["annual_cost"].sum() + paid), 2)
