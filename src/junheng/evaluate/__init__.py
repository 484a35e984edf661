"""Evaluate a county against the national standards: units, indicators, CVs, items, gaps.

The public entry point is :func:`evaluate`; the pieces are importable for reuse
(``weighted_cv`` for the 差异系数, ``build_units`` for evaluation units, ``water_fill`` for
greedy CV fixes). The measures the ledger shares are computed here once, one module per
concept: 班额/校额 (``class_sizes``, ``school_sizes``), 就近划片 (``near_zone``), 学前
(``public_share``, ``affordable_share``, ``gross_enrolment``), 寄宿 (``boarding_schools``) and
教学点 (``teaching_points``).
"""

from junheng.evaluate.boarding import Boarding, boarding_schools
from junheng.evaluate.class_size import (
    ClassLists,
    ClassSizes,
    SchoolSizes,
    class_lists,
    class_sizes,
    oversized_classes,
    oversized_schools,
    school_sizes,
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
    overlay_changes,
)
from junheng.evaluate.enrolment import NearZone, near_zone
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
from junheng.evaluate.measure import Share
from junheng.evaluate.preschool_measures import affordable_share, gross_enrolment, public_share
from junheng.evaluate.schools import select_schools, teaching_points
from junheng.evaluate.units import UnitRules, Units, build_units

__all__ = [
    "RESOURCE_FORMULAS", "Basis", "Boarding", "ClassLists", "ClassSizes", "CvFix", "Evaluation",
    "Failure", "IndicatorCV", "ItemResult", "NearZone", "Rules", "SchoolSizes", "Share",
    "StageResult", "Status", "UnitRules", "Units", "Verdict", "affordable_share",
    "apply_school_rule", "assess", "boarding_schools", "build_units", "ceil_to", "class_lists",
    "class_sizes", "composite_cv", "evaluate", "gross_enrolment", "indicator_values",
    "near_zone", "overlay_changes", "oversized_classes", "oversized_schools", "per_hundred", "per_student",
    "public_share", "school_sizes", "select_schools", "teaching_points", "unit_gaps",
    "unweighted_cv", "variance_shares", "water_fill", "weighted_cv", "weighted_stats",
]
