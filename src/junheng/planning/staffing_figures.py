"""Per stage, the figures of a staffing ledger's ``plan.json`` ``staffing``
(:mod:`~junheng.planning.staffing_ledger`) with its 自然减员 counted."""

from __future__ import annotations

from collections.abc import Mapping

STAGES = ("primary", "junior")


def stage_figures(doc: Mapping) -> dict[str, dict[str, int]]:
    """Per stage (``primary``, ``junior``) of a ledger's ``plan.json`` ``staffing``: its need,
    today, hire and surplus, and with a ``retirement`` its 自然减员 (``retire``), the surplus
    they absorb by not being replaced (``absorbed`` = min(retire, surplus)), the surplus left
    (``left``), the retirees to replace in the same post (``replace`` = retire − absorbed) and
    ``hire_total`` = hire + replace. The ledger's ``hire`` is need less today's teachers (no
    replacement), so that per stage need = today − retire + hire + replace − left. With
    小学富余教师转任初中 (moves of kind ``transfer``: staffing_transfer) ``transfer`` is what a
    stage gains by them (小学 −n, 初中 +n), and need = today + transfer − retire + hire +
    replace − left. The junior retirees' posts the ledger fills from the certified surplus
    primary teachers (``transfer``'s ``retire``: staffing_transfer.retire_cover) are
    ``cover`` (小学 −c, 初中 +c): the primary surplus left and the junior ``hire_total`` fall
    by c, and need = today + transfer + cover − retire + hire_total − left.
    {} for a ledger without its schools (an older file).

    >>> doc = {"schools": [{"stage": "primary", "need": 31, "today": 36, "hire": 0, "surplus": 5},
    ...                    {"stage": "junior", "need": 90, "today": 80, "hire": 10, "surplus": 0}],
    ...        "retirement": {"by_stage": {"primary": 2, "junior": 3}}}
    >>> stage_figures(doc)["primary"]  # 2 retire, not replaced: 5 − 2 = 3 still surplus
    {'need': 31, 'today': 36, 'hire': 0, 'surplus': 5, 'retire': 2, 'absorbed': 2, 'left': 3, 'replace': 0, 'hire_total': 0}
    >>> stage_figures(doc)["junior"]["hire_total"]  # 10 new posts and 3 retirees replaced
    13
    >>> doc["transfer"] = {"retire": {"teachers": 2}}  # 2 of the 3 by primary teachers over
    >>> [stage_figures(doc)[k][f] for k, f in (("primary", "left"), ("junior", "hire_total"))]
    [1, 11]
    """
    schools = doc.get("schools") or []
    if not schools:
        return {}
    out = {}
    ret = doc.get("retirement")
    by_stage = (ret.get("by_stage") or {}) if ret else None
    for stage in STAGES:
        mine = [s for s in schools if s["stage"] == stage]
        row = {k: int(sum(s[k] for s in mine)) for k in ("need", "today", "hire", "surplus")}
        if by_stage is not None:
            retire = int(by_stage.get(stage, 0))
            absorbed = min(retire, row["surplus"])
            row.update(retire=retire, absorbed=absorbed, left=row["surplus"] - absorbed,
                       replace=retire - absorbed, hire_total=row["hire"] + retire - absorbed)
        out[stage] = row
    moved = sum(int(m["teachers"]) for m in doc.get("moves") or () if m.get("kind") == "transfer")
    if moved:
        out["primary"]["transfer"], out["junior"]["transfer"] = -moved, moved
    # never more than the retirees the stage replaces (its surplus elsewhere absorbs the rest)
    cover = min(retire_covered(doc), out["junior"].get("replace", 0)) if by_stage is not None else 0
    if cover:
        out["primary"].update(cover=-cover, left=out["primary"]["left"] - cover)
        out["junior"].update(cover=cover, hire_total=out["junior"]["hire_total"] - cover)
    return out


def retire_covered(doc: Mapping | None) -> int:
    """Junior retirees whose posts a ledger's ``plan.json`` ``staffing`` fills by 转任 from
    the surplus primary teachers (0 in older files).

    >>> retire_covered({"transfer": {"retire": {"teachers": 5}}}), retire_covered({})
    (5, 0)
    """
    return int((((doc or {}).get("transfer") or {}).get("retire") or {}).get("teachers") or 0)
