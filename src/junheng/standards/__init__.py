"""Standards as data: the shipped ``*.yaml`` files, their frozen models and provincial overlays.

``class-size.yaml`` (:mod:`junheng.standards.sizes`) is the one home of every class- and
school-size threshold; :func:`load_class_size` returns it, with an overlay's ``class-size``
section applied.
"""

from junheng.standards.files import Override
from junheng.standards.loader import (
    ALL_STAGES,
    AREAS,
    NATIONAL_BASIS,
    STANDARD_IDS,
    GapSpec,
    Indicator,
    Overlay,
    SchoolRule,
    Standard,
    apply_overlay,
    load_class_size,
    load_overlay,
    load_standard,
    parse_overlay,
    read_standard,
    with_size_params,
)
from junheng.standards.sizes import SIZE_RULES_ID, ClassSizeStandard

__all__ = [
    "ALL_STAGES", "AREAS", "NATIONAL_BASIS", "SIZE_RULES_ID", "STANDARD_IDS", "ClassSizeStandard", "GapSpec",
    "Indicator", "Overlay", "Override", "SchoolRule", "Standard", "apply_overlay",
    "load_class_size", "load_overlay", "load_standard", "parse_overlay", "read_standard", "with_size_params",
]
