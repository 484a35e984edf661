"""A town the plan leaves without a boarding 小学 gets a priced option (rv16 finding 5): the
candidate school, the pupils who board there by the plan's rule, the beds, m², 万元 and the
yearly cost, with a verdict; 表 2 and the workbook print it (layout_board_option)."""

from __future__ import annotations

from docx import Document
from layout_builders import C1, FLAT_COSTS, J, line_county
from openpyxl import load_workbook

from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_board_option import OPTIONS_KEY, option_texts
from junheng.planning.layout_check import check_plan
from junheng.planning.layout_json import layout_from_json, layout_json
from junheng.report.layout_board_rows import TABLE_REF
from junheng.report.layout_docx import write_layout_docx
from junheng.report.layout_xlsx import write_layout_xlsx

TOWN_NAME = "乡镇 410306101"  # the hand-made county has no 乡镇 sheet


def town(far_village: bool, c1_beds: int = 0):
    """One town: 中心小学 C1 (no beds), a teaching point and junior school J (200 beds, 60 of
    its 120 pupils board today, so the town keeps its boarding 初中). Village 4, 0.15° east of
    C1, is 43.14 minutes from it: its 9 pupils of grades 4–6 board by the rule (beyond 30
    minutes); without it nobody in the town needs to board at a primary school."""
    classes = [{"school_id": J, "grade": "g7", "class_no": str(i), "students": 30,
                "boarders": 15} for i in range(1, 5)]
    return line_county(far_village=far_village, c1_beds=c1_beds, classes=classes)


def config():
    return load_layout_config(None, new_sites="none", boarding_per_town=True, target_year=2025,
                              weights=FLAT_COSTS, today_shares=False)


def test_a_town_with_pupils_beyond_the_day_limit_is_advised_to_build_beds(tmp_path):
    plan = plan_layout(town(True), config())
    # C1 keeps 60 + 30 + 12 + 9 = 111 pupils of grades 4–6 and 60 + 30 of grades 1–3 (the
    # point's 12 and village 4's 9 of grades 1–3 stay at TP): 201 primary pupils in 2025.
    # Boarders by the rule: village 4's 9 (43.14 > 30 minutes; village 3's 28.76 walk).
    # Beds: 9 − 0 beds → 1 block of 50; 50 × 8 m² = 400 m²; 400 × 4,100 元 = 1,640,000 元
    # (164.00 万元); yearly 9 × 1,500 元 = 13,500 元 (1.35 万元)
    assert plan.outcome.rules[OPTIONS_KEY] == [
        {"town": "410306101", "town_name": TOWN_NAME, "stage": "primary", "school_id": C1,
         "school_name": f"学校{C1}", "pupils": 201, "boarders": 9, "beds_now": 0, "beds": 50,
         "area_m2": 400.0, "yuan": 1_640_000.0, "yearly_yuan": 13_500.0, "recommended": True}]
    text = (f"{TOWN_NAME}寄宿制小学：候选学校{C1}（本镇保留的小学中 2025 学年小学生最多，201 人），四至六年级走读单程"
            "超过 30 分钟、按规则须寄宿的 9 人；须新建宿舍床位 50 张、400 平方米、164.00 万元，每年寄宿生管理费用 "
            "1.35 万元。建议：为按规则须寄宿的 9 名学生新建床位（寄宿生不足 50 人，仍不计为寄宿制小学）。")
    # the rows are in plan.json and read back
    doc = layout_json(plan.outcome)
    assert layout_from_json(doc).rules[OPTIONS_KEY] == doc["rules"][OPTIONS_KEY]
    check_plan(plan.problem, doc)  # the independent checker reads the plan with its rows
    # 表 2 prints the option; the note points to it and says it once
    word = Document(str(write_layout_docx(plan.outcome, tmp_path / "plan.docx", county="示例县")))
    rows = [[c.text for c in r.cells] for r in word.tables[1].rows]
    assert [f"{TOWN_NAME}寄宿制小学", "本方案不设；或" + text.split("：", 1)[1],
            "调整前后对比的说明“本方案不满足”"] in rows
    paragraphs = [p.text for p in word.paragraphs]
    assert [p for p in paragraphs if p.endswith(TABLE_REF)]
    assert not [p for p in paragraphs if text in p]
    # the workbook's 调整前后对比 notes print it in full, after the note naming the town
    sheet = [[c.value for c in r] for r in load_workbook(
        write_layout_xlsx(plan.outcome, tmp_path / "plan.xlsx"))["调整前后对比"].iter_rows()]
    notes = [r[1] for r in sheet if r[0] == "说明"]
    at = notes.index(text)
    assert notes[at - 1].endswith("如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用（按本方案单价）如下：")
    # the 求解信息 settings do not print the rows as a setting
    info = [str(c.value) for r in load_workbook(tmp_path / "plan.xlsx")["求解信息"].iter_rows() for c in r]
    assert not [c for c in info if "town_name" in c or "'stage'" in c]


def test_a_town_where_nobody_needs_to_board_is_advised_against():
    plan = plan_layout(town(False), config())
    # no pupil beyond 30 minutes: 0 boarders at C1 (60 + 30 + 12 = 102 of grades 4–6 and 90
    # of grades 1–3: 192); the least boarding school is min_boarders 50 beds: 1 block of
    # 50, 400 m², 400 × 4,100 = 1,640,000 元; yearly 0 × 1,500 = 0
    [row] = plan.outcome.rules[OPTIONS_KEY]
    assert (row["school_id"], row["pupils"], row["boarders"], row["beds"], row["area_m2"],
            row["yuan"], row["yearly_yuan"], row["recommended"]) == (C1, 192, 0, 50, 400.0, 1_640_000.0, 0.0, False)
    assert option_texts(plan.outcome.rules, 2025) == [
        f"{TOWN_NAME}寄宿制小学：候选学校{C1}（本镇保留的小学中 2025 学年小学生最多，192 人），四至六年级走读单程超过 30 分钟、"
        "按规则须寄宿的 0 人；如仍按规划目标设寄宿制小学，须建宿舍床位 50 张（计为寄宿制学校的最少寄宿生数 50）、400 平方米、"
        "164.00 万元，每年寄宿生管理费用 0 万元（无寄宿生）。不建议：该镇无需寄宿学生，建成的床位无人住。"]


def test_a_plan_meeting_the_rule_has_no_option():
    # with 100 beds at C1 village 4's 9 board there: 9 boarders meet a rule of 9
    plan = plan_layout(town(True, c1_beds=100), load_layout_config(
        None, new_sites="none", boarding_per_town=True, target_year=2025, weights=FLAT_COSTS,
        today_shares=False, min_boarders=9))
    assert OPTIONS_KEY not in plan.outcome.rules
