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
    # the 自评报告 says the route and the county's re-check in one sentence (brief hshort4)
    assert any(p.startswith("体育运动场馆面积本校用地放不下的 2 所学校（洛北县实验中学、洛北县第四中学）：待决策的途径为"
                            "置换或征用相邻用地建室外运动场，约 1,350.30 万元，未计入本方案总投资，须经自然资源部门确认用地，"
                            "确认后最早 2030 学年投入使用；"  # rv15 2: no year in hand on land not granted
                            "采用后全县仍不能通过复核。") for p in texts["自评报告.docx"])
    for name in ("compliance/整改措施.docx",):
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


def test_no_school_sends_a_teacher_it_must_hire_for(texts):
    # 4: plan.json's staffing leaves every 初中 at its 编制 and none with a surplus; hrot5 rotated
    # 7 out of four of them and hired 7 in their posts (350.00 万元 the solve did not weigh).
    # With the hires in the model (brief hrot6) a rotation there costs the hire too: none is
    # made, and no sentence says who fills a post
    said = texts["compliance/整改措施.docx"]
    assert not any("调出交流教师的学校交流期间在岗教师相应减少" in p for p in said)
    assert not any("顶岗招聘教师" in p for p in said)
