"""Construction read from 建设项目 (issue 15): a relocated school keeps its id, so only the
projects show it; beds come from the projects too."""

from __future__ import annotations

from ledger_builders import county, school

from junheng.ledger import compute_measure


def project(school_id, kind, done, beds=None, status="completed"):
    return {"school_id": school_id, "name": f"{school_id}{kind}", "project_type": kind,
            "start_date": "2023-03-01", "completion_date": done, "added_beds": beds,
            "status": status}


SCHOOLS = [school("H1", "senior_school", code="121"), school("H2", "senior_school", code="121"),
           school("B1", "junior_school", code="220", boarding=True)]
BASE = county(2023, schools=SCHOOLS)


def test_a_relocated_high_school_keeping_its_id_counts():
    # H1 moved to a new campus (迁建, completed 2024-08-20, same id): the school lists of 2023 and
    # 2025 are the same, so the old new_schools read 0. H2's project is still under construction.
    now = county(2025, schools=SCHOOLS, projects=[
        project("H1", "relocation", "2024-08-20"),
        project("H2", "relocation", "2025-10-01", status="under_construction")])
    params = {"types": "senior", "project_types": ["new_build", "relocation"]}
    reading = compute_measure("projects_completed", now, params, baseline=BASE)
    assert (reading.numerator, reading.items) == (1.0, ("迁建:H1",))
    assert compute_measure("new_schools", now, {"types": "senior"},
                           baseline=BASE).numerator == 0.0


def test_new_dormitory_beds_are_summed_within_the_window():
    # B1: 120 beds completed 2024-07-01 (counted), 60 beds completed 2023-06-30 (before the
    # baseline school year began, already in the baseline) → 120
    now = county(2025, schools=SCHOOLS, projects=[
        project("B1", "dormitory", "2024-07-01", beds=120),
        project("B1", "dormitory", "2023-06-30", beds=60)])
    reading = compute_measure("project_beds", now, baseline=BASE)
    assert (reading.numerator, reading.items) == (120.0, ("B1:B1dormitory:120",))
    boarding = compute_measure("projects_completed", now, {
        "area": "non_urban", "boarding_only": True, "project_types": ["dormitory"]},
        baseline=BASE)
    assert boarding.items == ("新增宿舍:B1",)


def test_without_project_rows_the_school_lists_are_compared_and_the_note_says_so():
    reading = compute_measure("projects_completed", county(2025, schools=SCHOOLS), baseline=BASE)
    assert reading.numerator == 0.0 and "建设项目表未填写" in reading.note
    assert compute_measure("project_beds", county(2025, schools=SCHOOLS),
                           baseline=BASE).numerator is None


def test_new_places_are_summed_from_completed_projects():
    # H1 expansion 270 places completed 2024-08-20; H2 new build 900 places still under way
    now = county(2025, schools=SCHOOLS, projects=[
        dict(project("H1", "expansion", "2024-08-20"), added_places=270),
        dict(project("H2", "new_build", "2025-10-01", status="under_construction"),
             added_places=900)])
    reading = compute_measure("project_places", now, {"types": "all"}, baseline=BASE)
    assert (reading.numerator, reading.items) == (270.0, ("H1:H1expansion:270",))


def test_county_figure_reads_the_latest_year_up_to_the_school_year():
    figures = [{"year": y, "figure": "public_education_spending", "value": v, "unit": "万元",
                "evidence": "决算"} for y, v in ((2023, 41250.0), (2024, 43880.0),
                                                 (2026, 50000.0))]
    reading = compute_measure("county_figure", county(2025, county_figures=figures),
                              {"figure": "public_education_spending"})
    assert (reading.numerator, reading.items) == (43880.0, ("2024:一般公共预算教育支出",))
    # the year and unit the 2025 school year's value comes from (inspector C16)
    assert reading.note == "取 2024 年“一般公共预算教育支出”（万元，县级年度数据）"


def test_principal_ranked_share_counts_public_schools_with_a_rank():
    # H1 高级, H2 未评定; B1 has no 校长 row → 1 of 2
    heads = [{"principal_id": "P1", "school_id": "H1", "rank": "senior", "since_year": 2019},
             {"principal_id": "P2", "school_id": "H2", "rank": "unrated", "since_year": 2021}]
    reading = compute_measure("principal_ranked_share",
                              county(2025, schools=SCHOOLS, principals=heads))
    assert (reading.numerator, reading.denominator, reading.items) == (1.0, 2.0, ("H1",))
    assert reading.note == "校长职级未评定的学校：学校H2"


def test_mengjin_built_or_expanded_targets_count_finished_projects_only():
    # 孟津 "新建改扩建学校32所" / "完成24所义务教育学校新建、改扩建": the review found schools counted
    # for one extra classroom with nothing built. Now the projects decide: P1's expansion finished
    # 2024-08-25 counts; P2's is still under way (due 2026-08); P3's finished 2023-08-01, before
    # the baseline school year began; P4 has no project at all.
    from junheng.ledger.plan import load_plan

    plan = load_plan("examples/plans/mengjin.yaml")
    schools = [school(f"P{i}") for i in range(1, 5)]
    base = county(2023, schools=schools)
    now = county(2025, schools=schools, projects=[
        project("P1", "expansion", "2024-08-25"),
        project("P2", "expansion", "2026-08-25", status="under_construction"),
        project("P3", "expansion", "2023-08-01")])
    for target_id in ("schools_built_or_expanded", "compulsory_built_or_expanded"):
        target = plan.target(target_id)
        reading = compute_measure(target.measure.name, now, target.measure.params, baseline=base)
        assert (reading.numerator, reading.items) == (1.0, ("改扩建:P1",))
