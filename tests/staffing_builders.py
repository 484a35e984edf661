"""A small county for the staffing ledger's 县管校聘调剂: 乡镇 junior schools with spare
teachers and the layout plan's new school short of them (tests/planning)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.staffing_ledger import ledger_after_layout

INFO = {"county_code": "410306", "school_year": 2025}
TOWN = "410306001"


def teacher(tid: str, school: str, stage: str, backbone: str = "none", full: bool = True,
            subject: str = "chinese") -> dict:
    return {"teacher_id": tid, "school_id": school, "stage": stage, "subject": subject,
            "full_time": full, "degree": "bachelor", "backbone": backbone}


def senders_ledger(senders: dict[str, tuple[list, float]], receiver: float):
    """乡镇 junior schools (id: its teachers id1, id2, …, each a 骨干 level or a
    (level, subject) pair, and its pupils in the plan year) and the plan's new school N with
    ``receiver`` pupils and no teachers: the plan year's staffing ledger."""
    schools = [{"school_id": s, "name": f"{s}镇初级中学", "school_type": "junior_school",
                "town_code": TOWN, "ownership": "public"} for s in senders]
    teachers = [teacher(f"{s}{k + 1}", s, "junior", level, subject=subject)
                for s, (kinds, _) in senders.items()
                for k, (level, subject) in enumerate(_kinds(kinds))]
    data = CountyData.from_records(INFO, schools=schools, teachers=teachers)
    plan = LayoutOutcome("optimal", (*(PlannedSchool(s, f"{s}镇初级中学", "keep") for s in senders),
                                     PlannedSchool("N", "新建初级中学", "new")), {})
    now = pd.DataFrame({"school_id": [*senders, "N"], "grade": "g7",
                        "students": [p for _, p in senders.values()] + [receiver]})
    return ledger_after_layout(data, plan, SimpleNamespace(now=now, moves=None, county=data),
                               None)


def _kinds(kinds: list) -> list[tuple[str, str]]:
    return [k if isinstance(k, tuple) else (k, "chinese") for k in kinds]
