"""The school rule's one allowed shortfall, said where its figure appears (review rv15 6: sports
areas planned to 86.7 % of the standard stood beside 「通过」 with nothing saying why).

《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号) 第五条 counts a school 达标 when at
least ``min_met`` (6) of its 7 resource indicators reach their values and the rest are not below
``ratio`` (85 %) of theirs (``standards/quality-2017.yaml`` ``school_rule``). A school whose sports
area is planned to 85 % × 1.02 = 86.7 % of the standard, its other 6 indicators met, therefore
passes; :func:`counted_as_met` is the clause that says so beside the 86.7 %.
"""

from __future__ import annotations

from typing import Any


def share_of_standard(row: dict[str, Any]) -> float:
    """A floor row's sports area per pupil over its standard: from its area and pupils where
    kept (6,503 m² / 1,000 / 7.5 = 86.71 %), else from its rounded ``after``.

    >>> f"{share_of_standard({'area': 6503.0, 'pupils': 1000, 'after': 6.5, 'standard': 7.5}):.1%}"
    '86.7%'
    >>> f"{share_of_standard({'after': 8.84, 'standard': 10.2}):.1%}"
    '86.7%'
    """
    if row.get("area") and row.get("pupils"):
        return float(row["area"]) / float(row["pupils"]) / float(row["standard"])
    return float(row["after"]) / float(row["standard"])


def rule_words(row: dict[str, Any]) -> str:
    """「“每所学校至少 6 项达到要求、其余不低于要求的 85%”」 of a floor row (``min_met``: the rule's
    count, else ``others``: the indicators besides this one, 6 of 7).

    >>> rule_words({"others": 6, "ratio": 0.85})
    '“每所学校至少 6 项达到要求、其余不低于要求的 85%”'
    """
    return (f"“每所学校至少 {int(row.get('min_met') or row['others'])} 项达到要求、其余不低于要求的 "
            f"{float(row.get('ratio') or 0.85):.0%}”")


def counted_as_met(row: dict[str, Any]) -> str:
    """The clause beside a floor row's share of its standard: below it, and why that passes.

    >>> counted_as_met({"area": 6503.0, "pupils": 1000, "after": 6.5, "standard": 7.5, "others": 6, "ratio": 0.85})
    '为标准的 86.7%，低于标准，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标（其余 6 项均达到标准）'
    """
    return (f"为标准的 {share_of_standard(row):.1%}，低于标准，按{rule_words(row)}计为达标"
            f"（其余 {row['others']} 项均达到标准）")
