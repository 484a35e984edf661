"""Check a compliance plan without the solver: recompute its cost and every constraint from
the actions alone, and raise on the first one broken.

The checks follow the formulation's numbers (:mod:`.compliance_model`): (1) lead times,
(2)-(3) the spending and the budget, (4)-(6) the school rule and (7) the CVs through the
evaluation engine's own functions on the county after the plan, (8) projects, (9) leased
ground, (10) multimedia rooms, (11)-(12) teachers (drawn from the unit's own teachers, a new
县级骨干 only from those who qualify by data (:mod:`.backbone_criteria`); rotation pairs an outgoing with an incoming teacher), (15) each rotation goes to a unit of a higher
level (more rural, or as rural with a 骨干教师 share lower by a tier) and (22) leaves no unit
with more teachers than both its 编制 ⌈P / r⌉ and what it had, plus those it sent by 县管校聘
(a move into a unit at its 编制 is an exchange), (23) 骨干教师 are at least the standard's share (20%) of all the teachers
rotated, those sent back in an exchange included, (24) no exchange back at a school that
sent teachers of the stage by 县管校聘调剂, (16) at most ⌈20%⌉ of a
unit's teachers of a type leave it, (17) music and art rooms are new only once the school's idle
普通教室 are all converted (and no more are converted than are idle), (18) after a layout plan, no
招聘 at a school that gained pupils while a school of its 乡镇 that lost pupils may still send a
teacher of that kind (:mod:`.compliance_redeploy`), (19) no hall smaller than the smallest
whole hall (``gym_min_area``), (13) no action at a 民办 school (whose own school
rule is not the plan's; its rooms count as its 举办者 builds them for the room and class-size
items), and that a shared building at a school with 高中 is its compulsory part over the
school's compulsory share of the weighted pupils; (21) the joint 临时周转 rule's rooms built or
not built (:mod:`.compliance_check_joint`: no room built for it that would stand idle most of
the plan, every run kept longer named as an exception).

Examples
--------
>>> from junheng.io import example_county
>>> from junheng.planning.compliance import plan_compliance
>>> from junheng.planning.compliance_county import current_students
>>> county = example_county()
>>> from datetime import date
>>> plan = plan_compliance(county, current_students(county), 2028, time_limit=10,
...                        plan_date=date(2026, 6, 1))
>>> check_plan(plan.problem, plan.actions)
221.1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.errors import JunhengError
from junheng.evaluate import evaluate
from junheng.model.labels import STAGE_LABELS
from junheng.planning.backbone_criteria import eligible_counts
from junheng.planning.compliance_actions import ITEM_NAMES, PROJECT_OF
from junheng.planning.compliance_county import AREA_PER_CLASSROOM, apply_actions
from junheng.planning.compliance_data import ComplianceProblem, shared_built
from junheng.planning.compliance_model import (
    TEACHER_TOTALS,
    available,
    forced_cost,
    lead_of,
    moving_staffed,
    sports_blocked_units,
)
from junheng.planning.compliance_rent import RENT_ITEMS, rent_quantities
from junheng.planning.compliance_rotation import (
    BACKBONE_TYPES,
    backbone_floor,
    exchanged,
    max_out,
    pooled,
    rotation_levels,
    staff_quota,
    with_pooled,
)
from junheng.planning.layout_conditions import repairs_in_use
from junheng.planning.rotation_cover import COVER_ITEM, PRICED, backfill

ROOM_ITEMS = ("music_art_rooms", "music_art_room_area", "class_size")
CONVERTED = ("music_room_conversion", "art_room_conversion")
NEW_ROOMS = ("music_room", "art_room")
#: The teacher total each 招聘 is for (18): what a redeployed teacher would have brought.
HIRE_TOTAL = {"hire_teacher": "higher_degree_teachers", "hire_pe_art": "pe_art_teachers",
              "hire_backbone": "backbone_teachers"}
TOLERANCE = 1e-6


def _label(item: str) -> str:
    """An action's item as the plan's workbook names it (never its identifier).

    >>> _label("multimedia_room")
    '配置网络多媒体教室'
    """
    return ITEM_NAMES[item][0]


def _years(years) -> str:
    """Years as a reader writes them: ``2029、2030``."""
    return "、".join(str(int(y)) for y in years)


class PlanCheckError(JunhengError):
    """A compliance plan breaks one of its constraints (the message says which)."""


def check_plan(problem: ComplianceProblem, actions: pd.DataFrame) -> float:
    """Raise :class:`PlanCheckError` on the first broken constraint; return the plan's total
    cost in 万元 recomputed from the unit costs."""
    total = _check_costs(problem, actions)
    _check_years(problem, actions)
    _check_budget(problem, actions)
    _check_school_items(problem, actions)
    _check_private(problem, actions)
    _check_rotation(problem, actions)
    _check_cover(problem, actions)
    _check_conversions(problem, actions)
    _check_recruited(problem, actions)
    _check_trained(problem, actions)
    _check_built(problem, actions)
    _check_joint(problem)
    try:
        after = apply_actions(problem.before, actions, problem.backbone_criteria)
    except JunhengError as exc:
        raise PlanCheckError(f"(11) {exc}") from exc
    _check_engine(problem, after)
    return round(total, 2)


def _check_private(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    if actions.empty:
        return
    private = actions["school_id"].isin(problem.private) | actions.get(
        "to_school_id", pd.Series(dtype=object)).isin(problem.private)
    if private.any():
        row = actions[private].iloc[0]
        raise PlanCheckError(f"(13) {row['name']} 是民办学校，方案不应安排财政投入（{_label(row['item'])}）。")
    builds = actions["school_id"].isin(problem.no_build) & actions["item"].map(PROJECT_OF).isin(
        ("building", "renovation", "repair", "sports", "lease", "multimedia")) & ~repairs_in_use(
        actions, problem.start.tables.get("projects"))
    if builds.any():
        row = actions[builds].iloc[0]
        raise PlanCheckError(f"(14) {row['name']} 正在迁建，新校址建设按项目实施，方案不应在该校建设"
                             f"（{_label(row['item'])}）。")


def _check_conversions(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """(17) idle 普通教室 are converted before any music or art room is built."""
    if actions.empty:
        return
    idle = problem.idle_rooms if problem.idle_rooms is not None else pd.Series(dtype=int)
    rooms = actions[actions["item"].isin(CONVERTED + NEW_ROOMS)]
    for school, group in rooms.groupby("school_id", sort=False):
        converted = float(group.loc[group["item"].isin(CONVERTED), "quantity"].sum())
        built = float(group.loc[group["item"].isin(NEW_ROOMS), "quantity"].sum())
        spare = float(idle.get(school, 0))
        name = group["name"].iloc[0]
        if converted > spare + TOLERANCE:
            raise PlanCheckError(f"(17) {name}改造普通教室 {converted:g} 间，超过目标学年闲置的 "
                                 f"{spare:g} 间。")
        if built > TOLERANCE and converted < spare - TOLERANCE:
            raise PlanCheckError(f"(17) {name}仍有闲置普通教室 {spare - converted:g} 间，却新建音乐、"
                                 f"美术专用教室 {built:g} 间：应先改造闲置教室。")


def _check_recruited(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """(18) after a layout plan: no 招聘 of a teacher total at a school that gained pupils
    while a school of its 乡镇 that lost pupils of the stage to it may still send a teacher
    of it (``receivers``: where a sender's pupils went; None or absent: anywhere)."""
    spare = problem.spare_teachers
    if spare is None or spare.empty or actions.empty:
        return
    hires = actions[actions["item"].isin(HIRE_TOTAL)]
    senders = spare[(spare["role"] == "sender") & (spare["left"] >= 1)]
    receivers = spare[spare["role"] == "receiver"].set_index(["school_id", "stage"])
    for row in hires.itertuples():
        if (row.school_id, row.stage) not in receivers.index:
            continue
        town = receivers.at[(row.school_id, row.stage), "town_code"]
        total = HIRE_TOTAL[row.item]
        into = senders["receivers"] if "receivers" in senders else pd.Series(None, senders.index)
        free = senders[(senders["town_code"] == town) & (senders["stage"] == row.stage)
                       & (senders[f"spare_{total}"] >= 1)
                       & into.map(lambda r, s=row.school_id: r is None or s in r)]
        if len(free):
            raise PlanCheckError(
                f"(18) {row.name}{_label(row.item)} {row.quantity:g} 人，而同一乡镇学生转出的"
                f"{'、'.join(problem.start.schools.set_index('school_id').loc[free['school_id'], 'name'])}"
                "仍有可随学生调配的该类教师：应先调配。")


def _check_trained(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """(11) no school 认定s more new 县级骨干教师 of a stage than its teachers who qualify by
    data (:mod:`.backbone_criteria`), counted again from the teacher table."""
    if actions.empty or not (actions["item"] == "backbone_training").any():
        return
    criteria = problem.backbone_criteria
    have = eligible_counts(problem.start, criteria)
    names = dict(zip(problem.schools["school_id"], problem.schools["name"], strict=True))
    trained = actions[actions["item"] == "backbone_training"].groupby(
        ["school_id", "stage"])["quantity"].sum()
    for (school, stage), n in trained.items():
        can = int(have.get((school, stage), 0))
        if n > can + TOLERANCE:
            raise PlanCheckError(
                f"(11) {names.get(school, school)}（{STAGE_LABELS[stage]}）培养认定县级骨干教师 {n:g} 人，"
                f"多于该校符合认定条件的 {can} 人（{criteria.text()}）：认定人数不能超过符合条件的教师数。")


def _check_rotation(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    if actions.empty or not (actions["item"] == "rotation").any():
        return
    units = problem.units
    level = dict(zip(units["school_id"] + ":" + units["stage"], rotation_levels(units),
                     strict=True))
    names = dict(zip(problem.schools["school_id"], problem.schools["name"], strict=True))
    moves = actions[actions["item"] == "rotation"]
    _check_outflow(problem, moves, names)
    _check_within_quota(problem, moves, names)
    _check_backbone_share(problem, moves)
    _check_no_swap_back(problem, moves, names)
    _check_exchangeable(problem, moves, names)
    for row in moves.itertuples():
        sender = level.get(f"{row.school_id}:{row.stage}")
        receiver = level.get(f"{row.to_school_id}:{row.stage}")
        if sender is None or receiver is None or sender >= receiver:
            raise PlanCheckError(
                f"(15) {names.get(row.school_id, row.school_id)}向"
                f"{names.get(row.to_school_id, row.to_school_id)}交流轮岗不符合城镇学校向乡村学校、"
                "优质学校向薄弱学校交流的方向。")


def _check_cover(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """(26) per sending school, the teachers hired in the posts of those it rotates out are
    what the staffing ledger's surplus leaves (:func:`~.rotation_cover.backfill`, the
    exchanges re-derived by :func:`~.compliance_rotation.exchanged`): the plan's total then
    holds every hire its 交流轮岗 makes."""
    if actions.empty:
        return
    rot = actions[actions["item"] == "rotation"].to_dict("records")
    rows = exchanged(with_pooled(problem), rot) if rot else []
    want = {(x["school_id"], x["stage"]): x["quantity"] for x in backfill(rows, problem.staffing)}
    said = actions[actions["item"] == COVER_ITEM]
    have = said.groupby(["school_id", "stage"])["quantity"].sum().to_dict() if len(said) else {}
    names = dict(zip(problem.schools["school_id"], problem.schools["name"], strict=True))
    for key in sorted({*want, *have}):
        if abs(want.get(key, 0.0) - have.get(key, 0.0)) > TOLERANCE:
            raise PlanCheckError(
                f"(26) {names.get(key[0], key[0])}（{STAGE_LABELS.get(key[1], key[1])}）交流轮岗期间须招聘顶岗教师 "
                f"{want.get(key, 0.0):,.0f} 名（调出教师减去交换派回、本校和同学段按编制富余教师调剂后的人数），"
                f"方案写 {have.get(key, 0.0):,.0f} 名。")


def _check_within_quota(problem: ComplianceProblem, moves: pd.DataFrame,
                        names: dict[str, str]) -> None:
    """(22) no unit ends the 交流轮岗 with more teachers than its 编制 ⌈P / r⌉ and than it had:
    a teacher rotated into a unit at its 编制 is exchanged for one of its own
    (:func:`~.compliance_rotation.exchanged`)."""
    units = with_pooled(problem)
    key = units["school_id"].astype(str) + ":" + units["stage"]
    have = pd.Series(units["full_time_teachers"].to_numpy(float), index=key)
    quota = pd.Series(staff_quota(units).astype(float), index=key)
    sent_pool = pd.Series(pooled(units), index=key)  # (24) the places of those sent by 县管校聘
    back = moves["exchanged"].fillna(0).astype(float) if "exchanged" in moves else 0.0
    came = moves["quantity"].astype(float) - back
    frm = moves["school_id"].astype(str) + ":" + moves["stage"]
    to = moves["to_school_id"].astype(str) + ":" + moves["stage"]
    net = came.groupby(to.to_numpy()).sum().sub(came.groupby(frm.to_numpy()).sum(), fill_value=0)
    for unit, n in net.items():
        t, q, g = have.get(unit, 0.0), quota.get(unit, 0.0), sent_pool.get(unit, 0.0)
        if n > 0 and t + n > max(q, t) + g + TOLERANCE:
            school, stage = unit.split(":", 1)
            sent = f"（另加县管校聘调出的 {g:g} 人）" if g else ""
            raise PlanCheckError(
                f"(22) {names.get(school, school)}（{STAGE_LABELS.get(stage, stage)}）交流轮岗后专任教师 "
                f"{t + n:g} 人，多于编制 {q:g} 人和轮岗前的 {t:g} 人{sent}：调入该校的交流轮岗应为交换"
                "（该校同时派出教师到调出学校）或不安排。")


def _check_no_swap_back(problem: ComplianceProblem, moves: pd.DataFrame,
                        names: dict[str, str]) -> None:
    """(24) no unit whose school sent teachers of its stage by 县管校聘调剂 sends one back in
    a 交流轮岗 exchange (:func:`~.compliance_rotation.pooled_out`; the exchanges
    re-derived by :func:`~.compliance_rotation.exchanged`, the action's where it says more)."""
    units = with_pooled(problem)
    senders = units[pooled(units) > 0]
    if moves.empty or senders.empty:
        return
    rows = moves[["school_id", "to_school_id", "stage", "quantity"]].to_dict("records")
    derived = np.array([m["exchanged"] for m in exchanged(units, rows)], float)
    said = moves["exchanged"].fillna(0).to_numpy(float) if "exchanged" in moves else 0.0
    back = pd.Series(np.maximum(derived, said), index=moves.index)
    pairs = set(zip(senders["school_id"].astype(str), senders["stage"], strict=True))
    for i, m in moves.iterrows():
        if back[i] > TOLERANCE and (str(m["to_school_id"]), m["stage"]) in pairs:
            school = str(m["to_school_id"])
            raise PlanCheckError(
                f"(24) {names.get(school, school)}（{STAGE_LABELS.get(m['stage'], m['stage'])}）已按县管校聘"
                f"调出教师，又接收交流轮岗并交换派回本校教师 {back[i]:g} 人：同一学段不得既调出教师又交换"
                "派回，交流轮岗应调入有编制空额的学校，或改由培养、招聘补足。")


def _check_exchangeable(problem: ComplianceProblem, moves: pd.DataFrame,
                        names: dict[str, str]) -> None:
    """(25) a unit sends back in exchanges and rotates out no more teachers than those the
    交流轮岗 rules let rotate (``stocks.exchangeable``; the exchanges re-derived by
    :func:`~.compliance_rotation.exchanged`, the action's where it says more)."""
    if moves.empty or "exchangeable" not in problem.stocks:
        return
    rows = moves[["school_id", "to_school_id", "stage", "quantity"]].to_dict("records")
    derived = np.array([m["exchanged"] for m in exchanged(with_pooled(problem), rows)], float)
    said = moves["exchanged"].fillna(0).to_numpy(float) if "exchanged" in moves else 0.0
    back = pd.Series(np.maximum(derived, said), index=moves.index)
    to = moves["to_school_id"].astype(str) + ":" + moves["stage"]
    frm = moves["school_id"].astype(str) + ":" + moves["stage"]
    sent = back.groupby(to.to_numpy()).sum()
    used = sent.add(moves["quantity"].astype(float).groupby(frm.to_numpy()).sum(), fill_value=0)
    have = problem.stocks.set_index("unit_id")["exchangeable"]
    for unit, n in used.items():
        if sent.get(unit, 0) > 0 and n > have.get(unit, 0) + TOLERANCE:
            school, stage = unit.split(":", 1)
            raise PlanCheckError(
                f"(25) {names.get(school, school)}（{STAGE_LABELS.get(stage, stage)}）交换派回并调出 {n:g} 人，"
                f"多于该校符合交流条件（任教年限、年龄、本学年未交流）的教师 {have.get(unit, 0):g} 人："
                "交换派回的只能是符合交流轮岗条件的教师。")


def _check_backbone_share(problem: ComplianceProblem, moves: pd.DataFrame) -> None:
    """(23) 骨干教师 are at least the standard's share of all the teachers rotated, the
    teachers a receiver at its 编制 sends back in an exchange counted (re-derived by
    :func:`~.compliance_rotation.exchanged`; the action's ``exchanged`` where it says more)."""
    beta = backbone_floor(problem.standard)
    if moves.empty or beta <= 0:
        return
    rows = moves[["school_id", "to_school_id", "stage", "quantity"]].to_dict("records")
    derived = np.array([m["exchanged"] for m in exchanged(with_pooled(problem), rows)], float)
    said = moves["exchanged"].fillna(0).to_numpy(float) if "exchanged" in moves else 0.0
    back = float(np.maximum(derived, said).sum())
    quantity = moves["quantity"].astype(float).round()
    total = float(quantity.sum()) + back
    backbone = float(quantity[moves["teacher_type"].isin(BACKBONE_TYPES)].sum())
    if backbone < beta * total - TOLERANCE:
        raise PlanCheckError(
            f"(23) 本方案交流轮岗 {total:,.0f} 人（含已达编制的调入学校交换派出的 {back:,.0f} 人），"
            f"其中骨干教师 {backbone:,.0f} 人，占 {backbone / total:.1%}，低于优质均衡要求的交流轮岗"
            f"教师总数的 {beta:.0%}：应增加骨干教师交流，或减少调入已达编制学校的交流。")


def _check_outflow(problem: ComplianceProblem, moves: pd.DataFrame,
                   names: dict[str, str]) -> None:
    """(16) a unit sends at most ⌈20%⌉ of its teachers of a type."""
    stocks = problem.stocks.set_index("unit_id")
    sent = moves.groupby(["school_id", "stage", "teacher_type"])["quantity"].sum()
    for (school, stage, kind), n in sent.items():
        unit = f"{school}:{stage}"
        stock = float(stocks.at[unit, kind]) if unit in stocks.index else 0.0
        cap = float(max_out(np.array([stock]))[0])
        if n > cap + 1e-9:
            raise PlanCheckError(f"(16) {names.get(school, school)}交流出 {n:g} 名教师，超过该校该类教师"
                                 f" {stock:g} 人的 20%（最多 {cap:g} 人）。")


def _check_built(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """A shared item's whole building = its quantity / (primary + junior share)."""
    if actions.empty:
        return
    s = problem.schools.set_index("school_id")
    share = (s["share_primary"] + s["share_junior"]).reindex(actions["school_id"]).to_numpy()
    expected = shared_built(actions["item"], actions["quantity"], share)
    built = actions["built"].fillna(actions["quantity"]).to_numpy(float) \
        if "built" in actions else actions["quantity"].to_numpy(float)
    wrong = np.flatnonzero(np.abs(built - expected) > 0.01 + 1e-9)
    if len(wrong):
        row = actions.iloc[wrong[0]]
        raise PlanCheckError(f"{row['name']} {_label(row['item'])} 的建成量 {built[wrong[0]]:,.2f} 与义务教育"
                             f"阶段所需 {row['quantity']:,.2f} 按学生加权拆分的结果 "
                             f"{expected[wrong[0]]:,.2f} 不符。")


def _check_joint(problem: ComplianceProblem) -> None:
    """(21) the joint 临时周转 rule (:func:`~.compliance_check_joint.check_joint`)."""
    from junheng.planning.compliance_check_joint import check_joint
    from junheng.planning.layout_years import run_start

    names = dict(zip(problem.schools["school_id"], problem.schools["name"], strict=False)) \
        if "name" in problem.schools else {}
    since = run_start(problem.first_year, problem.costs.item("teaching_area").lead_years,
                      problem.target_year)  # the one run start of both plans (rv4 4)
    found = check_joint(problem.temporary, problem.layout_borrowed, problem.peak_years,
                        problem.target_year, names, since=since)
    if found:
        raise PlanCheckError("(21) " + "".join(found))


def _expected_cost(problem: ComplianceProblem, row) -> float:
    costs = problem.costs
    if row.forced:
        return forced_cost(problem, row.item, row.quantity)
    if row.item in costs.projects:
        return costs.projects[row.item].unit_cost * row.quantity
    item = costs.item(PRICED.get(row.item, row.item))
    return item.unit_cost * row.quantity * (costs.recurring_years if item.recurring else 1)


def _check_costs(problem: ComplianceProblem, actions: pd.DataFrame) -> float:
    total = 0.0
    for row in actions.itertuples():
        expected = _expected_cost(problem, row)
        if abs(expected - row.cost) > TOLERANCE * max(1.0, expected):
            raise PlanCheckError(f"{row.name} {_label(row.item)} 的费用 {row.cost:.2f} 万元与单价计算的 "
                                 f"{expected:.2f} 万元不符。")
        total += expected
    return total


def _check_years(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """(1)-(2): a one-off action of lead ``d`` is paid in the ``d`` school years before the
    year it is in use (in that year for ``d`` = 0), in use by the target year; a yearly item
    starts by the target year less its lead."""
    for row in actions.itertuples():
        priced = PRICED.get(row.item, row.item)
        d = lead_of(problem, priced)
        paid = [min(row.funding)] if row.annual_cost and row.funding else list(row.funding)
        _check_begun(problem, row.name, paid)
        if row.item in RENT_ITEMS and _check_rent(problem, row):
            continue
        # a one-off action is in use the year after its last payment (lead 0: that year)
        use = problem.target_year if row.annual_cost or not paid else max(paid) + (d > 0)
        last = problem.target_year - (d if row.annual_cost else d > 0)
        late = [y for y in paid if y > last]
        where = f"(1) {row.name} {_label(row.item)} 在 {_years(late or paid or [row.year])} 学年投入"
        if late or (not row.forced and not available(problem, priced)):
            raise PlanCheckError(f"{where}，实施周期 {d} 年，{problem.target_year} 学年前无法投入使用。")
        if abs(sum(row.funding.values()) - row.cost) > 1e-3 * max(
                1.0, row.cost):
            raise PlanCheckError(f"(2) {row.name} {_label(row.item)} 的分年投入合计与费用不符。")
        if paid and not row.annual_cost and (min(paid) > use - d or int(row.in_use_year) != use):
            raise PlanCheckError(f"{where}，实施周期 {d} 年，应在投入使用前的 {d} 个学年投入、"
                                 f"{use} 学年投入使用（方案写 {int(row.in_use_year)} 学年）。")


def _check_rent(problem: ComplianceProblem, row) -> bool:
    """(2) a 临时周转 rent is paid in each school year it is used (:mod:`.compliance_rent`: the
    rooms or m² of that year, re-read from the problem's splits, at the action's price), in use
    from its first; False where the problem gives no years (the one-off rule applies)."""
    used = rent_quantities(problem, row.school_id, row.item)
    if not used:
        return False
    total = sum(used.values())
    want = {y: row.cost * q / total for y, q in used.items()}
    off = sorted(y for y in {*want, *row.funding}
                 if abs(float(row.funding.get(y, 0.0)) - want.get(y, 0.0)) > 0.01 + 1e-6)
    if off or abs(sum(row.funding.values()) - row.cost) > 1e-3 * max(1.0, row.cost):
        raise PlanCheckError(f"(2) {row.name} {_label(row.item)} 应在使用的各学年分别支付（"
                             + "、".join(f"{y} 学年 {v:,.2f} 万元" for y, v in sorted(want.items()))
                             + "），方案写 " + "、".join(f"{y} 学年 {v:,.2f} 万元" for y, v in
                                                      sorted(row.funding.items())) + "。")
    if int(row.in_use_year) != min(used):
        raise PlanCheckError(f"(1) {row.name} {_label(row.item)} 应自 {min(used)} 学年使用"
                             f"（方案写 {int(row.in_use_year)} 学年）。")
    return True


def _check_begun(problem: ComplianceProblem, name: str, paid) -> None:
    """(1): nothing funded before the first school year not yet begun on the plan's day."""
    early = sorted(y for y in paid if y < problem.first_year)
    if not early:
        return
    day = problem.plan_date
    when = (f"在编制日期 {day.year} 年 {day.month} 月 {day.day} 日已开学" if day
            else "不晚于数据学年")
    raise PlanCheckError(f"(1) {name} 在 {early[0]} 学年投入：该学年{when}，"
                         f"最早 {problem.first_year} 学年投入。")


def _check_budget(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    """(3): each year's spending within what the budget leaves once the committed is counted."""
    if problem.budget is None:
        return
    by_year: dict[int, float] = {}
    for funding in actions["funding"]:
        for year, amount in funding.items():
            by_year[year] = by_year.get(year, 0.0) + amount
    for year, amount in sorted(by_year.items()):
        room = problem.room(year)
        if amount > room + problem.budget * 1e-6 + 1e-6:
            raise PlanCheckError(f"(3) {year} 学年投入 {amount:,.2f} 万元，超过年度预算 "
                                 f"{problem.budget:,.2f} 万元{_less_committed(problem, year)}。")


def _less_committed(problem: ComplianceProblem, year: int) -> str:
    """", 扣除…后可用 …" when ``year`` has committed spending; "" otherwise."""
    committed = float((problem.committed or {}).get(year, 0.0))
    if not committed:
        return ""
    return (f"扣除布局调整方案当年已安排的一次性投入（建设投资和过渡期临时周转） {committed:,.2f} 万元后"
            f"可用的 {problem.room(year):,.2f} 万元")


def _check_school_items(problem: ComplianceProblem, actions: pd.DataFrame) -> None:
    schools = problem.schools.set_index("school_id")
    per = actions.pivot_table(index="school_id", columns="item", values="quantity",
                              aggfunc="sum", fill_value=0.0)
    for school, row in per.iterrows():
        get = row.get
        if school not in schools.index:
            continue
        info = schools.loc[school]
        fixed = {k: c.unit_cost > 0 for k, c in problem.costs.projects.items()}
        if fixed["building"] and get("teaching_area", 0) > 0 and get("building", 0) < 1:
            raise PlanCheckError(f"(8) {info['name']} 新增教学用房但没有建设项目。")
        if fixed["sports"] and get("field", 0) + get("gym", 0) > 0 and get("sports", 0) < 1:
            raise PlanCheckError(f"(8) {info['name']} 新建体育场馆但没有建设项目。")
        if get("field", 0) > 0 and not info["field_allowed"]:
            raise PlanCheckError(f"(8) {info['name']} 位于城区，没有新增室外运动场地的用地。")
        # (20); each item is rounded up to whole m² (the model's columns are continuous)
        if get("field", 0) + get("gym", 0) > info.get("ground", np.inf) + 2.0:
            raise PlanCheckError(f"(20) {info['name']} 新建室外场地和室内体育馆 "
                                 f"{get('field', 0) + get('gym', 0):,.0f} 平方米，超过校内空地 "
                                 f"{info['ground']:,.0f} 平方米。")
        _check_lease(problem, info, get("lease", 0), get("field", 0) + get("gym", 0))
        if 0 < get("gym", 0) < info.get("least_gym", 0.0) - 1e-6:
            raise PlanCheckError(f"(19) {info['name']} 新建室内体育馆 {get('gym'):,.0f} 平方米，小于一座"
                                 f"可建场馆的最小面积 {info['least_gym']:,.0f} 平方米。")
        # (10) in compulsory-stage rooms: its share of today's free rooms, plus new area
        rooms = info["multimedia_cap"] * info["share_compulsory"] \
            + get("teaching_area", 0) / AREA_PER_CLASSROOM
        if get("multimedia_room", 0) > rooms + 1e-6:
            raise PlanCheckError(f"(10) {info['name']} 配置网络多媒体教室 {get('multimedia_room'):.0f} "
                                 f"间，超过可用教室 {rooms:.0f} 间。")


def _check_lease(problem: ComplianceProblem, info: pd.Series, lease: float, built: float
                 ) -> None:
    if lease <= 0:
        return
    if not problem.costs.lease_allowed:
        raise PlanCheckError(f"(9) {info['name']} 租用校外场地，但单价文件未允许计入租用场地。")
    share = problem.costs.lease_max_share
    if lease > share * (info["sports_area"] + built + lease) + 1e-6:
        raise PlanCheckError(f"(9) {info['name']} 租用场地超过可计入的 {share:.0%}。")


def _check_engine(problem: ComplianceProblem, after) -> None:
    """(4)-(7) judged by the evaluation engine on the county after the plan (a 民办 unit's
    school rule is not the plan's), the room and class-size items with the 民办 schools'
    rooms as their 举办者 would build them."""
    result = evaluate(after, problem.standard)
    private = {f"{s}:{g}" for s in problem.private | problem.no_build
               for g in ("primary", "junior")}
    # (5) waived: a unit whose largest hall and field cannot reach the sports floor
    private |= set(problem.units.loc[sports_blocked_units(problem), "unit_id"])
    for f in result.verdict.failures:
        if (f.id == "school_rule" and f.unit_id not in private) or (
                f.area == "cv" and not _free(problem, f.id)):
            number = "(4)-(6)" if f.id == "school_rule" else "(7)"
            raise PlanCheckError(f"{number} 方案实施后仍未达标：{f.message}")
    _check_staffed(problem, result)
    theirs = pd.concat([f for f in (problem.private_forced, problem.no_build_forced)
                        if f is not None and not f.empty] or [pd.DataFrame()])
    rooms = result if theirs.empty else evaluate(
        apply_actions(after, theirs), problem.standard)
    for f in rooms.verdict.failures:
        if f.id in ROOM_ITEMS:
            raise PlanCheckError(f"方案实施后仍未达标：{f.message}")


def _check_staffed(problem: ComplianceProblem, result) -> None:
    """(14) a public school being relocated meets each teacher item: its project builds, it
    does not hire."""
    teacher = [k for k in problem.indicators if problem.numerator(k) in TEACHER_TOTALS]
    moving = problem.units.loc[moving_staffed(problem), "unit_id"]
    a = result.assessment
    short = a[a["unit_id"].isin(moving) & a["indicator"].isin(teacher)
              & ~a["met"].fillna(False).astype(bool)]
    if len(short):
        r = short.iloc[0]
        schools = problem.start.schools.drop_duplicates("school_id").set_index("school_id")
        item = problem.standard.indicator(r["indicator"]).name
        raise PlanCheckError(f"(14) {schools.at[r['school_id'], 'name']} 由项目建设，但教师由本方案"
                             f"配备：{item} {r['value']:.3f}，低于标准 {r['threshold']:g}。")


def _free(problem: ComplianceProblem, failure_id: str) -> bool:
    """Whether a CV failure is of an indicator the model left out (the plan says so)."""
    return failure_id in problem.free_cv
