"""The layout page's form (a subset of :class:`LayoutConfig`) and its result view."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any

from junheng.errors import ConfigError, FormErrors
from junheng.model import numbers
from junheng.model.county import CountyData
from junheng.model.labels import SHOWN_ACTION_LABELS, count_of_kinds
from junheng.planning.compliance_layout import cv_pupils
from junheng.planning.layout_config import LABELS
from junheng.planning.layout_cv_words import plan_count
from junheng.planning.layout_forecast import FORECAST_RULE
from junheng.planning.layout_newsite import shown_id
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.layout_info import SETTING_VALUES
from junheng.web.forms import NUMBER_RULE, typed_number
from junheng.web.layout_reviews import reviews_from, reviews_late, reviews_text


@dataclass(frozen=True)
class Field:
    """One input of the scenario form: config path (``weights.x``), label, kind, unit."""

    key: str
    label: str
    kind: str = "number"  # number | int | bool | text | list | choice
    unit: str = ""
    choices: tuple[tuple[str, str], ...] = ()


FORM_FIELDS: tuple[Field, ...] = (
    Field("name", "方案名称", "text"),
    Field("target_year", "规划目标学年", "int", "年"),
    # the plan's own labels (review rv finding 11: "走读（1–3 年级）" named the rule that makes grades 4-9 board)
    Field("day_travel_limit_min", LABELS["day_travel_limit_min"], "number", "分钟"),
    Field("boarding_travel_limit_min", LABELS["boarding_travel_limit_min"], "number", "分钟"),
    Field("class_size_primary", "小学标准班额", "int", "人"),
    Field("class_size_junior", "初中标准班额", "int", "人"),
    Field("school_size_cap", "学校规模上限", "int", "人"),
    Field("boarding_per_town", "每个乡镇至少 1 所寄宿制小学和初中", "bool"),
    Field("min_school_size.teaching_point", "教学点最小规模（低于则撤并，应留必留除外）", "int", "人"),
    Field("min_school_size.primary_school", "小学最小规模", "int", "人"),
    Field("new_sites", "候选新校址", "choice", "",
          (("town_centres", SETTING_VALUES["town_centres"]), ("none", "不新建"))),  # rv24 8
    Field("small_school_max_pupils", "小规模学校标准（少于该人数可列为撤并对象）", "int", "人"),
    Field("close_candidates", "另列为撤并对象的学校（城区或较大学校，标识码，逗号分隔）", "list"),
    Field("small_school_by_target_year", "小规模学校也按目标学年预计在校生认定", "bool"),
    Field("cross_town", "允许跨乡镇撤并", "bool"),
    Field("keep_points_beyond_review",
          "应留必留：教学点一至三年级只转入单程不超过需论证分钟数的学校，否则保留教学点", "bool"),
    Field("community_zoning", "就近划片：城区每个社区的小学、初中各只划入一所学校", "bool"),
    Field("rezoning_grades", "划片调整和新建学校片区转入哪些学生", "choice", "",
          (("whole", "整个学段当年一次转入"), ("entry", "只对起始年级新生，其他年级在原校就读至毕业"))),
    Field("board_unchanged", "就读学校不变的学生不新增宿舍床位（按现有床位寄宿）", "bool"),
    Field("cv_limits", "规划后差异系数不得超过标准限值，已超限的不高于规划年不调整布局时", "bool"),
    Field("keep", "必须保留的学校（标识码，逗号分隔）", "list"),
    Field("close", "必须撤并的学校（标识码，逗号分隔）", "list"),
    Field("closures_reviewed", "已完成撤并论证的学校（标识码:论证报告完成日期，已听证、公示的再加 :听证会日期:公示日期，"
          "逗号分隔，如 4103310008:2026-09-20；其撤并可早于编制日期已过论证期限的学年）", "reviews"),
    Field("annual_budget_yuan", "每年建设预算（空为按达标路径的默认预算分年度安排：一般公共预算教育支出的 10%，无此数据时不限）", "number", "万元"),
    Field("phases", "给出每年建设预算时的预算年数，总投资不超过每年预算乘以该年数", "int", "年"),
    Field("temporary_peak_years", "学位缺口持续不超过该年数的以临时周转解决、不建设（0 至 6，默认 3；0 为一律建设）", "int", "年"),
    Field("weights.yuan_per_pupil_minute", "学生单程 1 分钟的权重（只用于取舍方案，不是财政支出）", "number", "元"),
    Field("weights.operating_yuan_per_school",
          ("每个校点每年的校点运行费用（默认 1.92 万元：1 名专职保安，按河南最低工资标准计，下限；水电、取暖和维修在生均公用经费和公用经费保底中，"
           "不重复计；不含教职工人员经费）"),
          "number", "万元"),
    Field("weights.school_bus_yuan_per_pupil_year",
          "校车运行费用（走读直线距离超过 5 公里的学生和按规则须寄宿但没有床位、每日往返的学生；"
          "默认 3,000 元（外省参考值，以本县实际替换：广东台山市校车试点每生每年约 2,993 元）；家长分担车费的按教育部门实际负担填写；0 为不计）",
          "number", "元/生·年"),
    Field("weights.transport_yuan_per_pupil_year",
          "走读学生交通补助（道路距离超过 3 公里、不乘校车的走读生；默认 0，县区有交通补助标准时填写；0 为不计）",
          "number", "元/生·年"),
    Field("costs.teaching_yuan_per_m2",
          "教室（教学及辅助用房）每平方米造价（默认取内置单价文件，与达标路径同价；每间按 120 平方米）",
          "number", "元/平方米"),
    Field("costs.dormitory_yuan_per_m2", "学生宿舍每平方米造价（每床按 8 平方米）", "number", "元/平方米"),
    Field("costs.new_school_yuan",
          "新建一所学校基础造价（征地、场地、围墙、管网；教室、宿舍、按生均标准补足的教学及辅助用房、运动场和设备另计）",
          "number", "万元"),
    Field("new_school_fill_margin", "新建学校按分配学生另加的规模余量（0.05 即 5%）", "number", "小数"),
    Field("time_limit_s", "求解时间上限", "number", "秒"),
    Field("gap", "可接受的最优性差距", "number", "小数，0.0001 即 0.01%，不超过此值方称最优"),
)


# Entered and shown in 万元 as every output shows money (review finding 11; review rw finding 8:
# 「12000000」 invited a lost zero), kept in 元 by the planner: converted at the form's edge.
IN_WAN = frozenset({"annual_budget_yuan", "weights.operating_yuan_per_school",
                    "costs.new_school_yuan"})
WAN = 10_000


def default_values(school_year: int) -> dict[str, str]:
    """The form filled with the planner's defaults."""
    return values_from_config({}, school_year)


def values_from_config(config: dict[str, Any], school_year: int) -> dict[str, str]:
    """The form filled with ``config`` (a job's request, review rw 2: a failed job's
    「按本次设置重新填写」), the planner's defaults where it says nothing.

    >>> v = values_from_config({"name": "甲", "keep": ["4103310001"], "cross_town": False,
    ...     "annual_budget_yuan": 25_000_000.0, "gap": 0.00001,
    ...     "weights": {"yuan_per_pupil_minute": 3500.0}}, 2025)
    >>> [v[k] for k in ("name", "keep", "cross_town", "annual_budget_yuan", "gap",
    ...                 "weights.yuan_per_pupil_minute", "target_year")]
    ['甲', '4103310001', '', '2,500', '0.00001', '3500', '2030']

    Money in 万元 with thousands separators: 12,000,000 元 is 1,200 万元, 19,200 元 is 1.92:

    >>> [v[k] for k in ("costs.new_school_yuan", "weights.operating_yuan_per_school")]
    ['1,200', '1.92']
    """
    from junheng.planning import LayoutConfig

    flat = _flatten(LayoutConfig().model_dump())
    flat.update(_flatten(config))
    values = {}
    for f in FORM_FIELDS:
        value = flat.get(f.key)
        if f.kind == "bool":
            values[f.key] = "on" if value else ""
        elif f.kind == "list":
            values[f.key] = ", ".join(value or [])
        elif f.kind == "reviews":
            values[f.key] = reviews_text(value or {})
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[f.key] = _wan_text(value / WAN) if f.key in IN_WAN else _plain(value)
        else:
            values[f.key] = "" if value is None else str(value)
    ahead = int(flat.get("target_years_ahead", 5))
    values["target_year"] = values["target_year"] or (str(school_year + ahead) if school_year
                                                      else "")
    return values


def _wan_text(number: float) -> str:
    """An amount in 万元 as the form shows it: thousands separated, 元 kept (0.0001 万元).

    >>> _wan_text(1200.0), _wan_text(10.5), _wan_text(0.0123)
    ('1,200', '10.5', '0.0123')
    """
    whole, _, part = _plain(round(number, 4)).partition(".")
    return f"{int(whole):,}" + (f".{part}" if part else "")


def _plain(number: float) -> str:
    """A number as typed: 3500 not 3500.0, 0.00001 not 1e-05 (no exponent reaches a user)."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.10f}".rstrip("0").rstrip(".")


#: the form's lists of school codes, checked against the county's schools (review rw 2)
SCHOOL_LISTS = ("keep", "close", "close_candidates", "closures_reviewed")


def list_label(key: str) -> str:
    """The short name of a school list: 「必须保留的学校」 (the label before its note)."""
    return next(f.label for f in FORM_FIELDS if f.key == key).partition("（")[0]


def school_lists(values: dict[str, str]) -> dict[str, Any]:
    """The form's lists of school codes and its 候选新校址, read even when another field is
    refused, so the codes are checked in the same round."""
    out = {}
    for f in FORM_FIELDS:
        if f.key in (*SCHOOL_LISTS, "new_sites"):
            try:
                out[f.key] = _parse(f, values.get(f.key, ""))
            except ConfigError:  # its own message is already among the form's errors
                continue
    return out


def unknown_schools(config: dict[str, Any], data: CountyData, place: str) -> list[str]:
    """A message for each code of the keep/close/close_candidates lists of ``config`` (or of
    :func:`school_lists`) that names none of the plan's sites, the field and the code in it
    (review rw 2: the job failed later without saying which field held the code); ``place``
    is the county-year, 「洛北县 2025 学年」.

    The sites are as in :func:`junheng.planning.layout_data.layout_sites`: the county's
    public compulsory schools and teaching points, and the candidate new sites.
    """
    from junheng.planning import load_layout_config
    from junheng.planning.layout_data import SITE_GROUPS, candidate_sites

    schools = data.schools
    names = dict(zip(schools["school_id"], schools["name"], strict=True))
    public = schools["school_type"].isin(SITE_GROUPS) & (schools["ownership"] != "private")
    sites = set(schools.loc[public, "school_id"])
    new_sites = {"new_sites": config["new_sites"]} if config.get("new_sites") else {}
    try:
        candidates = candidate_sites(data, load_layout_config(None, **new_sites))
    except ConfigError:  # 候选新校址 refused: its own field's message says so; no candidates
        candidates = candidate_sites(data, load_layout_config(None, new_sites="none"))
    if not candidates.empty:
        sites |= set(candidates["site_id"])
    problems = []
    for key in SCHOOL_LISTS:
        for code in config.get(key) or {}:
            if code in sites:
                continue
            if code in names:
                problems.append(f"“{list_label(key)}”中的 {code}（{names[code]}）不是公办义务教育学校"
                                "或教学点，不参与布局规划。")
            else:
                problems.append(f"“{list_label(key)}”中的 {code} 不是{place}的学校标识码。")
    return problems


def contradictions(config: dict[str, Any], data: CountyData) -> list[str]:
    """What the form asks that no plan can do, found on submit rather than by a failed job
    (review rvweb 4): a school both kept and closed, a target year before the data year, a
    大校额 school listed to close (:func:`closed_over_cap`)."""
    names = dict(zip(data.schools["school_id"], data.schools["name"], strict=True))
    problems = [f"{code}（{names[code]}）" if code in names else code
                for code in config.get("keep") or [] if code in (config.get("close") or [])]
    out = [f"“{list_label('keep')}”和“{list_label('close')}”都列有 {'、'.join(problems)}："
           "一所学校只能列入其中一项。"] if problems else []
    out += reviews_late(config, list_label("closures_reviewed"))
    target = config.get("target_year")
    if target is not None and target < data.school_year:
        out.append(f"“规划目标学年”{target} 早于数据学年 {data.school_year}：应为 {data.school_year} "
                   "学年或以后。")
    return out + closed_over_cap(config, data)


def closed_over_cap(config: dict[str, Any], data: CountyData) -> list[str]:
    """A message for each 大校额 school (pupils today over its size cap) the form lists to
    close (issue 16 item 1: relieved, never closed), as the planner refuses it
    (:func:`~junheng.planning.layout_rules.listed_over_cap`)."""
    from junheng.planning import load_layout_config
    from junheng.planning.layout_data import layout_sites
    from junheng.planning.layout_rules import listed_over_cap

    keys = ("close", "close_candidates", "school_size_cap", "school_size_cap_through")
    try:
        cfg = load_layout_config(None, new_sites="none", **{k: config[k] for k in keys if k in config})
    except ConfigError:  # the field's own message says what is wrong
        return []
    return listed_over_cap(layout_sites(data, cfg, check_lists=False), cfg)


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict) and key in ("weights", "costs", "min_school_size"):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def target_year_errors(config: dict[str, Any], data_year: int) -> list[str]:
    """The target year refused on submit by the rule the CLI and the worker apply
    (:func:`junheng.planning.layout_horizon.check_target_year`), not after the queue.

    >>> target_year_errors({"target_year": 2031}, 2025), target_year_errors({}, 2025)
    ([], [])
    >>> target_year_errors({"target_year": 2024}, 2025)  # the form's own check says it (submit_errors)
    []
    """
    from junheng.planning.layout_horizon import check_target_year

    target = (config or {}).get("target_year")
    try:
        check_target_year(int(target), data_year) if target and int(target) >= data_year else None
    except ConfigError as exc:
        return [str(exc)]
    return []


def config_from_form(values: dict[str, str]) -> dict[str, Any]:
    """The plan's rules from the form as a config dict, checked by :class:`LayoutConfig`.

    Raises
    ------
    FormErrors
        Values that are not numbers where one is needed, every one of them.
    ConfigError
        The planner's rules refuse the values.
    """
    from junheng.planning import LayoutConfig, load_layout_config

    config: dict[str, Any] = {}
    defaults = LayoutConfig().model_dump()
    errors: list[str] = []  # every field refused, all at once (review rw 15)
    for f in FORM_FIELDS:
        text = values.get(f.key, "").strip() if f.kind != "list" else values.get(f.key, "")
        try:
            value = _parse(f, text)
        except ConfigError as exc:
            errors.append(str(exc))
            continue
        if value is _SKIP:
            continue
        head, _, tail = f.key.partition(".")
        if tail:
            config.setdefault(head, dict(defaults[head]))[tail] = value
        else:
            config[head] = value
    if errors:
        raise FormErrors(errors)
    try:
        load_layout_config(None, **config)  # raises ConfigError with the Chinese reasons
    except ConfigError as exc:
        raise ConfigError(_form_labels(str(exc))) from None
    return config


def _form_labels(message: str) -> str:
    """The planner's message with each setting's key (and description) replaced by the label
    the form shows it under."""
    from junheng.planning.layout_config_errors import short_label

    for f in FORM_FIELDS:
        key = f.key
        for spelled in (f"“{key}”（{short_label(key)}）", f"“{key}”"):
            message = message.replace(spelled, f"“{f.label}”")
    return message


_SKIP = object()


def _parse(f: Field, text: str) -> Any:
    if f.kind == "bool":
        return bool(text)
    if f.kind == "list":
        return [t.strip() for t in text.replace("，", ",").split(",") if t.strip()]
    if f.kind == "reviews":
        return reviews_from(f.label.partition("（")[0], text)
    if f.kind in ("text", "choice"):
        return text or _SKIP
    if not text:
        return None if f.key in ("annual_budget_yuan", "target_year") else _SKIP
    try:  # the school form's rule: no 「1e3」, 「nan」 or 「1,2,3」 (review rvweb 11)
        number = typed_number(text)
    except ValueError:
        raise ConfigError(f"“{f.label}”应为数字（{NUMBER_RULE}），现为“{text}”。") from None
    if f.kind == "int":
        if number != int(number):
            raise ConfigError(f"“{f.label}”应为整数，现为“{text}”。")
        return int(number)
    if f.key in IN_WAN:  # refused in the unit it was typed in, not in 元
        if number < 0:
            raise ConfigError(f"“{f.label}”应不小于 0 {f.unit}，现为“{text}”{f.unit}。")
        return round(number * WAN, 2)  # 元 to the fen: 1.1 万元 is 11,000 元, not 11,000.000000000002
    return number


def result_context(plan: LayoutOutcome, data: CountyData) -> dict[str, Any]:
    """What the result page shows: counts, metrics before/after, actions with their reasons
    (the same sentences as the workbook's 理由 column), the map and, for a plan that opens a
    new school, its comparison with the plan without new schools (each note with its table
    when it reads as one, :func:`junheng.jobs.layout.without_new_table`)."""
    from junheng.jobs.layout import without_new_notes, without_new_table
    from junheng.planning.borrow_counts import borrow_counts
    from junheng.planning.layout_compare import difference_terms
    from junheng.planning.layout_options import OPTION_HEADS, option_table
    from junheng.planning.layout_reasons import action_reasons
    from junheng.planning.layout_receivers import receivers
    from junheng.report.layout_count_line import count_items
    from junheng.report.layout_money_text import spending_headline
    from junheng.report.layout_notes import straight_line_note, without_caveat
    from junheng.report.layout_xlsx import comparison_heads, comparison_text
    from junheng.report.layout_years import (
        money_heads,
        money_rows,
        money_text,
        phase_label,
        transition_text,
    )
    from junheng.report.plan_rows import plan_when

    reasons, straight = without_caveat(action_reasons(plan))
    kept, straight_kept = without_caveat(dict(plan.kept_reasons))
    changed = sorted((s for s in plan.schools if s.shown_action != "keep"),
                     key=lambda s: (s.phase or 0, s.action, s.school_id))
    rows = comparison_text(plan)
    compared = without_new_notes(plan.notes)  # in their own panel, not among the 说明
    notes = [r[1] for r in rows if r[0] == "说明" and r[1] not in compared]
    return {"plan": plan, "names": plan.names, "when": plan_when(plan),
            "counts": count_items(plan),
            "changed": changed, "metric_heads": comparison_heads(plan),
            # 所 for schools, 个 for 教学点 (rv2 finding 3: 「调整清单（72 所）」 held 64 教学点)
            "changed_count": count_of_kinds(s.kind for s in changed),
            "headline": spending_headline(plan),
            "metrics": [r for r in rows if r[0] != "说明"],
            "metric_notes": short_notes(plan, notes), "more_notes": more_notes(notes),
            "straight_line": straight_line_note(plan) if straight or straight_kept else "",
            "without_new": [(note, without_new_table(note), difference_terms(note))
                            for note in compared],
            "options": unmet_once(option_table(plan), plan_count(plan)), "option_heads": OPTION_HEADS,
            "action_labels": SHOWN_ACTION_LABELS, "reasons": reasons, "receivers": receivers(plan),
            "borrow": borrow_counts(plan),  # 规划年 and 各学年最多, named apart (review rv18 2)
            "shown_ids": {s.school_id: shown_id(s.school_id, s.name) for s in plan.schools},
            "kept_reasons": kept_reason_rows(replace(plan, kept_reasons=kept)),
            "kept_count": count_of_kinds(s.kind for s in plan.schools
                                         if s.action in ("keep", "expand") and kept.get(s.school_id)),
            "young_far": young_far(plan),
            "cvs": cv_rows(plan), "cv_pupils": cv_pupils(bool((plan.rules or {}).get(FORECAST_RULE))), "map_data": map_data(plan, data),
            "phase_labels": {s.school_id: phase_label(plan.year, s.phase) if s.phase else ""
                             for s in changed},
            "transition": transition_text(plan), "money_heads": money_heads(plan),
            "money_rows": money_rows(plan), "money_text": money_text(plan)}


#: a note that asks the bureau for work: what the page counts and lists first
_FLAGS = ("需论证", "不满足", "需核实")


def flagged(note: str) -> bool:
    """Whether a 说明 asks for work (论证, 核实) or says a rule is not met."""
    return any(word in note for word in _FLAGS)


def more_notes(notes: list[str]) -> list[str]:
    """All the comparison's 说明 behind 更多说明, those asking for work first."""
    return [n for n in notes if flagged(n)] + [n for n in notes if not flagged(n)]


def short_notes(plan: LayoutOutcome, notes: list[str]) -> list[str]:
    """At most four short paragraphs under the comparison (planner review: fourteen 说明
    stood there); the full 说明 are behind 更多说明 (:func:`more_notes`).

    >>> for line in short_notes(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...                                       rules={"today_shares": True}),
    ...                         ["需论证：甲", "大班额：乙", "本方案不满足：丙"]):
    ...     print(line)
    “当前”为 2025 学年各校填报的公办在校生；规划年两列按各村现有分年龄儿童推算到 2030 学年，不含出生、迁移和择校的变化。
    财政支出是按所设单价测算的教育局支出（单价多为假设值，见各项）；标“权重（不是支出）”的各行和综合评价值只用于比选方案，不是支出，也不是节省。
    需论证、核实或本方案未满足规则的说明 2 条，列在“更多说明”的最前面。
    大班额、县城缺少的普通教室、寄宿生数怎样计算，方案的时间和距离界限等，见“更多说明”。
    """
    year = f"{plan.year} 学年" if plan.year else "数据学年"
    target = f"{plan.target_year} 学年" if plan.target_year else "规划年"
    today = (f"“当前”为 {year}各校填报的公办在校生" if (plan.rules or {}).get("today_shares")
             else f"“当前”为按各村 {year}适龄儿童测算的在校生")
    lines = [f"{today}；规划年两列按各村现有分年龄儿童推算到 {target}，不含出生、迁移和择校的变化。",
             "财政支出是按所设单价测算的教育局支出（单价多为假设值，见各项）；标“权重（不是支出）”的各行和综合评价值只用于比选方案，不是支出，也不是节省。"]
    if count := sum(flagged(n) for n in notes):
        lines.append(f"需论证、核实或本方案未满足规则的说明 {count} 条，列在“更多说明”的最前面。")
    lines.append("大班额、县城缺少的普通教室、寄宿生数怎样计算，方案的时间和距离界限等，见“更多说明”。")
    return lines


def kept_reason_rows(plan: LayoutOutcome) -> list[tuple[str, str, str]]:
    """(id as shown, name, reason) of the kept and expanded schools whose keeping the plan
    explains (应留必留, the 分流下限, a town without a boarding school, an expansion to
    justify); closed schools' trips are in the 调整清单's 说明 (review: the table listed all
    81 schools with a reason, closures included)."""
    return [(shown_id(s.school_id, s.name), s.name, plan.kept_reasons[s.school_id])
            for s in plan.schools
            if s.action in ("keep", "expand") and plan.kept_reasons.get(s.school_id)]


def young_far(plan: LayoutOutcome) -> dict[str, Any]:
    """The 一至三年级远距离 table (the workbook's sheet) with its review time."""
    from junheng.planning.layout_outcome import by_school
    from junheng.planning.layout_trips import young_far_rows

    review = float((plan.rules or {}).get("review_minutes_grades_1_3", 20))
    assignments = by_school(plan.assignments)
    ids = {s.school_id: shown_id(s.school_id, s.name) for s in plan.schools}
    return {"review": numbers.trimmed(review),  # the village by its name (its code where none)
            "rows": [[r[1] or r[0], ids.get(r[2], r[2]), *r[3:]]
                     for r in young_far_rows(assignments, review, plan.names,
                                             (plan.rules or {}).get("day_travel_limit_min"))]}


def cv_rows(plan: LayoutOutcome) -> list[tuple[str, str, float, float | None, float | None]]:
    """The 优质均衡 CVs before and after the plan with their limits, for the result page."""
    from junheng.report.layout_xlsx import cv_name

    cvs = plan.evaluation
    if cvs is None:
        return []
    def finite(v):
        return v if isinstance(v, int | float) and math.isfinite(v) else None

    return [({"primary": "小学", "junior": "初中"}.get(stage, "其他"), cv_name(key), finite(cv),
             finite(cvs.after.get(stage, {}).get(key)), cvs.limits.get(stage, {}).get(key))
            for stage, before in cvs.before.items() for key, cv in before.items()]


def map_data(plan: LayoutOutcome, data: CountyData) -> dict[str, Any]:
    """The plan's map, the same data as the offline 布局方案地图.html: schools by action, villages by
    the school they attend, merge flows, towns (from ``<JUNHENG_BOUNDARIES_DIR>/<county
    code>.geojson`` when that file exists, else drawn from the villages' points)."""
    from junheng.geo.towns import boundary_file, county_towns
    from junheng.jobs.layout import village_points
    from junheng.report.layout_map import layout_map_data
    from junheng.settings import get_settings

    boundaries = boundary_file(get_settings().boundaries_dir, data.county_code)
    return layout_map_data(plan, village_points(data), county_towns(data, boundaries))


#: the options table's row of the rules each option does not meet
UNMET_ROW = "未满足的规则"
UNMET_WHERE = "方案甲逐项的人数、学校和原因见上方“结果”的“未满足的规则”"


def unmet_once(options: tuple[str, list[tuple[str, str, str, str]]] | None, cv_over: str = ""):
    """The options' headline and rows (:func:`~junheng.planning.layout_options.option_table`)
    with each option's 未满足的规则 as a count and short labels (:func:`rules_count`) where it
    was the full text, and the headline its count (review rw 9: the ~2,900 characters stood
    four times on the page; 结果 says them once). Rows already short keep their labels. Each
    count says it leaves the 差异系数 out, and 方案甲's the ``cv_over`` words of the 差异系数 over their limit
    after it, as the headline and the document count them (review rvweb 2).

    >>> rows = [("未满足的规则", "1 项：甲", "无", "")]
    >>> unmet_once(("差别", rows), "差异系数 2 项超过限值（…）")[1]
    [('未满足的规则', '1 项（不含差异系数）：甲；差异系数 2 项超过限值（…）', '无', '')]
    """
    if options is None:
        return None
    headline, rows = options
    out = []
    for label, mine, other, why in rows:
        if label == UNMET_ROW:
            short = rules_count(mine), rules_count(other)
            for full, brief in zip((mine, other), short, strict=True):
                if brief != full:  # the headline gives the count only; the labels are below
                    headline = headline.replace(full, brief.split("：")[0] + "（见下表）")
            why = why or (UNMET_WHERE if short[0] != mine else "")
            mine, other = (re.sub(r"^(\d+) 项：", r"\1 项（不含差异系数）：", t) for t in short)
            mine += f"；{cv_over}" if cv_over else ""
        out.append((label, mine, other, why))
    return headline, out


#: how each rule of a 未满足的规则 text starts (:func:`~junheng.planning.layout_unmet.unmet_lines`);
#: the rules are joined by "；", which their school lists use too
RULE_STARTS = ("走读单程不超过", "保留学校的分流下限", "接收学校的体育运动场馆面积", "按年级编班的普通教室",
               "同一学校连续临时周转", "“每个乡镇保留寄宿制小学和初中”", "因差异系数约束保留", "优质均衡差异系数")
_NEXT_RULE = re.compile("；(?=" + "|".join(map(re.escape, RULE_STARTS)) + ")")


def rules_count(text: str) -> str:
    """「N 项：…」 of a full 未满足的规则 text: its rules (a "；" before a rule's start, not the
    "；" between schools), each up to its first colon, bracket or comma; "无" and a text
    already counted stay as they are.

    >>> rules_count("走读单程不超过 30 分钟：36 人超过（甲校 12 人；乙校 24 人），按现状走读；"
    ...             "接收学校的体育运动场馆面积：甲校缺 267 平方米；乙校缺 659 平方米；"
    ...             "“每个乡镇保留寄宿制小学和初中”未全部满足，原因见说明")
    '3 项：走读单程不超过 30 分钟、接收学校的体育运动场馆面积、“每个乡镇保留寄宿制小学和初中”未全部满足'
    >>> rules_count("无"), rules_count("1 项：走读单程不超过 30 分钟（3 人超过）")
    ('无', '1 项：走读单程不超过 30 分钟（3 人超过）')
    """
    if text == "无" or re.match(r"\d+ 项：", text):
        return text
    rules = [re.split(r"[：（(，]", rule, maxsplit=1)[0] for rule in _NEXT_RULE.split(text)]
    return f"{len(rules)} 项：{'、'.join(rules)}"
