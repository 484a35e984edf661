"""县管校聘 two-way selection: teacher-proposing deferred acceptance with minimum quotas for the
schools that must be filled (rural schools), and 组织调剂 for the teachers left unplaced.

Mechanism (four stages, every placement says which stage made it):

1. **Deferred acceptance with artificial caps** (Fragiadakis & Troyan 2017, "Improving
   matching under hard distributional constraints", Theoretical Economics 12). A school with
   a minimum mₛ takes at most mₛ teachers in this stage; the others share n − Σmₛ posts
   (n teachers): each keeps ⌊qₛ·(n − Σm)/Σq⌋ of its qₛ posts, the remainder going one by one
   to the largest fractions (ties: school order) — only when their posts exceed n − Σm. The
   result is stable for these caps. Without minima this stage is plain deferred acceptance
   with the real posts, and its result is the teacher-optimal stable matching.
2. **组织调剂 to the minima** (``adjusted_minimum``): each school still below its minimum, in
   school order, takes unplaced teachers — first those it ranked, in its order, then the rest
   in teacher order — until the minimum is met. Stage 1 leaves at least as many teachers
   unplaced as the minima lack, so this always fills them when Σmₛ ≤ n.
3. **Deferred acceptance on the posts left** (``second_round``): the still unplaced teachers
   propose again to every school with posts left (its real posts minus those filled).
4. **组织调剂 of the rest** (``adjusted``): each teacher still unplaced, in teacher order, goes to
   the school with most posts left (rural schools first, then school order); with no post
   left the teacher stays unplaced (``unplaced``).

A pair is acceptable when each lists the other. ``blocking_pairs`` checks stability
independently of the algorithm.

Examples
--------
>>> prefs = {"t1": ["A", "B"], "t2": ["A", "B"], "t3": ["A"]}
>>> ranks = {"A": ["t3", "t1", "t2"], "B": ["t1", "t2"]}
>>> deferred_acceptance(prefs, ranks, {"A": 1, "B": 1})
{'t1': 'B', 't3': 'A'}
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from junheng.errors import InfeasibleError

STAGES = ("first_round", "adjusted_minimum", "second_round", "adjusted")
STAGE_LABELS = {"first_round": "双向选择（第一轮）", "adjusted_minimum": "组织调剂（保底学校）",
                "second_round": "双向选择（第二轮）", "adjusted": "组织调剂", "unplaced": "未安置"}


@dataclass(frozen=True)
class SelectionInstance:
    """Teachers' ranked schools, schools' ranked teachers, posts and minima per school."""

    teacher_prefs: Mapping[str, Sequence[str]]
    school_prefs: Mapping[str, Sequence[str]]
    posts: Mapping[str, int]
    minimum: Mapping[str, int] = field(default_factory=dict)
    rural: frozenset[str] = frozenset()

    def check(self) -> None:
        """Raise :class:`InfeasibleError` (in Chinese) when the minima cannot be met."""
        bad = [s for s, m in self.minimum.items() if m > self.posts.get(s, 0)]
        if bad:
            s = bad[0]
            raise InfeasibleError(f"学校 {s} 的保底人数 {self.minimum[s]} 超过其岗位数 "
                                  f"{self.posts.get(s, 0)}：请核对岗位数或保底人数。")
        need, n = sum(self.minimum.values()), len(self.teacher_prefs)
        if need > n:
            raise InfeasibleError(f"保底学校共需 {need} 名教师，参加竞聘的教师只有 {n} 名：保底人数"
                                  f"无法全部满足，请减少保底人数或扩大竞聘范围。")


@dataclass(frozen=True)
class SelectionResult:
    """``school`` and ``stage`` per teacher (``school`` None: unplaced); ``caps`` used in
    stage 1."""

    school: Mapping[str, str | None]
    stage: Mapping[str, str]
    caps: Mapping[str, int]

    def stage_counts(self) -> dict[str, int]:
        """Teachers per stage, in stage order (``unplaced`` last), stages with none left out."""
        counts = dict.fromkeys((*STAGES, "unplaced"), 0)
        for stage in self.stage.values():
            counts[stage] += 1
        return {k: n for k, n in counts.items() if n}

    def filled(self) -> dict[str, int]:
        """Teachers placed per school."""
        return _filled(self.school)


def _rank_tables(school_prefs: Mapping[str, Sequence[str]]) -> dict[str, dict[str, int]]:
    return {s: {t: i for i, t in enumerate(ts)} for s, ts in school_prefs.items()}


def deferred_acceptance(teacher_prefs: Mapping[str, Sequence[str]],
                        school_prefs: Mapping[str, Sequence[str]], caps: Mapping[str, int],
                        ranks: dict[str, dict[str, int]] | None = None) -> dict[str, str]:
    """Teacher-proposing deferred acceptance: ``teacher -> school`` for the placed teachers
    (sorted by teacher). A teacher proposes only to schools that rank it."""
    ranks = ranks if ranks is not None else _rank_tables(school_prefs)
    held: dict[str, list[tuple[int, str]]] = {s: [] for s in caps}   # max-heap by rank
    nxt = dict.fromkeys(teacher_prefs, 0)
    free = list(reversed(list(teacher_prefs)))
    while free:
        t = free.pop()
        prefs = teacher_prefs[t]
        while nxt[t] < len(prefs):
            s = prefs[nxt[t]]
            nxt[t] += 1
            r = ranks.get(s, {}).get(t)
            cap = caps.get(s, 0)
            if r is None or cap <= 0:
                continue
            heap = held[s]
            if len(heap) < cap:
                heapq.heappush(heap, (-r, t))
                break
            if -heap[0][0] > r:
                _, out = heapq.heapreplace(heap, (-r, t))
                free.append(out)
                break
    return dict(sorted((t, s) for s, heap in held.items() for _, t in heap))


def artificial_caps(inst: SelectionInstance) -> dict[str, int]:
    """Stage-1 caps: mₛ for a school with a minimum; the others scaled to n − Σm posts."""
    minimum = {s: m for s, m in inst.minimum.items() if m > 0}
    caps = {s: int(q) for s, q in inst.posts.items()}
    if not minimum:
        return caps
    caps.update(minimum)
    others = [s for s in inst.posts if s not in minimum]
    room = len(inst.teacher_prefs) - sum(minimum.values())
    total = sum(inst.posts[s] for s in others)
    if total <= room:
        return caps
    exact = {s: inst.posts[s] * room / total for s in others}
    caps.update({s: int(v) for s, v in exact.items()})
    left = room - sum(caps[s] for s in others)
    order = sorted(others, key=lambda s: -(exact[s] - int(exact[s])))  # stable: school order
    for s in order[:left]:
        caps[s] += 1
    return caps


def select(inst: SelectionInstance) -> SelectionResult:
    """Run the four stages (see the module docstring)."""
    inst.check()
    ranks = _rank_tables(inst.school_prefs)
    caps = artificial_caps(inst)
    school: dict[str, str | None] = dict.fromkeys(inst.teacher_prefs)
    stage: dict[str, str] = dict.fromkeys(inst.teacher_prefs, "unplaced")
    for t, s in deferred_acceptance(inst.teacher_prefs, inst.school_prefs, caps, ranks).items():
        school[t], stage[t] = s, "first_round"
    _fill_minima(inst, ranks, school, stage)
    left = _posts_left(inst, school)
    rest = {t: p for t, p in inst.teacher_prefs.items() if school[t] is None}
    for t, s in deferred_acceptance(rest, inst.school_prefs, left, ranks).items():
        school[t], stage[t] = s, "second_round"
    _adjust_rest(inst, school, stage)
    return SelectionResult(school, stage, caps)


def _filled(school: Mapping[str, str | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in school.values():
        if s is not None:
            out[s] = out.get(s, 0) + 1
    return out


def _posts_left(inst: SelectionInstance, school: Mapping[str, str | None]) -> dict[str, int]:
    filled = _filled(school)
    return {s: int(q) - filled.get(s, 0) for s, q in inst.posts.items()}


def _fill_minima(inst: SelectionInstance, ranks: dict[str, dict[str, int]],
                 school: dict[str, str | None], stage: dict[str, str]) -> None:
    filled = _filled(school)
    position = {t: i for i, t in enumerate(inst.teacher_prefs)}
    for s in inst.posts:
        lack = inst.minimum.get(s, 0) - filled.get(s, 0)
        if lack <= 0:
            continue
        rank = ranks.get(s, {})
        pool = sorted((t for t in position if school[t] is None),
                      key=lambda t: (rank.get(t, len(rank)), position[t]))
        for t in pool[:lack]:
            school[t], stage[t] = s, "adjusted_minimum"


def _adjust_rest(inst: SelectionInstance, school: dict[str, str | None],
                 stage: dict[str, str]) -> None:
    left = _posts_left(inst, school)
    order = {s: i for i, s in enumerate(inst.posts)}
    for t in inst.teacher_prefs:
        if school[t] is not None:
            continue
        open_ = [s for s in order if left[s] > 0]
        if not open_:
            return
        s = min(open_, key=lambda s: (-left[s], s not in inst.rural, order[s]))
        school[t], stage[t] = s, "adjusted"
        left[s] -= 1


def blocking_pairs(teacher_prefs: Mapping[str, Sequence[str]],
                   school_prefs: Mapping[str, Sequence[str]], caps: Mapping[str, int],
                   matching: Mapping[str, str | None]) -> list[tuple[str, str]]:
    """Pairs (teacher, school) that would both rather be together: mutually acceptable, the
    teacher ranks the school above its own, and the school has a free post or holds a
    teacher it ranks below. Written from the definition, independent of the algorithm."""
    ranks = _rank_tables(school_prefs)
    members: dict[str, list[str]] = {s: [] for s in caps}
    for t, s in matching.items():
        if s is not None:
            members.setdefault(s, []).append(t)
    pairs = []
    for t, prefs in teacher_prefs.items():
        own = matching.get(t)
        better = prefs[:prefs.index(own)] if own in prefs else prefs
        for s in better:
            rank = ranks.get(s, {})
            if t not in rank or caps.get(s, 0) <= 0:
                continue
            held = members.get(s, [])
            if len(held) < caps[s] or any(rank.get(u, len(rank)) > rank[t] for u in held):
                pairs.append((t, s))
    return pairs
