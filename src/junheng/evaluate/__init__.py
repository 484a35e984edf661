"""Evaluate a county against the national standards: units, indicators, CVs, items, gaps.

The public entry point is :func:`evaluate`; the pieces are importable for reuse
(``weighted_cv`` for the 差异系数, ``build_units`` for evaluation units, ``water_fill`` for
greedy CV fixes).
"""

from junheng.evaluate.class_size import (
    ClassLists,
    class_lists,
    oversized_classes,
    oversized_schools,
)
from junheng.evaluate.cv import (
    composite_cv,
    unweighted_cv,
    variance_shares,
    weighted_cv,
    weighted_stats,
)
from junheng.evaluate.engine import (
    Evaluation,
    Failure,
    IndicatorCV,
    Rules,
    StageResult,
    Verdict,
    evaluate,
)
from junheng.evaluate.gaps import CvFix, ceil_to, unit_gaps, water_fill
from junheng.evaluate.indicators import (
    RESOURCE_FORMULAS,
    apply_school_rule,
    assess,
    indicator_values,
    per_hundred,
    per_student,
)
from junheng.evaluate.items import Basis, ItemResult, Status
from junheng.evaluate.units import UnitRules, Units, build_units

__all__ = [
    "RESOURCE_FORMULAS", "Basis", "ClassLists", "CvFix", "Evaluation", "Failure", "IndicatorCV",
    "ItemResult", "Rules", "StageResult", "Status", "UnitRules", "Units", "Verdict",
    "apply_school_rule", "assess", "build_units", "ceil_to", "class_lists", "composite_cv",
    "evaluate", "indicator_values", "oversized_classes", "oversized_schools", "per_hundred",
    "per_student", "unit_gaps", "unweighted_cv", "variance_shares", "water_fill", "weighted_cv",
    "weighted_stats",
]
