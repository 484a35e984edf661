"""What a 交流轮岗 plan depends on, as one key: the web keeps one plan per key and shows it
until the key changes (review rvweb 8: the named list changed with a school's sports area and
the overlay, because each data stamp re-solved it within a time limit).

:func:`~junheng.teachers.rotation_plan.plan_rotation` reads, of a county-year:

* ``schools``, ``classes`` and ``teachers`` — the staffing report (quotas from students and
  classes, subject needs from the classes' grades, the staff), the eligible teachers and
  their flags, the evaluation units of the exchange rule (a 教学点 merged into its school) and
  the 优质均衡 teacher indicators whose CVs the plan may not worsen (per 100 students);
* ``rotations`` — a rotation under way (no end date) makes a teacher ineligible;
* ``county_indicators`` — the county's 符合交流轮岗条件的教师数;
* the school year, the staffing rules (``standards/staffing.yaml``), the plan's settings and
  the overlay's 优质均衡 2017 thresholds (the CV limits the plan keeps within).

It reads no ``facilities`` (校舍设施: areas, books, equipment), ``funding``, ``enrolment``,
``villages``, ``births`` or other table, and no other standard of the overlay, so a change
there keeps the key: ``tests/teachers/test_rotation_inputs.py`` solves the example county with
every other table emptied and gets the same plan.

Rows are hashed in a canonical order (a school's approved submission rewrites its classes, in
the same content but new rows), so the same content gives the same key.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

from junheng.model import CountyData
from junheng.teachers.rotation_data import RotationConfig
from junheng.teachers.rules import StaffingRules

#: the tables the plan reads (module docstring)
ROTATION_TABLES = ("schools", "classes", "teachers", "rotations", "county_indicators")
#: the overlay's standard whose thresholds the plan's CV rule reads
CV_STANDARD = "quality-2017"
#: raise when the model or its plan changes, so that no plan of the old model is shown
MODEL_VERSION = "rotation-2026-12-06"


def table_digest(frame: pd.DataFrame) -> str:
    """The table's content, independent of its row order and index.

    >>> a = pd.DataFrame({"x": [1, 2], "y": ["甲", None]})
    >>> table_digest(a) == table_digest(a.iloc[::-1]), table_digest(a) == table_digest(a.head(1))
    (True, False)
    """
    text = frame.astype(object).where(frame.notna(), "").astype(str)
    rows = sorted("\x1f".join(row) for row in text.itertuples(index=False, name=None))
    body = "\x1e".join(["\x1f".join(map(str, frame.columns)), *rows])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def rotation_key(data: CountyData, config: RotationConfig, rules: StaffingRules) -> str:
    """The key of the plan ``plan_rotation(data, config, rules)`` makes (module docstring)."""
    overlay = data.overlay.standards.get(CV_STANDARD) if data.overlay is not None else None
    parts: list[Any] = [MODEL_VERSION, data.county_code, data.school_year, repr(config),
                        repr(rules), repr(_plain(overlay))]
    parts += [f"{name}:{table_digest(data.tables[name])}" for name in ROTATION_TABLES]
    return hashlib.sha256("\n".join(map(str, parts)).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """Mappings as sorted item tuples, so that the overlay's repr does not depend on order."""
    if hasattr(value, "items"):
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))
    return value
