"""What a county states about itself: 县级指标 names, 县级年度数据 figures, 县级认定 items.

Each table is the one place its Chinese names map to English codes. 县级指标 keeps its v1
``indicator_code`` column, but a v2 workbook may leave it empty and pick the Chinese
指标名称 from the drop-down (:func:`indicator_code_of` maps it). 县级年度数据 and 县级认定
are enumerations whose short labels fit an Excel drop-down.

Sources: 教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》(veto items, prerequisite,
attested items); 教督〔2012〕3号《县域义务教育均衡发展督导评估暂行办法》(the county
government's work in four areas, public satisfaction ≥ 85%); 教督〔2020〕1号《县域学前教育普及
普惠督导评估办法》(preschool funding standards, pay parity of teachers outside the quota).
docs/workbook.md lists them with their links.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class CountyItem:
    """One named figure: its code, the label users pick, its unit and whether it is a share."""

    code: str
    label: str
    unit: str
    share: bool = False
    aliases: tuple[str, ...] = ()


INDICATORS: tuple[CountyItem, ...] = (
    CountyItem("teacher_pay_ratio", "教师平均工资收入水平与当地公务员平均工资收入水平之比", "比值",
               aliases=("教师平均工资收入水平与公务员平均工资收入水平之比",)),
    CountyItem("quality_hs_quota_share", "优质普通高中招生名额分配到区域内初中的比例", "比例", True,
               aliases=("优质高中招生名额分配比例",)),
    CountyItem("migrant_public_share", "随迁子女在公办学校和政府购买学位就读的比例", "比例", True),
    CountyItem("disabled_enrolment_rate", "适龄残疾儿童少年入学率", "比例", True,
               aliases=("残疾儿童少年入学率",)),
    CountyItem("junior_retention_rate", "初中三年巩固率", "比例", True),
    CountyItem("satisfaction_rate", "社会认可度（群众满意度）", "比例", True,
               aliases=("社会认可度", "群众满意度")),
    CountyItem("rotation_eligible_teachers", "符合交流轮岗条件的教师数", "人"),
    CountyItem("special_education_funding_per_student", "特殊教育学校生均公用经费", "元"),
    CountyItem("public_satisfaction_rate", "基本均衡公众满意度", "比例", True,
               aliases=("公众满意度",)),
    CountyItem("preschool_pay_parity", "公办园非在编教师与在编教师平均工资收入之比", "比值"),
    CountyItem("preschool_public_funding_standard", "公办园生均公用经费财政拨款标准", "元"),
    CountyItem("preschool_private_subsidy_standard", "普惠性民办园生均财政补助标准", "元"),
)
"""县级指标 the engines read, by code (v1's seven first)."""

FIGURES: tuple[CountyItem, ...] = (
    CountyItem("total_education_spending", "教育总投入", "万元"),
    CountyItem("public_education_spending", "一般公共预算教育支出", "万元"),
    CountyItem("primary_public_spending_per_pupil", "生均一般公共预算教育经费（小学）", "元"),
    CountyItem("junior_public_spending_per_pupil", "生均一般公共预算教育经费（初中）", "元"),
    CountyItem("primary_public_funding_per_pupil", "生均公用经费（小学）", "元"),
    CountyItem("junior_public_funding_per_pupil", "生均公用经费（初中）", "元"),
    CountyItem("public_satisfaction", "满意度", "比例", True),
    CountyItem("social_recognition", "社会认可度", "比例", True),
    CountyItem("teacher_average_pay", "教师平均工资收入", "元"),
    CountyItem("civil_servant_average_pay", "公务员平均工资收入", "元"),
)
"""县级年度数据: county figures by calendar year (spending, pay, surveys)."""

FIGURE_CHOICES: dict[str, str] = {f.label: f.code for f in FIGURES}
FIGURES_BY_CODE: dict[str, CountyItem] = {f.code: f for f in FIGURES}
INDICATORS_BY_CODE: dict[str, CountyItem] = {i.code: i for i in INDICATORS}


@dataclass(frozen=True)
class AttestationItem:
    """One item a county attests with evidence (县级认定).

    ``kind`` says what 认定结果 是 means: ``veto`` — the county does it, which fails the
    2017 verdict by one vote; ``recognition`` — recognised, in the year given;
    ``requirement`` — the requirement is met.
    """

    code: str
    label: str
    standard: str
    kind: str
    text: str


ATTESTATIONS: tuple[AttestationItem, ...] = (
    AttestationItem("exam_admission", "以考试方式招生", "quality-2017", "veto",
                    "存在以考试方式招生的情况（是＝存在，一票否决）"),
    AttestationItem("irregular_school_choice", "违规择校", "quality-2017", "veto",
                    "存在违规择校的情况（是＝存在，一票否决）"),
    AttestationItem("key_schools", "设重点校", "quality-2017", "veto",
                    "设置重点学校（是＝存在，一票否决）"),
    AttestationItem("key_classes", "设重点班", "quality-2017", "veto",
                    "设置重点班（是＝存在，一票否决）"),
    AttestationItem("basic_balance_recognised", "基本均衡认定", "quality-2017", "recognition",
                    "县域义务教育发展基本均衡通过国家认定（是＝已认定，须填认定年份）"),
    AttestationItem("layout_planning", "规划布局合理", "quality-2017", "requirement",
                    "县域内义务教育学校规划布局合理，符合国家规定要求"),
    AttestationItem("school_building_standard", "办学标准落实", "quality-2017", "requirement",
                    "县级人民政府制定义务教育学校办学标准，并认真落实"),
    AttestationItem("staffing_allocation", "编制岗位统筹", "quality-2017", "requirement",
                    "在核定的教职工编制总额和岗位总量内统筹调配各校编制和岗位数量"),
    AttestationItem("school_charter_informatization", "章程与信息化", "quality-2017",
                    "requirement", "所有学校制定章程，实现学校管理与教学信息化"),
    AttestationItem("ict_teaching", "信息化教学", "quality-2017", "requirement",
                    "教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平"),
    AttestationItem("moral_education_culture", "德育与校园文化", "quality-2017", "requirement",
                    "所有学校德育工作、校园文化建设水平达到良好以上"),
    AttestationItem("curriculum", "课程开齐开足", "quality-2017", "requirement",
                    "课程开齐开足，教学秩序规范，综合实践活动有效开展"),
    AttestationItem("homework_burden", "无过重课业负担", "quality-2017", "requirement",
                    "无过重课业负担"),
    AttestationItem("academic_monitoring", "质量监测达标", "quality-2017", "requirement",
                    "国家义务教育质量监测相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于 0.15"),
    AttestationItem("province_school_standard", "学校达到省定办学基本标准", "basic-2012",
                    "requirement", "县域内义务教育学校均达到本省义务教育学校办学基本标准（数据未涵盖的条目）"),
    AttestationItem("gov_enrolment_access", "政府工作：入学机会", "basic-2012", "requirement",
                    "县级人民政府推进义务教育均衡发展工作：入学机会达到要求"),
    AttestationItem("gov_funding_guarantee", "政府工作：保障机制", "basic-2012", "requirement",
                    "县级人民政府推进义务教育均衡发展工作：保障机制达到要求"),
    AttestationItem("gov_teacher_workforce", "政府工作：教师队伍", "basic-2012", "requirement",
                    "县级人民政府推进义务教育均衡发展工作：教师队伍达到要求"),
    AttestationItem("gov_quality_management", "政府工作：质量与管理", "basic-2012",
                    "requirement", "县级人民政府推进义务教育均衡发展工作：质量与管理达到要求"),
    AttestationItem("preschool_planning", "幼儿园布局规划", "preschool-2020", "requirement",
                    "制定并实施幼儿园布局规划，城镇小区配套园办成公办园或普惠性民办园"),
    AttestationItem("preschool_funding", "学前经费标准", "preschool-2020", "requirement",
                    "公办园生均财政拨款标准或生均公用经费标准、普惠性民办园补助标准制定并落实"),
    AttestationItem("preschool_teacher_pay", "幼师工资保障", "preschool-2020", "requirement",
                    "公办园教师工资待遇保障到位"),
    AttestationItem("kindergarten_conditions", "幼儿园办园条件", "preschool-2020", "requirement",
                    "所有幼儿园办园条件达到规定要求（园舍、户外活动场地、玩教具和图画书配备）"),
    AttestationItem("preschool_no_primary_tendency", "无小学化倾向", "preschool-2020",
                    "requirement", "科学保教要求落实，幼儿园无“小学化”倾向"),
)
"""县级认定 items (the codes of attested items are the standards' indicator ids)."""

ATTESTATION_CHOICES: dict[str, str] = {a.label: a.code for a in ATTESTATIONS}
ATTESTATIONS_BY_CODE: dict[str, AttestationItem] = {a.code: a for a in ATTESTATIONS}
VETO_ITEMS = tuple(a.code for a in ATTESTATIONS if a.kind == "veto")

_BRACKETS = str.maketrans({"(": "（", ")": "）"})


def _normalised(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    return re.sub(r"\s+", "", text)


_CODE_OF_NAME: dict[str, str] = {
    _normalised(name): item.code for item in INDICATORS for name in (item.label, *item.aliases)}


def indicator_code_of(name: object) -> str | None:
    """The 县级指标 code of a Chinese 指标名称 (spaces and bracket width ignored), else None.

    Examples
    --------
    >>> indicator_code_of("初中三年巩固率"), indicator_code_of(" 社会认可度 (群众满意度) ")
    ('junior_retention_rate', 'satisfaction_rate')
    >>> indicator_code_of("本县自定指标") is None
    True
    """
    if not isinstance(name, str):
        return None
    return _CODE_OF_NAME.get(_normalised(name))
