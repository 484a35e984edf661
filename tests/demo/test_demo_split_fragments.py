"""On the demo county a paragraph cut to the 600-character limit keeps whole entries (rv8 7):
the cut falls at a full sentence, a line or a project's whole entry, never at a ； inside one
project's details, and never before an item that refers back to its school (本校, 该校,
按本方案该校, 规划年…); the integ demo had 「宿舍床位 216 张；」, 「只用于目标学年编班后仍空余的普通
教室；」 and 「本校 2027 学年起启用…」 as paragraphs of their own."""

from __future__ import annotations

import pytest
from docx import Document

DOCUMENTS = ("compliance/整改措施.docx", "自评报告.docx", "布局调整方案.docx")
#: the fragments rv8 7 quotes, each cut from the entry it belongs to in the integ demo
ORPHANS = ("宿舍床位 216 张；", "建筑面积 2,240 平方米（计入教学及辅助用房面积）；", "迁建：自竣工后的学年起按新址",
           "规划年 2030 学年 801 人", "2029 学年 3 间：借用洛北县第三小学", "只用于目标学年编班后仍空余的普通教室；")


@pytest.fixture(scope="module")
def paragraphs(demo_run) -> dict[str, list[str]]:
    return {name: [p.text for p in Document(str(demo_run.out / name)).paragraphs] for name in DOCUMENTS}


def test_no_detail_stands_alone(paragraphs):
    for name, texts in paragraphs.items():
        assert [t for t in texts if len(t) < 20 and t.endswith("；")] == [], name
        assert [t[:40] for t in texts if t.startswith(ORPHANS)] == [], name


def test_no_paragraph_opens_referring_back_to_a_school(paragraphs):
    for name, texts in paragraphs.items():
        assert [t[:40] for t in texts if t.startswith(("本校", "该校", "按本方案该校"))] == [], name


def test_the_parts_still_say_it_all_within_the_limit(paragraphs, demo_run):
    # the entries moved, not lost: 「宿舍床位 216 张」 ends the 郑沟 dormitory's entry (a 说明 of
    # the 整改措施 until brief hshort4, a row of the 方案说明 sheet it names since)
    from openpyxl import load_workbook

    sheet = load_workbook(demo_run.out / "compliance" / "达标路径工作簿.xlsx", read_only=True)["方案说明"]
    text = [str(r[1]) for r in sheet.iter_rows(values_only=True) if r[0] == "说明"]
    dorm = next(t for t in text if "郑沟镇中心小学学生宿舍楼（" in t and "宿舍床位 216 张；" in t)
    assert dorm.index("郑沟镇中心小学学生宿舍楼（") < dorm.index("宿舍床位 216 张；")
    assert max(len(t) for texts in paragraphs.values() for t in texts) <= 600
