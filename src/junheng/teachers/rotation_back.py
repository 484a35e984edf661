"""Where the teachers a receiver sends back go, in the 交流轮岗 model ((18), (19) of
:mod:`junheng.teachers.rotation`).

A unit at its 编制 sends back one of its own for each teacher beyond its room (13); the one sent
goes to a school that sent a teacher into the unit. With one sender the model knew where, and
counted the teacher's indicators there. With several it counted them only where he leaves, while
the named plan (:func:`~.rotation_exchange.exchange_moves`) sent him to one of the senders: the
plan's CV deviations were not the model's (brief hrot6: the demo county's model gap 0.0113 %, the
named plan's 0.0675 %; 23 of its 37 receivers that exchange take teachers from several schools).

Now the model chooses the sender: ``z_ks ∈ {0, 1}`` for the k-th teacher of a unit with several
senders and each school ``s`` that may send into it,

    (18) Σ_s z_ks = w_k                     he goes to one of them, if sent back at all
    (19) Σ_{k of u} z_ks ≤ Σ_{a: s → u} y_a  a school gets back no more than it sent into u

(only for the teachers an indicator counts: where another goes changes no figure, and the plan
gives him a sender with room left), and the indicator rows count his flags at ``s`` through ``z_ks``; the plan names the exchange from
the model's ``z`` (:func:`destinations`, ``Moves.back_to``), so the named plan is the model's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from junheng.optimize.model import INF, Milp


@dataclass(frozen=True)
class Destinations:
    """The z columns: per column the pool column (w) it belongs to and the school it reaches."""

    cols: np.ndarray
    pool: np.ndarray
    school: np.ndarray


def destination_pairs(unit: np.ndarray, sender: np.ndarray, w_upper: np.ndarray,
                      home: np.ndarray, inn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per z column its pool column and school: every pool column that may be sent back
    (``w_upper`` > 0) of a unit with several senders (``sender`` −1) and every school with an
    arc into that unit (``home``: each arc's school, ``inn``: the unit it enters, −1 none).

    >>> [a.tolist() for a in destination_pairs(np.array([0, 0, 1]), np.array([-1, -1, 4]),
    ...     np.array([1.0, 0.0, 1.0]), np.array([4, 7, 4]), np.array([0, 0, 1]))]
    [[0, 0], [4, 7]]
    """
    pool, school = [], []
    senders = {u: np.unique(home[inn == u]) for u in np.unique(unit[sender < 0])}
    for i in np.flatnonzero((sender < 0) & (w_upper > 0)):
        for s in senders[unit[i]]:
            pool.append(i)
            school.append(int(s))
    return np.array(pool, int), np.array(school, int)


def destination_rows(m: Milp, w: np.ndarray, flagged: np.ndarray, unit: np.ndarray,
                     sender: np.ndarray, home: np.ndarray, inn: np.ndarray, y: np.ndarray
                     ) -> Destinations:
    """The z columns and rows (18), (19) (see the module docstring), for the teachers an
    indicator counts (``flagged``): where one no indicator counts goes changes no figure of the
    model, and the plan sends him to a sender with room left (8,691 z columns on the demo
    county otherwise)."""
    pool, school = destination_pairs(unit, sender, m.upper[w] * flagged, home, inn)
    z = m.add_block("back_to", cost=np.zeros(len(pool)), lower=0, upper=1, integer=True)
    picked, local = np.unique(pool, return_inverse=True)
    m.add_rows("(18)", np.r_[local, np.arange(len(picked))], np.r_[z, w[picked]],
               np.r_[np.ones(len(z)), -np.ones(len(picked))], 0.0, 0.0, count=len(picked))
    keys = {k: r for r, k in enumerate(dict.fromkeys(zip(unit[pool].tolist(), school.tolist(),
                                                         strict=True)))}
    arcs = [(a, keys[(int(inn[a]), int(home[a]))]) for a in range(len(inn))
            if (int(inn[a]), int(home[a])) in keys]
    rows = [keys[k] for k in zip(unit[pool].tolist(), school.tolist(), strict=True)]
    m.add_rows("(19)", np.r_[rows, [r for _, r in arcs]], np.r_[z, [y[a] for a, _ in arcs]],
               np.r_[np.ones(len(z)), -np.ones(len(arcs))], -INF, 0.0, count=len(keys))
    return Destinations(z, pool, school)


def destinations(ids: list[str], sender: np.ndarray, back: np.ndarray, to: Destinations,
                 values: np.ndarray) -> dict[str, int]:
    """Per teacher the solution sends back (``back``: the w columns, ``ids`` their teachers), the
    school he goes to: the unit's one sender, else the school of his z column at 1 (−1: no
    indicator counts him, any sender with room).

    >>> to = Destinations(np.array([3, 4]), np.array([1, 1]), np.array([5, 6]))
    >>> destinations(["A", "B"], np.array([2, -1]), np.array([0, 1]), to,
    ...              np.array([1.0, 1.0, 0.0, 0.0, 1.0]))
    {'A': 2, 'B': 6}
    """
    out: dict[str, int] = {}
    chosen = {int(i): int(s) for i, s, c in zip(to.pool, to.school, to.cols, strict=True)
              if values[c] > 0.5}
    for i, (t, col) in enumerate(zip(ids, back, strict=True)):
        if values[col] > 0.5:
            out[t] = int(sender[i]) if sender[i] >= 0 else chosen.get(i, -1)
    return out
