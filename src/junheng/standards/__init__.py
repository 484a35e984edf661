"""Standards as data: the shipped ``*.yaml`` files, their frozen models and provincial overlays."""

from junheng.standards.loader import (
    ALL_STAGES,
    AREAS,
    STANDARD_IDS,
    ClassSizeStandard,
    GapSpec,
    Indicator,
    Overlay,
    Override,
    SchoolRule,
    Standard,
    apply_overlay,
    load_class_size,
    load_overlay,
    load_standard,
    read_standard,
)

__all__ = [
    "ALL_STAGES", "AREAS", "STANDARD_IDS", "ClassSizeStandard", "GapSpec", "Indicator", "Overlay",
    "Override", "SchoolRule", "Standard", "apply_overlay", "load_class_size", "load_overlay",
    "load_standard", "read_standard",
]
