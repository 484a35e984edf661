"""Grade progression per school on the hand-worked tiny county (see conftest), and zone pools."""

from __future__ import annotations

import numpy as np
import pytest
from forecast_builders import TOWN, C, J, K, P, births

from junheng.errors import JunhengError, NotFittedError
from junheng.forecast.cohort import CohortProjection
from junheng.forecast.panel import GRADE_INDEX, build_panel
from junheng.model.county import CountyData


def _projected(county: CountyData, horizon: int = 2, **options) -> dict:
    panel = build_panel(county)
    students = CohortProjection(**options).fit(panel).predict(horizon).students
    row = {sid: i for i, sid in enumerate(panel.schools["school_id"])}
    return {(s, g, 2025 + h + 1): students[row[s], GRADE_INDEX[g], h]
            for s in row for g in GRADE_INDEX for h in range(horizon)}


def test_grade_one_comes_from_births_six_years_earlier(county):
    out = _projected(county)
    # C takes 0.4 of the town's births six years earlier: 0.4 * b(2020) = 0.4 * 200 = 80
    assert out[(C, "g1", 2026)] == pytest.approx(80)
    assert out[(C, "g1", 2027)] == pytest.approx(84)  # 0.4 * b(2021) = 0.4 * 210
    assert out[(P, "g1", 2026)] == pytest.approx(20)  # 0.1 * 200


def test_pupils_move_up_a_grade_each_year(county):
    out = _projected(county)
    # C g2 2026 = C g1 2025 = 0.4 * b(2019) = 76, and the same pupils are g3 in 2027
    assert out[(C, "g2", 2026)] == pytest.approx(76)
    assert out[(C, "g3", 2027)] == pytest.approx(0.4 * births(2019))
    # C g6 2027 = C g4 2025 = 0.5 * b(2016) = 80
    assert out[(C, "g6", 2027)] == pytest.approx(80)


def test_a_teaching_points_top_grade_moves_up_to_its_central_school(county):
    out = _projected(county)
    # C g4 2026 = C g3 2025 + P g3 2025 = 0.4 * b(2017) + 0.1 * b(2017) = 0.5 * 170 = 85
    assert out[(C, "g4", 2026)] == pytest.approx(85)
    assert out[(P, "g4", 2026)] == 0


def test_grade_seven_comes_from_the_countys_sixth_graders_of_last_year(county):
    out = _projected(county)
    # J g7 2026 = county g6 2025 = C g6 2025 = 0.5 * b(2014) = 70; 2027: 0.5 * b(2015) = 75
    assert out[(J, "g7", 2026)] == pytest.approx(70)
    assert out[(J, "g7", 2027)] == pytest.approx(75)
    assert out[(J, "g9", 2027)] == pytest.approx(65)  # J g7 2025 = 0.5 * b(2013)


def test_kindergarten_grades_come_from_children_aged_three_to_five(county):
    out = _projected(county)
    # k1 = 0.5 * children aged 3 = 0.5 * b(2023) = 115; k3 2027 = 0.5 * b(2022) = 110
    assert out[(K, "k1", 2026)] == pytest.approx(115)
    assert out[(K, "k3", 2027)] == pytest.approx(110)
    assert out[(K, "k0", 2026)] == 0  # never had a 托班


def test_village_children_aged_forward_replace_births_when_there_are_none():
    # no births; the villages say 60 children aged 5 and 50 aged 4 live in the town in 2025,
    # and C's first grade was 0.5 of the six-year-olds in each past year (village 2024 table)
    ages = {f"age_{a}": 0 for a in range(15)}
    village = {"village_code": "410306001001", "name": "东村", "town_code": TOWN,
               "urban_rural_code": "220", "lon": 112.0, "lat": 34.0, "crs": "WGS84"}
    v2025 = [{**village, **ages, "age_4": 50, "age_5": 60, "age_6": 80}]
    county = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": C, "school_type": "primary_school", "town_code": TOWN}],
        classes=[{"school_id": C, "grade": "g1", "class_no": "1", "students": 40}],
        enrolment_history=[{"school_year": y, "school_id": C, "grade": "g1", "students": n}
                           for y, n in ((2022, 50), (2023, 45), (2024, 45))],
        villages=v2025)
    out = _projected(county)
    # the village table is read as birth cohorts: b(2019) = 80, b(2020) = 60, b(2021) = 50;
    # g1 ratios: 2025 = 40 / 80 = 0.5 (the only year with a known cohort): 2026 = 0.5 * 60
    assert out[(C, "g1", 2026)] == pytest.approx(30)
    assert out[(C, "g1", 2027)] == pytest.approx(25)


def _two_town_county(mode_rows: bool) -> CountyData:
    """School S draws half its entrants from each of towns A and B (its 划片 villages)."""
    town_a, town_b = "410306001", "410306002"
    b_a = {y: 100 + 10 * (y - 2010) for y in range(2005, 2026)}   # rising
    b_b = {y: 400 - 10 * (y - 2010) for y in range(2005, 2026)}   # falling
    history = [{"school_year": y, "school_id": "S", "grade": "g1",
                "students": (b_a[y - 6] + b_b[y - 6]) // 4} for y in range(2018, 2025)]
    def village(code, name, town, births, zone):
        # two villages per town, each with half of every cohort the town's births give
        ages = {f"age_{a}": births[2025 - a] // 2 for a in range(15)}
        return {"village_code": code, "name": name, "town_code": town, "urban_rural_code": "220",
                "lon": 112.0, "lat": 34.0, "crs": "WGS84", **ages,
                "zone_primary": zone if mode_rows else None}

    villages = [village("410306001001", "甲村", town_a, b_a, "S"),
                village("410306001002", "甲二村", town_a, b_a, "T"),
                village("410306002001", "乙村", town_b, b_b, "S"),
                village("410306002002", "乙二村", town_b, b_b, "T")]
    return CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": "S", "school_type": "primary_school", "town_code": town_a},
                 {"school_id": "T", "school_type": "primary_school", "town_code": town_b}],
        classes=[{"school_id": "S", "grade": "g1", "class_no": "1",
                  "students": (b_a[2019] + b_b[2019]) // 4}],
        enrolment_history=history,
        births=[{"town_code": t, "year": y, "births": b[y]} for t, b in ((town_a, b_a),
                                                                          (town_b, b_b))
                for y in b],
        villages=villages)


def test_zone_pools_follow_the_towns_of_a_schools_villages():
    county = _two_town_county(mode_rows=True)
    zone = _projected(county, entry_pool="zone")
    town = _projected(county, entry_pool="town")
    # S's zone holds half of each town's children: pool = 0.5 b_A + 0.5 b_B = 250 every year
    # and S's g1 = (b_A + b_B) / 4 = 125, a constant ratio 0.5, so 2026 = 0.5 * (0.5 * 200 +
    # 0.5 * 300) = 125; the town pool (A only, rising) sees a falling ratio and misses
    assert zone[("S", "g1", 2026)] == pytest.approx(125)
    assert town[("S", "g1", 2026)] != pytest.approx(125, abs=1)


def test_zone_pools_need_the_zone_columns():
    with pytest.raises(JunhengError, match="划片小学"):
        CohortProjection(entry_pool="zone").fit(build_panel(_two_town_county(mode_rows=False)))


def test_junior_zone_pools_send_each_primary_schools_graduates_to_its_zone_school():
    town = "410306001"
    ages = {f"age_{a}": 10 for a in range(15)}
    base = {"town_code": town, "urban_rural_code": "220", "lon": 112.0, "lat": 34.0,
            "crs": "WGS84", **ages}
    villages = [{**base, "village_code": "410306001001", "name": "甲", "zone_primary": "P1",
                 "zone_junior": "J1"},
                {**base, "village_code": "410306001002", "name": "乙", "zone_primary": "P2",
                 "zone_junior": "J2"}]
    g6 = {"P1": dict.fromkeys(range(2019, 2026), 100),                      # steady
          "P2": {y: 200 - 20 * (y - 2019) for y in range(2019, 2026)}}    # shrinking
    rows = [{"school_year": y, "school_id": p, "grade": "g6", "students": g6[p][y]}
            for p in g6 for y in range(2019, 2025)]
    rows += [{"school_year": y, "school_id": j, "grade": "g7", "students": g6[p][y - 1]}
             for p, j in (("P1", "J1"), ("P2", "J2")) for y in range(2020, 2025)]
    classes = [{"school_id": p, "grade": "g6", "class_no": "1", "students": g6[p][2025]}
               for p in g6]
    classes += [{"school_id": j, "grade": "g7", "class_no": "1", "students": g6[p][2024]}
                for p, j in (("P1", "J1"), ("P2", "J2"))]
    county = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": s, "school_type": t, "town_code": town}
                 for s, t in (("P1", "primary_school"), ("P2", "primary_school"),
                              ("J1", "junior_school"), ("J2", "junior_school"))],
        classes=classes, enrolment_history=rows, villages=villages)
    out = _projected(county, horizon=1, junior_pool="zone")
    # J2 takes all of P2's sixth graders: 2026 g7 = P2 g6 2025 = 200 - 120 = 80; J1 = 100
    assert out[("J2", "g7", 2026)] == pytest.approx(80)
    assert out[("J1", "g7", 2026)] == pytest.approx(100)


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="年级推移模型尚未拟合"):
        CohortProjection().predict(2)


def test_unknown_pool_modes_are_rejected_in_the_users_words(county):
    with pytest.raises(JunhengError) as raised:
        CohortProjection(entry_pool="school").fit(build_panel(county))
    assert str(raised.value) == ("一年级生源口径“school”无效：可选“乡镇”（所在乡镇出生，默认）"
                                 "或“划片”（划片村居）。")
    with pytest.raises(JunhengError) as raised:
        CohortProjection(junior_pool="乡镇").fit(build_panel(county))
    assert str(raised.value) == ("七年级生源口径“乡镇”无效：可选“全县”（全县六年级按历史分配，默认）"
                                 "或“划片”（按划片）。")


def test_the_pools_are_taken_in_their_chinese_words(county):
    model = CohortProjection(entry_pool="乡镇", junior_pool="全县").fit(build_panel(county))
    assert (model.entry_pool, model.junior_pool) == ("town", "county")


def test_every_series_reports_its_model_and_reason(county):
    model = CohortProjection().fit(build_panel(county))
    report = model.model_report()
    row = report[(report["school_id"] == C) & (report["grade"] == "g4")].iloc[0]
    assert row["kind"] == "progression"
    # a constant ratio: every candidate has zero error, the first (mean3) is kept
    assert row["model"] == "mean3"
    assert row["reason"].startswith("回测 MAPE 并列最低（mean3 0.0%")  # review rv 13: said a tie
    assert not np.isnan(report["mape_damped"]).all()
