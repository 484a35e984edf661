"""The layout's composite CVs (the system's reference figure, hr item 2) name their baseline (the planning year without the plan) and stand
beside the data year's, with a sentence where the plan ends above it (rv finding 4: the 自评报告
said 「小学综合差异系数由 0.456 降至 0.451」 beside a 2025 figure of 0.385)."""

from __future__ import annotations

from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.planning.layout_outcome import CvComparison, LayoutOutcome
from junheng.report.plan_rows import composite_change

# the demo county's figures (rv finding 4)
CVS = CvComparison({"primary": {"composite": 0.4561}, "junior": {"composite": 0.3722}},
                   {"primary": {"composite": 0.4509}, "junior": {"composite": 0.3208}}, (),
                   today={"primary": {"composite": 0.3851}, "junior": {"composite": 0.3312}})


def test_the_composite_names_its_baseline_and_todays_figure():
    assert composite_change(CVS, 2025, 2030) == (
        "差异系数：小学综合差异系数（参考值，非评估办法指标） 2030 学年不调整布局时 0.456，调整后 0.451"
        "（2025 学年 0.385）；初中综合差异系数（参考值，非评估办法指标） 2030 学年不调整布局时 0.372，调整后 "
        "0.321（2025 学年 0.331）。"
        "小学调整后仍高于 2025 学年：规划年各校学生数的变化（含在建项目）使其不调整布局时升至 0.456，"
        "本方案只缩小其中一部分，其余校际差距由达标路径整改缩小。")


def test_a_plan_that_raises_the_composite_above_today_says_so():
    # 0.380 without the plan (below 2025's 0.385), 0.400 after it: the plan's own rise
    cvs = CvComparison({"primary": {"composite": 0.380}}, {"primary": {"composite": 0.400}}, (),
                       today={"primary": {"composite": 0.385}})
    assert composite_change(cvs, 2025, 2030) == (
        "差异系数：小学综合差异系数（参考值，非评估办法指标） 2030 学年不调整布局时 0.380，调整后 0.400"
        "（2025 学年 0.385），"
        "本方案扩大小学校际差距。小学调整后高于 2025 学年：本方案扩大校际差距，须由达标路径整改缩小。")


def test_todays_cvs_are_kept_in_the_plan_file_and_an_older_file_reads_as_before():
    plan = LayoutOutcome("optimal", (), {}, year=2025, target_year=2030, evaluation=CVS)
    back = layout_from_json(layout_json(plan)).evaluation
    assert back.today == {"primary": {"composite": 0.3851}, "junior": {"composite": 0.3312}}
    doc = layout_json(plan)
    del doc["evaluation"]["today"]
    older = layout_from_json(doc).evaluation
    assert older.today == {}
    assert composite_change(older, 2025, 2030).startswith(
        "差异系数：小学综合差异系数（参考值，非评估办法指标）由 0.456 降至 0.451；")


def test_a_lower_composite_never_hides_a_single_cv_the_plan_raises():
    # hr item 2, the demo's primary CVs (布局调整方案 表3): the plan lowers the mean of the
    # single CVs 0.456 → 0.434 but raises 生均教学及辅助用房 0.383 → 0.473 (+0.090) and
    # 高于规定学历教师 0.265 → 0.286 (+0.021): both are named first, the larger rise first; the
    # 0.745 → 0.713 sports CV falls and is not named; the composite is the system's figure
    cvs = CvComparison(
        {"primary": {"higher_degree_teachers_per_100": 0.265186, "teaching_area_per_student": 0.383088,
                     "sports_area_per_student": 0.745424, "composite": 0.456202}},
        {"primary": {"higher_degree_teachers_per_100": 0.286221, "teaching_area_per_student": 0.473291,
                     "sports_area_per_student": 0.71285, "composite": 0.433588}}, (),
        today={"primary": {"composite": 0.3851}})
    assert composite_change(cvs, 2025, 2030) == (
        "差异系数：小学本方案使 2 项单项差异系数升高：生均教学及辅助用房 0.383 → 0.473、高于规定学历教师 "
        "0.265 → 0.286；小学综合差异系数（参考值，非评估办法指标） 2030 学年不调整布局时 0.456，调整后 "
        "0.434（2025 学年 0.385）。小学调整后仍高于 2025 学年：规划年各校学生数的变化（含在建项目）使其不调整"
        "布局时升至 0.456，本方案使参考值降低，但使上列单项差异系数升高，校际差距须由达标路径整改缩小。")
    # no single CV rises: said so, in as many words
    flat = CvComparison({"junior": {"teaching_area_per_student": 0.3, "composite": 0.3}},
                        {"junior": {"teaching_area_per_student": 0.2, "composite": 0.2}}, ())
    assert composite_change(flat) == (
        "差异系数：初中 1 项单项差异系数均未升高；初中综合差异系数（参考值，非评估办法指标）由 0.300 降至 0.200。")
