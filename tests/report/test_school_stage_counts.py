"""Tables whose rows are school-学段 are counted as schools by 所, the 学段 beside (review rv20 6:
the 整改措施 said 「表中 11 所学校」 and the 自评报告 「学校 10 所」 of one list of 11 rows, 10
schools; rv20 7: 「10 所学校共认定 22 人」 were 9 schools, 桃桥镇九年制学校 in both 学段): one
count, :func:`junheng.model.labels.schools_stages`, in both documents."""

from __future__ import annotations

from junheng.model.labels import schools_stages
from junheng.planning.standard_margins import margin_risk
from junheng.report.compliance_backbone_docx import backbone_words, cv_text
from junheng.report.compliance_brief import risk_summary

ROW = {
    "pupils": 600,
    "label": "每百名学生拥有网络多媒体教室数",
    "others_below": 1,
    "allowed_below": 1,
}
# 桃桥 in both 学段, 红林 once: 3 rows, 2 schools; 桃桥's 小学 has no other indicator below
MARGINS = [
    {**ROW, "name": "桃桥镇九年制学校", "stage": "junior", "margin": 2},
    {**ROW, "name": "红林镇初级中学", "stage": "junior", "margin": 2},
    {**ROW, "name": "桃桥镇九年制学校", "stage": "primary", "margin": 3, "others_below": 0},
]


def test_the_rule():
    assert (
        schools_stages([("甲", "primary"), ("甲", "junior"), ("乙", "junior")])
        == "2 所学校（3 个学段）"
    )
    assert schools_stages([("甲", "primary"), ("乙", "junior")]) == "2 所学校"
    assert schools_stages([]) == "0 所学校"


def test_both_documents_count_the_risk_list_alike():
    """The 整改措施's 风险 (margin_risk) and the 自评报告's (risk_summary): 2 schools, 3 学段; the 2
    rows with 1 indicator already below are 2 schools (桃桥 初中, 红林)."""
    plan = margin_risk(MARGINS)
    assert plan.startswith("风险：表中 2 所学校（3 个学段）按规划年预测的学生数达到标准")
    assert "；其中 2 所学校已有 1 项指标低于标准，" in plan
    said = risk_summary({"standard_margins": MARGINS}, "", "乙表")
    assert said.startswith(
        "风险：达到标准但余量小于招生预测误差的有 2 所学校（3 个学段），余量最小的是"
        "桃桥镇九年制学校 2 人、红林镇初级中学 2 人。"
    )


def test_the_85_rule_list_counts_schools_already_said_by_school():
    """By the 85 % rule: 桃桥 初中 (its 小学 is among the 2 above) and 竹关: 2 schools, 1 of them
    (桃桥) already among the 2 schools above: 3 schools in all."""
    floor = {
        "floor": 0.85,
        "share": 0.902,
        "label": "每百名学生拥有县级以上骨干教师数",
        "appoint": 1,
    }
    rows = [
        MARGINS[1],
        MARGINS[2],
        {**floor, "name": "桃桥镇九年制学校", "stage": "junior", "margin": 41},
        {**floor, "name": "竹关镇九年制学校", "stage": "junior", "margin": 81},
    ]
    assert (
        "表中按“其余指标不低于 85%”计达标、余量小于预测误差或待骨干教师认定的有 2 所学校（其中 1 所已在上述 2 所学校"
        "之中，另有 1 所）："
    ) in margin_risk(rows)


def test_the_backbone_count_is_of_schools():
    """3 rows, 2 schools: 桃桥 6 + 2 and 红林 1 = 9 to 认定, as in the 整改措施, the 自评报告 and the
    workbook's 培养认定 sheet (all three from backbone_words / write_backbone)."""
    schools = [
        {"name": "桃桥镇九年制学校", "stage": "primary"},
        {"name": "桃桥镇九年制学校", "stage": "junior"},
        {"name": "红林镇中心小学", "stage": "primary"},
    ]
    b = {
        "criteria": {"text": "专任教师", "procedure": "评审认定"},
        "schools": schools,
        "total": 9,
        "cvs": [
            {
                "stage": "primary",
                "name": "每百名学生拥有县级以上骨干教师数",
                "limit": 0.5,
                "after": 0.41,
                "without": 0.49,
            }
        ],
        "schools_short": schools,
    }
    doc = {
        "backbone_training": b,
        "target_year": 2030,
        "actions": [],
        "costs": {"items": {"backbone_training": {"unit_cost": 0.5}}},
    }
    assert "2 所学校（3 个学段）共认定 9 人，逐校见表" in backbone_words(doc)[0]
    assert "但认定人数不足时，表中 2 所学校（3 个学段）均不再达到学校达标要求" in cv_text(b, 2030)
