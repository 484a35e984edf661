"""A 临时周转 rent paid in each school year it is used (planner review rv 9: the 达标路径 booked
a school's whole multi-year rent, its rooms or its 租赁教学及辅助用房, in the first year of the
run, overstating that year and understating the later ones).

A rent is not built ahead of its use: the rooms borrowed in a school year, or the m² rented
that year, are paid that year. For a ``temporary_classroom`` action at a school, year ``y``'s
room-years are the rooms it borrows that year beyond the layout's (``borrowed`` less
``layout`` of :func:`~.compliance_temporary.split_rooms`); for a ``temporary_area`` action,
the m² the year needs beyond the area built (``needs`` less ``built`` of
:func:`~.compliance_temporary_area.split_area`). The action's cost is shared over the years
by those quantities, each part a whole 0.01 万元 but the last, so the years add up to the
cost.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

#: the items paid in each school year they are used
RENT_ITEMS = ("temporary_classroom", "temporary_area")


def rent_quantities(problem, school: str, item: str) -> dict[int, float]:
    """School year -> the room-years (``temporary_classroom``) or m²·学年 (``temporary_area``)
    ``problem``'s rent of ``item`` at ``school`` uses that year ({} when it has none).

    >>> import types
    >>> t = pd.DataFrame({"school_id": ["D"], "borrowed": [{2029: 4, 2030: 2, 2031: 1}],
    ...                   "layout": [{2029: 1}]})
    >>> a = pd.DataFrame({"school_id": ["D"], "needs": [{2030: 240.0, 2031: 100.0, 2032: 0.0}],
    ...                   "built": [0.0]})
    >>> p = types.SimpleNamespace(temporary=t, rented_area=a)
    >>> rent_quantities(p, "D", "temporary_classroom"), rent_quantities(p, "D", "temporary_area")
    ({2029: 3.0, 2030: 2.0, 2031: 1.0}, {2030: 240.0, 2031: 100.0})

    A lease raised to one room's area (:func:`~.compliance_lease.least_lease`) is paid as leased:

    >>> p.rented_area = a.assign(leased=[{2030: 240.0, 2031: 120.0}])
    >>> rent_quantities(p, "D", "temporary_area")
    {2030: 240.0, 2031: 120.0}
    """
    if item == "temporary_classroom":
        row = _row(getattr(problem, "temporary", None), school)
        if row is None:
            return {}
        theirs = {int(y): k for y, k in (row.get("layout") or {}).items()}
        got = {
            int(y): float(k) - float(theirs.get(int(y), 0))
            for y, k in (row.get("borrowed") or {}).items()
        }
    elif item == "temporary_area":
        row = _row(getattr(problem, "rented_area", None), school)
        if row is None:
            return {}
        built = float(row.get("built") or 0.0)
        got = ({int(y): float(k) for y, k in row["leased"].items()} if isinstance(row.get("leased"), dict)
               else {int(y): float(k) - built for y, k in (row.get("needs") or {}).items()})
    else:
        return {}
    return {y: round(q, 2) for y, q in sorted(got.items()) if q > 1e-9}


def _row(frame: pd.DataFrame | None, school: str) -> dict | None:
    """The record of ``school`` in a split frame (a ``school_id`` column or index), or None."""
    if frame is None or not len(frame):
        return None
    ids = frame["school_id"] if "school_id" in frame else pd.Series(frame.index, index=frame.index)
    hit = frame[ids.astype(str).to_numpy() == str(school)]
    return None if hit.empty else hit.iloc[0].to_dict()


def rent_funding(cost: float, quantities: Mapping[int, float]) -> dict[int, float]:
    """The payments of a rent costing ``cost`` 万元, shared over its school years by their
    ``quantities``: each a whole 0.01 万元 but the last, which takes what is left.

    第四小学: 6 room-years, 4 in 2029, 2 in 2030, 1 in 2031 (less the layout's 1 in 2029), at
    2.00 万元 a room-year: 12.00 万元 paid 6.00, 4.00 and 2.00, not all 12.00 in 2029.

    >>> rent_funding(12.0, {2029: 3.0, 2030: 2.0, 2031: 1.0})
    {2029: 6.0, 2030: 4.0, 2031: 2.0}
    >>> rent_funding(10.0, {2030: 1.0, 2031: 2.0})
    {2030: 3.33, 2031: 6.67}
    """
    total = sum(quantities.values())
    years = sorted(quantities)
    if total <= 0 or not years:
        return {}
    out = {y: round(cost * quantities[y] / total, 2) for y in years[:-1]}
    out[years[-1]] = round(cost - sum(out.values()), 4)
    return {y: v for y, v in out.items() if abs(v) > 1e-9}


def booked_by_year(problem, frame: pd.DataFrame) -> list:
    """``frame``'s ``funding`` with each rent (:data:`RENT_ITEMS`) paid in the school years it
    is used (:func:`rent_funding` of :func:`rent_quantities`); other actions as they are, and a
    rent whose years the problem does not give as well."""
    out = []
    for school, item, cost, funding in zip(
        frame["school_id"], frame["item"], frame["cost"], frame["funding"], strict=True
    ):
        years = rent_quantities(problem, school, item) if item in RENT_ITEMS else {}
        out.append(rent_funding(float(cost), years) if years else funding)
    return out
