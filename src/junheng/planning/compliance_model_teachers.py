"""The compliance model's 交流轮岗 rows (:mod:`.compliance_model` (11), (12), (15), (23)–(27)) and
the columns of the backfill hires (26): the teachers a school rotates out leave their posts for
the rotation's years, and what the staffing ledger's surplus cannot fill is hired at
``hire_teacher``'s price for ``recurring_years`` years (brief hrot6: the 达标路径 added these hires
after the solve, 350.00 万元 on the demo county, so its 「最低投入」 was not what was minimised).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.optimize import Milp
from junheng.planning.compliance_data import ROTATION_TYPES, ComplianceProblem
from junheng.planning.compliance_rotation import (
    BACKBONE_TYPES,
    backbone_floor,
    direction_pattern,
    exchange_room,
    pooled,
    with_pooled,
)
from junheng.planning.rotation_cover import COVER_PRICED_AS, stage_surplus


def cover_stages(p: ComplianceProblem) -> list[str]:
    """The stages of the units, one backfill column each (26)."""
    return [str(g) for g in pd.unique(p.units["stage"])]


def cover_on(p: ComplianceProblem) -> bool:
    """Whether the plan counts the backfill hires (26): a staffing ledger with schools."""
    return bool((p.staffing or {}).get("schools"))


def cover_blocks(m: Milp, p: ComplianceProblem) -> None:
    """The columns of (26) and (27): per stage the teachers hired in the senders' posts (cost
    ``hire_teacher`` × ``recurring_years``), per unit whether it exchanges at all (δᵤ)."""
    on = cover_on(p)
    stages = cover_stages(p)
    m.add_block("cover", cost=np.full(len(stages), p.costs.objective_cost(COVER_PRICED_AS)),
                lower=0, upper=np.full(len(stages), np.inf if on else 0.0), integer=False)
    m.add_block("exchanging", cost=np.zeros(len(p.units)), lower=0,
                upper=np.full(len(p.units), 1.0 if on else 0.0), integer=True)


def teacher_rows(m: Milp, p: ComplianceProblem) -> None:
    """(11) (12) (15) (23) (25) and, with a staffing ledger, (26) (27)."""
    u, stocks = p.units, p.stocks
    n = np.arange(len(u))
    # (11) training and pe_art rotation draw on distinct teachers
    m.add_rows("(11)", np.r_[n, n], np.r_[m.block("backbone_training"), m.block("out:pe_art")],
               1.0, -np.inf, stocks["trainable_or_pe_art"].to_numpy(float))
    stages = pd.factorize(u["stage"])[0]
    for kind in ROTATION_TYPES:
        # (12) Σ in − Σ out = 0 per stage
        m.add_rows("(12)", np.r_[stages, stages], np.r_[m.block(f"in:{kind}"),
                                                        m.block(f"out:{kind}")],
                   np.r_[np.ones(len(u)), -np.ones(len(u))], 0.0, 0.0,
                   count=int(stages.max()) + 1 if len(u) else 0)
    movable = ~p.is_private(u["school_id"])
    rows, units, signs = direction_pattern(u, movable)
    for kind in ROTATION_TYPES:
        # (15) Σ_{ℓ ≤ L} in − Σ_{ℓ < L} out ≤ 0 per stage and level
        cols = np.where(signs > 0, m.block(f"in:{kind}")[units], m.block(f"out:{kind}")[units])
        m.add_rows("(15)", rows, cols, signs, -np.inf, 0.0,
                   count=int(rows.max()) + 1 if len(rows) else 0)
    _share_rows(m, p)
    if cover_on(p):
        _cover_rows(m, p)


def _share_rows(m: Milp, p: ComplianceProblem) -> None:
    """(23) eᵤ − Σₖ (inᵤₖ − outᵤₖ) ≥ −max(Qᵤ − Tᵤ, 0); Σ 骨干 in − β (Σ in + Σ e) ≥ 0."""
    n, k = np.arange(len(p.units)), len(ROTATION_TYPES)
    ins = [m.block(f"in:{kind}") for kind in ROTATION_TYPES]
    outs = [m.block(f"out:{kind}") for kind in ROTATION_TYPES]
    m.add_rows("(23)", np.tile(n, 2 * k + 1), np.concatenate([m.block("exchanged"), *ins, *outs]),
               np.r_[np.ones(len(n)), -np.ones(k * len(n)), np.ones(k * len(n))],
               -exchange_room(with_pooled(p)), np.inf)
    m.add_rows("(25)", np.tile(n, k + 1), np.concatenate([m.block("exchanged"), *outs]), 1.0,
               -np.inf, p.stocks["exchangeable"].to_numpy(float), count=len(n))
    beta = backbone_floor(p.standard)
    coefs = [np.full(len(n), (kind in BACKBONE_TYPES) - beta) for kind in ROTATION_TYPES]
    m.add_row("(23)", np.concatenate([*ins, m.block("exchanged")]),
              np.concatenate([*coefs, np.full(len(n), -beta)]), 0.0, np.inf)


def _cover_rows(m: Milp, p: ComplianceProblem) -> None:
    """(26) per stage g: cover_g − Σ_{u∈g} Σₖ outᵤₖ + Σ_{u∈g} eᵤ ≥ −L_g; (27) eᵤ exactly
    max(0, Σₖ (inᵤₖ − outᵤₖ) − roomᵤ): eᵤ ≤ Mᵤ δᵤ and eᵤ − Σₖ (inᵤₖ − outᵤₖ) + M'ᵤ δᵤ ≤
    M'ᵤ − roomᵤ."""
    n, k = np.arange(len(p.units)), len(ROTATION_TYPES)
    ins = [m.block(f"in:{kind}") for kind in ROTATION_TYPES]
    outs = [m.block(f"out:{kind}") for kind in ROTATION_TYPES]
    e, delta = m.block("exchanged"), m.block("exchanging")
    stages = cover_stages(p)
    g = pd.Index(stages).get_indexer(p.units["stage"])
    left = stage_surplus(p.staffing)
    m.add_rows("(26)", np.r_[np.arange(len(stages)), np.tile(g, k), g],
               np.r_[m.block("cover"), np.concatenate(outs), e],
               np.r_[np.ones(len(stages)), -np.ones(k * len(n)), np.ones(len(n))],
               -np.array([float(left.get(s, 0)) for s in stages]), np.inf, count=len(stages))
    free = np.flatnonzero(pooled(with_pooled(p)) <= 0)   # (24) fixes eᵤ = 0 elsewhere
    room = exchange_room(with_pooled(p))[free]
    most_e = np.minimum(p.stocks["exchangeable"].to_numpy(float),
                        sum(m.upper[c] for c in ins))[free]
    most_out = sum(m.upper[c] for c in outs)[free] + room
    r = np.arange(len(free))
    # (27) eᵤ − Mᵤ δᵤ ≤ 0
    m.add_rows("(27)", np.r_[r, r], np.r_[e[free], delta[free]],
               np.r_[np.ones(len(free)), -most_e], -np.inf, 0.0, count=len(free))
    # (27) eᵤ − Σₖ inᵤₖ + Σₖ outᵤₖ + M'ᵤ δᵤ ≤ M'ᵤ − roomᵤ
    m.add_rows("(27)", np.r_[r, np.tile(r, k), np.tile(r, k), r],
               np.r_[e[free], np.concatenate([c[free] for c in ins]),
                     np.concatenate([c[free] for c in outs]), delta[free]],
               np.r_[np.ones(len(free)), -np.ones(k * len(free)), np.ones(k * len(free)),
                     most_out], -np.inf, most_out - room, count=len(free))


def exact_cover(p: ComplianceProblem, m: Milp, v: np.ndarray) -> None:
    """Set eᵤ, δᵤ and the backfill hires of (26)–(27) from the rotation columns of ``v`` (a
    repaired plan's exchanges and hires are the ones the named plan makes)."""
    net = sum(v[m.block(f"in:{kind}")] - v[m.block(f"out:{kind}")] for kind in ROTATION_TYPES)
    over = np.round(net) - exchange_room(with_pooled(p))
    e = np.maximum(over, 0.0)
    v[m.block("exchanged")] = e
    if not cover_on(p):
        return
    v[m.block("exchanging")] = (over > 0).astype(float)
    out = sum(v[m.block(f"out:{kind}")] for kind in ROTATION_TYPES)
    left = stage_surplus(p.staffing)
    stage = p.units["stage"].to_numpy()
    v[m.block("cover")] = [max(0.0, float(np.round(out[stage == s]).sum() - e[stage == s].sum())
                               - float(left.get(s, 0))) for s in cover_stages(p)]
