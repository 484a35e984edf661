"""跨乡镇调整: the blocks a plan moves into a school of another 乡镇, and whether each move
relieves over capacity (review finding B10 of issue 20).

A move of block ``i`` from its school today ``a`` into school ``b`` is cross-乡镇 when
``ZoneProblem.cross[i, b]`` (``b`` lies in another 乡镇 than both the block and ``a``). It
relieves over capacity when ``a`` would be over its places in the plan without the move
(plan load of ``a`` + the block's pupils > capacity of ``a``); one that does not is flagged
跨乡镇且未缓解超容量，建议保留原划片. When returning the block to ``a`` (the rest of the plan
kept) would leave a zone not connected in the block graph (村居 adjacency is inferred from
their positions), the model could not keep it, and the note says so.

Examples
--------
>>> from junheng.zones.problem import ZoneProblem
>>> p = ZoneProblem(pupils=[0, 10, 0], edges=[[0, 1], [1, 2]], root=[0, 2],
...                 capacity=[100, 100], distance=np.zeros((3, 2)), current=[0, 0, 1],
...                 cross=[[False, False], [False, True], [False, False]])
>>> [(m.block, m.pupils, m.relieves, m.label) for m in cross_moves(p, [0, 1, 1])]
[(1, 10.0, False, '是（跨乡镇且未缓解超容量，建议保留原划片）')]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from junheng.zones.graph import components
from junheng.zones.problem import ZoneProblem

FLAG = "跨乡镇且未缓解超容量，建议保留原划片"


@dataclass(frozen=True)
class CrossMove:
    """One block moved into a school of another 乡镇."""

    block: int
    before: int  # its school today
    after: int  # its school in the plan
    pupils: float
    relieves: bool  # its school today would be over capacity without the move
    #: the zone ("before": its school today's, "after": the plan school's) that would not
    #: be connected with the block back at its school today, the rest of the plan kept
    needed: str = ""

    @property
    def label(self) -> str:
        """The block's 跨乡镇调整 cell: 是, or 是 with the flag when it relieves nothing."""
        return "是" if self.relieves else f"是（{FLAG}）"


def cross_moves(problem: ZoneProblem, school) -> list[CrossMove]:
    """Every cross-乡镇 move of the plan ``school`` (block → school), in block order."""
    p, school = problem, np.asarray(school, np.int64)
    blocks = np.nonzero((p.current >= 0) & (school != p.current)
                        & p.cross[np.arange(p.n), school])[0]
    if not len(blocks):
        return []
    load, adjacency = p.load(school), p.adjacency
    out = []
    for i in blocks.tolist():
        a = int(p.current[i])
        out.append(CrossMove(i, a, int(school[i]), float(p.pupils[i]),
                             bool(load[a] + p.pupils[i] > p.capacity[a] + 1e-9),
                             _needed(school, i, a, adjacency)))
    return out


def _needed(school: np.ndarray, i: int, a: int, adjacency) -> str:
    """The zone that would not be connected with block ``i`` back at school ``a`` (the
    rest of the plan as it is): ``"before"`` (``a``'s), ``"after"`` (its plan school's),
    or ``""`` when both stay connected."""
    back = school.copy()
    back[i] = a
    for key, s in (("before", a), ("after", int(school[i]))):
        if len(components(np.nonzero(back == s)[0].tolist(), adjacency)) > 1:
            return key
    return ""


def block_labels(problem: ZoneProblem, school) -> list[str]:
    """Each block's 跨乡镇调整 cell: 否, 是, or 是 with the flag."""
    labels = ["否"] * problem.n
    for move in cross_moves(problem, school):
        labels[move.block] = move.label
    return labels


def cross_notes(problem: ZoneProblem, school, blocks: list[str], schools: list[str],
                towns: tuple[list[str], list[str]] | None = None) -> list[str]:
    """A note for each cross-乡镇 move that relieves no over capacity, with the flag (and why
    the model made it when today's zone is cut off); the count of all such moves is
    :func:`junheng.zones.check.soft_breaks`'.

    >>> from junheng.zones.problem import ZoneProblem
    >>> p = ZoneProblem(pupils=[0, 10, 0], edges=[[0, 1], [1, 2]], root=[0, 2],
    ...                 capacity=[100, 100], distance=np.zeros((3, 2)), current=[0, 0, 1],
    ...                 cross=[[False, False], [False, True], [False, False]])
    >>> for line in cross_notes(p, [0, 1, 1], ["甲校", "一村", "乙校"], ["甲校", "乙校"],
    ...                         (["A乡", "A乡", "B镇"], ["A乡", "B镇"])):
    ...     print(line)
    一村（10 人，A乡）由甲校改划乙校（A乡→B镇）：跨乡镇且未缓解超容量，建议保留原划片。
    """
    idle = [m for m in cross_moves(problem, school) if not m.relieves]
    out = []
    for m in idle:
        home = f"，{towns[0][m.block]}" if towns is not None else ""
        line = (f"{blocks[m.block]}（{m.pupils:,.0f} 人{home}）由{schools[m.before]}改划"
                f"{schools[m.after]}{_towns(towns, m)}：{FLAG}")
        if m.needed:
            zone = schools[m.before if m.needed == "before" else m.after]
            line += (f"；改回原学校会使{zone}的学区不连通，模型因此改划（村居间的相邻关系按位置推算，"
                     "如实际相连，保留原划片即可）")
        out.append(line + "。")
    return out


def _towns(towns: tuple | None, move: CrossMove) -> str:
    return f"（{towns[1][move.before]}→{towns[1][move.after]}）" if towns is not None else ""


def school_counts(problem: ZoneProblem, school) -> tuple[np.ndarray, np.ndarray]:
    """Pupils each school receives from, and sends into, other 乡镇 (跨乡镇调入 / 调出)."""
    into, out_of = np.zeros(problem.k), np.zeros(problem.k)
    for m in cross_moves(problem, school):
        into[m.after] += m.pupils
        out_of[m.before] += m.pupils
    return into, out_of
