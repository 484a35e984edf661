"""Brief htrule (review rv17 finding 2): the demo's 布局调整方案 states rule (T) among its rules
and says, at 新区实验学校, which of its rooms are built only because 2030 needs them and what
borrowing them would give, its figures re-derived here from plan.json."""

from __future__ import annotations

import json

from demo_helpers import docx_text

NAME = "洛北县新区实验学校"


def test_the_plan_states_rule_t_once_among_its_rules(demo_run):
    from docx import Document

    doc = Document(str(demo_run.out / "布局调整方案.docx"))
    rows = [r.cells[0].text for t in doc.tables for r in t.rows if r.cells[0].text.startswith("规则：学位缺口持续不超过该年数")]
    assert len(rows) == 1 and "；本方案扩建的学校（新建教室在规划年及以前投入使用），规划年所需教室一并新建、不以临时周转解决，" \
        "规划年的班级不到其他学校借用校舍上课；0 为一律建设" in rows[0]
    text = docx_text(demo_run.out / "布局调整方案.docx")
    assert text.count("本方案扩建的学校（新建教室在规划年及以前投入使用）") == 1
    # the new school's note no longer says an expansion borrows such rooms (第三初级中学 builds them)
    assert "现有学校扩建遇此情况以临时周转解决" not in text
    assert "现有学校扩建的，规划年所需教室一并新建，规划年不需用的以临时周转解决）" in text


def test_the_new_district_line_says_its_rooms_built_for_2030_and_what_borrowing_would_give(demo_run):
    plan = json.loads((demo_run.out / "layout" / "plan.json").read_text(encoding="utf-8"))
    sid = next(s["school_id"] for s in plan["schools"] if s["name"] == NAME)
    need = {r["year"]: r["overflow"] for r in plan["transition"]
            if (r["school_id"], r["stage"]) == (sid, "junior") and r["year"] >= 2029}
    # 6 rooms in use from 2029: rooms 5–6 needed 2029–2030 only (2 years ≤ 3, none in 2033);
    # rooms 3–4 2029–2032 (4 years): 2 rooms × 42 万元 = 84.00 万元, 2 × 2 = 4 间·学年 × 2 万元 = 8.00 万元
    assert need == {2029: 6, 2030: 6, 2031: 4, 2032: 4, 2033: 2}
    text = docx_text(demo_run.out / "布局调整方案.docx")
    line = text[text.index(f"{NAME}（按 2030 学年需求新建初中教室 6 间"):]
    line = line[:line.index("上课") + 2]
    # where 2030's 2 classes would go: the plan's lending rule, the nearest school with spare
    # rooms within 3 km (hborrow: 第三小学, 2.7 km)
    assert line.endswith("2033 学年闲置 4 间；其中 2 间只在 2029—2030 学年需用（未超过临时周转年限 3 年），因本校扩建，"
                         "规划年 2030 学年所需教室一并新建、不以临时周转解决，若改为临时周转，可少建 2 间、省 84.00 万元，"
                         "另付周转费 8.00 万元（4 间·学年），规划年 2030 学年须 2 个初中班在洛北县第三小学（直线 2.7 公里）上课")
