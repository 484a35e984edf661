"""The named measures, one module per concept; importing this package registers them all."""

from junheng.ledger.catalogue import (  # noqa: F401  (imported to register their measures)
    accountability,
    county_records,
    enrolment,
    governance,
    layout,
    preschool,
    projects,
    quality,
    sizes,
    staffing,
    teacher_training,
    teachers,
    zones,
)
