"""On the demo county the signed 布局调整方案 names every 教学点 kept as 应留必留, with its 乡镇,
pupils and reason (audit haudit 1: only the workbook's 调整方案 sheet and plan.json named the 6
points; the document gave the general rule alone)."""

from __future__ import annotations

import pytest
from docx import Document

from junheng.jobs.layout import write_layout_document
from junheng.report.layout_sections import KEPT_TITLE


@pytest.mark.slow
def test_every_kept_point_is_in_the_document_with_its_reason(demo_years, demo_run, tmp_path):
    # the demo's own plan (PLAN_DAY); until 2026-12-07 a second solve of the demo county dated
    # 2026-06-01 (38 s of the suite) served this test alone with test_plan_day's notes
    plan = demo_run.plan.outcome
    path = write_layout_document(plan, demo_years[-1], tmp_path)
    doc = Document(str(path))
    titles = [p.text for p in doc.paragraphs if p.text.endswith(KEPT_TITLE)]
    assert len(titles) == 1
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == [
        "学校", "乡镇", "现有在校生", f"{plan.target_year} 学年预计", "理由"])
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    kept = {s.name: [s.name[:3], str(s.students_now), str(s.students_expected),
                     plan.kept_reasons[s.school_id]] for s in plan.schools
            if plan.kept_reasons.get(s.school_id, "").startswith("应留必留")}
    # the 6 points of the demo (audit haudit), each in its 乡镇, with its pupils and its reason
    assert sorted(kept) == ["古岭乡前泉庄村教学点", "古岭乡王后庄村教学点", "古岭乡邵河村教学点",
                            "马沟镇杜营村教学点", "马沟镇田大河村教学点", "马沟镇蔡家河村教学点"]
    assert rows == kept
    assert rows["马沟镇田大河村教学点"][0:2] == ["马沟镇", "23"]
    assert rows["马沟镇田大河村教学点"][3] == (
        "应留必留：田大河村的一至三年级学生在通行时间限制内（走读单程 30 分钟，一至三年级不寄宿；教学点的一至三年级"
        "转学单程不超过需论证的 20 分钟）没有本乡镇其他可接收的完全学校。田大河村最近的可接收学校为马沟镇东枣岭村小学，"
        "一至三年级单程 31.5 分钟，超过走读上限 30 分钟，且不安排一至三年级寄宿。")
    # rv18 audit 2: each point says in minutes why, from the plan's travel (the same trips as
    # （三）(1)'s 「田大河村四至六年级…单程 31.5 分钟」 and 「邵河村四至六年级…单程 34.0 分钟」)
    assert rows["古岭乡邵河村教学点"][3].endswith(
        "邵河村最近的可接收学校为古岭乡大龙堡村小学，一至三年级单程 34.0 分钟，超过走读上限 30 分钟，且不安排一至三年级寄宿。")
    assert rows["古岭乡王后庄村教学点"][3].endswith(
        "王后庄村最近的可接收学校为古岭乡大龙堡村小学，一至三年级单程 29.1 分钟，超过教学点一至三年级转学需论证的 20 分钟，"
        "待论证（建议保留），是否转学经论证、听证由局务会决定。")  # rv29 11: the 论证 is not the plan's to skip
    assert rows["古岭乡前泉庄村教学点"][3].endswith(
        "一至三年级单程 25.5 分钟，超过教学点一至三年级转学需论证的 20 分钟，待论证（建议保留），是否转学经论证、听证由局务会决定。")
    lead = [p.text for p in doc.paragraphs if p.text.startswith("以下 6 个教学点应留必留")]
    assert lead == ["以下 6 个教学点应留必留，保留不撤并（其中 2 个待论证，建议保留），理由如下表。"]
