"""One 县城 for every figure that names it (issue 16): the schools whose own 城乡分类代码 is
城区 (111, 112), whatever town they are in — the forecast's classroom gap and the layout
plan's 县城 pupils and classroom shortfall count the same schools."""

from __future__ import annotations

from layout_builders import county, school, village

from junheng.forecast import forecast_county
from junheng.forecast.county import forecast_highlights
from junheng.model.areas import county_seat, urban_towns
from junheng.planning import load_layout_config, plan_layout

URBAN_TOWN, RURAL_TOWN = "410306001", "410306102"


def _classes(sid: str, n: int, students: int) -> list[dict]:
    return [{"school_id": sid, "grade": "g4", "class_no": str(k + 1), "students": students}
            for k in range(n)]


def seat_county():
    """A 街道 (its two villages 城区) with U (111, 7 rooms, 100 pupils) and M (镇区 121, 11
    rooms, 40 pupils); a 乡镇 (its village 村庄 220) with S (城区 111, 13 rooms, 30 pupils)."""
    villages = [village(1, 112.00, g46=80, code="111", town=URBAN_TOWN),
                village(2, 112.01, g46=60, code="112", town=URBAN_TOWN),
                village(3, 112.10, g46=30, code="220", town=RURAL_TOWN)]
    schools = [school("U", "primary_school", 112.00, code="111", town=URBAN_TOWN),
               school("M", "primary_school", 112.01, code="121", town=URBAN_TOWN),
               school("S", "primary_school", 112.10, code="111", town=RURAL_TOWN)]
    rows = _classes("U", 2, 50) + _classes("M", 1, 40) + _classes("S", 1, 30)
    return county(villages, schools, {"U": 7, "M": 11, "S": 13}, rows)


def test_the_rule_is_the_schools_own_code_not_its_town():
    data = seat_county()
    assert urban_towns(data.villages, data.schools) == frozenset({URBAN_TOWN})
    assert county_seat(data.schools["urban_rural_code"]).tolist() == [True, False, True]


def test_the_forecast_gap_counts_the_county_seat_schools():
    # U's 7 rooms and S's 13: 20 (not M's 11, though M is in the 街道)
    seat = forecast_highlights(forecast_county(seat_county(), horizon=2)).seat
    assert seat.loc[seat["year"] == 2025, "classrooms"].tolist() == [20]


def test_the_layout_counts_the_same_schools():
    # U's 100 and S's 30 pupils today (each village's children calibrated to the pupils its
    # town's schools report); M's 40 are not 县城 pupils
    cfg = load_layout_config(None, target_year=2025)
    plan = plan_layout(seat_county(), cfg, evaluate_cvs=False)
    assert plan.metrics["now"]["urban_pupils"] == 130
