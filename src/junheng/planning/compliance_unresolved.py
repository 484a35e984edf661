"""What a compliance plan leaves unresolved, as a table a bureau can read (issue 16).

The evaluation engine's re-check of the county after the plan is read out row by row: one
row per school, stage and indicator still short (current value, standard, why the plan does
not close it), one per CV still over its limit and one per school still short of music / art
rooms or their area. The reason says whose the gap is: a 民办 school's 举办者, a relocation
project, the hall cap (征地、租用场地或布局分流, never priced), or the model itself.

The headline (:func:`verdict_line`) never shows an optimality gap for a plan that fails:
"按此方案，2028 学年不能通过复核，原因：…".
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from junheng.model import numbers
from junheng.model.labels import STAGE_LABELS
from junheng.model.numbers import cv3, value_unit
from junheng.planning.compliance_costs import shared_use_words
from junheng.planning.compliance_cv import CV_PRIVATE, CV_SCHOOLS
from junheng.planning.compliance_model import TEACHER_TOTALS
from junheng.planning.halls import short_m2
from junheng.planning.sports_ground_words import GROUND_BEFORE, shared_block, stage_part

PRIVATE = "民办学校，由举办者整改，不在本方案投入"
RELOCATING = "由在建项目保障（迁建中或在建项目新建的学校），不在本方案建设"
#: a school whose 迁建 or 新建 project is still 规划: the project is no guarantee yet, as the
#: layout plan's 先建后撤 says (planner review: 余下洼村小学 "由项目保障" in the 自评报告)
NOT_BEGUN = "建设项目现为规划状态（未开工），尚不能作为保障；不在本方案建设，须待项目竣工投入使用后复核"
UNRESOLVED = "未解决（需征地/租用场地/布局分流，需论证）"
MODEL = "模型方案未能解决，需逐校复核"
COLUMNS = ("school", "item", "current", "standard", "reason")
#: the 实施后现值 of a row whose data are missing; the instruction is listed under the table
#: (review 2, B7: "缺少音乐或美术专用教室数据，请补填校舍设施表" sat in a cell for the city)
DATA_TODO = "数据待补"


def todo_lines(rows: list[dict[str, Any]]) -> list[str]:
    """The data to enter that the table marks 数据待补, one line per school and item.

    >>> todo_lines([{"school": "城东新区第二小学", "todo": "缺少音乐或美术专用教室数据，请补填校舍设施表"},
    ...             {"school": "全县（小学）"}])
    ['城东新区第二小学：缺少音乐或美术专用教室数据，请补填校舍设施表']
    """
    return [f"{r['school']}：{r['todo']}" for r in rows if r.get("todo")]


def unresolved_rows(plan) -> list[dict[str, Any]]:
    """Every row of the table for ``plan`` (a :class:`.compliance.CompliancePlan`); empty
    when the re-check passes or there is no plan."""
    result = plan.evaluation
    if result is None or plan.confirmed:
        return []
    p = plan.problem
    rows = _school_rows(plan) + _cv_rows(plan)
    for f in result.verdict.failures:
        if f.id in ("music_art_rooms", "music_art_room_area"):
            rows += _room_rows(p, result, f.id)
        elif f.id == "class_size":
            rows.append(
                {
                    "school": "全县",
                    "item": f.name,
                    "current": f.message,
                    "standard": "",
                    "reason": MODEL,
                }
            )
    return rows


def _reason(p, school_id: str, indicator: str | None = None) -> str | None:
    """Whose the gap is: the 举办者's, or a project's for a building item only (a project
    builds rooms and grounds, it does not hire: teacher items stay the plan's, review
    finding 1); None for the model's own."""
    if school_id in p.private:
        return PRIVATE
    if school_id in p.no_build and not (indicator and p.numerator(indicator) in TEACHER_TOTALS):
        from junheng.planning.layout_conditions import not_begun
        from junheng.planning.project_entry import overdue_clause

        projects = p.start.tables.get("projects")
        if school_id in not_begun(projects):
            return NOT_BEGUN
        return RELOCATING + overdue_clause(projects, school_id, p.plan_date)
    return None


def sports_limit(p, school_id: str, halls: set | frozenset = frozenset()) -> str:
    """What keeps a school's sports area short, by the limit that binds it (review rv3
    finding 12: 实验中学 was told the 3,000 m² hall cap held it back while it has no spare
    ground and builds no hall): no spare ground; its spare ground (whole school, the plan's
    field and hall fill it: the model's row (20)); or, where the data give no spare ground,
    the hall cap. It names only what the plan builds there (rv3 3: ``halls``, the schools with
    a hall).

    >>> import types
    >>> s = pd.DataFrame({"school_id": ["A", "B", "C", "D"], "ground": [0.0, 600.0, math.nan, 1316.0],
    ...                   "share_compulsory": [1.0, 0.5, 1.0, 1.0],
    ...                   "ground_whole": [0.0, 1200.0, math.nan, 1475.0],
    ...                   "ground_layout": [0.0, 0.0, math.nan, 159.0]})
    >>> p = types.SimpleNamespace(schools=s, costs=types.SimpleNamespace(gym_max_area=3000.0))
    >>> for school in "ABCD": print(sports_limit(p, school, {"B"}))
    校内无空地
    校内空地（两个方案建设前）1,200 平方米已全部用于室内体育馆、室外场地（与高中共用，义务教育阶段分摊 600 平方米由本方案建设，高中分摊 600 平方米由高中经费安排，不计入本方案投资）
    无校内空地数据，室内体育馆每校上限 3,000 平方米（含布局调整方案已建部分）容纳不下
    校内空地（两个方案建设前）1,475 平方米，布局调整接收学校补足的体育运动场馆用去 159 平方米，余 1,316 平方米已全部用于本方案的室外体育运动场地

    (D: brief hb 3, one figure for 东城小学's ground in both plans, 1,475 − 159 = 1,316.) A school
    with 高中 says the split (review rv 12: 第四中学's 12,700 m² read as all built by this plan,
    which builds its compulsory share 12,700 × 18.37 % = 2,333 m²); one without says the plan
    used it all.
    """
    cap = (f"室内体育馆每校上限 {p.costs.gym_max_area:,.0f} 平方米（含布局调整方案已建部分）"
           "容纳不下")
    row = p.schools.loc[p.schools["school_id"] == school_id]
    ground = float(row["ground"].iloc[0]) if len(row) and "ground" in row else math.nan
    if not math.isfinite(ground):
        return f"无校内空地数据，{cap}"
    if ground <= 0:
        return "校内无空地"
    share = float(row["share_compulsory"].iloc[0]) if "share_compulsory" in row else 1.0
    whole = ground / share if share > 0 else ground
    laid = 0.0
    if "ground_whole" in row and math.isfinite(float(row["ground_whole"].iloc[0])):
        whole, laid = float(row["ground_whole"].iloc[0]), float(row["ground_layout"].iloc[0])
    built = "室内体育馆、室外场地" if school_id in halls else "室外体育运动场地"
    took = (f"，布局调整接收学校补足的体育运动场馆用去 {laid:,.0f} 平方米，余 {whole - laid:,.0f} 平方米"
            if round(laid) else "")
    if share >= 1 - 1e-9:
        return f"{GROUND_BEFORE}{whole:,.0f} 平方米{took}已全部用于本方案的{built}"
    return _shared_ground(whole, laid, ground, share, took, built)


def _shared_ground(whole: float, laid: float, ground: float, share: float, took: str, built: str) -> str:
    """The ground of a school shared with 高中, as the 达标路径 builds it: its compulsory
    ``ground`` (whole m², as the model lays it) is the pupils' ``share`` of a block of
    ``ground / share`` m², 高中's the rest, and what that block leaves of the spare ground
    said (rv2 3: 「12,701 已全部用于…高中分摊 10,502」 beside the block of 12,697, 高中 10,498
    and 4 m² left that the combined plan states).

    >>> print(_shared_ground(12_701.0, 0.0, 2_199.0, 2_199 / 12_697.01, "", "室外体育运动场地"))
    校内空地（两个方案建设前）12,701 平方米，建室外体育运动场地整块 12,697 平方米（与高中共用，义务教育阶段分摊 2,199 平方米由本方案建设，高中分摊 10,498 平方米由高中经费安排，不计入本方案投资）后余 4 平方米

    (2,199 / 0.17319 = 12,697.01; 12,697 − 2,199 = 10,498; 12,701 − 12,697 = 4.)
    """
    block, left = shared_block(ground, share, whole, laid)
    split = (f"（与高中共用，义务教育阶段分摊 {ground:,.0f} 平方米由本方案建设，高中分摊 {block - round(ground):,} 平方米"
             "由高中经费安排，不计入本方案投资）")
    if left <= 0:
        return f"{GROUND_BEFORE}{whole:,.0f} 平方米{took}已全部用于{built}{split}"
    return f"{GROUND_BEFORE}{whole:,.0f} 平方米{took}，建{built}整块 {block:,} 平方米{split}后余 {left:,} 平方米"


def _school_rows(plan) -> list[dict[str, Any]]:
    p, result = plan.problem, plan.evaluation
    failing = {f.unit_id for f in result.verdict.failures if f.id == "school_rule"}
    a = result.assessment
    a = a[a["unit_id"].isin(failing) & ~a["met"].fillna(False).astype(bool)]
    names = {i.id: i for i in p.standard.resource_indicators}
    school_names = dict(zip(p.start.schools["school_id"], p.start.schools["name"], strict=False))
    acts = plan.actions
    halls = set(acts.loc[acts["item"] == "gym", "school_id"]) if "item" in acts else set()
    rows = []
    gaps = short_m2(p, a)  # to the one need of both plans (brief hb 1)
    for r, gap in zip(a.itertuples(), gaps, strict=True):
        ind = names[r.indicator]
        reason, short = _reason(p, r.school_id, r.indicator), None
        if reason is None and p.numerator(r.indicator) == "sports_area":
            short = int(gap)
            reason = (f"{UNRESOLVED}：{sports_limit(p, r.school_id, halls)}，仍缺 {short:,} 平方米"
                      f"{_stage_part(p, r, short)}{_to_floor(p, r, gap)}")
        unit = value_unit(ind.id, ind.unit)
        unit = f" {unit}" if unit else ""
        rows.append(
            {
                "school": f"{school_names.get(r.school_id, r.school_id)}"
                f"（{STAGE_LABELS[r.stage]}）",
                "item": ind.name,
                "current": "待核实" if math.isnan(r.value) else numbers.against(
                    r.value, r.threshold, trim=True) + unit,
                "standard": numbers.trimmed(r.threshold, 4) + unit,
                "reason": reason or MODEL,
                **({"short_m2": short} if short is not None else {}),
            }
        )
    return rows


def _stage_part(p, r, short: int) -> str:
    """The school's whole m² beside a unit's short m² where its compulsory stages split its
    area (:func:`~.sports_ground_words.stage_part`; brief hp 2)."""
    s = p.schools.set_index("school_id")
    column = f"reach_{r.stage}"
    reach = float(s.at[r.school_id, column]) if column in s and r.school_id in s.index else 1.0
    return stage_part(STAGE_LABELS[r.stage], short, reach)


def _to_floor(p, r, gap: float) -> str:
    """What a sports shortfall is counted to where it is short of less than the standard:
    the school rule's floor with the plan's margin, its only indicator below the standard."""
    full = math.ceil(max(r.threshold - r.value, 0.0) * r.students - 1e-9)
    if gap >= full:
        return ""
    floor, margin = p.standard.school_rule.floor_ratio, p.costs.floor_margin
    return (f"（按标准的 {floor:.0%}" + (f" 加 {margin:.0%} 余量" if margin else "")
            + "计，该项为该校唯一低于标准的指标）")


def cv_limits(p, halls: set | frozenset) -> str:
    """What bounds the schools' sports area in the CV rows: the hall cap only where the plan
    builds a hall (``halls``) or a school that may build one has no spare ground in the data
    (a hall its only way), else the shortfall and the ground the fields are laid on (brief
    va 1).

    >>> import types
    >>> s = pd.DataFrame({"ground": [10.0, 0.0, math.nan], "bound_gym": [800.0, 0.0, 0.0]})
    >>> p = types.SimpleNamespace(schools=s, costs=types.SimpleNamespace(gym_max_area=3000.0))
    >>> cv_limits(p, set()), cv_limits(p, {"A"})
    ('本校缺口和校内空地', '本校缺口、校内空地和室内体育馆每校上限 3,000 平方米')
    """
    s = p.schools
    unknown = s["ground"].isna() & (s["bound_gym"] > 0) if {"ground", "bound_gym"} <= set(s) \
        else pd.Series(True)
    if halls or unknown.any():
        return f"本校缺口、校内空地和室内体育馆每校上限 {p.costs.gym_max_area:,.0f} 平方米"
    return "本校缺口和校内空地"


def _cv_rows(plan) -> list[dict[str, Any]]:
    p, result = plan.problem, plan.evaluation
    acts = plan.actions
    halls = set(acts.loc[acts["item"] == "gym", "school_id"]) if "item" in acts else set()
    rows = []
    for stage, res in result.stages.items():
        for cv in res.indicators.values():
            if cv.met is not False:
                continue
            why = plan.cv_reasons.get(f"{stage}:{cv.indicator}", "")
            if p.numerator(cv.indicator) == "sports_area":
                reason = (
                    f"{UNRESOLVED}：各校体育运动场馆以{cv_limits(p, halls)}为限，差异系数仍超过限值"
                    + (f"；{why.split('：', 1)[-1]}" if why.startswith(CV_SCHOOLS) else "")
                )
            else:
                reason = why or MODEL
            rows.append(
                {
                    "school": f"全县（{STAGE_LABELS[stage]}）",
                    "item": f"{cv.name}差异系数",
                    "current": cv3(cv.cv),
                    "standard": f"≤ {cv.limit:.2f}",
                    "reason": reason,
                }
            )
    return rows


def _room_rows(p, result, item_id: str) -> list[dict[str, Any]]:
    item = next(
        (r for r in (*result.guarantee, *result.quality) if r.indicator.id == item_id), None
    )
    if item is None or item.detail.empty or "name" not in item.detail:
        return []
    standard = (
        "每 12 个班音乐、美术专用教室各 1 间"
        if item_id == "music_art_rooms"
        else "音乐教室每间 ≥ 96 平方米，美术教室每间 ≥ 90 平方米"
    )
    d = item.detail
    gaps = d["gap"] if "gap" in d else pd.Series([""] * len(d), index=d.index)
    return [
        {
            "school": name,
            "item": item.indicator.name,
            "current": DATA_TODO if str(gap).startswith("缺少") else gap,
            "standard": standard,
            "reason": _reason(p, str(sid)) or MODEL,
            **({"todo": gap} if str(gap).startswith("缺少") else {}),
        }
        for sid, name, gap in zip(d["school_id"], d["name"], gaps, strict=True)
    ]


def verdict_line(doc: dict[str, Any]) -> str:
    """The plan's headline: it passes the target year, or "按此方案，X 学年不能通过复核，原因：…"
    with the kinds of reason in the table (never an optimality gap for a failing plan).

    >>> verdict_line({"target_year": 2028, "confirmed": False, "after": {}, "unresolved": [
    ...     {"reason": PRIVATE}, {"reason": RELOCATING}, {"reason": UNRESOLVED + "：仍缺 5 平方米"},
    ...     {"reason": NOT_BEGUN}]})
    '按此方案，2028 学年不能通过复核，原因：民办学校由举办者整改 1 项；迁建、项目新建学校由其项目保障 1 项；体育运动场馆需征地、租用场地或布局分流（需论证） 1 项；建设项目未开工的学校待项目竣工后复核 1 项。详见“未解决事项”表。'
    >>> verdict_line({"target_year": 2028, "confirmed": True, "after": {}, "unresolved": []})
    '按此方案，2028 学年可以通过复核：全部学校和各项差异系数达标。'
    """
    year = doc["target_year"]
    if doc["confirmed"]:
        return f"按此方案，{year} 学年可以通过复核：全部学校和各项差异系数达标。"
    if doc.get("after") is None:
        reason = (doc.get("diagnosis") or {}).get("message") or "未找到可行方案。"
        return f"按此方案，{year} 学年不能通过复核，原因：{reason}"
    kinds = {
        PRIVATE: "民办学校由举办者整改",
        RELOCATING: "迁建、项目新建学校由其项目保障",
        NOT_BEGUN: "建设项目未开工的学校待项目竣工后复核",
        UNRESOLVED: "体育运动场馆需征地、租用场地或布局分流（需论证）",
        CV_PRIVATE: "民办学校的校舍、设备和教师按现状计入差异系数",
        CV_SCHOOLS: "个别学校拉高差异系数",
        MODEL: "模型方案未能解决",
    }
    counts: dict[str, int] = {}
    for row in doc.get("unresolved") or []:
        kind = next((v for k, v in kinds.items() if row["reason"].startswith(k)), "其他")
        counts[kind] = counts.get(kind, 0) + 1
    said = "；".join(f"{k} {n} 项" for k, n in counts.items()) or "复核仍有指标未达标"
    from junheng.planning.compliance_due import senior_decision  # it reads this module's reasons

    return f"按此方案，{year} 学年不能通过复核，原因：{said}。{area_decisions(doc)}{senior_decision(doc)}详见“未解决事项”表。"


def _no_land(layout: str) -> str:
    """'，未征用相邻用地' unless the layout's words on the school buy land beside it."""
    return "" if "相邻用地" in layout or "扩充体育运动场地用地" in layout else "，未征用相邻用地"


def area_decisions(doc: dict[str, Any]) -> str:
    """The schools the plan leaves failing 学校达标 on an area it cannot build on its own land
    (the 未解决事项 rows of :data:`UNRESOLVED` with the m² short), each with its figures, the
    priced route of the 达标路径's ``sports_path`` and the other options, as a decision for the
    局务会 (brief hc2, review rv 8: 实验中学 kept 1,986 pupils at 4.79 m² against 10.2, said only
    in 表 1); '' when there is none.

    >>> doc = {"unresolved": [{"school": "甲中学（初中）", "item": "生均体育运动场馆面积", "current": "4.79 平方米/生",
    ...     "standard": "10.2 平方米/生", "reason": UNRESOLVED + "：校内无空地，仍缺 8,053 平方米", "short_m2": 8053}],
    ...     "sports_path": {"remedy_name": "置换或征用相邻用地建室外运动场",
    ...                     "schools": [{"name": "甲中学", "stage": "junior", "cost": 1207.95}]}}
    >>> print(area_decisions(doc))
    须由局务会决定（学校达标仍缺面积、本校用地放不下）：甲中学（初中）生均体育运动场馆面积 4.79 平方米/生（标准 10.2 平方米/生），仍缺 8,053 平方米，可选置换或征用相邻用地建室外运动场（约 1,207.95 万元，未计入本方案总投资）、就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）、布局分流减少该校学生。

    After a layout plan, its words on the school are said back (review rv5 finding 5):

    >>> doc["combined"] = {"schools": [{"name": "甲中学", "layout": "新建教室 1 间、规划年学生 2,392 → 1,986 人"}]}
    >>> print(area_decisions(doc))
    须由局务会决定（学校达标仍缺面积、本校用地放不下）：甲中学（初中）生均体育运动场馆面积 4.79 平方米/生（标准 10.2 平方米/生），仍缺 8,053 平方米（布局调整方案在此校：新建教室 1 间、规划年学生 2,392 → 1,986 人，未征用相邻用地，见《布局调整方案》该校“理由”），可选置换或征用相邻用地建室外运动场（约 1,207.95 万元，未计入本方案总投资）、就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）、布局分流进一步减少该校学生（须相应修改布局调整方案）。
    """
    path = doc.get("sports_path") or {}
    cost = {f"{s['name']}（{STAGE_LABELS.get(s.get('stage'), '')}）": s.get("cost")
            for s in path.get("schools") or []}
    # the layout's words on the school (plans_combined rows), said back: one position (rv5 finding 5)
    laid_out = {x["name"]: x["layout"] for x in (doc.get("combined") or {}).get("schools") or [] if x.get("layout")}
    shared = shared_use_words((doc.get("costs") or {}).get("lease"))  # whether it counts (brief hlease 3)
    each = []
    for row in doc.get("unresolved") or []:
        if not row.get("short_m2") or not str(row.get("reason", "")).startswith(UNRESOLVED):
            continue
        priced = cost.get(row["school"])
        money = f"（约 {priced:,.2f} 万元，未计入本方案总投资）" if priced is not None else ""
        own = path.get("remedy") == "shared_use"  # the priced route is the shared one: said once
        route = f"{path['remedy_name']}{money}、" if money and path.get("remedy_name") and not own else ""
        layout = laid_out.get(str(row["school"]).split("（")[0], "")
        each.append(f"{row['school']}{row['item']} {row['current']}（标准 {row['standard']}），仍缺 "
                    f"{row['short_m2']:,} 平方米" + (f"（布局调整方案在此校：{layout}{_no_land(layout)}，见"
                    "《布局调整方案》该校“理由”）" if layout else "") + f"，可选{route}{shared}{money if own else ''}、"
                    + ("布局分流进一步减少该校学生（须相应修改布局调整方案）" if layout else "布局分流减少该校学生"))
    return f"须由局务会决定（学校达标仍缺面积、本校用地放不下）：{'；'.join(each)}。" if each else ""


HEADS = ("学校", "项目", "实施后现值", "标准", "未解决原因")
__all__ = ["DATA_TODO", "HEADS", "area_decisions", "todo_lines", "unresolved_rows", "value_unit", "verdict_line"]
