"""Brief hwords3 (issue 16, review rv9): sentences of the demo's documents a 督学 would circle,
now said so that they do not contradict the plan or themselves (the 分流下限 remedy is checked
in test_demo_plain_words)."""

from __future__ import annotations

import pytest
from docx import Document

#: the documents a planner reads, under the demo's folder
DOCS = ("布局调整方案.docx", "compliance/整改措施.docx", "自评报告.docx")


@pytest.fixture(scope="module")
def texts(demo_run) -> dict[str, list[str]]:
    return {name: [p.text for p in Document(str(demo_run.out / name)).paragraphs] for name in DOCS}


def test_the_sports_recheck_leads_with_the_county_and_names_the_schools(texts):
    # 1: 「采用后这些学校均通过学校达标复核」 beside 「全县仍不能通过复核」 read as a pass; the two
    # schools on the land route (实验中学 8,053 m², 第四中学 949 m²) pass the school rule, the
    # county does not (小学 0.708 and 初中 0.539 over their 0.50 and 0.45)
    for name in ("compliance/整改措施.docx", "自评报告.docx"):
        said = texts[name]
        k = said.index("按评估办法复核：采用此途径后，全县仍不能通过复核。")
        assert said[k + 1] == "洛北县实验中学、洛北县第四中学补足场地后通过学校达标复核；"
        assert said[k + 2].startswith("但小学生均体育运动场馆面积差异系数达标路径实施后 0.708，采用此途径后 0.708（限值 0.50），仍超过限值")
        assert said[k + 3].startswith("初中生均体育运动场馆面积差异系数达标路径实施后 0.597，采用此途径后 0.539（限值 0.45），仍超过限值")
    assert [n for n, said in texts.items() if any("均通过学校达标复核" in p for p in said)] == []


def test_rooms_that_do_not_fit_say_the_storeys_are_unknown(texts):
    # 3: 第四小学, 新区实验学校 and 第三初级中学 in the layout (the remedy said once after the
    # three, rv10 15); 新区实验学校 in the 整改措施 and the 自评's copy (the short 教学及辅助用房
    # peaks are leased, not built: harea)
    remedy = "现有教学楼层数无数据，能否加层须现场核定，不能加层的须原址改扩建，需论证"
    layout = texts["布局调整方案.docx"]
    assert sum(p.count(remedy) for p in layout) == sum(p.count(f"放不下。以上 3 所学校{remedy}") for p in layout) == 1
    counts = {n: sum(p.count(f"放不下：{remedy}") for p in said) for n, said in texts.items() if n != "布局调整方案.docx"}
    assert counts == {"compliance/整改措施.docx": 1, "自评报告.docx": 1}
    assert [n for n, said in texts.items() if any("在现有教学楼上加层" in p for p in said)] == []


def test_each_school_that_sends_a_teacher_on_rotation_says_who_fills_its_post(texts):
    # 4: plan.json's staffing leaves every 初中 at its 编制 (第一初级中学 161 − 13 = 148,
    # 实验中学 132 + 16 = 148, 第四中学 49 + 2 = 51, 新区实验学校 32 + 19 = 51) and none with a
    # surplus, so the 2 + 1 + 3 + 1 = 7 rotated out are hired
    said = texts["compliance/整改措施.docx"]
    assert (
        "调出交流教师的学校交流期间在岗教师相应减少，交流教师的编制仍在原校（“教师配置汇总”不变），逐校补足："
        "洛北县第一初级中学调出 2 名（县管校聘调出 13 名后 148 名，恰为编制），须招聘 2 名；"
        "洛北县实验中学调出 1 名（县管校聘调入 16 名后 148 名，恰为编制），须招聘 1 名；"
        "洛北县第四中学调出 3 名（县管校聘调入 2 名后 51 名，恰为编制），须招聘 3 名；"
        "洛北县新区实验学校调出 1 名（县管校聘调入 19 名后 51 名，恰为编制），须招聘 1 名。") in said
    # brief hrot5: their pay is the plan's, 7 × 10 万元 a year for the 5 years 2030—2034
    assert ("招聘的 7 名不在“教师配置汇总”的招聘人数内，人员经费按每人每年 10 万元计每年 70.00 万元，"
            "2030—2034 学年共 350.00 万元，已计入本方案“教师招聘”的每年经常性支出。") in said
