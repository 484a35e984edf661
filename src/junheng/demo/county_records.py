"""县级年度数据 and 县级认定: the county's spending, pay and surveys by year, and its attestations.

Spending grows 3–6% a year from a base sized to the county's pupils, except that per-pupil
junior spending dips once (two years before the first school year), so a "两个只增不减" check
has a year to catch. Pay keeps teachers at v1's 教师平均工资收入水平与公务员之比; 社会认可度 of
each demo year is v1's 县级指标 value (earlier years step back from it). A snapshot lists money
for the fiscal years before its school year and surveys up to its school year.

Attestations: no veto item (all 否), 基本均衡 recognised in a year drawn once, the 2012 work
areas met, most 2017 and 2020 items met; 质量监测 and 幼师工资 are attested 否 until the second
year and the fifth year respectively, so a verdict reading them has something to decide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from junheng.demo.facilities import funding_quota
from junheng.model.county_items import FIGURES_BY_CODE

HISTORY = 5  # fiscal years before the first school year
UNMET_UNTIL = {"academic_monitoring": 1, "preschool_teacher_pay": 4}
MET = ("layout_planning", "school_building_standard", "staffing_allocation",
       "school_charter_informatization", "ict_teaching", "moral_education_culture",
       "curriculum", "homework_burden", "gov_enrolment_access", "gov_funding_guarantee",
       "gov_teacher_workforce", "gov_quality_management", "preschool_planning",
       "preschool_funding", "preschool_no_primary_tendency", "province_school_standard",
       "kindergarten_conditions")
VETO = ("exam_admission", "irregular_school_choice", "key_schools", "key_classes")


@dataclass(frozen=True)
class FigureBase:
    """What the county's money figures grow from (drawn once)."""

    first_year: int
    pupils: float
    growth: np.ndarray  # per figure, per year
    recognised_year: int
    civil_pay: float


def figure_base(first_year: int, pupils: float, rng: np.random.Generator) -> FigureBase:
    return FigureBase(first_year, pupils, rng.uniform(0.03, 0.06, (4, 40)),
                      int(rng.integers(2014, 2020)), float(rng.uniform(72_000, 82_000)))


def _grown(base: float, growth: np.ndarray, years: np.ndarray, first_year: int) -> np.ndarray:
    """``base`` in the first year, compounded forwards and backwards by yearly growth."""
    steps = years - first_year
    out = []
    for step in steps:
        g = growth[np.arange(abs(step)) % len(growth)]
        out.append(base * np.prod(1 + g) if step >= 0 else base / np.prod(1 + g))
    return np.array(out)


def _money(base: FigureBase, years: np.ndarray) -> dict[str, np.ndarray]:
    first = base.first_year
    public = _grown(base.pupils * 1.05, base.growth[0], years, first)  # 万元
    primary = _grown(10_000.0, base.growth[1], years, first)
    junior = _grown(13_600.0, base.growth[2], years, first)
    junior = np.where(years == first - 2, junior * 0.96, junior)  # the one dip
    quotas = np.array([funding_quota(int(y)) for y in years])
    return {"public_education_spending": np.round(public, 0),
            "total_education_spending": np.round(public * 1.24, 0),
            "primary_public_spending_per_pupil": np.round(primary, 0),
            "junior_public_spending_per_pupil": np.round(junior, 0),
            "primary_public_funding_per_pupil": quotas[:, 0] + 35.0,
            "junior_public_funding_per_pupil": quotas[:, 1] + 45.0}


def figure_rows(base: FigureBase, year: int, recognition: dict[int, float],
                pay_ratio: dict[int, float]) -> pd.DataFrame:
    """县级年度数据 of the snapshot for school year ``year``."""
    money_years = np.arange(base.first_year - HISTORY, year)
    rows = [(int(y), code, float(v)) for code, values in _money(base, money_years).items()
            for y, v in zip(money_years, values, strict=True)]
    civil = _grown(base.civil_pay, base.growth[3], money_years, base.first_year)
    for y, pay in zip(money_years, civil, strict=True):
        ratio = pay_ratio.get(int(y), pay_ratio[min(pay_ratio)] - 0.005 * (min(pay_ratio) - y))
        rows += [(int(y), "civil_servant_average_pay", float(round(pay, -1))),
                 (int(y), "teacher_average_pay", float(round(pay * ratio, -1)))]
    for y in range(base.first_year - HISTORY, year + 1):
        seen = recognition.get(y, recognition[min(recognition)] - 0.02 * (min(recognition) - y))
        rows += [(y, "social_recognition", round(seen, 3)),
                 (y, "public_satisfaction", round(min(seen + 0.04, 0.99), 3))]
    frame = pd.DataFrame(rows, columns=["year", "figure", "value"])
    frame["unit"] = frame["figure"].map(lambda f: FIGURES_BY_CODE[f].unit)
    frame["evidence"] = frame.apply(_evidence, axis=1)
    return frame.sort_values(["year", "figure"], ignore_index=True)


def _evidence(row: pd.Series) -> str:
    if row["figure"] in ("social_recognition", "public_satisfaction"):
        return f"第三方机构 {row['year']} 年满意度调查"
    if row["figure"].endswith("_pay"):
        return f"县人社局 {row['year']} 年度工资收入统计"
    return f"县财政局 {row['year']} 年教育经费决算"


def attestation_rows(base: FigureBase, year: int) -> pd.DataFrame:
    """县级认定 of the snapshot for school year ``year``."""
    k = year - base.first_year
    rows = [{"item": item, "answer": False, "year": None,
             "evidence": f"县教育局 {year} 年招生入学工作自查报告（经县政府教育督导室核查）"}
            for item in VETO]
    rows.append({"item": "basic_balance_recognised", "answer": True,
                 "year": base.recognised_year,
                 "evidence": f"教育部 {base.recognised_year} 年义务教育发展基本均衡县认定文件"})
    rows += [{"item": item, "answer": True, "year": None,
              "evidence": f"县教育局 {year} 年督导评估自评材料"} for item in MET]
    rows += [{"item": item, "answer": k >= until, "year": None,
              "evidence": f"县教育局 {year} 年督导评估自评材料"} for item, until in UNMET_UNTIL.items()]
    return pd.DataFrame(rows)
