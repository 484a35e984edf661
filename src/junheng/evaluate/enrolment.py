"""就近划片入学: the entrants of the schools the attendance-zone rule covers.

The rule (优质均衡 2017, DESIGN.md) covers the public, non-boarding compulsory schools of the
城区 and 镇区; the 2017 item, the ledger's ``near_zone_rate`` and the reports read
:func:`near_zone`. The rate is zone entrants ÷ entrants (招生表) summed over those schools;
an entrant count left empty counts as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from junheng.evaluate.frames import CountyFrames, truthy
from junheng.evaluate.measure import Share
from junheng.evaluate.schools import owned
from junheng.evaluate.units import COMPULSORY_STAGES
from junheng.model import CountyData
from junheng.model.areas import in_area
from junheng.model.codes import GRADE_STAGE


@dataclass(frozen=True)
class NearZone:
    """One row per 招生 row of a covered school: school_id, name, grade, stage, entrants,
    zone_entrants (in the order of the 招生 table)."""

    rows: pd.DataFrame

    def stage_rows(self, stage: str = "all") -> pd.DataFrame:
        """The rows of a stage (``all``: primary and junior)."""
        stages = COMPULSORY_STAGES if stage == "all" else (stage,)
        return self.rows[self.rows["stage"].isin(stages)]

    def share(self, stage: str = "all") -> Share:
        """Zone entrants ÷ entrants of a stage, with the schools counted (sorted)."""
        rows = self.stage_rows(stage)
        return Share(_known_sum(rows["zone_entrants"]), _known_sum(rows["entrants"]),
                     tuple(sorted(set(rows["school_id"]))))


def _known_sum(values: pd.Series) -> float:
    total = values.sum(skipna=True)
    return 0.0 if pd.isna(total) else float(total)


def near_zone(data: CountyData, *, area: str = "urban_town", ownership: str = "public",
              exclude_boarding: bool = True, frames: CountyFrames | None = None) -> NearZone:
    """Entrants of the compulsory schools of ``area`` and ``ownership`` (boarding schools left
    out unless ``exclude_boarding`` is False).

    Examples
    --------
    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "A", "school_type": "primary_school", "ownership": "public",
    ...               "urban_rural_code": "111", "boarding": False},
    ...              {"school_id": "B", "school_type": "primary_school", "ownership": "public",
    ...               "urban_rural_code": "220", "boarding": False}],
    ...     enrolment=[{"school_id": "A", "grade": "g1", "entrants": 80, "zone_entrants": 76},
    ...                {"school_id": "B", "grade": "g1", "entrants": 20, "zone_entrants": 0}])
    >>> near_zone(d).share("primary")
    Share(numerator=76.0, denominator=80.0, ids=('A',))
    """
    frames = frames or CountyFrames(data)
    schools = frames.schools
    covered = frames.compulsory & in_area(schools["urban_rural_code"], area) \
        & owned(schools, ownership).to_numpy(bool)
    if exclude_boarding:
        covered &= ~truthy(schools["boarding"])
    enrol = data.enrolment
    enrol = enrol[enrol["school_id"].isin(schools.loc[covered, "school_id"])]
    rows = enrol.assign(name=frames.name_of(enrol["school_id"]),
                        stage=enrol["grade"].map(GRADE_STAGE))
    rows = rows[["school_id", "name", "grade", "stage", "entrants", "zone_entrants"]]
    return NearZone(rows)
