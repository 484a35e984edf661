"""The registry of named measures: pure functions over one county-year (and its baseline).

This module is the public face of the registry (:mod:`junheng.ledger.registry`) with every
measure of :mod:`junheng.ledger.catalogue` registered. Measures, by concept:

* layout — ``schools``, ``teaching_points``, ``teaching_points_merged``, ``boarding_towns``,
  ``boarding_towns_share``, ``boarding_schools``, ``schools_in_area_share``, ``new_schools``,
  ``schools_built_or_expanded``;
* size — ``oversized_classes``, ``oversized_class_share``, ``extra_oversized_classes``,
  ``oversized_schools``;
* preschool — ``public_kindergarten_share``, ``affordable_kindergarten_coverage``,
  ``gross_preschool_rate``;
* enrolment — ``near_zone_rate``, ``entrants``;
* teachers — ``rotation_share``, ``rotated_backbone_share``, ``training_hours_share``,
  ``backbone_teachers``, ``backbone_teacher_share``;
* governance — ``school_group_coverage``, ``school_groups``,
  ``small_school_funding_floor_share``, ``county_indicator``, ``disabled_enrolment_rate``;
* 优质均衡 — ``quality_balanced``, ``quality_cv``, ``quality_item``, ``quality_units_met_share``.
* city (computed over all the region's counties at once) — ``accountable_counties``.

Each is documented for users in ``docs/plan-yaml.md``.
"""

from junheng.ledger import catalogue  # noqa: F401  (registers every measure)
from junheng.ledger.registry import (
    MEASURES,
    MISSING,
    CityContext,
    Kind,
    Measure,
    MeasureContext,
    NoParams,
    Params,
    Reading,
    check_target_measure,
    combine,
    compute_measure,
    get_measure,
    known_measures,
    measure,
    measure_names,
    parse_params,
    scoped_label,
)

__all__ = [
    "MEASURES", "MISSING", "CityContext", "Kind", "Measure", "MeasureContext", "NoParams", "Params", "Reading",
    "check_target_measure", "combine", "compute_measure", "get_measure", "known_measures",
    "measure", "measure_names", "parse_params", "scoped_label",
]
