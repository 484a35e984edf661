"""县级指标: items measured outside the schools' own data, improving a little every year."""

from __future__ import annotations

import numpy as np
import pandas as pd

# code, Chinese name, first-year value, yearly change, evidence
COUNTY_INDICATORS: tuple[tuple[str, str, float, float, str], ...] = (
    ("teacher_pay_ratio", "教师平均工资收入水平与当地公务员平均工资收入水平之比", 1.02, 0.005,
     "县人社局、财政局 {year} 年度工资收入统计"),
    ("quality_hs_quota_share", "优质普通高中招生名额分配到区域内初中的比例", 0.46, 0.04,
     "县教育局 {year} 年普通高中招生指标分配方案"),
    ("migrant_public_share", "随迁子女在公办学校和政府购买学位就读的比例", 0.87, 0.012,
     "县教育局 {year} 年随迁子女入学统计"),
    ("disabled_enrolment_rate", "适龄残疾儿童少年入学率", 0.93, 0.015,
     "县残联、县教育局 {year} 年残疾儿童少年入学核查"),
    ("junior_retention_rate", "初中三年巩固率", 0.962, 0.004, "全国中小学生学籍系统 {year} 年数据"),
    ("satisfaction_rate", "社会认可度（群众满意度）", 0.84, 0.02, "第三方机构 {year} 年满意度调查"),
)
ELIGIBLE_CODE = "rotation_eligible_teachers"
ELIGIBLE_NAME = "符合交流轮岗条件的教师数"


def county_indicator_rows(year: int, year_index: int, eligible_teachers: int,
                          rng: np.random.Generator) -> pd.DataFrame:
    """县级指标 rows of one year; shares as decimals, the eligible-teacher count as a number."""
    rows = []
    for code, name, first, step, evidence in COUNTY_INDICATORS:
        value = min(first + step * year_index + rng.normal(0, 0.003), 0.995)
        rows.append({"indicator_code": code, "indicator_name": name, "value": round(value, 3),
                     "evidence": evidence.format(year=year)})
    rows.append({"indicator_code": ELIGIBLE_CODE, "indicator_name": ELIGIBLE_NAME,
                 "value": float(eligible_teachers),
                 "evidence": f"县教育局 {year} 年教师交流轮岗摸底（同校连续任教满 6 年，男 55 岁、女 50 岁以下）"})
    return pd.DataFrame(rows)
