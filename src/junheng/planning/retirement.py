"""When a teacher reaches the statutory retirement age (法定退休年龄), for the staffing
ledger's 自然减员 (:mod:`~junheng.planning.staffing_ledger`).

The rule is the 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13),
in force from 2025-01-01, and its 附件 1 (对照表):

* men: 60 before the reform, 63 after; born from 1965-01 on, the age rises one month for
  each four months of birth (1965-01 to 1965-04: 60 years 1 month, retiring 2025-02 to
  2025-05), to at most 36 months (born 1976-09 on: 63);
* women whose age was 55 (干部 and 专业技术人员, so teachers): 58 after; the same steps
  from births of 1970-01 on (1970-01 to 1970-04: 55 years 1 month), at most 36 months.

A teacher retires in the month the age is reached (born 1965-01, 60 years 1 month:
2025-02, as in the 对照表). The workbook gives the birth year only (教师 出生年份). Taking
every teacher as born in July put a whole cohort into one month (women born 1974 and men
born 1969 all in 2030-09, just after 开学: 0 retirements in the 2030 学年, two cohorts in
2031, review rv14 N7). Instead each teacher gets a birth month of their own, spread evenly
over the twelve months by the teacher's id (:func:`birth_month`: a fixed hash, so every
caller and every subset of the staff gives the same teacher the same month); a frame with a
``birth_month`` column (出生月份, when the 人事股 supplies it) uses that. A cohort then
retires across a year, as the expected value of an unknown month would have it.

>>> retirement_month("male", 1966)  # 12 + 7 months after 1965-01: ⌈19/4⌉ = 5 months later
(2026, 12)
>>> retires_by("female", 1973, 2030), retires_by("female", 1974, 2030)
(True, False)
"""

from __future__ import annotations

import math
import zlib

import pandas as pd

#: the birth month taken when neither the month nor the teacher's id is known (mid-year)
BIRTH_MONTH = 7
#: the month a school year starts: a teacher who retires before it is gone that school year
SCHOOL_YEAR_MONTH = 9
#: per sex: the age before the reform (years) and the first birth year the reform delays
RULES = {"male": (60, 1965), "female": (55, 1970)}
#: the longest delay (months): 63 for men, 58 for women
MAX_DELAY = 36
#: the rule in words (every output that prints a retirement figure says it)
RULE_TEXT = (
    "退休年龄按全国人大常委会关于实施渐进式延迟法定退休年龄的决定：2025 年 1 月起男教师 60 岁、女教师 55 岁"
    "按出生时间每 4 个月延迟 1 个月，逐步延至 63 岁、58 岁；教师表只有出生年份，出生月份按教师编号均匀分到 1—12 月"
    f"（同一年出生的教师按各月出生人数相同计），{SCHOOL_YEAR_MONTH} 月开学前达到退休年龄的计为该学年前退休；"
    "各学年退休人数随实际出生月份变化，须由县教育局人事股按人事档案的出生年月核定"
)


def retirement_month(sex: str, birth_year: int, birth_month: int = BIRTH_MONTH) -> tuple[int, int]:
    """(year, month) a teacher of ``sex`` (``male`` / ``female``) born in ``birth_year`` and
    ``birth_month`` reaches the statutory retirement age.

    The delay is ⌈(n + 1) / 4⌉ months, n the months of birth after the first delayed month
    (men 1965-01, women 1970-01; none before it), at most :data:`MAX_DELAY`.

    >>> retirement_month("male", 1965, 1), retirement_month("female", 1969)
    ((2025, 2), (2024, 7))
    """
    age, first = RULES[sex]
    after = (birth_year - first) * 12 + birth_month - 1
    delay = 0 if after < 0 else min(MAX_DELAY, math.ceil((after + 1) / 4))
    year, month = divmod(birth_year * 12 + birth_month - 1 + age * 12 + delay, 12)
    return year, month + 1


def retires_by(sex: str, birth_year: int, year: int, birth_month: int = BIRTH_MONTH) -> bool:
    """Whether the teacher has retired before school year ``year`` starts (September).

    >>> retires_by("female", 1974, 2030, 6), retires_by("female", 1974, 2030, 7)  # 2030-08, 2030-09
    (True, False)
    """
    return retirement_month(sex, birth_year, birth_month) < (year, SCHOOL_YEAR_MONTH)


def birth_month(teacher_id: object) -> int:
    """The birth month (1–12) taken for a teacher whose month is unknown: the CRC-32 of the
    id modulo 12, plus 1, so that a cohort spreads evenly over the year and the same teacher
    always gets the same month; :data:`BIRTH_MONTH` without an id.

    >>> [birth_month(f"T{i:04d}") for i in range(1, 7)], birth_month(None)
    ([3, 9, 11, 10, 4, 6], 7)
    """
    if teacher_id is None or pd.isna(teacher_id):
        return BIRTH_MONTH
    return zlib.crc32(str(teacher_id).encode("utf-8")) % 12 + 1


def _months(teachers: pd.DataFrame) -> list[int]:
    """Per teacher the birth month: the ``birth_month`` column where given (1–12), else
    :func:`birth_month` of the ``teacher_id`` (:data:`BIRTH_MONTH` without one)."""
    ids = teachers["teacher_id"] if "teacher_id" in teachers else [None] * len(teachers)
    given = teachers["birth_month"] if "birth_month" in teachers else [None] * len(teachers)
    return [int(m) if m is not None and not pd.isna(m) and 1 <= int(m) <= 12 else birth_month(i)
            for i, m in zip(ids, given, strict=True)]


def retiring(teachers: pd.DataFrame, year: int) -> pd.Series:
    """Per teacher (``sex``, ``birth_year``, the month from :func:`_months`): True when
    retired before school year ``year`` starts, False when not, missing (``pd.NA``) without a
    sex or birth year.

    >>> t = pd.DataFrame({"sex": ["male", "female", None], "birth_year": [1968, 1974, 1960]})
    >>> retiring(t, 2030).tolist()  # no id: July; 1968 man 2029-06, 1974 woman 2030-09
    [True, False, <NA>]
    >>> t = t.assign(birth_year=[1969, 1974, 1960], birth_month=[12, 4, 1])
    >>> retiring(t, 2030).tolist()  # 1969-12 man: 60 y + 15 months, 2031-03; 1974-04 woman: 2030-05
    [False, True, <NA>]
    """
    out = [
        pd.NA if sex not in RULES or pd.isna(born) else retires_by(sex, int(born), year, month)
        for sex, born, month in zip(teachers["sex"], teachers["birth_year"], _months(teachers), strict=True)
    ]
    return pd.Series(out, index=teachers.index, dtype="boolean")
