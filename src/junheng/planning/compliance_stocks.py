"""Per evaluation unit, the teachers each 达标路径 teacher action may draw on: those without a
higher degree (学历提升), those who may be 认定 as new 县级骨干教师 (:mod:`.backbone_criteria`),
and those of each rotation type (交流轮岗)."""

from __future__ import annotations

import pandas as pd

from junheng.evaluate.units import HIGHER_DEGREES, Units
from junheng.model import CountyData
from junheng.planning.backbone_criteria import BackboneCriteria
from junheng.planning.compliance_county import teacher_type
from junheng.teachers.rotation_data import RotationConfig, eligibility

ROTATION_TYPES = ("backbone_pe_art", "backbone", "pe_art")


def teacher_stocks(start: CountyData, units: Units, criteria: BackboneCriteria) -> pd.DataFrame:
    """Per unit: teachers without a higher degree, trainable as backbone (``criteria``), of
    each rotation type, trainable-or-pe_art (for choosing distinct rows), and those the
    交流轮岗 rules let a school send back in exchange (constraint 25)."""
    frames = units.frames
    t = frames.compulsory_teachers
    pos = frames.positions(t["school_id"])
    t = t[units.target[pos] >= 0]                       # teachers of excluded points count nowhere
    pos = frames.positions(t["school_id"])
    unit_school = frames.schools["school_id"].to_numpy(dtype=object)[units.target[pos]]
    t = t.assign(unit_id=[f"{s}:{g}" for s, g in zip(unit_school, t["stage"], strict=True)])
    parts = []
    for stage, group in t.groupby("stage"):
        kind = teacher_type(group, stage)
        trainable = criteria.eligible(group)
        parts.append(pd.DataFrame({
            "unit_id": group["unit_id"],
            "non_higher": ~group["degree"].isin(HIGHER_DEGREES[stage]),
            "trainable": trainable, **{k: kind.eq(k) for k in ROTATION_TYPES},
            "trainable_or_pe_art": trainable | kind.eq("pe_art"),
            "exchangeable": eligibility(start, group, RotationConfig())[0]}))
    columns = ["non_higher", "trainable", *ROTATION_TYPES, "trainable_or_pe_art", "exchangeable"]
    if not parts:
        counts = pd.DataFrame(columns=columns, dtype=float)
    else:
        counts = pd.concat(parts).groupby("unit_id")[columns].sum()
    out = counts.reindex(units.frame["unit_id"]).fillna(0).astype(int)
    return out.reset_index().rename(columns={"index": "unit_id"})
