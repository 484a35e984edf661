"""交流轮岗 plan: who rotates, from where to where — a MILP on the shared optimisation layer.

Formulation (mirrored in :func:`build_model`, checked without the solver by
:func:`junheng.teachers.rotation_check.check_plan`)::

    Sets    s schools, c classes of eligible teachers (school h(c), subject k(c), stage, size n_c,
            骨干 b_c ∈ {0,1}, indicator flags f_cj), arcs a = (c, s) to the candidate
            destinations of c (direction rule, s ≠ h(c), s teaches the class's stage; the
            ``candidates`` best by need), j ∈ {higher degree, 骨干, 体育艺术}, k rule
            subjects (P: 体育/音乐/美术).
    Data    E eligible teachers, R = ⌈share·E⌉, R̄ = ⌊max_share·E⌋, β backbone share,
            O_s = ⌊max_out_share·staff_s⌋, G_s = max(short_s, ⌈max_gain_share·staff_s⌉),
            g_sk shortage and σ_sk surplus of subject k, n_sj indicator teachers,
            e_sj = P_s·N_j/P (the school's share of the county's N_j by students P_s).
    Vars    y_a ∈ ℤ, 0 ≤ y_a ≤ n_c     teachers of class c moved to s
            u_sk ≥ 0                    teachers of subject k short at s after the moves (cells
                                with g_sk > 0 or with a class of subject k leaving s)
            d_sj ≥ 0                    |n_sj + Δ_sj − e_sj|
            w_uk ∈ {0, 1}               the k-th teacher of unit u's exchange pool is sent
                                back (13)–(15); δ_u ∈ {0, 1} u exchanges at all
    with in/out sums  I_s = Σ_{a→s} y_a,  X_s = Σ_{a from s} y_a,  I_sk, X_sk by subject,
            Δ_sj = Σ_{a→s} f_cj y_a − Σ_{a from s} f_cj y_a − Σ_{k at s} f_kj w_uk
                   + Σ_{k back to s} f_kj w_uk + Σ_k f_kj z_ks  (the teachers sent back,
                   counted where they leave and where they go: u's one sender, or the school
                   z_ks picks when several send into u).
    min  Σ w_k u_sk + W_cv Σ_j Σ_s d_sj / N_j + W_move Σ y_a
    (1) Σ_s y_(c,s) + Σ_{k ∈ c} w_uk ≤ n_c     every class c (each teacher moves at most once,
                                               and one sent back is not moved: brief hrot6)
    (2) Σ y_a ≥ R                              at least share of the eligible rotate
    (3) Σ y_a ≤ R̄                              at most max_share of them
    (4) Σ (b_c − β) y_a + Σ (b_uk − β) w_uk ≥ 0   骨干 ≥ β of those rotated, exchanged
                                               included (b_uk: the teacher sent back is 骨干)
    (5) X_s ≤ O_s                              a school sends at most O_s
    (6) I_s − X_s ≤ G_s                        a school gains at most G_s
    (7) X_sk − I_sk ≤ σ_sk                     k ∈ P: no new 体育/音乐/美术 shortage
    (8) u_sk + I_sk − X_sk ≥ g_sk − σ_sk       shortage of subject k at s after the moves
    (9) d_sj − Δ_sj ≥ n_sj − e_sj
    (10) d_sj + Δ_sj ≥ e_sj − n_sj
    (11) d_sj ≤ max(L_j e_sj, |n_sj − e_sj|)  j ∈ H: each school within L_j of its share of
                                               j, or no further from it than now
    (12) y_a = 0                               a of a class with f_cj = 1 and stage t, (j, t) ∈ F
    (13) Σ_k w_uk = max(0, I_u − X_u − room_u) the teachers unit u sends back in exchanges
                                               (u: a school with its 教学点 at one stage, I_u,
                                               X_u its in/out; room_u its max(编制 − teachers,
                                               0)); linear with δ_u, ē_u and X̄_u below
    (14) w_uk ≥ w_u,k+1                        the pool's order
    (15) Σ_k w_uk + X_u ≤ |pool_u|             rotated and sent back from the same teachers
    (16) Σ_k w_uk ≤ I_u                        a unit sends back no more than it takes in
    (17) d_sj ≥ f_sj + (1 − 2 f_sj)(Δ_sj − ⌊c_sj⌋)   c_sj = e_sj − n_sj, f_sj = c_sj − ⌊c_sj⌋ ∈ (0, 1)
    (18) Σ_s z_ks = w_uk                       z_ks ∈ {0, 1}: the k-th teacher of a unit u with
                                               several senders goes back to sender s
    (19) Σ_{k of u} z_ks ≤ Σ_{a: s → u} y_a    no sender gets back more than it sent into u
    and w_uk = 0 for k > ē_u.

(16), (17) and the bounds ē_u, X̄_u tighten the LP relaxation and cut off no plan (brief
hrot4: the web example stopped at 「与最优的差距不超过 0.91%」 under a 1 % gap, the demo county
at 0.34 %): (16) holds as max(0, I − X − room) ≤ I; (17) is the chord of |Δ − c| between
⌊c⌋ and ⌈c⌉, which every whole Δ_sj meets, where (9)–(10) let the LP sit at Δ_sj = c; ē_u
(:func:`unit_bounds`: |pool_u|, the classes that may go to u, the net gains (6) of its
schools, less room_u) bounds Σ_k w_uk and is the big-M of Σ_k w_uk ≤ ē_u δ_u, X̄_u (its pool,
its schools' (5), its classes) that of Σ_k w_uk − I_u + X_u + room_u ≤ (X̄_u + room_u)(1 −
δ_u) — the M was |pool_u| + room_u + its classes' sizes summed over their ~20 arcs each, and
the LP sent back teachers at δ_u ≈ 0.3 that no plan sends. (18)–(19)
(:mod:`junheng.teachers.rotation_back`, brief hrot6): the model chooses where a teacher of a
unit with several senders goes and the named plan sends him there, so the checker's objective is
the model's (before, the model left his arrival out: the demo's gap 0.0113 % on the model,
0.0675 % on the named plan). The checker
(:func:`~junheng.teachers.rotation_check.check_plan`) checks (1)–(8), (11)–(13); (9), (10) and
(17) only bound d_sj, whose cost the objective re-sums exactly, and (14)–(16) follow from
(13) with the pool's order.

(13) is the 达标路径's exchange rule (:mod:`junheng.teachers.rotation_exchange`): a receiver at its
编制 exchanges. Its pool holds only the teachers the 交流轮岗 rules let rotate (years at the
school, age, not rotated in this year, no rotation under way; brief hrot3), in the order the
plan names them (those the indicators do not count first): the model knows who comes back,
counts them in (4) and in the indicator rows (9)–(11), so a rotation's CVs are those of the
county with the exchanges. A receiver without eligible teachers to send back takes no teacher
beyond its room.

(11) and (12) are empty unless the 优质均衡 CV rule asks for them
(:mod:`junheng.teachers.rotation_cv`): H (``config.hold``) and F (``config.freeze``) grow
round by round while a re-evaluated plan raises a teacher-indicator CV over its limit L_j
(``config.hold`` maps j to L_j). Since x_s − x̄ = 100 (n_sj − e_sj) / P_s and L x̄ = 100 L e_sj /
P_s, (11) is the linear band |x_s − x̄| ≤ L x̄ on each school's figure per 100 students (all
stages together); were every school inside it, the CV would be at most L. A school outside
the band today may not move further out. (12) keeps the indicator teachers of stage t where they are, so that stage's CV of j does not
change at all. Both are bounds: (11) on d_sj, (12) on y_a.

Σ_s d_sj / N_j is the student-weighted mean absolute deviation of indicator j per 100
students relative to its county mean (that mean does not change when teachers move within
the county): the linear stand-in for the CV the plan lowers. w_k is ``weight_priority`` for
体育/音乐/美术 and ``weight_subject`` for the other subjects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from junheng.errors import InfeasibleError
from junheng.optimize.highs import HighsSolver
from junheng.optimize.model import INF, Milp
from junheng.optimize.result import MilpResult, SolveStatus, relative_gap, status_at_gap
from junheng.teachers.rotation_back import (
    Destinations,
    destination_pairs,
    destination_rows,
    destinations,
)
from junheng.teachers.rotation_data import (
    INDICATORS,
    RotationConfig,
    RotationData,
    allowed,
)
from junheng.teachers.rotation_reasons import exchange_shortfall, explain_infeasible


@dataclass(frozen=True)
class Arcs:
    """Candidate moves: class ``cls[a]`` to school ``dest[a]``."""

    cls: np.ndarray
    dest: np.ndarray


def candidate_arcs(d: RotationData, config: RotationConfig) -> Arcs:
    """Per class, the ``candidates`` allowed destinations with most need: the class's subject
    short there (priority subjects ×10), then the indicators it carries below the school's
    share, then the school's overall shortage."""
    total = d.counts.sum(axis=0)
    expected = np.outer(d.students / max(d.students.sum(), 1.0), total)
    deficit = np.maximum(0.0, expected - d.counts)
    cls, dest = [], []
    for c, h in enumerate(d.class_school):
        ok = np.array([s != h and allowed(d.area[h], d.area[s], config.direction)
                       and d.teaches(s, d.class_stage[c]) for s in range(len(d.school_ids))],
                      bool)
        if not ok.any():
            continue
        k = d.class_subject[c]
        score = deficit @ d.class_flags[c] + 0.01 * d.shortage_total
        if k >= 0:
            score = score + d.shortage[:, k] * (10.0 if d.priority[k] else 1.0)
        order = [s for s in np.argsort(-score, kind="stable") if ok[s]][:config.candidates]
        cls.extend([c] * len(order))
        dest.extend(order)
    return Arcs(np.array(cls, int), np.array(dest, int))


def build_model(d: RotationData, arcs: Arcs, config: RotationConfig) -> Milp:
    """The MILP of the module docstring; row groups are named ``"(1)"`` … ``"(17)"``."""
    m = Milp()
    n_arcs = len(arcs.cls)
    y = m.add_block("move", cost=np.full(n_arcs, config.weight_move), lower=0,
                    upper=frozen_upper(d, arcs, config), integer=True)
    low, high = d.required(config)
    m.add_row("(2)", y, np.ones(n_arcs), lo=low)
    m.add_row("(3)", y, np.ones(n_arcs), hi=high)
    home = d.class_school[arcs.cls]
    back = _exchange_rows(m, d, arcs, y, home, config)
    sent = class_of(d, back.ids)
    m.add_rows("(1)", np.r_[arcs.cls, sent[sent >= 0]], np.r_[y, back.cols[sent >= 0]], 1.0,
               -INF, d.class_size.astype(float), count=len(d.class_members))
    m.add_row("(4)", np.concatenate([y, back.cols]), np.concatenate(
        [d.class_backbone[arcs.cls] - config.backbone_share,
         back.flags[:, INDICATORS.index("backbone")] - config.backbone_share]), lo=0.0)
    m.add_rows("(5)", home, y, 1.0, -INF, out_cap(d, config))
    m.add_rows("(6)", np.concatenate([arcs.dest, home]), np.concatenate([y, y]),
               np.concatenate([np.ones(n_arcs), -np.ones(n_arcs)]), -INF,
               gain_cap(d, config).astype(float))
    _subject_rows(m, d, arcs, y, home, config)
    _indicator_rows(m, d, arcs, y, home, config, back)
    return m


def class_of(d: RotationData, ids: list[str]) -> np.ndarray:
    """Per teacher id its class (−1: in none), for (1): a teacher sent back is not moved too.

    >>> from types import SimpleNamespace as NS
    >>> class_of(NS(class_members=[["A", "B"], ["C"]]), ["C", "X", "A"]).tolist()
    [1, -1, 0]
    """
    at = {t: c for c, members in enumerate(d.class_members) for t in members}
    return np.array([at.get(t, -1) for t in ids], int)


def out_cap(d: RotationData, config: RotationConfig) -> np.ndarray:
    """(5) O_s: the most teachers school s sends, ⌊max_out_share × its staff⌋."""
    return np.floor(config.max_out_share * d.staff + 1e-9)


def gain_cap(d: RotationData, config: RotationConfig) -> np.ndarray:
    """(6) G_s: the most teachers school s gains net, max(shortage, ⌈max_gain_share × staff⌉)."""
    return np.maximum(d.shortage_total, np.ceil(config.max_gain_share * d.staff - 1e-9))


def unit_bounds(d: RotationData, arcs: Arcs, config: RotationConfig, unit_in: np.ndarray,
                unit_out: np.ndarray, pool: np.ndarray, room: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Per exchange unit u (``unit_in`` / ``unit_out``: the unit each arc enters / leaves,
    ``pool``: |pool_u|, ``room``: room_u) the most it may send back, ē_u, and the most it
    may send, X̄_u: the
    big-M of (13) and the bound of (16) (brief hrot4: M was |pool_u| + room_u + the class
    sizes summed over the arcs leaving u, some 20 arcs a class, so the LP sent back at
    δ_u ≈ 0.3 teachers that no plan sends).

    X̄_u = min(|pool_u| (15), Σ O_s over u's senders (5), its classes' sizes, R̄ (3));
    ē_u = min(|pool_u|, Ī_u − room_u, Σ over u's receivers of G_s (6), plus O_s (5) where
    the receiver teaches another stage too, less room_u), Ī_u the sizes of the classes with
    an arc into u, at most R̄.

    >>> import pandas as pd
    >>> d = RotationData(["A", "B"], ["甲", "乙"], np.array(["urban", "rural"], object),
    ...     np.array([900.0, 300.0]), np.array([50, 20]), np.zeros(2, int), np.zeros((2, 3)),
    ...     [], np.zeros(0, bool), np.zeros((2, 0), int), np.zeros((2, 0), int),
    ...     np.array([0, 0]), np.array([-1, -1]), np.zeros((2, 3)), np.array([0, 1]),
    ...     [["T1", "T2", "T3"], ["T4"] * 6], pd.DataFrame({"teacher_id": range(9)}),
    ...     [frozenset({"primary"})] * 2, np.array(["primary"] * 2, object))
    >>> arcs = Arcs(np.array([0, 1]), np.array([1, 1]))  # both classes of A may go to B
    >>> # B: 9 in at most, net gain ⌈20% × 20⌉ = 4, pool 7, room 1 → ē = 4 − 1 = 3;
    >>> # A sends at most ⌊20% × 50⌋ = 10, its pool 12, classes of 9 → X̄ = 9
    >>> [b.tolist() for b in unit_bounds(d, arcs, RotationConfig(max_share=1.0),
    ...  np.array([1, 1]), np.array([0, 0]), np.array([12.0, 7.0]), np.array([0.0, 1.0]))]
    [[0.0, 3.0], [9.0, 0.0]]
    """
    high = d.required(config)[1]
    size, cap_out, cap_gain = d.class_size, out_cap(d, config), gain_cap(d, config)
    home = d.class_school[arcs.cls]
    most_in, most_out = np.zeros(len(pool)), np.zeros(len(pool))
    for u in range(len(pool)):
        into, out = unit_in == u, unit_out == u
        senders, receivers = np.unique(home[out]), np.unique(arcs.dest[into])
        net = sum(cap_gain[s] + (cap_out[s] if len(d.school_stages[s]) > 1 else 0.0)
                  for s in receivers)
        most_in[u] = min(size[np.unique(arcs.cls[into])].sum(), high, net)
        most_out[u] = min(pool[u], cap_out[senders].sum(),
                          size[np.unique(arcs.cls[out])].sum(), high)
    return np.maximum(np.minimum(pool, most_in - room), 0.0), most_out


def _exchange_rows(m: Milp, d: RotationData, arcs: Arcs, y, home, config) -> Returned:
    """(13)–(16) per unit u (school and its 教学点 at one stage) an arc reaches: w_uk = 1 when
    the k-th teacher of its exchange pool (``ExchangeUnits.pool``: eligible teachers, first
    first) is sent back; (13) Σ_k w_uk = max(0, I_u − X_u − room_u) with δ_u and the
    :func:`unit_bounds`, (14) w_uk ≥ w_u,k+1 (the pool's order, as
    :func:`~.rotation_exchange.exchange_moves` names them), (15) Σ_k w_uk + X_u ≤ |pool_u|
    (its own rotated teachers come from the same eligible teachers), (16) Σ_k w_uk ≤ I_u; w_uk
    = 0 for k > ē_u."""
    ex = d.exchange
    if ex is None:
        return Returned(np.zeros(0, int), np.zeros(0, int), np.zeros((0, len(INDICATORS))),
                        np.zeros(0, int))
    pools, reached, unit, sender, inn, outn = _pool_columns(d, arcs)
    at = d.eligible.set_index("teacher_id")
    rank = np.concatenate([np.arange(len(p)) for p in pools] or [np.zeros(0, int)])
    pool_ids = [t for p in pools for t in p]
    school = at.loc[pool_ids, "school"].to_numpy(int) if pool_ids else np.zeros(0, int)
    flags = at.loc[pool_ids, list(INDICATORS)].to_numpy(float).reshape(-1, len(INDICATORS))
    size = np.bincount(unit, minlength=len(pools)).astype(float)
    room = ex.room[reached].astype(float)
    most_back, most_out = unit_bounds(d, arcs, config, inn, outn, size, room)
    upper = _frozen(flags, at.loc[pool_ids, "stage"].to_numpy(object), config)
    w = m.add_block("back", cost=np.full(len(unit), config.weight_move), lower=0,
                    upper=np.where(rank < most_back[unit], upper, 0.0), integer=True)
    flow = _UnitFlow(unit, w, inn, outn, y, len(pools))
    _exchange_count(m, flow, room, most_back, most_out + room)
    chain = np.flatnonzero(unit[1:] == unit[:-1])
    m.add_rows("(14)", np.repeat(np.arange(len(chain)), 2),
               np.column_stack([w[chain], w[chain + 1]]).ravel(),
               np.tile([1.0, -1.0], len(chain)), 0.0, INF, count=len(chain))
    m.add_rows("(15)", np.concatenate([unit, outn[outn >= 0]]),
               np.concatenate([w, y[outn >= 0]]), 1.0, -INF, size, count=len(pools))
    m.add_rows("(16)", *flow.terms(into_sign=-1.0, out_sign=0.0), -INF, 0.0, count=len(pools))
    to = destination_rows(m, w, flags.any(axis=1), unit, sender, home, inn, y)  # (18) (19)
    return Returned(w, school, flags, sender, to, pool_ids)


def _pool_columns(d: RotationData, arcs: Arcs) -> tuple[list[list[str]], np.ndarray, np.ndarray,
                                                         np.ndarray, np.ndarray, np.ndarray]:
    """The pools of the units an arc reaches and those units, per w column its unit (local number) and the
    unit's one sender (−1: several), per arc the local unit it enters and leaves (−1: none)."""
    into, reached, pools = _pools(d, arcs)
    home = d.class_school[arcs.cls]
    out = d.exchange.index(np.array(d.school_ids, dtype=object)[home], d.class_stage[arcs.cls])
    unit = np.repeat(np.arange(len(reached)), [len(p) for p in pools]).astype(int)
    sender = np.array([_one_sender(home[into == u]) for u in reached], int)[unit]
    local = {int(u): i for i, u in enumerate(reached)}
    inn = np.array([local.get(int(u), -1) for u in into], int)
    outn = np.array([local.get(int(u), -1) for u in out], int)
    return pools, reached, unit, sender, inn, outn


def _pools(d: RotationData, arcs: Arcs) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
    """Per arc the unit it reaches (-1 for none), the units reached and each one's pool (its
    eligible teachers, first first): the w columns of (13)–(16) run through them in order."""
    ex, known = d.exchange, set(d.eligible["teacher_id"])
    into = ex.index(np.array(d.school_ids, dtype=object)[arcs.dest], d.class_stage[arcs.cls])
    reached = np.unique(into[into >= 0])
    return into, reached, [[t for t in (ex.pool[u] if ex.pool else ()) if t in known]
                           for u in reached]


def sent_back(d: RotationData, arcs: Arcs, model: Milp, values: np.ndarray) -> dict[str, int]:
    """The teachers the solution sends back (w_uk = 1) and the school each goes to (its unit's
    one sender, else the model's choice (18)); {} without exchange units."""
    if d.exchange is None or not len(arcs.cls):
        return {}
    pools, _, unit, sender, inn, _ = _pool_columns(d, arcs)
    w, ids = model.block("back"), [t for p in pools for t in p]
    flagged = d.eligible.set_index("teacher_id").loc[ids, list(INDICATORS)].to_numpy().any(axis=1)
    pool, school = destination_pairs(unit, sender, model.upper[w] * flagged,
                                     d.class_school[arcs.cls], inn)
    to = Destinations(model.block("back_to"), pool, school)
    return destinations(ids, sender, w, to, values)


def _one_sender(senders: np.ndarray) -> int:
    """The school sending into a unit when all its arcs come from one, else -1."""
    senders = np.unique(senders)
    return int(senders[0]) if len(senders) == 1 else -1


@dataclass(frozen=True)
class _UnitFlow:
    """The columns of Σ_k w_uk, I_u and X_u per exchange unit (local numbers ``0..n-1``)."""

    unit: np.ndarray
    w: np.ndarray
    inn: np.ndarray
    outn: np.ndarray
    y: np.ndarray
    n: int

    def terms(self, into_sign: float, out_sign: float):
        """Rows, columns and coefficients of Σ_k w_uk + into_sign I_u + out_sign X_u."""
        i, o = self.inn >= 0, self.outn >= 0
        return (np.concatenate([self.unit, self.inn[i], self.outn[o]]),
                np.concatenate([self.w, self.y[i], self.y[o]]),
                np.concatenate([np.ones(len(self.w)), np.full(i.sum(), into_sign),
                                np.full(o.sum(), out_sign)]))


def _exchange_count(m: Milp, flow: _UnitFlow, room: np.ndarray, most_back: np.ndarray,
                    most_short: np.ndarray) -> None:
    """(13) Σ_k w_uk = max(0, I_u − X_u − room_u): Σ_k w_uk ≥ I_u − X_u − room_u, and with
    δ_u ∈ {0, 1} no more, Σ_k w_uk ≤ ē_u δ_u and Σ_k w_uk − I_u + X_u + room_u ≤
    (X̄_u + room_u)(1 − δ_u) (``most_back`` ē_u, ``most_short`` X̄_u + room_u)."""
    rows, cols, coefs = flow.terms(into_sign=-1.0, out_sign=1.0)
    n = flow.n
    m.add_rows("(13)", rows, cols, coefs, -room, INF, count=n)
    on = m.add_block("exchanging", cost=np.zeros(n), lower=0, upper=1, integer=True)
    m.add_rows("(13)", np.concatenate([rows, np.arange(n)]), np.concatenate([cols, on]),
               np.concatenate([coefs, most_short]), -INF, most_short - room, count=n)
    m.add_rows("(13)", np.concatenate([flow.unit, np.arange(n)]), np.concatenate([flow.w, on]),
               np.concatenate([np.ones(len(flow.w)), -most_back]), -INF, 0.0, count=n)


@dataclass(frozen=True)
class Returned:
    """The columns w of the teachers units may send back, with each teacher's school, its
    indicator flags and the school it would go to (-1 when the unit has several senders)."""

    cols: np.ndarray
    school: np.ndarray
    flags: np.ndarray
    sender: np.ndarray
    to: Destinations | None = None
    ids: list[str] = field(default_factory=list)


def _frozen(flags: np.ndarray, stage: np.ndarray, config: RotationConfig) -> np.ndarray:
    """Upper bounds of w: 1, 0 for a teacher of a frozen (indicator, stage) (12)."""
    upper = np.ones(len(flags))
    for key, st in config.freeze:
        upper[(flags[:, INDICATORS.index(key)] > 0) & (stage == st)] = 0.0
    return upper


def frozen_upper(d: RotationData, arcs: Arcs, config: RotationConfig) -> np.ndarray:
    """Upper bounds of y: the class size, 0 on the arcs (12) freezes."""
    upper = d.class_size[arcs.cls].astype(float)
    for key, stage in config.freeze:
        j = INDICATORS.index(key)
        upper[(d.class_flags[arcs.cls, j] > 0) & (d.class_stage[arcs.cls] == stage)] = 0.0
    return upper


def band_upper(d: RotationData, config: RotationConfig) -> np.ndarray:
    """(11): the most each d_sj may be, max(L_j e_sj, |n_sj − e_sj|) for j held, else ∞."""
    total = d.counts.sum(axis=0)
    expected = np.outer(d.students / max(d.students.sum(), 1.0), total)
    upper = np.full(d.counts.shape, INF)
    for key, band in dict(config.hold).items():
        j = INDICATORS.index(key)
        upper[:, j] = np.maximum(band * expected[:, j], np.abs(d.counts[:, j] - expected[:, j]))
    return upper


def _subject_rows(m: Milp, d: RotationData, arcs: Arcs, y, home, config) -> None:
    k = d.class_subject[arcs.cls]
    has = k >= 0
    n_k = len(d.subjects)
    into, out = arcs.dest[has] * n_k + k[has], home[has] * n_k + k[has]
    rows = np.concatenate([out, into])
    cols = np.concatenate([y[has], y[has]])
    coefs = np.concatenate([np.ones(has.sum()), -np.ones(has.sum())])
    pri = np.flatnonzero(np.repeat(d.priority[None, :], len(d.school_ids), 0).ravel())
    pick = np.isin(rows, pri)
    local = {r: i for i, r in enumerate(pri)}
    m.add_rows("(7)", [local[r] for r in rows[pick]], cols[pick], coefs[pick], -INF,
               d.surplus.ravel()[pri].astype(float), count=len(pri))
    short = np.union1d(np.flatnonzero(d.shortage.ravel() > 0), out)   # cells that may lack
    target = (d.shortage - d.surplus).ravel()[short].astype(float)    # round(need) − have
    weights = np.where(d.priority[short % n_k], config.weight_priority, config.weight_subject)
    u = m.add_block("short", cost=weights, lower=0, upper=INF, integer=False)
    local = {r: i for i, r in enumerate(short)}
    pick = np.isin(rows, short)
    m.add_rows("(8)", np.concatenate([np.arange(len(short)), [local[r] for r in rows[pick]]]),
               np.concatenate([u, cols[pick]]), np.concatenate([np.ones(len(short)),
                                                               -coefs[pick]]),
               target, INF, count=len(short))


def _indicator_rows(m: Milp, d: RotationData, arcs: Arcs, y, home, config,
                    back: Returned) -> None:
    n_s, n_j = d.counts.shape
    total = d.counts.sum(axis=0)
    expected = np.outer(d.students / max(d.students.sum(), 1.0), total)
    weight = np.where(total > 0, config.weight_cv / np.maximum(total, 1.0), 0.0)
    gap = (d.counts - expected).ravel()
    dev = m.add_block("dev", cost=np.tile(weight, n_s), lower=0,
                      upper=band_upper(d, config).ravel(), integer=False)   # (11)
    rows, cols, coefs = [np.arange(n_s * n_j)], [dev], [np.ones(n_s * n_j)]
    for j in range(n_j):
        f = d.class_flags[arcs.cls, j]
        on = f > 0
        rows += [arcs.dest[on] * n_j + j, home[on] * n_j + j]
        cols += [y[on], y[on]]
        coefs += [-f[on], f[on]]
        f, to = back.flags[:, j], back.sender >= 0
        rows += [back.school[f > 0] * n_j + j, back.sender[(f > 0) & to] * n_j + j]
        cols += [back.cols[f > 0], back.cols[(f > 0) & to]]
        coefs += [f[f > 0], -f[(f > 0) & to]]
        if back.to is not None:  # (18): where the teacher of a unit with several senders goes
            g = f[back.to.pool]
            rows.append(back.to.school[g > 0] * n_j + j)
            cols.append(back.to.cols[g > 0])
            coefs.append(-g[g > 0])
    rows_, cols_, coefs_ = (np.concatenate(x) for x in (rows, cols, coefs))
    m.add_rows("(9)", rows_, cols_, coefs_, gap, INF, count=n_s * n_j)
    twin = np.where(np.arange(len(coefs_)) < n_s * n_j, coefs_, -coefs_)
    m.add_rows("(10)", rows_, cols_, twin, -gap, INF, count=n_s * n_j)
    _chord_rows(m, rows_, cols_, coefs_, -gap, np.tile(weight > 0, n_s))


def _chord_rows(m: Milp, rows, cols, coefs, target: np.ndarray, keep: np.ndarray) -> None:
    """(17) per (s, j) with a fractional target c = e_sj − n_sj (``keep``: its d_sj costs):
    Δ_sj is whole, so d_sj ≥ |Δ_sj − c| ≥ f + (1 − 2f)(Δ_sj − ⌊c⌋), f = c − ⌊c⌋, the chord
    of |· − c| between ⌊c⌋ and ⌈c⌉ ((9)'s entries: 1 on d_sj, −1 × Δ_sj's).

    >>> m = Milp()
    >>> x = m.add_block("x", cost=[0.0, 0.0], lower=0, upper=5, integer=True)
    >>> _chord_rows(m, np.array([0, 0, 1, 1]), np.r_[x, x], np.array([1.0, -1.0, 1.0, -1.0]),
    ...             np.array([0.25, 2.0]), np.array([True, True]))
    >>> m.n_rows, m.row_lower.tolist()  # only c = 0.25: d − 0.5 Δ ≥ 0.25 (Δ = 0: 0.25; 1: 0.75)
    (1, [0.25])
    """
    low = np.floor(target + 1e-9)
    frac = target - low
    on = keep & (frac > 1e-6) & (frac < 1 - 1e-6)
    local = np.cumsum(on) - 1
    pick = on[rows]
    first = np.zeros(len(rows), bool)
    first[:len(target)] = True   # the d_sj entries come first, one per row
    slope = 1.0 - 2.0 * frac
    scale = np.where(first, 1.0, slope[rows])[pick]
    m.add_rows("(17)", local[rows[pick]], cols[pick], coefs[pick] * scale,
               (frac - slope * low)[on], INF, count=int(on.sum()))


@dataclass(frozen=True)
class Move:
    teacher_id: str
    from_index: int
    to_index: int
    cls: int


class Moves(list):
    """The named moves (:class:`Move`) of a solution and ``back_to``: each teacher it sends back
    in an exchange → the school (index) the model sends him to ((18); the plan names the
    exchanges from it, :func:`~.rotation_exchange.plan_exchanges`)."""

    def __init__(self, moves=(), back_to: dict[str, int] | None = None) -> None:
        super().__init__(moves)
        self.back_to = dict(back_to or {})


def moves_of(d: RotationData, arcs: Arcs, values: np.ndarray, back: set[str] = frozenset()
             ) -> list[Move]:
    """Named teachers from the class counts: the longest-serving members of a class first, the
    teachers the solution sends ``back`` last (brief hrot5: a sent-back teacher named among the
    moves made :func:`~.rotation_exchange.exchange_moves` send the next of the pool, whom the
    model did not count; any member of a class is the same to the model)."""
    taken = np.zeros(len(d.class_members), int)
    out = []
    for a in np.flatnonzero(np.round(values[:len(arcs.cls)]) > 0):
        c, n = int(arcs.cls[a]), int(round(values[a]))
        members = sorted(d.class_members[c], key=lambda t: t in back)  # stable: order kept
        for t in members[taken[c]:taken[c] + n]:
            out.append(Move(t, int(d.class_school[c]), int(arcs.dest[a]), c))
        taken[c] += n
    return sorted(out, key=lambda mv: (mv.from_index, mv.teacher_id))


def solve_rotation(d: RotationData, config: RotationConfig
                   ) -> tuple[Milp, Arcs, MilpResult, list[Move]]:
    """Build and solve to ``config.gap`` within ``config.time_limit``; raise a Chinese
    :class:`InfeasibleError` that names the binding quota when there is no plan.

    Solve: (a) the LP relaxation, whose optimum bounds the MILP from below; (b) the MILP with
    the moves the LP leaves at 0 fixed at 0 (a restriction: any solution of it is a plan);
    (c) when (b) is not within ``gap`` of the bound, the whole MILP from (b)'s plan. The
    reported bound is the best of the LP's and (c)'s, the gap is against it.
    """
    reason = explain_infeasible(d, config)
    if reason:
        raise InfeasibleError(reason)
    arcs = candidate_arcs(d, config)
    if len(arcs.cls) == 0:
        raise InfeasibleError("按交流方向规则，没有任何符合条件的教师可以交流到其他学校。")
    reason = exchange_shortfall(d, arcs, config)
    if reason:
        raise InfeasibleError(reason)
    model = build_model(d, arcs, config)
    result = _solve(model, config)
    values = result.require_values("交流轮岗方案")
    back = sent_back(d, arcs, model, values)
    return model, arcs, result, Moves(moves_of(d, arcs, values, back), back)


def _solve(model: Milp, config: RotationConfig) -> MilpResult:
    began = time.perf_counter()

    def left() -> float:
        return max(1.0, config.time_limit - (time.perf_counter() - began))

    lp = HighsSolver(time_limit=left()).solve(model, relax=True)
    if lp.status is SolveStatus.INFEASIBLE:
        return lp
    bound = lp.objective if lp.objective is not None else -INF
    best, nodes = None, 0
    if lp.values is not None:
        y = model.block("move")
        upper = model.upper
        upper[y[lp.values[y] < 1e-6]] = 0.0
        sub = HighsSolver(time_limit=left(), relative_gap=config.gap / 2).solve(model,
                                                                               upper=upper)
        best, nodes = (sub if sub.values is not None else None), sub.nodes
    if best is None or relative_gap(best.objective, bound) > config.gap:
        start = best.values if best is not None else None
        full = HighsSolver(time_limit=left(), relative_gap=config.gap).solve(model, start=start)
        nodes += full.nodes
        if full.status is SolveStatus.INFEASIBLE:
            return full
        bound = max(bound, full.bound)
        if full.values is not None and (best is None or full.objective < best.objective):
            best = full
    seconds = time.perf_counter() - began
    if best is None:
        return MilpResult(SolveStatus.NO_SOLUTION, None, bound, None, seconds, nodes, None)
    gap = relative_gap(best.objective, bound)
    status = status_at_gap(gap) if gap <= config.gap else SolveStatus.TIME_LIMIT
    return MilpResult(status, best.objective, bound, gap, seconds, nodes, best.values)
