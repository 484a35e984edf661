"""What the documents the bureau signs say (planner review 2026-12-05): no data-entry prompt
inside them (the 报送前核对 list asks), a fall of funding stated as a finding, the plan year's
大班额 named as an average, and the teachers one stage has over while the other hires said in
the main text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from docx import Document
from report_builders import example_layout_outcome, paragraphs

from junheng.evaluate import evaluate
from junheng.report.checklist import layout_checks
from junheng.report.layout_docx import write_layout_docx
from junheng.report.layout_xlsx import METRIC_LABELS, oversized_note
from junheng.report.self_report import write_county_report
from junheng.report.self_report.investment import funding_falls, funding_trend
from junheng.report.signed_text import PENDING_LINE, signed, signed_notes
from junheng.report.staffing_rows import imbalance_sentence

DAY = date(2026, 12, 5)
LATE = "；计划竣工已过，请更新项目状态"
PROJECTS = ("已计入的在建、规划项目（2030 学年开学前竣工，共 2 项）：甲楼（甲小学，改扩建，在建，2025 年 12 月竣工"
            f"{LATE}）：新增学位 630 个；乙楼（乙小学，新增宿舍，在建，2026 年 8 月竣工{LATE}）：宿舍床位 216 张。")
BOARDERS = ("寄宿比例需核实：1 所学校按本校现有寄宿比例折算，多数学生为寄宿生：丙中学……；请核实这些学校填报的寄宿生数，"
            "超出现有床位的寄宿生维持现状，不为他们新增床位。")
#: the demo's staffing ledger in 2030: 1,740 − 1,076 = 664 primary over, 133 retire, 531 left;
#: junior 1,151 − 1,079 = 72 to hire, 56 retirees replaced: 128
STAFFING = {"year": 2030, "ratio": {"primary": 19, "junior": 13.5},
            "county": {"need": 2227, "today": 2819, "moved": 261, "new_posts": 88, "hire": 72, "surplus": 664},
            "moved_by_kind": {"closure": 170, "kept": 41, "pool": 50},
            "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
                        {"stage": "junior", "need": 1151, "today": 1079, "hire": 72, "surplus": 0}],
            "retirement": {"year": 2030, "by_stage": {"primary": 133, "junior": 56}, "unknown": 0}}
IMBALANCE = ("教师学段结构失衡：2030 学年小学专任教师比编制标准富余 664 人（退休不补可消化 133 人，仍富余 531 人），"
             "而初中按编制需招聘 72 人（连同退休补充 128 人）。初中所需教师应先由小学富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；"
             "即使初中所需 128 人全部由小学富余教师转任，小学仍富余 403 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹。"
             "转任初中须持初中或高中教师资格证（《教师资格条例》第五条），并按学科对口：工作簿“教师资格证”只填是否持证，"
             "未填资格学段，可转岗人数须逐人核实资格证学段和任教学科后确定。")


def test_late_projects_are_stated_as_facts_and_a_data_check_leaves_one_neutral_line():
    # review 2026-12-05 finding 2: no pointer to a checklist the city does not receive
    assert signed_notes([PROJECTS, BOARDERS, "先建后撤。"]) == [
        "已计入的在建、规划项目（2030 学年开学前竣工，共 2 项）：甲楼（甲小学，改扩建，在建，已逾期（原计划 2025 年 12 月竣工）"
        "）：新增学位 630 个；乙楼（乙小学，新增宿舍，在建，已逾期（原计划 2026 年 8 月竣工））：宿舍床位 216 张。",
        "先建后撤。", "个别学校填报数据尚在核实，核实后如有变化，本方案相应调整。"]
    assert signed_notes([PROJECTS, "先建后撤。"])[-1] == "先建后撤。"  # late projects alone: no line
    assert signed_notes(["先建后撤。"]) == ["先建后撤。"]
    # the figures resting on the ratio to check stay named (review 2026-12-05 finding 6)
    rests = ("寄宿生数和寄宿生管理费用三列均按丙中学填报的寄宿比例计入（七至九年级 73.0%，用于本校城区、镇区社区规划年学生 "
             "2,392 人，折算寄宿 1,746 人，多于现有床位 1,646 张，按床位折减后方案计寄宿 1,623 人，占就读学校不变的本校学生 "
             "1,986 人的 81.7%），该比例待核实。")
    assert signed_notes([BOARDERS, rests]) == [rests, PENDING_LINE]


def test_a_source_keeps_its_issuer_and_date_but_not_its_web_address():
    text = "约 927 元/平方米（龙陵县发展和改革局 2018 年 5 月 22 日批复， longling.gov.cn）；外省、2018 年项目的参考价"
    assert signed(text) == "约 927 元/平方米（龙陵县发展和改革局 2018 年 5 月 22 日批复）；外省、2018 年项目的参考价"
    assert signed("单价（某局 2018 年批复，https://fgw.example.gov.cn/2018/5.html）。") == "单价（某局 2018 年批复）。"


def test_the_layout_document_states_the_plan_and_the_checklist_asks(tmp_path):
    plan = replace(example_layout_outcome(), notes=(PROJECTS, BOARDERS), staffing=STAFFING)
    doc = Document(str(write_layout_docx(plan, tmp_path / "布局调整方案.docx", report_date=DAY)))
    texts = [t for _, t in paragraphs(doc)]
    whole = "\n".join(texts)
    assert "请更新" not in whole and "请核实这些学校" not in whole
    assert texts.count(f"说明：{PENDING_LINE}") == 1
    assert layout_checks(plan) == [f"布局调整方案“测试方案”：{BOARDERS}"]
    # the teachers' finding is a paragraph of the main text, under its sub-head (review rv 13:
    # one subject a sub-head; this plan has no staffing paragraph before it: no running figures)
    assert texts[texts.index("（二）教师编制与调配") + 1] == IMBALANCE


def test_no_finding_when_no_stage_is_over_while_the_other_hires():
    balanced = {**STAFFING, "schools": [{**STAFFING["schools"][0], "surplus": 0, "today": 1076},
                                        STAFFING["schools"][1]]}
    assert imbalance_sentence(balanced) == ""
    assert imbalance_sentence(None) == ""


def test_the_plan_year_oversized_classes_are_named_as_an_average():
    # rv29 7: today's actual classes in a row of their own, the modelled row only modelled figures
    assert METRIC_LABELS["oversized_classes"] == "大班额班级数（按平均班额测算，不是实际班级数，见说明）"
    assert METRIC_LABELS["oversized_now"] == "大班额班级数（实际班级，按班级表逐班计）"
    note = oversized_note("2025 学年", "2030 学年")
    assert "按平均班额测算为 0 不等于没有大班额" in note
    assert "须在实际编班时逐班核实" in note


def test_a_fall_in_any_required_series_is_a_finding_and_a_rise_is_not():
    figures = pd.DataFrame({
        "year": [2021, 2022, 2023, 2021, 2022, 2021, 2023],
        "figure": ["junior_public_spending_per_pupil"] * 3 + ["primary_public_funding_per_pupil"] * 2
        + ["public_education_spending"] * 2,
        "value": [12226.0, 12138.0, 13183.0, 700.0, 685.0, 65000.0, 60000.0]})
    # 12,226 − 12,138 = 88, 88 / 12,226 = 0.72%; 700 − 685 = 15, 15 / 700 = 2.14%;
    # 2021 → 2023 skips a year: not a year-on-year fall
    assert funding_falls(figures) == [
        "2022 年生均一般公共预算教育经费（初中）比上年减少 88 元（0.7%），不符合“按在校学生人数平均的一般公共预算"
        "教育支出逐年只增不减”要求（国办发〔2018〕82号）",
        "2022 年生均公用经费（小学）比上年减少 15 元（2.1%），不符合“学生人均公用经费逐步增长”要求"
        "（《中华人民共和国教育法》第五十五条）"]
    rising = figures[figures["figure"] == "public_education_spending"].assign(value=[60000.0, 65000.0])
    assert funding_trend(rising) == "2021—2023 年一般公共预算教育支出和生均经费逐年未减少。"


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, demo_years):
    data = demo_years[-1]
    path = write_county_report(evaluate(data), tmp_path_factory.mktemp("s") / "自评报告.docx",
                               data=data, report_date=DAY)
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [t for _, t in paragraphs(doc)], cells


DEMO_ROTATION = ("交流轮岗 118 人，符合交流条件 1,084 人（县级指标“符合交流轮岗条件的教师数”；规划台账按教师表和交流规则（在本校任教满 6 年、"
                 "男 55 岁以下、女 50 岁以下的未交流教师，加本学年已交流的教师）计为 1,175 人（比例 10.04%），与县级填报相差 91 人，"
                 "按两个人数计算均达标）")
DEMO_FALL = ("2022 年生均一般公共预算教育经费（初中）比上年减少 88 元（0.7%），不符合“按在校学生人数平均的一般公共预算"
             "教育支出逐年只增不减”要求（国办发〔2018〕82号）")


def test_the_demo_report_states_the_2022_fall_under_its_table_and_among_the_problems(demo_report):
    texts, _ = demo_report
    # 表 4: 初中 12,226 (2021) → 12,138 (2022) 元; every other series rises or stays
    assert f"经费投入未做到只增不减：{DEMO_FALL}。" in texts
    heading = next(i for i, t in enumerate(texts) if t.endswith("）教育经费投入未做到只增不减"))
    assert texts[heading + 1] == f"1. {DEMO_FALL}。"


def test_the_demo_report_carries_no_data_prompt(demo_report):
    texts, cells = demo_report
    whole = "\n".join([*texts, *cells])
    for prompt in ("请更新", "请核对", "请补", "http", ".gov.cn"):
        assert prompt not in whole, prompt
    # both eligible counts and the verdict on each (review 2026-12-05 finding 3):
    # 118 / 1,084 = 10.9 %, 118 / 1,175 = 10.04 %, both ≥ 10 %
    assert DEMO_ROTATION in cells


def test_the_demo_web_report_carries_the_rotation_row_without_the_prompt(demo_years, tmp_path):
    from junheng.report.html_report import write_html_report

    html = write_html_report(evaluate(demo_years[-1]), tmp_path / "report.html").read_text("utf-8")
    assert f"{DEMO_ROTATION}</td>" in html
    assert "请核对" not in html


def test_the_transfer_range_counts_the_over_schools_primary_teachers_by_subject():
    from types import SimpleNamespace

    from junheng.report.teacher_pool import transfer_pool

    rows = [("A", "primary", "chinese", True, "bachelor", True, "female", 1990),  # counted
            ("A", "primary", "chinese", True, "postgraduate", True, "male", 1988),  # counted
            ("A", "primary", "math", True, "bachelor", True, "male", 1965),  # counted; retired by 2030
            ("A", "primary", "english", True, "associate", True, "female", 1990),  # 专科: not the junior degree
            ("A", "primary", "math", True, "bachelor", False, "female", 1990),  # no certificate
            ("A", "primary", "art", False, "bachelor", True, "female", 1990),  # not full-time
            ("A", "junior", "math", True, "bachelor", True, "female", 1990),  # teaches junior already
            ("B", "primary", "chinese", True, "bachelor", True, "female", 1990)]  # B is not over
    teachers = pd.DataFrame(rows, columns=["school_id", "stage", "subject", "full_time", "degree",
                                           "certified", "sex", "birth_year"])
    staffing = {"schools": [{"school_id": "A", "stage": "primary", "surplus": 4, "hire": 0},
                            {"school_id": "B", "stage": "primary", "surplus": 0, "hire": 0},
                            {"school_id": "J", "stage": "junior", "surplus": 0, "hire": 3}]}
    data = SimpleNamespace(teachers=teachers, schools=pd.DataFrame(
        {"school_id": sorted(set(teachers["school_id"])), "school_type": "primary_school"}))
    assert transfer_pool(data, staffing) == (
        "可转任初中的人选范围：小学富余的 1 所学校现有小学专任教师中，本科及以上学历、持教师资格证的 3 人（语文 2 人、数学 1 人），"
        "不含撤并学校随迁的教师；能否任教初中以持初中或高中教师资格证、学科对口为准，须逐人核实。")
    # a man born in 1965 reaches 60 in 2025 (retiring, with the gradual delay, well before 2030-09)
    assert transfer_pool(data, {**staffing, "year": 2030}).startswith(
        "可转任初中的人选范围：小学富余的 1 所学校现有小学专任教师中，本科及以上学历、持教师资格证、2030 学年开学前不退休的"
        " 2 人（语文 2 人），")
    assert transfer_pool(data, {"schools": staffing["schools"][:2]}) == ""  # no junior hire
    assert transfer_pool(None, staffing) == ""
