"""A school's sports ground as the 达标路径 states it, one computation for its two places: the
未解决事项 table (:func:`~.compliance_unresolved.sports_limit`) and the path for the area its
own ground cannot hold (:func:`~.compliance_sports_path.path_lines`).

* A ground shared with 高中 (brief hp 1): the model lays whole m² of the compulsory part
  ``ground`` of the spare ground; at the compulsory ``share`` that is a block of
  ``ground / share`` m² of the whole school's, and what the block leaves of the spare ground
  is said (:func:`shared_block`) — 第四中学: 2,199 / 0.17319 = 12,697 of 12,701, 4 m² left, the
  figure the layout plan states too (:func:`~.layout_ground.room_ground`, split by the plan's
  pupils); the 方案说明 said 「12,701…已全部用于」 beside it.
* A school whose compulsory stages split its area (a 一贯制 school, brief hp 2): a unit short of
  ``short`` m² at its stage's ``reach`` (its part of what the school adds) needs
  ⌈short / reach⌉ m² at the school (:func:`whole_short`) — 新区实验学校's 初中 111 m² are the
  186 m² the layout plan states as the school's.
"""

from __future__ import annotations

import math

#: what the spare ground figure both plans state is: the data's, before either plan builds
GROUND_BEFORE = "校内空地（两个方案建设前）"


def shared_block(ground: float, share: float, whole: float, laid: float = 0.0) -> tuple[int, int]:
    """(the whole m² of the block the compulsory ``ground`` takes at the compulsory ``share``,
    the m² of the spare ground ``whole`` it leaves after the layout's ``laid``).

    >>> shared_block(2_199.0, 2_199 / 12_697.01, 12_701.0)
    (12697, 4)
    >>> shared_block(600.0, 0.5, 1_200.0)
    (1200, 0)

    (2,199 / 0.17319 = 12,697.01 → 12,697; 12,701 − 12,697 = 4.)
    """
    block = round(ground / share)
    return block, round(whole - laid) - block


def whole_short(short: float, reach: float) -> int:
    """The whole m² a school adds so that its unit lacking ``short`` m² has them, the unit
    getting ``reach`` of what the school adds (as :func:`~.compliance_sports_path.short_schools`
    prices it).

    >>> whole_short(111, 0.597701), whole_short(860, 1.0)
    (186, 860)

    (111 / 0.597701 = 185.7 → 186: 新区实验学校 splits its area 462 : 1.1 × 624 between its
    primary and junior units.)
    """
    return int(math.ceil(short / max(reach, 1e-9) - 1e-9))


def stage_part(stage: str, short: int, reach: float) -> str:
    """'' or, for a unit that gets only ``reach`` of what its school adds, the school's whole
    m² beside the unit's ``short`` (a 未解决事项 row).

    >>> stage_part("初中", 111, 0.597701), stage_part("初中", 860, 1.0)
    ('（为初中部分按评估办法按学生拆分所计，全校须补 186 平方米）', '')
    """
    if reach >= 1 - 1e-9 or reach <= 0:
        return ""
    return f"（为{stage}部分按评估办法按学生拆分所计，全校须补 {whole_short(short, reach):,} 平方米）"


def ground_text(x: dict) -> str:
    """Why the school's own ground does not hold the area (planner review tb 1): the ground
    its sports area needs in all, its spare ground as the data give it before both plans (the
    figure the layout plan states, brief hb 3), what the layout's receiver top-up took of it
    (``layout_m2``) and that the rest holds this plan's hall and field (model row (20)), or,
    shared with 高中, the block its field takes and what is left (``block_m2``, ``left_m2``:
    :func:`shared_block`), the rest to buy; nothing where the data give no spare ground.

    >>> ground_text({"built_m2": 8076.0, "spare_m2": 0})
    '（需要场地 8,076 平方米，校内空地（两个方案建设前）0 平方米）'
    >>> ground_text({"built_m2": 2796.0, "spare_m2": 1200})
    '（需要场地 3,996 平方米，校内空地（两个方案建设前）1,200 平方米，已全部用于本方案的室内体育馆、室外场地）'
    >>> ground_text({"built_m2": 270.0, "spare_m2": 1475, "layout_m2": 159, "hall_m2": 0})
    '（需要场地 1,586 平方米，校内空地（两个方案建设前）1,475 平方米，布局调整接收学校补足的体育运动场馆用去 159 平方米，余 1,316 平方米已全部用于本方案的室外体育运动场地）'
    >>> ground_text({"built_m2": 2796.0, "spare_m2": None})
    '（无校内空地数据）'
    >>> ground_text({"built_m2": 4966.0, "spare_m2": 12701, "hall_m2": 0, "block_m2": 12697, "left_m2": 4})
    '（需要场地 17,663 平方米，校内空地（两个方案建设前）12,701 平方米，本方案建室外体育运动场地整块 12,697 平方米（与高中共用）后余 4 平方米）'

    (东城小学: 1,475 − 159 = 1,316 m² left for this plan's field; 270 + 1,316 = 1,586 m² is
    what this plan's part needs in all. 第四中学: the block of 12,697 and the 4,966 to buy,
    17,663 in all.)
    """
    if "spare_m2" not in x:  # a plan stored before the ground was read
        return ""
    spare = x["spare_m2"]
    if spare is None:
        return "（无校内空地数据）"
    built = "室内体育馆、室外场地" if x.get("hall_m2", 1) else "室外体育运动场地"
    laid = x.get("layout_m2") or 0
    if x.get("block_m2"):
        left = max(int(x.get("left_m2") or 0), 0)
        rest = f"后余 {left:,} 平方米" if left else "后无余地"
        took = f"，布局调整接收学校补足的体育运动场馆用去 {laid:,} 平方米" if laid else ""
        return (f"（需要场地 {round(x['built_m2']) + x['block_m2']:,} 平方米，{GROUND_BEFORE}{spare:,} 平方米{took}，"
                f"本方案建{built}整块 {x['block_m2']:,} 平方米（与高中共用）{rest}）")
    left = max(spare - laid, 0)
    text = f"（需要场地 {round(x['built_m2']) + left:,} 平方米，{GROUND_BEFORE}{spare:,} 平方米"
    if laid:
        text += f"，布局调整接收学校补足的体育运动场馆用去 {laid:,} 平方米，余 {left:,} 平方米"
    used = f"{'' if laid else '，'}已全部用于本方案的{built}" if left else ""
    return f"{text}{used}）"


__all__ = ["GROUND_BEFORE", "ground_text", "shared_block", "stage_part", "whole_short"]
