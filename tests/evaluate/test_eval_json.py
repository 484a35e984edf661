"""The evaluation JSON has exactly the documented shape (checked with pydantic models)."""

import json
from typing import Any, Literal

import pytest
from evaluate_builders import classes, county, county_indicators, facility, school, teachers
from pydantic import BaseModel, ConfigDict

from junheng.evaluate import evaluate
from junheng.evaluate.serialize import evaluation_dict, evaluation_json


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndicatorCV(Strict):
    name: str
    mean: float | None
    sd: float | None
    cv: float | None
    limit: float | None
    met: bool | None
    n: int
    students: int
    top_contributors: list[dict[str, Any]]
    fix: dict[str, Any] | None


class Stage(Strict):
    indicators: dict[str, IndicatorCV]
    composite_cv: float | None
    composite_limit: float | None
    composite_met: bool | None
    units: int
    units_passing: int | None


class UnitGap(Strict):
    indicator: str
    amount: float | None
    unit: str
    text: str
    required: bool


class Unit(Strict):
    unit_id: str
    school_id: str
    name: str
    stage: Literal["primary", "junior", "preschool"]
    students: int
    values: dict[str, float | None]
    met: dict[str, bool | None]
    passes: bool | None
    gaps: list[UnitGap]


class Item(Strict):
    id: str
    name: str
    area: Literal["guarantee", "quality", "recognition", "coverage", "care", "veto",
                  "prerequisite", "government"]
    basis: Literal["computed", "county_indicator", "attestation"]
    value: float | dict[str, float | None] | None
    threshold: float | dict[str, float] | None
    comparator: Literal[">=", "<="]
    unit: str
    met: bool | None
    status: Literal["met", "not_met", "attestation", "missing", "not_applicable"]
    confirmed: bool
    source: str
    evidence: str
    gap: str
    note: str
    closes: str
    detail: list[dict[str, Any]]


class Failure(Strict):
    area: str
    id: str
    name: str
    message: str
    stage: str | None
    unit_id: str | None
    closes: str


class Verdict(Strict):
    status: Literal["pass", "fail", "pending"]
    label: Literal["达标", "未达标", "待核实"]
    passes: bool
    failures: list[Failure]
    pending: list[Failure]
    attested: list[str]
    conditions: list[Item]


class Rules(Strict):
    standard: dict[str, Any]
    teaching_points: Literal["merge", "separate"]
    exclude_points_under: int | None
    split_weights: dict[str, dict[str, float]]
    cv_method: Literal["student_weighted_population"]
    school_rule: dict[str, Any] | None
    overlay: dict[str, Any] | None
    unconfirmed: list[dict[str, str]]
    text: list[str]


class County(Strict):
    code: str
    name: str
    city: str


class EvaluationDoc(Strict):
    standard: Literal["quality-2017", "basic-2012", "preschool-2020"]
    county: County
    year: int
    rules: Rules
    stages: dict[Literal["primary", "junior"], Stage]
    units: list[Unit]
    guarantee: list[Item]
    quality: list[Item]
    verdict: Verdict


def sample():
    return county(
        schools=[school("A"), school("B"), school("J", "junior_school"),
                 school("K", "kindergarten")],
        classes=[classes("A", "g1", [40] * 6), classes("B", "g1", [30, 31]),
                 classes("J", "g7", [50] * 4), classes("K", "k1", [25])],
        teachers=[teachers("A", "primary", 14, subject="pe", backbone="county"),
                  teachers("B", "primary", 2), teachers("J", "junior", 12, subject="music"),
                  teachers("K", "preschool", 2)],
        facilities=[facility("A", teaching_area=1200.0, sports_area=2000.0,
                             equipment_value=5e5, multimedia_rooms=6),
                    facility("B", teaching_area=200.0, sports_area=300.0,
                             equipment_value=6e4, multimedia_rooms=1),
                    facility("J", teaching_area=1200.0, sports_area=2100.0,
                             equipment_value=5.2e5, multimedia_rooms=5)],
        county_indicators=county_indicators(satisfaction_rate=0.91),
    )


@pytest.mark.parametrize("standard", ["quality-2017", "basic-2012", "preschool-2020"])
def test_json_matches_the_documented_schema(standard):
    text = evaluation_json(evaluate(sample(), standard))
    doc = EvaluationDoc.model_validate(json.loads(text))
    assert list(json.loads(text)) == ["standard", "county", "year", "rules", "stages", "units",
                                      "guarantee", "quality", "verdict"]
    assert doc.standard == standard and doc.year == 2025 and doc.county.code == "410306"


def test_json_units_carry_values_met_flags_and_gaps():
    doc = evaluation_dict(evaluate(sample()))
    b = next(u for u in doc["units"] if u["unit_id"] == "B:primary")
    # B: 61 pupils, 200 m² teaching rooms → 3.278689 m² per pupil, below 4.5
    assert b["values"]["teaching_area_per_student"] == pytest.approx(3.278689)
    assert b["met"]["teaching_area_per_student"] is False
    assert b["passes"] is False
    gap = next(g for g in b["gaps"] if g["indicator"] == "teaching_area_per_student")
    # 4.5 × 61 = 274.5 m² needed → 75 m² to add (74.5 rounded up)
    assert gap == {"indicator": "teaching_area_per_student", "amount": 75.0, "unit": "平方米",
                   "text": "需增加教学及辅助用房 75 平方米", "required": True}
    assert list(doc["stages"]) == ["primary", "junior"]


def test_json_states_the_rules_and_unconfirmed_items():
    rules = evaluation_dict(evaluate(sample(), exclude_points_under=50))["rules"]
    assert rules["exclude_points_under"] == 50
    assert rules["split_weights"]["nine_year"] == {"primary": 1.0, "junior": 1.1}
    assert rules["school_rule"] == {"min_met": 6, "floor_ratio": 0.85, "confirmed": True}
    assert rules["unconfirmed"] == []
    assert not any("未经核实" in line for line in rules["text"])


def test_json_has_no_nan_and_round_trips():
    ev = evaluate(sample(), "basic-2012")
    text = evaluation_json(ev, indent=None)
    assert "NaN" not in text
    assert json.loads(text)["stages"]["primary"]["composite_limit"] == 0.65


@pytest.mark.parametrize("standard", ["quality-2017", "basic-2012", "preschool-2020"])
def test_a_county_without_schools_fails_instead_of_passing_vacuously(standard):
    ev = evaluate(county(), standard)
    assert ev.verdict.passes is False
    assert [f.id for f in ev.verdict.failures][:1] == ["no_units"]
    assert "没有可评估的" in ev.verdict.failures[0].message
    EvaluationDoc.model_validate(json.loads(evaluation_json(ev)))
