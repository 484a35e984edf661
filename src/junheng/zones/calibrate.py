"""现状按在校生校准: scale the blocks' pupils so that each school's current zone holds the
pupils the school reports (在校生 of the stage).

A county's blocks are villages whose pupils are inferred from the children of the stage's
ages (按村居适龄儿童推算); they need not match enrolment (pupils attend out of zone, the ages
are not the grades). For each school ``s`` with ``E_s > 0`` reported pupils and villages
``Z_s`` zoned to it today holding ``T_s > 0`` children, village ``i`` of ``Z_s`` gets
``c_i · E_s / T_s`` pupils, rounded to whole pupils so that they add up to ``E_s`` exactly
(largest remainders). A school with reported pupils but no village zoned to it (教学点 whose
villages are zoned to the central school) keeps its ``E_s`` on its own block. Villages of a
school without a reported count, and villages without a current school, keep their children.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Calibration:
    """``pupils[i]``: the calibrated pupils of block ``i``; ``at_school[s]``: pupils put on
    school ``s``'s own block (no village zoned to it today); ``factor[s]``: ``E_s / T_s``
    (1 where nothing was scaled); ``unreported``: schools with villages but no 在校生."""

    pupils: np.ndarray
    at_school: np.ndarray
    factor: np.ndarray
    unreported: list[int]


def apportion(weights: np.ndarray, total: int) -> np.ndarray:
    """Whole numbers proportional to ``weights`` adding up to ``total`` (largest remainders;
    ties to the first).

    >>> apportion(np.array([122.0, 20.0, 400.0]), 542).tolist()
    [122.0, 20.0, 400.0]
    >>> apportion(np.array([10.0, 10.0, 10.0]), 20).tolist()
    [7.0, 7.0, 6.0]
    """
    weights = np.asarray(weights, float)
    exact = weights * total / weights.sum()
    whole = np.floor(exact + 1e-9)
    left = int(round(total - whole.sum()))
    order = np.argsort(-(exact - whole), kind="stable")
    whole[order[:left]] += 1
    return whole


def calibrate(children: np.ndarray, current: np.ndarray, enrolled: np.ndarray) -> Calibration:
    """Scale ``children`` (per block) so each school's current zone holds its ``enrolled``
    (per school; NaN or 0: not reported). ``current[i]``: block ``i``'s school today (-1:
    none).

    Two schools: 甲 reports 30 for villages of 10 and 30 children, 乙 reports 12 and has no
    village, a third village has no zone:

    >>> c = calibrate(np.array([10.0, 30.0, 7.0]), np.array([0, 0, -1]), np.array([30.0, 12.0]))
    >>> c.pupils.tolist(), c.at_school.tolist(), c.factor.tolist(), c.unreported
    ([8.0, 22.0, 7.0], [0.0, 12.0], [0.75, 1.0], [])
    """
    children = np.asarray(children, float)
    current = np.asarray(current, np.int64)
    enrolled = np.nan_to_num(np.asarray(enrolled, float), nan=0.0)
    k = len(enrolled)
    pupils, at_school, factor = children.copy(), np.zeros(k), np.ones(k)
    unreported = []
    for s in range(k):
        members = np.nonzero(current == s)[0]
        today = children[members].sum()
        if enrolled[s] <= 0:
            if today > 0:
                unreported.append(s)
        elif today > 0:
            pupils[members] = apportion(children[members], int(round(enrolled[s])))
            factor[s] = enrolled[s] / today
        else:
            at_school[s] = round(enrolled[s])
    return Calibration(pupils, at_school, factor, unreported)
