"""The priced option for a town the plan leaves without a boarding 小学 or 初中 (rv16 finding 5).

The per-town rule (:mod:`junheng.planning.layout_boarding`) is not imposed where no school of
the town would have ``min_boarders`` boarders; the plan then says 「本方案不满足」. A county
whose plan asks 「每个乡镇至少有一所寄宿制小学和一所寄宿制初中」 (孟津区) must still decide,
and every other decision of the 局务会 is priced. So for each such town and stage,
:func:`boarding_options` gives the option a planner expects:

* the **candidate**: the town's complete school of the stage the plan keeps open with the most
  pupils of that stage in the target year (ties: the lower school id), as it has the most
  pupils who could board and is, in practice, the town's 中心校;
* its **boarders** by the plan's own rule (:func:`~.layout_boarding.boards_by_rule`: grades
  4–9 beyond the day-travel limit) among the pupils the plan sends there, plus the plan's
  other boarders there (today's share, ``board_share``);
* the **beds** to build: blocks of ``bed_block`` for the boarders beyond its beds after the
  plan; with no boarder, the blocks for ``min_boarders`` beds (the least that counts as a
  boarding school), which nobody would use;
* dormitory m² (beds × ``costs.bed_area_m2``), price (blocks × ``costs.bed_block_cost``, the
  plan's own dormitory price), the yearly boarding cost (boarders ×
  ``weights.boarder_yuan_per_year``) and a verdict in words.

The rows go into plan.json (``rules.boarding_per_town_options``) and the reports print them
(:func:`option_text`), so every figure is traceable to the plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from junheng.model import CountyData
from junheng.model.numbers import wan_text
from junheng.planning.layout_boarding import STAGE_LABEL, boards_by_rule, unmet_summary
from junheng.planning.layout_data import LayoutProblem, boarding_towns
from junheng.planning.layout_outcome import LayoutOutcome

#: the rules key of the rows (right after ``boarding_per_town_unmet``)
OPTIONS_KEY = "boarding_per_town_options"
#: the stage groups that may board, per stage (grades 1–3 never board)
BOARDING_GROUPS = {"primary": "grades_4_6", "junior": "grades_7_9"}


def candidate(schools: Iterable, town: str, stage: str):
    """The town's open complete school of ``stage`` with the most pupils of the stage in the
    target year (ties: the lower id); None when the town has none."""
    kept = [s for s in schools if s.town_code == town and s.action != "close"
            and s.kind != "teaching_point" and int((s.students_after or {}).get(stage, 0)) > 0]
    return min(kept, key=lambda s: (-int(s.students_after[stage]), str(s.school_id)), default=None)


def boarders_at(assignments: Iterable, school_id: str, stage: str, limit: float) -> int:
    """Pupils of ``stage`` the plan sends to the school who board: all of a part beyond the
    day limit by the rule, else the part's ``board_share`` (today's boarders kept)."""
    total = 0.0
    for a in assignments:
        if a.school_id != school_id or a.stage_group != BOARDING_GROUPS[stage]:
            continue
        beyond = bool(boards_by_rule([a.stage_group], [a.travel_min], limit)[0])
        total += a.students * (1.0 if beyond else float(a.board_share))
    return round(total)


def option_row(school, stage: str, boarders: int, config, town_name: str) -> dict[str, Any]:
    """One town and stage's option, figures as plan.json keeps them (元, m², 张, 人)."""
    block, costs = int(config.bed_block), config.costs
    beds_now = int(school.beds_after)
    short = max(boarders - beds_now, 0) if boarders else max(int(config.min_boarders) - beds_now, 0)
    blocks = math.ceil(short / block)
    return {"town": school.town_code, "town_name": town_name, "stage": stage,
            "school_id": school.school_id, "school_name": school.name,
            "pupils": int(school.students_after[stage]), "boarders": int(boarders),
            "beds_now": beds_now, "beds": blocks * block,
            "area_m2": round(blocks * block * float(costs.bed_area_m2), 2),
            "yuan": round(blocks * costs.bed_block_cost(block), 2),
            "yearly_yuan": round(boarders * float(config.weights.boarder_yuan_per_year), 2),
            "recommended": boarders > 0}


def boarding_options(outcome, requirements: Iterable, config,
                     town_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The option (:func:`option_row`) of every town and stage of ``requirements`` the rule is
    not imposed on (basis none), in their order; a town with no open school of the stage has
    none."""
    out = []
    for r in requirements:
        if r.basis != "none" or (school := candidate(outcome.schools, r.town, r.stage)) is None:
            continue
        boarders = boarders_at(outcome.assignments, school.school_id, r.stage,
                               config.day_travel_limit_min)
        out.append(option_row(school, r.stage, boarders, config,
                              town_names.get(r.town, f"乡镇 {r.town}")))
    return out


def verdict(row: Mapping[str, Any], min_boarders: int) -> str:
    """「建议…」 or 「不建议：该镇无需寄宿学生」 for one option.

    >>> verdict({"boarders": 0, "beds": 50, "stage": "primary"}, 50)
    '不建议：该镇无需寄宿学生，建成的床位无人住'
    >>> verdict({"boarders": 9, "beds": 50, "stage": "primary"}, 50)
    '建议：为按规则须寄宿的 9 名学生新建床位（寄宿生不足 50 人，仍不计为寄宿制小学）'
    >>> verdict({"boarders": 60, "beds": 0, "stage": "junior"}, 50)
    '建议：现有床位够按规则须寄宿的 60 名学生住宿，不须新建'
    """
    label = STAGE_LABEL[row["stage"]]
    n = int(row["boarders"])
    if n == 0:
        return "不建议：该镇无需寄宿学生，建成的床位无人住"
    few = f"（寄宿生不足 {min_boarders} 人，仍不计为寄宿制{label}）" if n < min_boarders else ""
    if not row["beds"]:
        return f"建议：现有床位够按规则须寄宿的 {n} 名学生住宿，不须新建{few}"
    return f"建议：为按规则须寄宿的 {n} 名学生新建床位{few}"


def option_text(row: Mapping[str, Any], rules: Mapping[str, Any], year: int | None) -> str:
    """One option in words (表 2 and the workbook): candidate and why, boarders by the rule,
    beds, m², 万元, yearly cost and the verdict.

    >>> row = {"town_name": "甲镇", "stage": "primary", "school_name": "甲镇中心小学", "pupils": 553,
    ...        "boarders": 0, "beds_now": 0, "beds": 50, "area_m2": 400.0, "yuan": 1_400_000.0,
    ...        "yearly_yuan": 0.0}
    >>> option_text(row, {"day_travel_limit_min": 30, "min_boarders": 50}, 2030)
    '甲镇寄宿制小学：候选甲镇中心小学（本镇保留的小学中 2030 学年小学生最多，553 人），四至六年级走读单程超过 30 分钟、按规则须寄宿的 0 人；如仍按规划目标设寄宿制小学，须建宿舍床位 50 张（计为寄宿制学校的最少寄宿生数 50）、400 平方米、140.00 万元，每年寄宿生管理费用 0 万元（无寄宿生）。不建议：该镇无需寄宿学生，建成的床位无人住。'
    """
    label, stage = STAGE_LABEL[row["stage"]], row["stage"]
    grades = "四至六年级" if stage == "primary" else "七至九年级"
    limit = f"{float(rules.get('day_travel_limit_min', 30)):g}"
    at = f"{year} 学年" if year else "规划年"
    head = (f"{row['town_name']}寄宿制{label}：候选{row['school_name']}（本镇保留的{label}{'学校' if label == '初中' else ''}中 {at}{label}生最多，"
            f"{int(row['pupils']):,} 人），{grades}走读单程超过 {limit} 分钟、按规则须寄宿的 {int(row['boarders']):,} 人")
    now = f"现有床位 {int(row['beds_now']):,} 张，" if row["beds_now"] else ""
    if not row["beds"]:
        build = f"；{now}不须新建床位"
    elif row["boarders"]:
        build = (f"；{now}须新建宿舍床位 {int(row['beds']):,} 张、{float(row['area_m2']):,.0f} 平方米、"
                 f"{wan_text(row['yuan'])}")
    else:
        build = (f"；如仍按规划目标设寄宿制{label}，{now}须建宿舍床位 {int(row['beds']):,} 张（计为寄宿制学校的最少寄宿生数 "
                 f"{int(rules.get('min_boarders', 50))}）、{float(row['area_m2']):,.0f} 平方米、{wan_text(row['yuan'])}")
    yearly = (f"，每年寄宿生管理费用 {wan_text(row['yearly_yuan'])}" if row["boarders"]
              else "，每年寄宿生管理费用 0 万元（无寄宿生）")
    return f"{head}{build}{yearly}。{verdict(row, int(rules.get('min_boarders', 50)))}。"


def idle_key(row: Mapping[str, Any]) -> tuple | None:
    """What the options nobody would use share when one sentence can say them together (their
    beds, m² and price, review rv27 8); None for an option with boarders or no beds to build."""
    if row["boarders"] or not row["beds"]:
        return None
    return int(row["beds_now"]), int(row["beds"]), float(row["area_m2"]), float(row["yuan"])


def idle_text(rows: list[Mapping[str, Any]], rules: Mapping[str, Any], year: int | None) -> tuple[str, str]:
    """Options of :func:`idle_key` alike said once (review rv27 8: four rows of 表 2 said the
    same sentence): the towns and stages, then the candidates, the least boarding school's
    price said once with its total, and the verdict, one sentence each.

    >>> rows = [{"town_name": t, "stage": s, "school_name": n, "pupils": p, "boarders": 0,
    ...          "beds_now": 0, "beds": 50, "area_m2": 400.0, "yuan": 1_640_000.0, "yearly_yuan": 0.0}
    ...         for t, s, n, p in (("甲镇", "primary", "甲镇中心小学", 553), ("乙镇", "primary", "乙镇中心小学", 687),
    ...                            ("乙镇", "junior", "乙镇初级中学", 684))]
    >>> head, said = idle_text(rows, {"day_travel_limit_min": 30, "min_boarders": 50}, 2030)
    >>> print(head); print(said)
    甲镇、乙镇寄宿制小学，乙镇寄宿制初中
    本方案不设。候选学校（本镇保留的该学段学校中 2030 学年该学段学生最多的）为甲镇中心小学 553 人、乙镇中心小学 687 人、乙镇初级中学 684 人，四至九年级走读单程超过 30 分钟、按规则须寄宿的均为 0 人。如仍按规划目标设寄宿制学校，每所须建宿舍床位 50 张（计为寄宿制学校的最少寄宿生数 50）、400 平方米、164.00 万元，3 所共 492.00 万元，无寄宿生。不建议：这些乡镇无需寄宿学生，建成的床位无人住。
    """
    stages = [st for st in ("primary", "junior") if any(r["stage"] == st for r in rows)]
    head = "，".join("、".join(dict.fromkeys(r["town_name"] for r in rows if r["stage"] == st))
                    + f"寄宿制{STAGE_LABEL[st]}" for st in stages)
    grades = "四至九年级" if len(stages) > 1 else "四至六年级" if stages == ["primary"] else "七至九年级"
    at = f"{year} 学年" if year else "规划年"
    limit = f"{float(rules.get('day_travel_limit_min', 30)):g}"
    first = rows[0]
    now = f"现有床位 {int(first['beds_now']):,} 张，" if first["beds_now"] else ""
    said = (f"本方案不设。候选学校（本镇保留的该学段学校中 {at}该学段学生最多的）为"
            + "、".join(f"{r['school_name']} {int(r['pupils']):,} 人" for r in rows)
            + f"，{grades}走读单程超过 {limit} 分钟、按规则须寄宿的均为 0 人。如仍按规划目标设寄宿制学校，每所{now}须建宿舍床位 "
            f"{int(first['beds']):,} 张（计为寄宿制学校的最少寄宿生数 {int(rules.get('min_boarders', 50))}）、"
            f"{float(first['area_m2']):,.0f} 平方米、{wan_text(first['yuan'])}，{len(rows)} 所共 "
            f"{wan_text(sum(float(r['yuan']) for r in rows))}，无寄宿生。不建议：这些乡镇无需寄宿学生，建成的床位无人住。")
    return head, said


def option_texts(rules: Mapping[str, Any], year: int | None) -> list[str]:
    """:func:`option_text` of each row of the plan's ``rules`` ([] without any)."""
    return [option_text(row, rules, year) for row in rules.get(OPTIONS_KEY) or ()]


def town_names(data: CountyData) -> dict[str, str]:
    """乡镇代码 → 乡镇名称 of the county's 乡镇 sheet ({} without one)."""
    towns = data.tables.get("towns")
    return {} if towns is None or towns.empty else dict(zip(
        towns["town_code"], towns["town_name"], strict=True))


def with_boarding_status(outcome: LayoutOutcome, problem: LayoutProblem, data: CountyData
                         ) -> LayoutOutcome:
    """The outcome with, beside the per-town boarding rule (``boarding_per_town_unmet`` right
    after ``boarding_per_town`` in its rules, then the priced options of layout_board_option)
    and among its notes, where the plan does not meet it and why; unchanged when it is met."""
    text = unmet_summary(needs := boarding_towns(problem), problem.config, names := town_names(data))
    if not text:
        return outcome
    rules = {}
    for key, value in outcome.rules.items():
        rules[key] = value
        if key == "boarding_per_town":
            rules["boarding_per_town_unmet"] = text
            rules[OPTIONS_KEY] = boarding_options(outcome, needs, problem.config, names)
    return replace(outcome, rules=rules, notes=(*outcome.notes, text))
