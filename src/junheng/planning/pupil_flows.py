"""Where a layout plan sends the pupils it moves between kept schools, and how many teachers
may follow each flow (review rv finding 5: 城关第一小学 sent 20 teachers "随学生" to
城东新区第二小学, which took none of its pupils; its pupils went to 实验小学 and 东城小学).

A flow ``s → r`` of stage ``k`` is the pupils of the plan's assignments who attend ``s`` today
(``before_school``) and ``r`` after the plan. Teachers follow it in proportion: of the ``T``
full-time teachers of the stage ``s`` has for its ``P⁰`` pupils, at most ``⌊T · F / P⁰⌋``
go to ``r`` with its ``F`` pupils (:func:`flow_caps`). A plan whose assignments do not name
today's school (older plan files) has no flows (None): its teachers follow the pupils within
a 乡镇 as before.

>>> from junheng.planning.layout_outcome import LayoutOutcome, VillageAssignment
>>> a = [VillageAssignment("V1", "grades_1_3", "R", 30, 1.0, 5.0, False, before_school="S"),
...      VillageAssignment("V1", "grades_4_6", "R", 10, 1.0, 5.0, False, before_school="S"),
...      VillageAssignment("V2", "grades_7_9", "S", 50, 1.0, 5.0, False, before_school="S")]
>>> pupil_flows(LayoutOutcome("optimal", (), {}, assignments=tuple(a))).values.tolist()
[['S', 'R', 'primary', 40]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.planning.layout_data import GROUP_STAGE

FLOW_COLUMNS = ("from_school_id", "to_school_id", "stage", "pupils")


def pupil_flows(plan) -> pd.DataFrame | None:
    """The plan's flows (:data:`FLOW_COLUMNS`, per pair of schools and stage, pupils summed),
    None when no assignment names the school its pupils attend today."""
    assignments = getattr(plan, "assignments", ()) or ()
    if not any(a.before_school for a in assignments):
        return None
    rows = [(a.before_school, a.school_id, GROUP_STAGE[a.stage_group], int(a.students))
            for a in assignments
            if a.before_school and a.before_school != a.school_id and a.students > 0]
    frame = pd.DataFrame(rows, columns=list(FLOW_COLUMNS))
    keys = list(FLOW_COLUMNS[:3])
    return frame.groupby(keys, sort=True)["pupils"].sum().reset_index()


def flow_caps(flows: pd.DataFrame | None, schools: pd.Index, heads: pd.Series,
              before: pd.Series) -> np.ndarray:
    """cap[s, r]: the teachers ``s`` may send ``r`` with its pupils, ``⌊T · F / P⁰⌋``
    (``heads`` T and ``before`` P⁰ per school of ``schools``; ``flows`` of one stage);
    unbounded (inf) for every pair without ``flows``.

    >>> flows = pd.DataFrame({"from_school_id": ["S", "S"], "to_school_id": ["R", "Q"],
    ...                       "pupils": [100, 30]})
    >>> at = pd.Index(["S", "R", "Q"])
    >>> flow_caps(flows, at, pd.Series([20, 5, 5], at), pd.Series([400, 50, 50], at))[0]
    array([0., 5., 1.])
    """
    n = len(schools)
    if flows is None:
        return np.full((n, n), np.inf)
    caps = np.zeros((n, n))
    at = {s: k for k, s in enumerate(schools)}
    for f in flows.itertuples():
        s, r = at.get(f.from_school_id), at.get(f.to_school_id)
        if s is not None and r is not None and before.iat[s] > 0:
            caps[s, r] += np.floor(heads.iat[s] * f.pupils / before.iat[s] + 1e-9)
    return caps


def flow_receivers(flows: pd.DataFrame | None, stage: str) -> dict[str, frozenset[str]] | None:
    """Per sending school of ``stage``: the schools its pupils go to (None without flows)."""
    if flows is None:
        return None
    mine = flows[flows["stage"] == stage]
    return {s: frozenset(g["to_school_id"]) for s, g in mine.groupby("from_school_id")}
