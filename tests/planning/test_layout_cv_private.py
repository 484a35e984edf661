"""hr item 1: one county after the layout, one 差异系数. The layout's planning year counted a
民办 school's pupils of today where the 达标路径 counted its forecast (the demo's 育才外国语学校:
967 primary pupils today, 727 forecast for 2030; 小学生均体育运动场馆 0.713 in the 布局调整方案,
0.704 in the 整改措施 for the same county and year). With the forecast attached, the layout's
planning year takes the forecast's pupils for every school that is no site of the plan and
for the grades it does not plan (高中, 幼儿班), as the 达标路径 does."""

from __future__ import annotations

import pandas as pd
from layout_builders import school, village

from junheng.evaluate import evaluate
from junheng.model import CountyData
from junheng.planning import load_layout_config
from junheng.planning.compliance_county import target_county
from junheng.planning.layout_county import planning_year
from junheng.planning.layout_data import build_layout_problem
from junheng.planning.layout_forecast import with_forecast

AREA = "teaching_area_per_student"
INFO = {"county_code": "410306", "county_name": "示例县", "city_name": "洛阳市",
        "school_year": 2025, "primary_funding_quota": 720, "junior_funding_quota": 940}


def grades(sid: str, per_grade: list[int], year: int | None = None) -> list[dict]:
    """One class a grade of 1-6 with ``per_grade`` pupils (with ``year``: forecast rows)."""
    if year is not None:
        return [{"school_id": sid, "grade": f"g{g + 1}", "year": year, "students": float(n)}
                for g, n in enumerate(per_grade)]
    return [{"school_id": sid, "grade": f"g{g + 1}", "class_no": "1", "students": n}
            for g, n in enumerate(per_grade)]


def county_with_private() -> CountyData:
    """Public A (3,000 m², 300 pupils) and B (1,500 m², 300 pupils) 86 minutes apart, each
    with its village of 300 children, and 民办 P beside A (1,000 m², 100 pupils today)."""
    private = {**school("P", "primary_school", 112.00), "ownership": "private"}
    schools = [school("A", "primary_school", 112.00), school("B", "primary_school", 112.30), private]
    facilities = [{"school_id": "A", "classrooms": 12, "teaching_area": 3000},
                  {"school_id": "B", "classrooms": 12, "teaching_area": 1500},
                  {"school_id": "P", "classrooms": 6, "teaching_area": 1000}]
    villages = [village(1, 112.00, g13=150, g46=150), village(2, 112.30, g13=150, g46=150)]
    return CountyData.from_records(
        INFO, villages=villages, schools=schools, facilities=facilities,
        classes=grades("A", [50] * 6) + grades("B", [50] * 6) + grades("P", [17, 17, 17, 17, 16, 16]))


def test_the_layouts_planning_year_counts_a_private_schools_forecast_as_the_compliance_does():
    # the forecast of 2026: A and B keep 300 pupils, P grows from 100 to 200
    forecast = pd.DataFrame(grades("A", [50] * 6, 2026) + grades("B", [50] * 6, 2026)
                            + grades("P", [34, 34, 33, 33, 33, 33], 2026))
    data = with_forecast(county_with_private(), forecast)
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2026)
    year = planning_year(data, build_layout_problem(data, cfg))
    counted = year.pupils.groupby("school_id")["students"].sum().to_dict()
    assert counted == {"A": 300.0, "B": 300.0, "P": 200.0}  # P's 100 of today before
    # 生均教学及辅助用房: A 3,000 / 300 = 10, B 1,500 / 300 = 5, P 1,000 / 200 = 5 m²; mean
    # 5,500 / 800 = 6.875; variance (300 × 3.125² + 300 × 1.875² + 200 × 1.875²) / 800
    # = 4,687.5 / 800 = 5.859375; CV √5.859375 / 6.875 = 0.3521 (with P's 100 of today:
    # values 10, 5, 10 over 300, 300, 100, mean 7.857, CV 0.3149)
    layout = year.before().stages["primary"].indicators[AREA].cv
    assert round(layout, 4) == 0.3521
    # the 达标路径's 实施前 of the same year and pupils (its target county): the same figure
    compliance = evaluate(target_county(county_with_private(), forecast.drop(columns="year"), 2026),
                          "quality-2017").stages["primary"].indicators[AREA].cv
    assert round(compliance, 6) == round(layout, 6)


def test_without_a_forecast_the_private_school_keeps_todays_pupils():
    data = county_with_private()
    cfg = load_layout_config(None, new_sites="none", boarding_per_town=False, target_year=2026)
    year = planning_year(data, build_layout_problem(data, cfg))
    assert "P" not in set(year.pupils["school_id"])  # its classes of today stand:
    counted = year.before().stages["primary"].indicators[AREA].students
    assert counted == int(year.pupils["students"].sum()) + 100  # the sites' and P's 100


def test_the_notes_say_what_the_run_did():
    # rv finding 1: on a forecast run the notes said the layout's pupils were aged forward
    # from the villages' children and differed from the 达标路径's; now they say one basis
    from junheng.planning.compliance_layout import cv_basis_note
    from junheng.planning.layout_county import cv_assumptions
    from junheng.planning.layout_forecast import FORECAST_RULE
    from junheng.planning.layout_outcome import CvComparison, LayoutOutcome
    from junheng.report.layout_xlsx import uncertainty_note

    cvs = CvComparison({}, {}, ())
    forecast = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, evaluation=cvs,
                             rules={FORECAST_RULE: True})
    villages = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, evaluation=cvs)
    for text in (cv_basis_note(forecast, 2030), cv_assumptions(True)[0], uncertainty_note(forecast)):
        assert "村居学龄人口" not in text and "各村现有分年龄儿童" not in text and "略有差别" not in text
    assert cv_basis_note(forecast, 2030).endswith("同一学生数计算（同一方案实施后的县域，教师随学生调配并按布局方案的"
                                                  "县管校聘同学段调剂；各校学生数取招生预测，方案调整的学校加减转入、"
                                                  "转出的学生，民办学校取其招生预测）；两者相同（两列并列于“差异系数”表）。")
    assert "本身没有回测" in uncertainty_note(villages)
    assert "民办学校按现状" in cv_basis_note(villages, 2030)
