"""What a planner or inspector reads in counts and wording (planner review 2026-12-05,
findings 11, 12 and 19): schools by 所 and 教学点 by 个 in one wording, no developer or
statistician voice, 学年 where school years are meant."""

from pathlib import Path

from junheng.forecast.county import _backtest_notes
from junheng.io import example_county
from junheng.model.labels import count_of_kinds, school_count
from junheng.planning.layout_conditions import conditions_note
from junheng.planning.layout_outcome import PlannedSchool
from junheng.report.forecast_skill import interval_label, interval_said
from junheng.report.self_report.appendix import PROVENANCE
from junheng.report.teacher_pool import transfer_pool

COSTS = Path(__file__).resolve().parents[2] / "src" / "junheng" / "standards" / "costs.yaml"


def test_a_mixed_count_names_schools_by_suo_and_teaching_points_by_ge():
    # finding 11: 「47 所学校」 were 41 schools and 6 教学点
    assert school_count(41, 6) == "41 所学校、6 个教学点"
    assert school_count(0, 2, "撤并") == "2 个撤并教学点"
    assert school_count(17, 0) == "17 所学校"
    assert count_of_kinds(["teaching_point", "nine_year", "teaching_point"]) == "1 所学校、2 个教学点"


def test_the_conditional_closures_of_two_teaching_points_are_two_ge():
    # finding 11: 「2 所撤并学校」 were both 教学点 (上桃寨村、刘下桥村)
    point = PlannedSchool("A", "上桃寨村教学点", "close", kind="teaching_point")
    assert conditions_note([point, point]).startswith(
        "先建后撤：撤并的 2 个教学点的接收学校的建设项目现为规划状态（未开工），尚不能作为保障")
    assert conditions_note([]) == ""


def test_the_junior_transfer_pool_leaves_out_a_kept_teaching_point():
    # finding 11 counted 上河教学点 by 个 among the sources; rv17 4: a kept 教学点 keeps its
    # teachers (its 复式 classes need them whatever its 生师比), so only 城关第一小学 is a source
    data = example_county()
    doc = {"schools": [{"school_id": "4103060001", "stage": "primary", "surplus": 3, "hire": 0},
                       {"school_id": "4103060004", "stage": "primary", "surplus": 1, "hire": 0},
                       {"school_id": "J", "stage": "junior", "surplus": 0, "hire": 2}]}
    assert transfer_pool(data, doc).startswith(
        "可转任初中的人选范围：小学富余的 1 所学校现有小学专任教师中")


def test_the_forecast_interval_is_said_without_the_word_nominal():
    # finding 12: 「名义 80% 预测区间」
    assert interval_label(0.8) == "预测区间（约 80%）"
    assert interval_said(0.8) == "预测区间按回测误差定，约 80%"


def test_backtest_origins_are_school_years():
    # finding 19: 「回测起点 2020—2024 年」 where the workbook counts 学年
    assert _backtest_notes((2020, 2021, 2022, 2023, 2024), {}) == ("回测起点 2020—2024 学年，共 5 个。",)


def test_documents_speak_as_the_county_not_as_the_software_or_its_developers():
    # finding 12: 「由均衡系统…计算编制」, 「我们没有找到可引用的…」 in the 达标路径 workbook
    assert PROVENANCE == "本报告的数据表格根据本县县域教育数据工作簿计算编制，所有数字均可追溯到数据表中的行。"
    text = COSTS.read_text(encoding="utf-8")
    assert "我们" not in text
    assert "暂无可引用的中小学图书馆图书采购中标公告每册成交价，按中小学馆配图书" in text
    assert "暂无可引用的县城教育用地征收、置换单价，请以本县自然资源部门的征收补偿标准或基准地价替换" in text
