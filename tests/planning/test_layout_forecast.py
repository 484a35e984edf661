"""One number per school and year (planning.layout_forecast): the layout's pupils calibrated
to the enrolment forecast, on hand-made counties whose village sums and school forecasts
differ, every figure worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pandas as pd

from junheng.io import example_county
from junheng.planning import build_layout_problem, load_layout_config
from junheng.planning.layout_check_years import yearly_loads
from junheng.planning.layout_forecast import FORECAST_TABLE, calibrated, with_forecast
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, VillageAssignment
from junheng.planning.layout_years import yearly_pupils


def forecast_frame(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["school_id", "group", "year", "pupils"])


def county(forecast: pd.DataFrame | None) -> SimpleNamespace:
    """Data year 2025; villages V1 and V2 alike: 100 children of each age 0–14 except age 10
    (130) and age 9 (70): grades 7–9 have 300 children in 2026, 330 in 2027, 300 in 2028,
    300 in 2029 and 270 in 2030 (ages 12−s..14−s, s = year − 2025)."""
    ages = {f"age_{a}": [130 if a == 10 else 70 if a == 9 else 100] * 2 for a in range(15)}
    tables = {} if forecast is None else {FORECAST_TABLE: forecast}
    return SimpleNamespace(school_year=2025, tables=tables,
                           villages=pd.DataFrame({"village_code": ["V1", "V2"], **ages}))


# The forecast of S and T, grades 7–9, 2026–2028 (target year 2027): not the villages' 300,
# 330, 300 (S: 320, 330, 300; T: 300, 330, 363).
FORECAST = forecast_frame([("S", "grades_7_9", 2026, 320), ("S", "grades_7_9", 2027, 330),
                           ("S", "grades_7_9", 2028, 300), ("T", "grades_7_9", 2026, 300),
                           ("T", "grades_7_9", 2027, 330), ("T", "grades_7_9", 2028, 363)])
# S keeps V1's 330; 130 of T's 330 (village V2) move to S, 200 stay at T.
ROWS = [("V1", "grades_7_9", "S", 330, "S"), ("V2", "grades_7_9", "T", 200, "T"),
        ("V2", "grades_7_9", "S", 130, "T")]


def test_a_school_grows_as_its_forecast_and_moved_pupils_as_their_school_today():
    got = yearly_pupils(county(FORECAST), ROWS, 2027)
    # 2026: S 330 × 320/330 + 130 × 300/330 = 320 + 118.18 → 438; T 200 × 300/330 = 181.8 → 182
    #       (438 + 182 = 620 = the forecast's 320 + 300)
    # 2027: S 330 + 130 = 460 (its forecast + the 130 moved in); T 330 − 130 = 200
    # 2028: S 300 + 130 × 363/330 = 300 + 143 = 443; T 200 × 363/330 = 220 (443 + 220 = 663)
    # 2029, 2030: no forecast, the villages' children: 300/330 and 270/330 of the target year:
    #       S 460 × 300/330 = 418.2 → 418, T 200 × 300/330 = 181.8 → 182; S 376.4 → 376, T 163.6 → 164
    assert got == {("S", "junior"): {2026: 438, 2027: 460, 2028: 443, 2029: 418, 2030: 376},
                   ("T", "junior"): {2026: 182, 2027: 200, 2028: 220, 2029: 182, 2030: 164}}


def test_an_untouched_school_has_its_forecast_every_year_and_without_one_the_villages_rule():
    alone = [("V1", "grades_7_9", "S", 330, "S")]
    assert yearly_pupils(county(FORECAST), alone, 2027)[("S", "junior")] == {
        2026: 320, 2027: 330, 2028: 300, 2029: 300, 2030: 270}
    # without the forecast the villages' children: 330 × 300/330, 330, 300, 300, 270
    assert yearly_pupils(county(None), alone, 2027)[("S", "junior")] == {
        2026: 300, 2027: 330, 2028: 300, 2029: 300, 2030: 270}
    # a row without its school today (an older plan) keeps the villages' rule too
    assert yearly_pupils(county(FORECAST), [alone[0][:4]], 2027, only=2026) == {
        ("S", "junior"): {2026: 300}}


def test_the_checker_rederives_the_same_yearly_pupils():
    plan = LayoutOutcome("optimal", (PlannedSchool("S", "甲中学", "keep"),
                                     PlannedSchool("T", "乙中学", "keep")), {},
                         year=2025, target_year=2027, assignments=tuple(
        VillageAssignment(v, g, s, n, 1.0, 10.0, False, before_school=b) for v, g, s, n, b in ROWS))
    loads = yearly_loads(county(FORECAST), plan, {"S", "T"})
    assert loads[("S", "junior")] == {2026: 438, 2027: 460, 2028: 443, 2029: 418, 2030: 376}
    assert loads[("T", "junior")] == {2026: 182, 2027: 200, 2028: 220, 2029: 182, 2030: 164}


def test_calibration_shares_a_school_forecast_by_its_customers_demand():
    cust = pd.DataFrame({"before_site": ["A", "A", "A", "B", None], "group": "grades_4_6",
                         "demand": [135, 121, 55, 9, 4]})
    forecast = pd.Series([300.0], index=pd.MultiIndex.from_tuples([("A", "grades_4_6", 2030)]))
    out = calibrated(cust, forecast, 2030)
    # 300 × 135/311 = 130.23, × 121/311 = 116.72, × 55/311 = 53.05: floors 130 + 116 + 53 = 299,
    # the one left to the largest remainder (0.72); B (no forecast) and no school keep theirs
    assert out["demand"].tolist() == [130, 117, 53, 9, 4]
    assert out["calibrated"].tolist() == [True, True, True, False, False]


def test_the_layout_problem_takes_the_forecast_of_every_school_it_covers():
    """示例县 (target year 2030): 城关第一小学 and 第一初级中学 (城关镇) forecast at 300 + 280
    primary and 480 junior pupils where their villages' children give 311 + 314 and 515; the
    河口乡 schools have no forecast and keep the villages' figures (349 and 16)."""
    data = example_county()
    primary, junior = "4103060001", "4103060002"
    students = pd.DataFrame({
        "school_id": [primary] * 6 + [junior] * 3, "year": 2030,
        "grade": ["g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9"],
        "students": [100.0, 100.0, 100.0, 90.0, 90.0, 100.0, 160.0, 160.0, 160.0]})
    config = load_layout_config()
    before = build_layout_problem(data, config)
    after = build_layout_problem(with_forecast(data, students), config)
    assert before.sites.loc[[primary, junior], "expected_shown"].tolist() == [625, 515]
    assert after.sites.loc[[primary, junior, "4103060003", "4103060004"],
                           "expected_shown"].tolist() == [580, 480, 349, 16]
    cust = after.customers
    by = cust.groupby(["before_site", "group"])["demand"].sum()
    assert (by[(primary, "grades_1_3")], by[(primary, "grades_4_6")],
            by[(junior, "grades_7_9")]) == (300, 280, 480)
    # grades 7–9 by village (before today's boarders are set apart): 225, 199, 91 of 515 →
    # 480 × 225/515 = 209.71, × 199/515 = 185.48, × 91/515 = 84.82: floors 478, the two left
    # to 0.82 and 0.71 → 210, 185, 85
    junior_by_village = cust[cust["group"] == "grades_7_9"].groupby("village_code")["demand"].sum()
    assert junior_by_village.loc[["410306001001", "410306001002", "410306001201"]].tolist() == [
        210, 185, 85]


class HandCounty(SimpleNamespace):
    """:func:`county`'s villages with two junior schools and ``with_tables`` (what
    :func:`~junheng.planning.layout_forecast.with_forecast` calls)."""

    def with_tables(self, **tables):
        return HandCounty(**{**vars(self), "tables": {**self.tables, **tables}})


# FORECAST by grade (each year's three grades add up to the school's group figure)
GRADES = pd.DataFrame(
    [(s, f"g{g}", y, n) for s, y, ns in (("S", 2026, (100, 110, 110)), ("S", 2027, (110, 110, 110)),
                                         ("S", 2028, (100, 100, 100)), ("T", 2026, (100, 100, 100)),
                                         ("T", 2027, (110, 110, 110)), ("T", 2028, (121, 121, 121)))
     for g, n in zip((7, 8, 9), ns, strict=True)],
    columns=["school_id", "grade", "year", "students"])


def test_the_compliance_plan_places_every_year_s_pupils_as_the_layout_counts_them():
    # Review 2026-12-05 finding 1: outside the plan year the 达标路径 shared each year's stage
    # total by the plan year's shares (S 460 : T 200): 2026 S 620 × 460/660 = 432.1 → 432,
    # T 188; 2028 S 663 × 460/660 = 462.1 → 462, T 201, while the layout (and its 过渡期) says
    # S 438, T 182 and S 443, T 220 (the forecast of each pupil's school today, plus and minus
    # the 130 moved: test_a_school_grows_as_its_forecast_and_moved_pupils_as_their_school_today).
    # Now every year is the layout's figure; the plan year (2027) keeps its 460 and 200.
    from junheng.planning.compliance_layout import layout_by_year, students_after_layout
    from junheng.planning.layout_forecast import FORECAST_RULE

    base = county(None)
    data = HandCounty(school_year=2025, tables={}, villages=base.villages,
                      schools=pd.DataFrame({"school_id": ["S", "T"],
                                            "school_type": "junior_middle"}))
    plan = LayoutOutcome(
        "optimal", (PlannedSchool("S", "甲中学", "keep", students_after={"junior": 460}),
                    PlannedSchool("T", "乙中学", "keep", students_after={"junior": 200})),
        {}, year=2025, target_year=2027, rules={FORECAST_RULE: True}, assignments=tuple(
            VillageAssignment(v, g, s, n, 1.0, 10.0, False, before_school=b)
            for v, g, s, n, b in ROWS))
    yearly = layout_by_year(data, plan, GRADES)
    assert sorted(yearly.itertuples(index=False, name=None)) == [
        ("S", "junior", 2026, 438.0), ("S", "junior", 2028, 443.0),
        ("T", "junior", 2026, 182.0), ("T", "junior", 2028, 220.0)]
    placed = students_after_layout(GRADES, plan, yearly=yearly)
    assert placed.groupby(["year", "school_id"])["students"].sum().to_dict() == {
        (2026, "S"): 438.0, (2026, "T"): 182.0, (2027, "S"): 460.0, (2027, "T"): 200.0,
        (2028, "S"): 443.0, (2028, "T"): 220.0}
    # grades follow each school's own forecast: S 2026 438 as 100 : 110 : 110 (136.9, 150.6,
    # 150.6 → 137, 151, 150), T 2028 220 as thirds (73.3 → 74, 73, 73)
    grades = placed.set_index(["school_id", "year", "grade"])["students"].sort_index()
    assert grades.loc[("S", 2026)].tolist() == [137.0, 151.0, 150.0]
    assert grades.loc[("T", 2028)].tolist() == [74.0, 73.0, 73.0]
    # a plan whose pupils are the villages' (no forecast rule) keeps the plan year's shares
    assert layout_by_year(data, replace(plan, rules={}), GRADES) is None
    shares = students_after_layout(GRADES, plan).groupby(["year", "school_id"])["students"].sum()
    assert shares[(2026, "S")] == 432.0 and shares[(2028, "T")] == 201.0
