"""The zoning instance and a zoning plan: plain arrays, no solver.

Blocks ``i = 0..n-1`` hold ``pupils[i]``; school ``s = 0..k-1`` sits in block ``root[s]`` and
takes ``capacity[s]`` pupils; ``distance[i, s]`` is the travel distance (km) from block ``i``
to school ``s``; ``current[i]`` is the school block ``i`` is zoned to today (-1: none).
``max_moved`` caps the pupils moved and ``max_over`` the pupils over capacity (both
optional: a staff plan's figures, so a plan found is never worse on either).
``allowed[i, s]`` says whether block ``i`` may be zoned to school ``s`` (pins and
candidate lists); each school's own block is always zoned to it. ``cross[i, s]`` says
that zoning block ``i`` to school ``s`` is a cross-乡镇 move (跨乡镇调整: the block has a
school today and ``s`` lies in another 乡镇 than both the block and that school; county data
only, :func:`junheng.zones.build.cross_town`); each such pupil costs ``Weights.cross``.

``edges`` are the border edges (inferred from the blocks' shapes or positions). ``links``
join each piece of a zone of today that is cut off from its school's block under them to that
block (:func:`today_links`, computed from ``current`` unless given): today's zoning shows the
piece reaches its school, so today's zones are always connected and the status quo always
meets the contiguity rules (review finding 9: an inferred gap forced the solver to move
villages it then advised to keep). Contiguity is judged on ``zone_edges`` = both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class Weights:
    """Objective weights: per pupil over capacity, per pupil moved from the current zone,
    per pupil-kilometre of travel; ``short``: per pupil a kept school falls below its share
    ``keep_share`` of today's pupils; ``new_over``: per pupil over capacity beyond today's
    load (a school under capacity today pushed over it), on top of ``over``; ``cross``: per
    pupil moved into a school of another 乡镇 (跨乡镇调整), on top of ``moved`` — at the
    default 5 such a move pays only when it relieves over capacity (1,000 per pupil) or
    saves more than (1 + 5) / 0.1 = 60 km per pupil moved."""

    over: float = 1000.0
    moved: float = 1.0
    travel: float = 0.1
    short: float = 2000.0
    new_over: float = 2000.0
    cross: float = 5.0


@dataclass(frozen=True, eq=False)
class ZoneProblem:
    """One zoning instance (see the module docstring)."""

    pupils: np.ndarray
    edges: np.ndarray
    root: np.ndarray
    capacity: np.ndarray
    distance: np.ndarray
    current: np.ndarray | None = None
    allowed: np.ndarray | None = None
    max_moved: float | None = None
    hard_capacity: bool = False
    weights: Weights = field(default_factory=Weights)
    keep_share: float | None = None
    max_over: float | None = None
    cross: np.ndarray | None = None
    links: np.ndarray | None = None

    def __post_init__(self) -> None:
        n, k = len(self.pupils), len(self.root)
        object.__setattr__(self, "pupils", np.asarray(self.pupils, float))
        object.__setattr__(self, "edges", np.asarray(self.edges, np.int64).reshape(-1, 2))
        object.__setattr__(self, "root", np.asarray(self.root, np.int64))
        object.__setattr__(self, "capacity", np.asarray(self.capacity, float))
        object.__setattr__(self, "distance", np.asarray(self.distance, float).reshape(n, k))
        current = np.full(n, -1) if self.current is None else self.current
        object.__setattr__(self, "current", np.asarray(current, np.int64))
        allowed = np.ones((n, k), bool) if self.allowed is None else self.allowed
        allowed = np.array(allowed, bool).reshape(n, k)
        allowed[self.root, :] = False
        allowed[self.root, np.arange(k)] = True
        object.__setattr__(self, "allowed", allowed)
        cross = np.zeros((n, k), bool) if self.cross is None else self.cross
        object.__setattr__(self, "cross", np.array(cross, bool).reshape(n, k))
        links = (today_links(self.edges, self.root, self.current, self.distance)
                 if self.links is None else self.links)
        object.__setattr__(self, "links", np.asarray(links, np.int64).reshape(-1, 2))

    @cached_property
    def zone_edges(self) -> np.ndarray:
        """The edges contiguity is judged on: the border edges and today's links."""
        return np.vstack([self.edges, self.links])

    @cached_property
    def adjacency(self) -> list[list[int]]:
        """Neighbour lists over :attr:`zone_edges`."""
        from junheng.zones.graph import neighbours

        return neighbours(self.n, self.zone_edges)

    @property
    def n(self) -> int:
        return len(self.pupils)

    @property
    def k(self) -> int:
        return len(self.root)

    def moved(self, school: np.ndarray) -> float:
        """Pupils whose block is zoned to another school than today."""
        has = self.current >= 0
        return float(self.pupils[has & (np.asarray(school) != self.current)].sum())

    def crossed(self, school: np.ndarray) -> float:
        """Pupils moved into a school of another 乡镇 (跨乡镇调整, see ``cross``)."""
        school = np.asarray(school)
        return float(self.pupils[self.cross[np.arange(self.n), school]].sum())

    def pair_cost(self, blocks: np.ndarray, schools: np.ndarray) -> np.ndarray:
        """The objective's cost of zoning each block of ``blocks`` to the school of
        ``schools`` beside it: its pupils times W_moved (zoned elsewhere than today),
        W_travel per km and W_cross (a cross-乡镇 move)."""
        w = self.weights
        moved = (self.current[blocks] >= 0) & (self.current[blocks] != schools)
        return self.pupils[blocks] * (w.moved * moved + w.travel * self.distance[blocks, schools]
                                      + w.cross * self.cross[blocks, schools])

    def load(self, school: np.ndarray) -> np.ndarray:
        """Pupils zoned to each school."""
        return np.bincount(np.asarray(school), weights=self.pupils, minlength=self.k)

    @cached_property
    def today(self) -> np.ndarray:
        """Pupils zoned to each school today (0 without current zones)."""
        has = self.current >= 0
        return np.bincount(self.current[has], weights=self.pupils[has], minlength=self.k)

    @cached_property
    def ceiling(self) -> np.ndarray:
        """Load above which a school's pupils are new over capacity: max(capacity, today)."""
        return np.maximum(self.capacity, self.today)

    @cached_property
    def keep(self) -> np.ndarray:
        """Today's pupils each school keeps at least (soft): ``keep_share`` of those it has
        places for (pupils over capacity today may all be moved out) among those of today's
        zone joined to the school (with today's links, all of it)."""
        if not self.keep_share:
            return np.zeros(self.k)
        from junheng.zones.graph import components

        joined = np.zeros(self.k)
        for s in range(self.k):
            for part in components(np.nonzero(self.current == s)[0].tolist(), self.adjacency):
                if self.root[s] in part:
                    joined[s] = self.pupils[part].sum()
        return self.keep_share * np.minimum(joined, self.capacity)

    @property
    def has_current(self) -> bool:
        return bool((self.current >= 0).any())

    def kept(self, school: np.ndarray) -> np.ndarray:
        """Today's pupils of each school still zoned to it."""
        stay = (self.current >= 0) & (np.asarray(school) == self.current)
        return np.bincount(self.current[stay], weights=self.pupils[stay], minlength=self.k)

    def short(self, school: np.ndarray) -> np.ndarray:
        """Pupils each school keeps below its share of today's (0 without ``keep_share``)."""
        return np.maximum(self.keep - self.kept(school), 0.0)

    def new_over(self, school: np.ndarray) -> np.ndarray:
        """Pupils above max(capacity, today's load) (0 without current zones)."""
        if not self.has_current:
            return np.zeros(self.k)
        return np.maximum(self.load(school) - self.ceiling, 0.0)

    def over(self, school: np.ndarray) -> np.ndarray:
        """Pupils over capacity at each school."""
        return np.maximum(self.load(school) - self.capacity, 0.0)

    def travel(self, school: np.ndarray) -> float:
        """Pupil-kilometres of travel."""
        return float((self.pupils * self.distance[np.arange(self.n), np.asarray(school)]).sum())

    def objective(self, school: np.ndarray) -> float:
        """The weighted objective of a plan (what the MILP minimises)."""
        w = self.weights
        return (w.over * float(self.over(school).sum()) + w.moved * self.moved(school)
                + w.travel * self.travel(school) + w.short * float(self.short(school).sum())
                + w.new_over * float(self.new_over(school).sum())
                + w.cross * self.crossed(school))


@dataclass(frozen=True, eq=False)
class ZonePlan:
    """A solved zoning: ``school[i]`` for every block, with how the solve ended."""

    school: np.ndarray
    status: str
    objective: float
    bound: float
    gap: float
    seconds: float
    method: str
    rounds: int = 1
    notes: tuple[str, ...] = ()


def nearest_candidates(distance: np.ndarray, nearest: int, current: np.ndarray | None = None
                       ) -> np.ndarray:
    """``allowed[i, s]``: school ``s`` is among the ``nearest`` closest to block ``i`` or is
    its current school (the candidate lists that keep large instances small).

    >>> nearest_candidates(np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]), 1, np.array([2, -1]))
    array([[ True, False,  True],
           [False, False,  True]])
    """
    distance = np.asarray(distance, float)
    n, k = distance.shape
    allowed = np.zeros((n, k), bool)
    order = np.argsort(distance, axis=1, kind="stable")[:, :max(1, min(nearest, k))]
    allowed[np.arange(n)[:, None], order] = True
    if current is not None:
        has = np.asarray(current) >= 0
        allowed[np.nonzero(has)[0], np.asarray(current)[has]] = True
    return allowed


def today_links(edges: np.ndarray, root: np.ndarray, current: np.ndarray,
                distance: np.ndarray) -> np.ndarray:
    """Pairs ``(a, r_s)``: for each piece of today's zone of school ``s`` (blocks with
    ``current == s``) not joined to its block ``r_s`` by ``edges``, the piece's block nearest
    to ``s`` linked to ``r_s`` (so today's zones are connected).

    >>> today_links(np.array([[0, 1], [1, 2], [2, 3]]), np.array([0, 3]),
    ...             np.array([0, 1, 0, 1]), np.array([[0, 9], [1, 8], [2, 1], [9, 0]]))
    array([[2, 0],
           [1, 3]])
    """
    from junheng.zones.graph import components, neighbours

    current = np.asarray(current, np.int64)
    adjacency = neighbours(len(current), edges)
    links = []
    for s, r in enumerate(np.asarray(root).tolist()):
        members = sorted({*np.nonzero(current == s)[0].tolist(), r})
        for part in components(members, adjacency):
            if r not in part:
                a = part[int(np.argmin(distance[part, s]))]
                links.append((a, r))
    return np.array(links, np.int64).reshape(-1, 2)
