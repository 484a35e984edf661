"""The school rule's one allowed shortfall, said where its figure appears (review rv15 6: sports
areas planned to 86.7 % of the standard stood beside 「通过」 with nothing saying why).

《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号) 第五条 counts a school 达标 when at
least ``min_met`` (6) of its 7 resource indicators reach their values and the rest are not below
``ratio`` (85 %) of theirs (``standards/quality-2017.yaml`` ``school_rule``). A school whose sports
area is planned to 85 % × 1.02 = 86.7 % of the standard, its other 6 indicators met, therefore
passes; :func:`floor_note` is the clause that says so beside the 86.7 %, unless the school's pass
is 待核实 (brief hwords6 2).
"""

from __future__ import annotations

from typing import Any

from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import trimmed


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


def floor_note(row: dict[str, Any], held: str = "") -> str:
    """What a school's sports project says of its floor row
    (:func:`~.compliance_sports_path.floor_rows`), its share of the standard with the rule that
    counts it 达标 (rv15 6; 8.84 / 10.2 = 86.7 %):

    >>> row = {"stage": "junior", "after": 8.84, "standard": 10.2, "floor": 8.67, "ratio": 0.85,
    ...        "margin": 0.02, "target": 8.84, "others": 6}
    >>> floor_note(row)
    '初中生均体育运动场馆面积按标准的 85% 规划（加 2% 余量，目标 8.84 平方米，规划后 8.84 平方米，标准 10.2 平方米），为标准的 86.7%，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标：是该校唯一一项低于标准的指标，其余 6 项须全部达到标准，任何一项降到标准以下即不能通过复核'

    A unit whose pass is 待核实 (``held``: why, :func:`~.compliance_summary.held_units`) is not
    counted until it is confirmed, and is not said to be 达标 (brief hwords6 2):

    >>> floor_note(row, "新建校舍本校用地放不下，须先核定用地（局务会决定）").split("，为标准的 ")[1]
    '86.7%，待核实（新建校舍本校用地放不下，须先核定用地（局务会决定）），确认前不计入达标学校数；确认后按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标：是该校唯一一项低于标准的指标，其余 6 项须全部达到标准，任何一项降到标准以下即不能通过复核'
    """
    margin = f"加 {row['margin']:.0%} 余量，目标 {trimmed(row['target'], 2)} 平方米，" if row.get("margin") else ""
    counted = f"待核实（{held}），确认前不计入达标学校数；确认后按" if held else "按"
    return (f"{STAGE_LABELS.get(row['stage'], row['stage'])}生均体育运动场馆面积按标准的 85% 规划（{margin}"
            f"规划后 {trimmed(row['after'], 2)} 平方米，标准 {trimmed(row['standard'], 2)} 平方米），为标准的 "
            f"{share_of_standard(row):.1%}，{counted}{rule_words(row)}计为达标：是该校唯一一项低于标准的指标，其余 "
            f"{row['others']} 项须全部达到标准，任何一项降到标准以下即不能通过复核")


def floor_notes(rows: list[dict[str, Any]], stages: dict[str, Any] | None = None) -> dict[str, str]:
    """School -> its floor rows' notes, joined (the project list's words); ``stages``: the plan's
    ``after`` stages, whose units held apart as 待核实 say so
    (:func:`~.compliance_summary.held_units`, the one list of :func:`~.compliance_summary.counted`)."""
    from junheng.planning.compliance_summary import held_units

    held = {(stage, name): why for stage, name, _, why in held_units(stages)}
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["school_id"], []).append(floor_note(row, held.get((row["stage"], row.get("name")), "")))
    return {school: "；".join(notes) for school, notes in out.items()}
