"""The layout workbook's 调整前后对比: every row's unit and number format from its own key, as
the Word table prints it (review rv 1: after the land row was put in, each row below it took
the format of the row above: 寄宿生数 「0.91 万元」, travel pupil-minutes in 万元, 运行支出合计
and 综合评价值 in 元 without a unit, the land row's 当前 blank)."""

from __future__ import annotations

from openpyxl import load_workbook

from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.layout_xlsx import (
    METRIC_LABELS,
    METRIC_UNITS,
    comparison_text,
    metric_keys,
    write_layout_xlsx,
)

WAN = '#,##0.00" 万元"'
SEATS = {"capacity": {"primary": 0, "junior": 0}, "students_after": {"primary": 0, "junior": 0}}
#: the plan.json keys of main's demo, in its order (land row put in after receiver_area_yuan)
DEMO_KEYS = (
    "teaching_points", "schools", "pupils", "urban_pupils", "mean_travel_min", "p95_travel_min",
    "beds", "oversized_classes", "urban_classroom_shortfall", "built_classrooms",
    "temporary_classrooms", "cross_town_pupils", "capital_cost_yuan", "receiver_area_yuan",
    "young_day_over_review", "day_pupils_need_bus", "bus_pupils_without_bed",
    "day_pupils_over_limit", "boarders", "operating_site_yuan", "funding_floor_yuan",
    "boarding_cost_yuan", "school_bus_yuan", "transport_yuan", "operating_pupil_yuan",
    "hire_staff_yuan", "operating_yuan", "staff_posts", "staff_posts_class_ratio",
    "teachers_to_redeploy", "new_school_posts", "travel_pupil_minutes", "travel_weight_yuan",
    "staff_weight_yuan", "capital_annual_yuan", "hall_beyond_weight_yuan", "objective_yuan",
    "relief_short_pupils")


def _demo_like() -> LayoutOutcome:
    """Main's demo figures (plan.json, 2025 / 2030 不调整 / 2030 调整后) for the rows rv 1
    quoted; the other rows 0, 1 and 2 (money rows 0, 1 and 2 元: the table's unit is that
    of its largest amount, so they read 0.00 万元 too)."""
    quoted = {"boarders": (9136, 8350, 8326), "travel_pupil_minutes": (93_929_339, 73_549_468, 67_377_530),
              "mean_travel_min": (7.28, 7.76, 7.25),
              # the parts of 运行支出合计 and 综合评价值 (the table adds them up, shown_metrics)
              "operating_site_yuan": (12_400_000.0, 12_500_000.0, 6_200_000.0),
              "funding_floor_yuan": (4_110_500.0, 4_543_200.0, 406_100.0),
              "boarding_cost_yuan": (13_705_400.0, 12_512_600.0, 12_476_400.0),
              "school_bus_yuan": (2_333_100.0, 2_267_900.0, 2_550_300.0),
              "transport_yuan": (0.0, 0.0, 0.0),
              "operating_pupil_yuan": (35_957_800.0, 28_421_600.0, 28_421_600.0),
              "hire_staff_yuan": (0.0, 4_000_000.0, 4_000_000.0),
              "travel_weight_yuan": (18_785_900.0, 14_709_900.0, 13_475_500.0),
              "staff_weight_yuan": (10_505_300.0, 10_505_300.0, 905_300.0),
              "capital_annual_yuan": (0.0, 0.0, 2_452_300.0), "hall_beyond_weight_yuan": (0.0, 0.0, 0.0),
              # 12.4 + 4.1105 + 13.7054 + 2.3331 + 35.9578 = 68.5068 百万元; 64.2453; 54.0544
              "operating_yuan": (68_506_800.0, 64_245_300.0, 54_054_400.0),
              # 68.5068 − 35.9578 + 18.7859 + 10.5053 = 61.8402; 64.2453 − 28.4216 − 4 + 14.7099
              # + 10.5053 = 57.0389; 54.0544 − 28.4216 − 4 + 2.4523 + 13.4755 + 0.9053 = 38.4659
              "objective_yuan": (61_840_200.0, 57_038_900.0, 38_465_900.0)}
    columns = {name: {k: quoted.get(k, (0, 1, 2))[i] for k in DEMO_KEYS}
               for i, name in enumerate(("now", "before", "after"))}
    columns["after"].update(sports_land_m2=2526, sports_land_yuan=3_789_000.0)
    return LayoutOutcome(status="optimal", schools=(), metrics=columns, year=2025, target_year=2030,
                         objective=38_465_900.0, bound=38_465_900.0, gap=0.0)


def test_every_row_of_the_comparison_has_its_own_unit_and_format(tmp_path):
    plan = _demo_like()
    ws = load_workbook(write_layout_xlsx(plan, tmp_path / "plan.xlsx"))["调整前后对比"]
    assert [c.value for c in ws[1]][:2] == ["指标", "单位"]
    rows = [r for r in ws.iter_rows(min_row=2) if r[0].value != "说明"]
    keys = metric_keys(plan.metrics)
    # the land row in; the bed-less riders' row out, equal to 走读超时 in every column (rv10);
    # today's actual 大班额 in a row of its own before the modelled one (rv29 7)
    assert len(rows) == len(keys) == len(DEMO_KEYS) + 1
    assert keys[keys.index("oversized_classes") - 1] == "oversized_now"
    for key, row in zip(keys, rows, strict=True):
        unit, formats = row[1].value, {c.number_format for c in row[2:]}
        if key.endswith("_yuan"):  # all money in 万元: the largest amount is 68,506,800 元
            assert (unit, formats) == ("万元", {WAN}), key
        else:
            assert unit == METRIC_UNITS[key], key
            assert formats <= {"#,##0", "#,##0.00"}, key
        assert None not in [c.value for c in row[2:]], key  # blanks as 0 (rv 1: the land row's 当前)
    # every key the demo writes has a unit of its own (not a guess)
    assert {k for k in DEMO_KEYS if not k.endswith("_yuan")} <= set(METRIC_UNITS)


def test_the_rows_rv_quoted_read_as_the_word_table_prints_them(tmp_path):
    plan = _demo_like()
    ws = load_workbook(write_layout_xlsx(plan, tmp_path / "plan.xlsx"))["调整前后对比"]
    cells = {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows(min_row=2)}
    text = {r[0]: r[1:] for r in comparison_text(plan)}
    # 9,136 − 8,350 = 786 fewer, the plan 24 fewer than not adjusting: 8,326 − 8,350 = −24
    assert cells["寄宿生数"] == ["人", 9136, 8350, 8326, -24]
    assert text["寄宿生数"] == ["9,136", "8,350", "8,326", "-24"]
    # 67,377,530 − 73,549,468 = −6,171,938 人·分钟 a year, whole, not 万元
    assert cells[METRIC_LABELS["travel_pupil_minutes"]] == [
        "人·分钟/年", 93_929_339, 73_549_468, 67_377_530, -6_171_938]
    # 54,054,400 − 64,245,300 = −10,190,900 元 = −1,019.09 万元
    total = next(v for k, v in cells.items() if k.startswith("财政支出：运行支出合计"))
    assert total == ["万元", 6850.68, 6424.53, 5405.44, -1019.09]
    assert next(v for k, v in text.items() if k.startswith("财政支出：运行支出合计")) == [
        "6,850.68 万元", "6,424.53 万元", "5,405.44 万元", "-1,019.09 万元"]
    # 38,465,900 − 57,038,900 = −18,573,000 元 = −1,857.30 万元
    assert next(v for k, v in cells.items() if k.startswith("综合评价值")) == [
        "万元", 6184.02, 5703.89, 3846.59, -1857.3]
    # 3,789,000 元 = 378.90 万元; none bought today: 0, not blank
    land = next(v for k, v in cells.items() if "扩充体育运动场地用地 2,526 平方米" in k)
    assert land == ["万元", 0, 0, 378.9, 378.9]
    assert next(v for k, v in text.items() if "扩充体育运动场地用地 2,526 平方米" in k) == [
        "0.00 万元", "0.00 万元", "378.90 万元", "378.90 万元"]


def test_a_closure_reason_is_two_sentences_and_each_count_names_its_year(tmp_path):
    """Review rv 6: 「…2 名教师随学生调配到…1 人划片村居规划年学生去向…」 ran two sentences
    together, and 并入学校 「乙小学 3 人、丙小学 2 人」 (its pupils in the 撤并学年, 5) stood
    beside 「共 3 人」 (the villages' children in the 规划年) with neither year said."""
    from junheng.planning.layout_outcome import PlannedSchool, VillageAssignment

    tp = PlannedSchool("TP1", "甲村教学点", "close", kind="teaching_point", merged_into="S1",
                       phase=2, students_now=7, students_expected=3, teachers_to_redeploy=2,
                       moved_pupils={"S1": 3, "S2": 2}, moved_teachers={"S1": 1, "S2": 1},
                       lon=113.0, lat=34.0, town_code="T1", **SEATS)
    s1 = PlannedSchool("S1", "乙小学", "keep", lon=113.0, lat=34.0288, town_code="T1", **SEATS)
    s2 = PlannedSchool("S2", "丙小学", "keep", lon=113.01, lat=34.0, town_code="T1", **SEATS)
    va = (VillageAssignment("V1", "grades_1_3", "S1", 2, 3.2, 10.0, False, village_name="甲村", before_school="TP1"),
          VillageAssignment("V2", "grades_1_3", "S2", 1, 0.9, 3.0, False, village_name="丁村", before_school="TP1"))
    trips = ("划片村居规划年学生去向（按各村适龄儿童推算，共 3 人；与按现有在校生推算的“预计在校”口径不同；"
             "各接收学校的人数按撤并学年的预计在校生依此去向分配）：甲村一至三年级 2 人到乙小学、丁村一至三年级 1 人到丙小学")
    plan = LayoutOutcome(status="optimal", schools=(tp, s1, s2), metrics={"before": {}, "after": {}},
                         year=2025, target_year=2030, objective=0.0, bound=0.0, gap=0.0,
                         assignments=va, kept_reasons={"TP1": trips})
    ws = load_workbook(write_layout_xlsx(plan, tmp_path / "plan.xlsx"))["调整方案"]
    head, *rows = [[c.value for c in r] for r in ws.iter_rows()]
    row = dict(zip(head, rows[0], strict=True))
    assert head[4] == "并入学校（分到几所的，人数为实施学年撤并时的在校生）"
    assert (row["实施学年"], row[head[4]]) == ("2027 学年", "乙小学 3 人（甲村）、丙小学 2 人（丁村）")
    # 0.0288° of latitude ≈ 3.2 km; the teachers' clause ends its sentence, the villages' the next
    assert row["理由"] == (
        "教学点，2030 学年不调整预计在校 3 人（现有在校生按本乡镇适龄儿童增减推算），学生主要并入 3.2 公里外的乙小学"
        "（同乡镇）；2 名教师随学生调配到乙小学 1 人、丙小学 1 人。划片村居规划年（2030 学年）学生去向（按各村适龄儿童"
        "推算，共 3 人）：甲村一至三年级 2 人到乙小学、丁村一至三年级 1 人到丙小学")


def test_the_layout_cvs_read_with_three_decimals(tmp_path):
    # rv 11: 0.711714 is printed 0.712, as every text says it; rv13 15: and stored so (half up
    # to three decimals: 0.736548 → 0.737, 0.711714 → 0.712)
    from dataclasses import replace

    from junheng.planning.layout_outcome import CvComparison

    cvs = CvComparison({"primary": {"sports_area_per_student": 0.736548}},
                       {"primary": {"sports_area_per_student": 0.711714}}, (),
                       {"primary": {"sports_area_per_student": 0.5}})
    ws = load_workbook(write_layout_xlsx(replace(_demo_like(), evaluation=cvs), tmp_path / "plan.xlsx"))["差异系数对比"]
    head, row = ws.iter_rows(min_row=1, max_row=2)
    assert [c.value for c in head][3:] == ["调整后差异系数", "限值", "调整后是否超过限值"]
    assert [c.value for c in row] == ["小学", "生均体育运动场馆面积", 0.737, 0.712, 0.5, "预计超过限值"]
    assert {c.number_format for c in row[2:4]} == {"0.000"}
    # rv25 8: the limit as 表 11 prints it, 0.50 (not 0.500), with its verdict, a projection (0.712 > 0.50; rv29 2)
    assert row[4].number_format == "#,##0.00"


def test_one_row_says_the_day_pupils_over_the_limit_when_they_are_the_bedless_riders():
    """rv10: 布局 表 5 「其中按规则须寄宿但没有床位、每日乘校车往返的学生数 | 0 | 33 | 31 | -2」 and
    「走读超时学生数 | 0 | 33 | 31 | -2」, the demo's figures (31 − 33 = −2)."""
    from junheng.planning.layout_trips import BEDLESS_ONLY

    plan = _demo_like()
    for name, n in zip(("now", "before", "after"), (0, 33, 31), strict=True):
        plan.metrics[name].update(day_pupils_over_limit=n, bus_pupils_without_bed=n)
    text = {r[0]: r[1:] for r in comparison_text(plan)}
    assert METRIC_LABELS["bus_pupils_without_bed"] not in text and "走读超时学生数" not in text
    assert text[BEDLESS_ONLY] == ["0", "33", "31", "-2"]
    # rv18 4: the label says what is counted, the same in every column
    assert BEDLESS_ONLY == ("走读超时学生数（单程超过走读上限、不寄宿的学生，各列同一口径，当前按现有床位；各列均为"
                            "按规则须寄宿但没有床位、每日乘校车往返的学生，已含于上行需校车接送的学生数）")
    # 36 bed-less riders beside 31 over the limit (rv3 3): two rows, each its own figure
    plan.metrics["before"].update(bus_pupils_without_bed=36)
    text = {r[0]: r[1:] for r in comparison_text(plan)}
    assert text[METRIC_LABELS["bus_pupils_without_bed"]] == ["0", "36", "31", "-5"]
    assert text[METRIC_LABELS["day_pupils_over_limit"]] == ["0", "33", "31", "-2"]
    assert METRIC_LABELS["day_pupils_over_limit"] == ("走读超时学生数（单程超过走读上限、不寄宿的学生，各列同一口径，"
                                                      "当前按现有床位）")
