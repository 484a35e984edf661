"""On the demo county the three towns the plan leaves without a boarding school get their
priced option (rv16 finding 5: 「如要达到，须另行决定在这些乡镇建设寄宿制学校」 with no option and
no cost, beside a 表 2 where every other decision is priced): the candidate, the pupils who
board by the rule, beds, m², 万元, yearly cost and the verdict, in plan.json, 表 2 and the
workbook's notes."""

from __future__ import annotations

import json

import pytest
from docx import Document
from openpyxl import load_workbook

from junheng.planning.layout_board_option import OPTIONS_KEY

#: (town, stage, candidate, its 2030 pupils of the stage): each town's 中心小学 / 初级中学,
#: the largest complete school of the stage it keeps. Nobody boards there by the rule: the
#: longest trips of grades 4–9 to them are 16.1, 14.0, 14.5 and 19.5 minutes, under 30
CANDIDATES = [("石店镇", "primary", "石店镇中心小学", 553), ("青口镇", "primary", "青口镇中心小学", 687),
              ("黄城镇", "primary", "黄城镇中心小学", 835), ("黄城镇", "junior", "黄城镇初级中学", 684)]


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run.out


def test_each_town_without_a_boarding_school_has_its_priced_option(demo):
    rows = json.loads((demo / "layout" / "plan.json").read_text(encoding="utf-8"))["rules"][OPTIONS_KEY]
    assert [(r["town_name"], r["stage"], r["school_name"], r["pupils"]) for r in rows] == CANDIDATES
    # no boarder: the least boarding school, min_boarders 50 beds = 1 block of 50; 50 × 8 m² =
    # 400 m²; 400 × 4,100 元 (the dormitory price of costs.yaml, the cited 批复's 工程费用 rate)
    # = 1,640,000 元; yearly 0
    assert {(r["boarders"], r["beds_now"], r["beds"], r["area_m2"], r["yuan"], r["yearly_yuan"],
             r["recommended"]) for r in rows} == {(0, 0, 50, 400.0, 1_640_000.0, 0.0, False)}


def test_table_2_prints_the_options_alike_once_and_the_note_points_to_them(demo):
    # review rv27 8: the four towns and stages nobody must board in, at the same 164.00 万元,
    # are one row: the towns, the candidates, the price once (4 × 164.00 = 656.00 万元), the verdict
    doc = Document(str(demo / "布局调整方案.docx"))
    said = {r.cells[0].text: r.cells[1].text for r in doc.tables[1].rows}
    assert not {f"{town}寄宿制{'小学' if stage == 'primary' else '初中'}" for town, stage, _, _ in CANDIDATES} & set(said)
    assert said["石店镇、青口镇、黄城镇寄宿制小学，黄城镇寄宿制初中"] == (
        "本方案不设。候选学校（本镇保留的该学段学校中 2030 学年该学段学生最多的）为"
        + "、".join(f"{school} {pupils} 人" for _, _, school, pupils in CANDIDATES)
        + "，四至九年级走读单程超过 30 分钟、按规则须寄宿的均为 0 人。如仍按规划目标设寄宿制学校，每所须建宿舍床位 50 张"
        "（计为寄宿制学校的最少寄宿生数 50）、400 平方米、164.00 万元，4 所共 656.00 万元，无寄宿生。不建议：这些乡镇无需"
        "寄宿学生，建成的床位无人住。")
    texts = [p.text for p in doc.paragraphs]
    assert not [t for t in texts if "须另行决定" in t]
    assert [t for t in texts if t.startswith("说明：本方案不满足：石店镇、青口镇、黄城镇不设寄宿制小学") and t.endswith(
        "如要达到，各乡镇的候选学校、按规则须寄宿的学生、所需床位和费用见“需局务会决定的事项”表各乡镇寄宿制学校行。")]


def test_the_workbook_notes_print_the_options_in_full(demo):
    sheet = load_workbook(demo / "layout" / "布局调整方案工作簿.xlsx", read_only=True)["调整前后对比"]
    notes = [r[1] for r in sheet.iter_rows(values_only=True) if r and r[0] == "说明"]
    at = next(k for k, n in enumerate(notes) if str(n).startswith("本方案不满足：石店镇"))
    assert notes[at].endswith("所需床位和费用（按本方案单价）如下：")
    assert [n.split("：")[0] for n in notes[at + 1:at + 5]] == [
        "石店镇寄宿制小学", "青口镇寄宿制小学", "黄城镇寄宿制小学", "黄城镇寄宿制初中"]
    assert all(n.endswith("不建议：该镇无需寄宿学生，建成的床位无人住。") for n in notes[at + 1:at + 5])
