"""Each school's classroom shortfall in each forecast year (教室缺口, from the forecast's
classes needed against the school's ordinary classrooms), as the forecast page lists it: only
schools short of rooms in some year, and a 合计 row that is the sum of its column."""

from __future__ import annotations

from typing import Any


def shortfall_table(forecast) -> dict[str, Any]:
    """{"years": [...], "rows": [{"school_id", "name", "values": [...]}], "totals": [...]}."""
    schools = forecast.schools
    later = schools[schools["year"] > forecast.base_year]
    if later.empty or "classroom_shortfall" not in later:
        return {"years": [], "rows": [], "totals": []}
    from junheng.model.codes import SCHOOL_TYPES, label_of

    kinds = dict(zip(later["school_id"], later["school_type"], strict=False))
    table = later.pivot_table(index=["school_id", "name"], columns="year",
                              values="classroom_shortfall", aggfunc="sum", fill_value=0)
    table = table[(table > 0).any(axis=1)]
    years = [int(y) for y in table.columns]
    first_short = table.gt(0).idxmax(axis=1)
    order = sorted(table.index, key=lambda key: (first_short[key], -table.loc[key].max()))
    rows = [{"school_id": sid, "name": name, "type": _label(label_of, SCHOOL_TYPES, kinds.get(sid)),
             "values": [int(v) for v in table.loc[(sid, name)]]} for sid, name in order]
    totals = [sum(row["values"][k] for row in rows) for k in range(len(years))]
    return {"years": years, "rows": rows, "totals": totals}


def _label(label_of, codes, code) -> str:
    try:
        return label_of(codes, code)
    except KeyError:
        return "—"
