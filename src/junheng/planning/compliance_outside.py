"""What the compliance plan names but does not fund: the 高中 part of buildings shared with
高中, and what the standard would need at 民办 schools (their 举办者's responsibility).

* A school that also teaches 高中 (完全中学, 十二年一贯制): the engine splits its facilities
  between stages by the weighted pupils, so a building the compulsory stages need ``x`` of
  is ``x / compulsory share`` when shared; the plan funds ``x``, the rest is 高中's
  (:func:`senior_part`, review finding 1).
* A 民办 school gets no action (:mod:`.compliance_model` (13)); :func:`private_needs` lists,
  per school, the rooms the guarantee items need and each resource indicator's shortfall to its
  threshold, with an indicative cost at the plan's unit costs, never in the plan's total
  (review finding 2). A CV the plan leaves failing is explained by what those needs would do
  (:func:`~.compliance_cv.cv_notes`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from junheng.model.labels import STAGE_LABELS
from junheng.planning.compliance_actions import ITEM_NAMES
from junheng.planning.compliance_data import ComplianceProblem
from junheng.planning.compliance_model import forced_cost
from junheng.planning.layout_conditions import LAYOUT_WAITS

SENIOR_COLUMNS = ("school_id", "name", "item", "quantity", "built", "senior", "senior_cost",
                  "layout")
NEED_COLUMNS = ("school_id", "name", "stage", "item", "quantity", "unit", "cost")
#: Per resource total: the item that supplies it at a 民办 school (teachers: the cheaper
#: own-teacher route up to the unit's stock, then hiring).
TEACHER_ROUTES = {"higher_degree_teachers": ("degree_upgrade", "non_higher", "hire_teacher"),
                  "backbone_teachers": ("backbone_training", "trainable", "hire_backbone"),
                  "pe_art_teachers": (None, None, "hire_pe_art")}
#: A 民办 school's sports area beyond the hall cap: listed, not priced (_hall_needs).
BEYOND_CAP = "gym_beyond_cap"
#: The names of the 举办者's needs: the plan's items and :data:`BEYOND_CAP`.
NEED_NAMES = {**ITEM_NAMES, BEYOND_CAP: ("体育运动场馆超出室内体育馆每校上限的部分（需征地/租用场地/布局分流，"
                                         "需论证，不计价）", "平方米")}
SCHOOL_TOTALS = {"teaching_area": "teaching_area", "equipment_value": "equipment",
                 "multimedia_rooms": "multimedia_room"}


def senior_part(problem: ComplianceProblem, actions: pd.DataFrame) -> pd.DataFrame:
    """Per action of a shared building: the compulsory part the plan funds (``quantity``),
    the whole building (``built``), 高中's part and its indicative cost (万元). Where the
    layout plan builds part of the same hall (``layout``, m²), the hall is one building: the
    whole is the joint compulsory part at the same share (review2 finding 4: 第四中学's
    162 + 401 = 563 m², 563 × 2,135 / 401 = 2,997.5 → 2,998 m² whole, 高中 2,998 − 563 =
    2,435 m² × 0.42 万元 = 1,022.70 万元, as 两方案合计 says), never a second whole of 2,135."""
    if actions.empty or "built" not in actions:
        return pd.DataFrame(columns=list(SENIOR_COLUMNS))
    rows = actions[actions["built"] > actions["quantity"] + 1e-9]
    rows = rows.assign(built=rows["built"].where(  # rented m²·学年: the whole rent at the share
        rows["item"] != "temporary_area", (rows["quantity"] / rows["school_id"].map(
            problem.schools.set_index("school_id")["share_compulsory"])).round(2)))
    halls = _layout_halls(problem)
    layout = rows["school_id"].map(halls).fillna(0.0).where(rows["item"] == "gym", 0.0)
    joint = layout > 0
    compulsory = rows["quantity"] + layout
    # whole units, as every sentence prints them: 高中's part priced is the one printed (rv18 9:
    # 12,696.66 − 2,291 = 10,405.66 m² × 900 元 = 936.51 万元 beside 「10,406 平方米」)
    built = rows["built"].where(~joint, compulsory * rows["built"] / rows["quantity"]).round()
    senior = built - compulsory.round()
    return pd.DataFrame({"school_id": rows["school_id"], "name": rows["name"],
                         "item": rows["item"], "quantity": rows["quantity"],
                         "built": built, "senior": senior.round(2),
                         "senior_cost": (senior * rows["unit_cost"]).round(2),
                         "layout": layout.astype(float)}
                        ).reset_index(drop=True)


def _layout_halls(problem: ComplianceProblem) -> pd.Series:
    """The hall m² the layout plan built per school (``layout_hall_area``, set by
    compliance_layout after a layout plan); empty without one."""
    f = problem.before.facilities
    if "layout_hall_area" not in f:
        return pd.Series(dtype=float)
    halls = f.drop_duplicates("school_id").set_index("school_id")["layout_hall_area"].fillna(0.0)
    return halls[halls > 0].astype(float)


def senior_notes(problem: ComplianceProblem, part: pd.DataFrame) -> tuple[str, ...]:
    """One sentence per school of what the plan funds of a shared building and what is 高中's."""
    if part.empty:
        return ()
    share = problem.schools.set_index("school_id")["share_compulsory"]
    out = []
    for (school, name), rows in part.groupby(["school_id", "name"], sort=False):
        items = "；".join(
            f"{ITEM_NAMES[r.item][0]}义务教育阶段需 {_need_text(r)}，"
            f"{'租赁' if r.item == 'temporary_area' else '建成'}与高中共用的共 {_qty(r.built, r.item)}，其中 {_qty(r.senior, r.item)}"
            f"按评估办法计入高中（估算 {r.senior_cost:,.2f} 万元）" for r in rows.itertuples())
        out.append(f"{name}同时招收高中学生，评估办法按学生数加权拆分其校舍和设施，义务教育阶段占 "
                   f"{float(share[school]):.1%}：{items}。高中部分属高中阶段办学条件，由高中经费安排，"
                   f"不计入本方案投资；复核按建成后的整体面积计算。")
    return tuple(out)


def _need_text(r) -> str:
    """The compulsory part of a shared building: the plan's own, or with the layout plan's
    part of the same hall, both (review2 finding 4)."""
    layout = float(getattr(r, "layout", 0.0) or 0.0)
    if layout <= 0:
        return f"{_qty(r.quantity, r.item)}（计入本方案）"
    return (f"{_qty(r.quantity + layout, r.item)}（布局调整方案 {_qty(layout, r.item)} + "
            f"本方案 {_qty(r.quantity, r.item)}，合为一座）")


def _qty(value: float, item: str) -> str:
    """Whole units (a shared multimedia room is built whole: ``shared_built``)."""
    return f"{value:,.0f} {ITEM_NAMES[item][1]}"


# --- 民办 schools -----------------------------------------------------------------------------

def private_needs(problem: ComplianceProblem) -> pd.DataFrame:
    """Per 民办 school: the forced rooms and every resource indicator's shortfall to its
    threshold, as quantities of the item that supplies it, with an indicative cost (万元)."""
    if not problem.private:
        return pd.DataFrame(columns=list(NEED_COLUMNS))
    rows = []
    forced = problem.private_forced if problem.private_forced is not None else pd.DataFrame()
    for r in forced.itertuples():
        rows.append(_need(r.school_id, None, r.item, r.quantity,
                          forced_cost(problem, r.item, r.quantity)))
    rows += _school_shortfalls(problem) + _teacher_shortfalls(problem)
    if not rows:
        return pd.DataFrame(columns=list(NEED_COLUMNS))
    frame = pd.DataFrame(rows)
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    frame["name"] = frame["school_id"].map(names)
    frame["unit"] = frame["item"].map(lambda i: NEED_NAMES[i][1])
    return frame[list(NEED_COLUMNS)].sort_values("school_id", kind="stable").reset_index(
        drop=True)


def _need(school: str, stage, item: str, quantity: float, cost: float) -> dict:
    return {"school_id": school, "stage": stage, "item": item, "quantity": float(quantity),
            "cost": round(float(cost), 2)}


def _lifts(problem: ComplianceProblem, total: str) -> pd.Series:
    """Per 民办 school, what it must add to ``total`` for every unit to reach the threshold
    (in school terms: each unit's shortfall over the share it gets of an addition)."""
    units = problem.units[problem.is_private(problem.units["school_id"])]
    ind = next(i.id for i in problem.standard.resource_indicators
               if problem.numerator(i.id) == total)
    lift = (units[f"need_{ind}"] - units[f"base_{ind}"]).clip(lower=0)
    schools = problem.schools.set_index("school_id")
    share = [float(schools.loc[s, f"reach_{g}"]) for s, g in
             zip(units["school_id"], units["stage"], strict=True)]
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where(np.array(share) > 1e-9, lift.to_numpy(float) / np.array(share), 0.0)
    return pd.Series(per, index=units.index).groupby(units["school_id"]).max()


def _school_shortfalls(problem: ComplianceProblem) -> list[dict]:
    costs, rows = problem.costs, []
    field = problem.schools.set_index("school_id")["field_allowed"]
    for total in ("teaching_area", "sports_area", "equipment_value", "multimedia_rooms"):
        for school, amount in _lifts(problem, total).items():
            if amount <= 1e-9:
                continue
            item = SCHOOL_TOTALS.get(total) or ("field" if field[school] else "gym")
            qty = math.ceil(amount - 1e-9) if item != "equipment" else \
                math.ceil(amount / 100 - 1e-9) * 100
            if item == "gym":
                rows += _hall_needs(problem, school, qty)
                continue
            rows.append(_need(school, None, item, qty, qty * costs.objective_cost(item)))
    return rows


def _hall_needs(problem: ComplianceProblem, school: str, short: float) -> list[dict]:
    """A 民办 school's hall as a public school's (planner review finding 8): its compulsory
    part (``short``, as every need here) at most ``gym_max_area`` of the whole hall times the
    compulsory share (:func:`~.halls.hall_limits`, the public rule), at the hall's price plus
    the 体育场馆 project's fee; the rest (:data:`BEYOND_CAP`) is not priced:
    需征地/租用场地/布局分流."""
    from junheng.planning.halls import hall_limits

    share = float(problem.schools.set_index("school_id").at[school, "share_compulsory"])
    most = float(hall_limits([share], [0.0], problem.costs.gym_min_area,
                             problem.costs.gym_max_area)[1][0])
    hall = min(short, most)
    rows = [_need(school, None, "gym", hall, hall * problem.costs.objective_cost("gym")),
            _need(school, None, "sports", 1, problem.costs.projects["sports"].unit_cost)]
    if short > hall:
        rows.append(_need(school, None, BEYOND_CAP, short - hall, 0.0))
    return rows


def _teacher_shortfalls(problem: ComplianceProblem) -> list[dict]:
    units = problem.units
    mine = np.flatnonzero(problem.is_private(units["school_id"]))
    rows = []
    for total, (own, stock, hire) in TEACHER_ROUTES.items():
        ind = next(i.id for i in problem.standard.resource_indicators
                   if problem.numerator(i.id) == total)
        for u in mine:
            short = math.ceil(float(units[f"need_{ind}"].iloc[u] - units[f"base_{ind}"].iloc[u])
                              - 1e-9)
            if short <= 0:
                continue
            school, stage = units["school_id"].iloc[u], units["stage"].iloc[u]
            trained = min(short, int(problem.stocks[stock].iloc[u])) if own else 0
            for item, n in ((own, trained), (hire, short - trained)):
                if item and n > 0:
                    rows.append(_need(school, stage, item, n,
                                      n * problem.costs.objective_cost(item)))
    return rows


def private_notes(problem: ComplianceProblem, needs: pd.DataFrame) -> tuple[str, ...]:
    """The sentence every output carries about the 民办 schools."""
    if not problem.private:
        return ()
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    listed = "、".join(str(names[s]) for s in sorted(problem.private))
    text = (f"民办学校 {len(problem.private)} 所（{listed}）的办学条件由举办者负责投入，本方案不在民办学校安排"
            "任何整改，其现状照常计入差异系数和学校达标复核；各项投资合计均为公办学校的投入。")
    if len(needs):
        by = needs.groupby("school_id", sort=True)["cost"].sum()
        text += ("按标准所需的整改见“民办学校举办者整改需求”：" + "、".join(
            f"{names[s]}估算 {c:,.2f} 万元" for s, c in by.items())
            + "（各项指标均补足到标准值、单价同本方案，仅供督促举办者参考，不计入本方案投资）"
            + _shared_hall_text(problem, needs, names) + "。")
    return (text,)


def _whole(part: float, share: float, cap: float) -> float:
    """The whole hall whose compulsory ``share`` is ``part`` m² (up to a whole m², at most the
    cap the part was cut to: 1,776 m² at 59.2% is the 3,000 m² hall, not 2,999).

    >>> _whole(1776, 0.59206, 3000.0), _whole(1000, 0.625, 3000.0)
    (3000.0, 1600.0)
    """
    return float(min(math.ceil(part / share - 1e-6), cap))


def _shared_hall_text(problem: ComplianceProblem, needs: pd.DataFrame, names) -> str:
    """The clause on a 民办 hall shared with 高中: its compulsory part is listed, the whole
    hall is larger (as 与高中共用部分 says of a public school's)."""
    share = problem.schools.set_index("school_id")["share_compulsory"]
    halls = needs[(needs["item"] == "gym") & (needs["school_id"].map(share) < 1 - 1e-9)]
    return "".join(
        f"；{names[r.school_id]}同时招收高中学生，室内体育馆义务教育阶段占 {float(share[r.school_id]):.1%}，"
        f"表中 {r.quantity:,.0f} 平方米为义务教育阶段部分，整座场馆约 "
        f"{_whole(r.quantity, float(share[r.school_id]), problem.costs.gym_max_area):,.0f} 平方米"
        f"（每校上限 {problem.costs.gym_max_area:,.0f} "
        "平方米），高中部分另由举办者安排" for r in halls.itertuples())


def need_lines(needs: pd.DataFrame) -> list[str]:
    """The 举办者 table as sentences (school, stage, item, quantity, indicative cost)."""
    out = []
    for r in needs.itertuples():
        stage = f"（{STAGE_LABELS[r.stage]}）" if isinstance(r.stage, str) else ""
        out.append(f"{r.name}{stage}：{NEED_NAMES[r.item][0]} {r.quantity:,.0f} {r.unit}，"
                   f"估算 {r.cost:,.2f} 万元")
    return out


__all__ = ["need_lines", "private_needs", "private_notes", "senior_notes",
           "senior_part"]


def _project_kind(problem: ComplianceProblem, school: str) -> str:
    """What builds a school the plan does not build at: 在建项目新建的学校 (a project's new
    school a layout plan fills: final review 2026-12-03) or 正在迁建, or, for a project still
    规划 (:func:`~.layout_conditions.not_begun`), that it has not begun."""
    from junheng.planning.layout_conditions import not_begun
    from junheng.planning.projects import new_build_ids

    new = school in new_build_ids(problem.start)
    if school in not_begun(problem.start.tables.get("projects")):
        return f"{'新建' if new else '迁建'}{NOT_BEGUN_MARK}"
    return "在建项目新建的学校" if new else "正在迁建"


#: the warnings of a school whose project is still 规划 (compliance_brief groups them by it)
NOT_BEGUN_MARK = "项目现为规划状态（未开工）"


def relocation_notes(problem: ComplianceProblem) -> tuple[str, ...]:
    """One sentence per school being relocated or built by a project (constraint (14)):
    nothing built there, and the rooms the guarantee items ask of it, which its project is to
    provide; a project still 规划 is no guarantee yet (the layout plan's 先建后撤)."""
    if not problem.no_build:
        return ()
    names = problem.start.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    forced = problem.no_build_forced if problem.no_build_forced is not None else pd.DataFrame()
    out = []
    for school in sorted(problem.no_build):
        kind = _project_kind(problem, school)
        waits = f"；{LAYOUT_WAITS}；" if problem.layout_ready is not None else "，"
        whose = (f"规划项目尚不能作为保障，该校校舍、场地类指标须待项目竣工投入使用后复核{waits}"
                 if NOT_BEGUN_MARK in kind else "该校校舍、场地类指标的达标由该项目保障，")
        text = (f"{names[school]}：{kind}，建设按项目实施；本方案不在该校安排教室、"
                f"校舍面积、运动场地和多媒体教室建设，{whose}教师类指标仍由本方案配足")
        mine = forced[forced["school_id"] == school] if len(forced) else forced
        out.append(text + new_site_needs(mine, problem.costs.room_repair_below)
                   + repairs_booked(problem.forced[problem.forced["school_id"] == school]) + "。")
    return tuple(out)


#: the 整改措施's section (the 达标路径's project) of the 维修改造（核定面积） items
REPAIR_TITLE = "专用教室维修改造（核定面积）"


def repairs_booked(mine: pd.DataFrame) -> str:
    """The 维修改造（核定面积） the 达标路径 books at a school whose project has not begun (its rooms
    are in use until the project is done: :func:`~.layout_conditions.repairs_in_use`), after
    「；」; "" where it books none.

    >>> repairs_booked(pd.DataFrame({"item": ["art_room_repair", "classroom"], "quantity": [2.0, 1.0]}))
    '；项目竣工前现有校舍仍在使用，美术专用教室面积差额 2 平方米与其他学校同样维修改造（核定面积）（见“专用教室维修改造（核定面积）”）'
    """
    small = mine[mine["item"].astype(str).str.endswith("_repair")] if len(mine) else mine
    if not len(small):
        return ""
    each = small.groupby("item", sort=False)["quantity"].sum()
    kinds = "、".join(ITEM_NAMES[i][0].removesuffix("专用教室维修改造（核定面积）") for i in each.index)
    return (f"；项目竣工前现有校舍仍在使用，{kinds}专用教室面积差额{'依次为' if len(each) > 1 else ''} "
            f"{'、'.join(f'{q:,.0f}' for q in each)} 平方米与其他学校同样维修改造（核定面积）（见“{REPAIR_TITLE}”）")



def new_site_needs(mine: pd.DataFrame, below: float) -> str:
    """What the standard asks of a relocated school's new site (its forced items ``mine``),
    after 「，」; a music or art room short of fewer than ``below`` m² (a 维修改造（核定面积）
    item) is no measure there, the new rooms' areas are checked as they are approved (review
    rv16 6: 「按标准新校址至少需要美术专用教室维修改造（核定面积） 2 平方米」): the pupils leave the
    rooms short for the project's (rv20 8: said why; a project not begun books the step at the
    school, :func:`repairs_booked`).

    >>> f = pd.DataFrame({"item": ["music_room", "music_room_repair", "art_room_repair"],
    ...                   "quantity": [1.0, 2.0, 7.0]})
    >>> new_site_needs(f, 20)
    '，按标准新校址至少需要新建音乐专用教室 1 间；音乐、美术专用教室面积差额均不足 20 平方米（2、7 平方米），迁入新校址后现有专用教室不再使用，不列措施，新校址核定面积时复核'
    >>> new_site_needs(f[1:2], 20), new_site_needs(f[:0], 20)
    ('，音乐专用教室面积差额不足 20 平方米（2 平方米），迁入新校址后现有专用教室不再使用，不列措施，新校址核定面积时复核', '')
    """
    each = mine.groupby("item", sort=False)["quantity"].sum()
    small = each[each.index.str.endswith("_repair")]
    need = "、".join(f"{ITEM_NAMES[item][0]} {q:,.0f} {ITEM_NAMES[item][1]}"
                     for item, q in each.items() if item not in small.index)
    parts = [f"按标准新校址至少需要{need}"] if need else []
    if len(small):
        kinds = "、".join(ITEM_NAMES[i][0].removesuffix("专用教室维修改造（核定面积）") for i in small.index)
        parts.append(f"{kinds}专用教室面积差额{'均' if len(small) > 1 else ''}不足 {below:g} 平方米"
                     f"（{'、'.join(f'{q:,.0f}' for q in small)} 平方米），迁入新校址后现有专用教室不再使用，"
                     "不列措施，新校址核定面积时复核")
    return "，" + "；".join(parts) if parts else ""


def size_outside(result, target_year: int, layout_year: int | None = None) -> tuple[str, ...]:
    """大校额 (the only failing item the plan does not decide: building rooms cannot make a
    school smaller) with the schools over the cap; ``layout_year``: the plan is for the county
    after a layout plan of that target year, and says whether its year comes first (review2
    finding 7: "…（见布局调整方案）" after the layout was circular)."""
    from junheng.model.numbers import number

    out = []
    for f in result.verdict.failures:
        if f.id != "school_size":
            continue
        item = next((r for r in result.guarantee if r.indicator.id == "school_size"), None)
        rows = item.detail if item is not None else pd.DataFrame()
        names = "、".join(f"{r.name} {number(r.students)} 人（上限 {number(r.cap)} 人）"
                         for r in rows.itertuples()) if "name" in rows else ""
        out.append(f"{f.message}" + (f"：{names}" if names else "") + "。扩建不能降低学校规模，"
                   + _size_remedy(target_year, layout_year))
    return tuple(out)


def _size_remedy(target_year: int, layout_year: int | None) -> str:
    """What the county can do about a school over the size cap.

    >>> _size_remedy(2028, None)
    '需新建学校或调整学区分流（见布局调整方案）。'
    >>> "目标学年（2028 学年）早于布局调整方案的规划年（2030 学年）" in _size_remedy(2028, 2030)
    True
    >>> _size_remedy(2030, 2030)
    '本方案已按布局调整方案实施后计算，这些学校仍超出规模上限：需在布局调整方案中增加新建学校或调整学区分流。'
    """
    if layout_year is None:
        return "需新建学校或调整学区分流（见布局调整方案）。"
    head = "本方案已按布局调整方案实施后计算，"
    if layout_year > target_year:
        return (head + f"但本方案目标学年（{target_year} 学年）早于布局调整方案的规划年（{layout_year} 学年），"
                f"布局方案按 {layout_year} 学年的学生安排分流，{target_year} 学年这些学校仍超出规模上限：需提前实施"
                "分流、新建学校，或将两个方案按同一目标学年编制。")
    return head + "这些学校仍超出规模上限：需在布局调整方案中增加新建学校或调整学区分流。"


def whole_m2(item: dict) -> list:
    """A shared building's total and 高中 part, in whole 平方米 when they are areas (rv13 15:
    「12696.66」), the 高中 part as the total less the 义务教育 part so the row still adds up.

    >>> whole_m2({"unit": "平方米", "quantity": 2291, "built": 12696.66, "senior": 10405.66})
    [12697, 10406]
    >>> whole_m2({"unit": "间", "quantity": 2, "built": 5, "senior": 3})
    [5, 3]

    A lease in 平方米·学年 too (brief hkeys 4: 「2765.44」 beside 「2,765 平方米·学年」 in the text):

    >>> whole_m2({"unit": "平方米·学年", "quantity": 499, "built": 2765.44, "senior": 2266.44})
    [2765, 2266]
    """
    if not str(item.get("unit")).startswith("平方米") or not isinstance(item.get("built"), int | float):
        return [item["built"], item["senior"]]
    built = round(float(item["built"]))
    return [built, built - round(float(item["built"]) - float(item["senior"]))]
