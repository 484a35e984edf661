"""Layout measures: teaching points, merges since the baseline, boarding towns, construction."""

from __future__ import annotations

import pytest
from ledger_builders import county, school, village

from junheng.errors import ConfigError
from junheng.ledger import compute_measure

BASELINE = county(
    2023,
    schools=[
        school("C1", "primary_school", town="410306101", code="121", boarding=True),
        school("P1", "teaching_point", town="410306101", code="220", central_school="C1"),
        school("P2", "teaching_point", town="410306101", code="220", central_school="C1"),
        school("P3", "teaching_point", town="410306102", code="220", central_school="C1"),
        school("P4", "teaching_point", town="410306001", code="112", central_school="C1"),
        school("J1", "junior_school", town="410306101", code="121"),
    ],
    facilities=[{"school_id": "C1", "classrooms": 12, "teaching_area": 3000.0},
                {"school_id": "J1", "classrooms": 18, "teaching_area": 5000.0}],
)

CURRENT = county(
    2025,
    schools=[
        school("C1", "primary_school", town="410306101", code="121", boarding=True),
        school("P3", "teaching_point", town="410306102", code="220", central_school="C1"),
        school("J1", "junior_school", town="410306101", code="121", boarding=True),
        school("N1", "nine_year", town="410306102", code="210", boarding=True),
        school("K9", "kindergarten", town="410306102", code="210"),
    ],
    # C1 gains 4 classrooms (expanded); J1 is unchanged in classrooms but its area is unknown.
    facilities=[{"school_id": "C1", "classrooms": 16, "teaching_area": 3000.0},
                {"school_id": "J1", "classrooms": 18}],
)


def test_teaching_points_counts_rows_of_type_teaching_point():
    # baseline: P1, P2, P3, P4 -> 4; rural (210/220) only: P1, P2, P3 -> 3
    assert compute_measure("teaching_points", BASELINE).value("count") == 4
    rural = compute_measure("teaching_points", BASELINE, {"area": "rural"})
    assert rural.value("count") == 3
    assert rural.items == ("P1", "P2", "P3")


def test_teaching_points_merged_counts_baseline_points_gone_from_the_school_list():
    # baseline points P1..P4, still present: P3 -> merged P1, P2, P4 = 3
    reading = compute_measure("teaching_points_merged", CURRENT, baseline=BASELINE)
    assert reading.value("count") == 3
    assert reading.items == ("撤销:P1", "撤销:P2", "撤销:P4")
    # only rural points of the baseline (P1, P2, P3): merged P1, P2 = 2
    rural = compute_measure("teaching_points_merged", CURRENT, {"area": "rural"},
                            baseline=BASELINE)
    assert rural.value("count") == 2


def test_merged_points_include_emptied_points_and_closed_village_primaries():
    # baseline: points Q1 (12 pupils), Q2 (8), Q3 (0, already empty); village primaries V1 (30,
    # 220) and V2 (25, 121: a town primary, not a 村小). Now: Q1 delisted; Q2 listed without
    # pupils; Q3 still listed and empty; V1 and V2 delisted.
    def data(year, ids, pupils):
        kinds = {"Q": ("teaching_point", "220"), "V1": ("primary_school", "220"),
                 "V2": ("primary_school", "121")}
        rows = [school(i, kinds.get(i, kinds["Q"])[0] if i != "C1" else "primary_school",
                       code=kinds.get(i, kinds["Q"])[1] if i != "C1" else "121",
                       **({"central_school": "C1"} if i.startswith("Q") else {}))
                for i in ids]
        classes = [{"school_id": i, "grade": "g1", "class_no": "1", "students": n}
                   for i, n in pupils.items() if n]
        return county(year, schools=rows, classes=classes)

    base = data(2023, ["C1", "Q1", "Q2", "Q3", "V1", "V2"],
                {"C1": 200, "Q1": 12, "Q2": 8, "Q3": 0, "V1": 30, "V2": 25})
    now = data(2025, ["C1", "Q2", "Q3"], {"C1": 275})
    points = compute_measure("teaching_points_merged", now, baseline=base)
    assert points.items == ("撤销:Q1", "无学生:Q2")  # the old measure found Q1 only
    assert points.note == ("其中 1 个基准年有学生、本学年已无学生但仍在学校表中（学生已并入他校，尚未办理撤销），"
                           "按已撤并计；办理撤销后以“撤销”列出")
    both = compute_measure("teaching_points_merged", now, {"include_village_primaries": True},
                           baseline=base)
    assert both.items == ("撤销:Q1", "撤销:V1", "无学生:Q2")


def test_merged_since_baseline_is_zero_in_the_baseline_year_itself():
    assert compute_measure("teaching_points_merged", BASELINE, baseline=BASELINE).value("count") == 0


def test_measure_since_baseline_without_baseline_reads_as_missing():
    reading = compute_measure("teaching_points_merged", CURRENT)
    assert reading.value("count") is None
    assert "基准年" in reading.note


TOWNS = county(
    2024,
    villages=[
        village("410306001001", "410306001", "111"),  # 街道: all its villages urban
        village("410306001002", "410306001", "112"),
        village("410306101001", "410306101", "121"),
        village("410306101002", "410306101", "220"),
        village("410306102001", "410306102", "210"),
        village("410306103001", "410306103", "220"),
    ],
    schools=[
        # town 101: boarding primary + boarding junior -> counts
        school("A1", "primary_school", town="410306101", boarding=True),
        school("A2", "junior_school", town="410306101", boarding=True),
        # town 102: one boarding nine-year school serves both stages -> counts
        school("B1", "nine_year", town="410306102", code="210", boarding=True),
        # town 103: boarding primary but a day junior -> does not count
        school("C1", "primary_school", town="410306103", code="220", boarding=True),
        school("C2", "junior_school", town="410306103", code="220", boarding=False),
        # 街道 001: boarding both, but urban towns are left out by default
        school("D1", "primary_school", town="410306001", code="111", boarding=True),
        school("D2", "junior_school", town="410306001", code="111", boarding=True),
        # a boarding teaching point never counts as a boarding primary
        school("E1", "teaching_point", town="410306103", code="220", boarding=True,
               central_school="C1"),
    ],
)


def test_boarding_towns_needs_a_boarding_primary_and_a_boarding_junior():
    # towns 101, 102, 103 (街道 001 left out); with both: 101, 102 -> 2 of 3
    count = compute_measure("boarding_towns", TOWNS)
    assert count.value("count") == 2
    assert count.items == ("410306101", "410306102")
    share = compute_measure("boarding_towns_share", TOWNS)
    assert share.value("share") == pytest.approx(2 / 3)
    # the town that falls short is listed, not only the ones that comply (inspector finding 6),
    # with what it lacks (review rv 13): 103 has a boarding primary C1, its junior C2 is a day school
    assert share.note == "未同时有寄宿制小学和寄宿制初中的乡镇：乡镇（代码 410306103）缺寄宿制初中"


def test_boarding_towns_share_includes_urban_towns_when_asked():
    # towns 001, 101, 102, 103; with both: 001, 101, 102 -> 3 of 4
    share = compute_measure("boarding_towns_share", TOWNS, {"exclude_urban_towns": False})
    assert share.value("share") == pytest.approx(0.75)


def test_boarding_towns_respects_ownership():
    data = county(schools=[school("A1", boarding=True, ownership="private"),
                           school("A2", "junior_school", boarding=True)])
    # the only boarding primary is private -> no town qualifies for public schools
    assert compute_measure("boarding_towns", data, {"ownership": "public"}).value("count") == 0
    assert compute_measure("boarding_towns", data).value("count") == 1


def test_boarding_schools_counts_boarding_schools_serving_the_stage():
    # junior-serving boarding schools: A2, B1, D2 -> 3 (C2 is a day school)
    assert compute_measure("boarding_schools", TOWNS, {"stage": "junior"}).value("count") == 3
    # all compulsory boarding schools, teaching point E1 excluded: A1 A2 B1 C1 D1 D2 -> 6
    assert compute_measure("boarding_schools", TOWNS).value("count") == 6


def test_schools_in_area_share_measures_how_concentrated_a_stage_is():
    # junior-serving public schools: A2(121) B1(210) C2(220) D2(111);
    # in 111/112/121/122/210: A2, B1, D2 -> 3 of 4
    share = compute_measure("schools_in_area_share", TOWNS, {"stage": "junior"})
    assert share.value("share") == pytest.approx(0.75)
    assert share.note == "不在指定区域的学校：学校C2（村庄）"
    senior = compute_measure("schools_in_area_share", TOWNS, {"stage": "senior", "codes": ["111"]})
    assert senior.value("share") is None  # no senior schools: share undefined


def test_schools_in_area_share_names_the_schools_its_ownership_leaves_out():
    # 孟津 “高中全部集中在主城区”: two public 高中 in 111, and a private 十二年一贯制 school in 112
    # with 高中 students: 2 of 2 public, and the sheet says the private one is not counted
    data = county(schools=[school("H1", "senior_school", code="111"),
                           school("H2", "complete_secondary", code="111"),
                           school("Y1", "twelve_year", code="112", ownership="private")])
    share = compute_measure("schools_in_area_share", data, {"stage": "senior", "codes": ["111", "112"]})
    assert (share.numerator, share.denominator) == (2.0, 2.0)
    assert share.note == "只计公办学校，未计入 1 所：学校Y1"


def test_new_schools_are_ids_absent_from_the_baseline():
    # compulsory schools now: C1, J1, N1 (P3 is a teaching point); new: N1
    assert compute_measure("new_schools", CURRENT, baseline=BASELINE).items == ("N1",)
    # kindergartens: K9 is new
    kg = compute_measure("new_schools", CURRENT, {"types": "kindergarten"}, baseline=BASELINE)
    assert kg.items == ("K9",)


def test_built_or_expanded_adds_schools_whose_classrooms_or_area_grew():
    # new: N1; expanded: C1 (classrooms 12 -> 16); J1 unchanged (area now unknown, not growth)
    reading = compute_measure("schools_built_or_expanded", CURRENT, baseline=BASELINE)
    assert reading.items == ("新建:N1", "改扩建:C1")
    assert reading.value("count") == 2
    boarding = compute_measure("schools_built_or_expanded", CURRENT,
                               {"boarding_only": True, "area": "rural"}, baseline=BASELINE)
    assert boarding.items == ("新建:N1",)  # C1 is in a town centre (121), not rural


def test_unknown_parameter_is_rejected_naming_the_allowed_ones():
    with pytest.raises(ConfigError, match=r"不认识的参数 “stage”.*可用参数：area"):
        compute_measure("teaching_points", BASELINE, {"stage": "primary"})


def test_bad_parameter_value_is_rejected():
    with pytest.raises(ConfigError, match=r"参数 area 的值 'city' 无效.*urban_town"):
        compute_measure("teaching_points", BASELINE, {"area": "city"})


def test_unknown_measure_is_rejected_listing_known_ones():
    with pytest.raises(ConfigError, match=r"未知的测算方式 “teaching_point_count”.*teaching_points"):
        compute_measure("teaching_point_count", BASELINE)



def test_schools_counts_rows_of_the_given_types():
    # current: C1 primary, J1 junior, N1 nine-year -> primary_school + nine_year = 2
    reading = compute_measure("schools", CURRENT, {"school_types": ["primary_school", "nine_year"]})
    assert reading.items == ("C1", "N1")
    with pytest.raises(ConfigError, match="缺少参数 “school_types”"):
        compute_measure("schools", CURRENT, {})


def test_a_town_is_a_street_when_most_of_its_villages_are_urban():
    # town 001: villages 111, 111, 220 -> urban (2 of 3), left out; town 101: 121, 220 -> 乡镇.
    # Both have a boarding primary and a boarding junior school.
    data = county(
        villages=[village("410306001001", "410306001", "111"),
                  village("410306001002", "410306001", "111"),
                  village("410306001201", "410306001", "220"),
                  village("410306101001", "410306101", "121"),
                  village("410306101201", "410306101", "220")],
        schools=[school("D1", "nine_year", town="410306001", code="220", boarding=True),
                 school("A1", "nine_year", town="410306101", code="111", boarding=True)])
    reading = compute_measure("boarding_towns_share", data)
    assert (reading.items, reading.denominator) == (("410306101",), 1.0)


def test_boarding_towns_share_says_what_each_town_lacks():
    # review rv 13: 孟津 「尚无寄宿制小学和寄宿制初中的乡镇：石店镇、青口镇、黄城镇」 read as all three
    # lacking both; 石店镇 and 青口镇 have a boarding junior. Here 101 has a boarding junior only,
    # 102 a boarding primary only, 103 day schools only, 104 both (a boarding 九年一贯制): 1 of 4
    data = county(
        2024, villages=[village(f"4103061{t}001", f"4103061{t}", "220") for t in ("01", "02", "03", "04")],
        schools=[school("J1", "junior_school", town="410306101", boarding=True),
                 school("P1", "primary_school", town="410306101"),
                 school("P2", "primary_school", town="410306102", boarding=True),
                 school("D3", "primary_school", town="410306103"),
                 school("N4", "nine_year", town="410306104", code="220", boarding=True)])
    share = compute_measure("boarding_towns_share", data)
    assert share.value("share") == pytest.approx(1 / 4)
    assert share.note == ("未同时有寄宿制小学和寄宿制初中的乡镇：乡镇（代码 410306101）缺寄宿制小学；"
                          "乡镇（代码 410306102）缺寄宿制初中；乡镇（代码 410306103）寄宿制小学和寄宿制初中都没有")
