"""What the layout plan and the 达标路径 after it build of one item at one school, as one
project (review finding 4: 815 m² of hall in the layout and 495 m² more in the 达标路径 at
东城小学 are one hall of 1,310 m², not a second hall below the 800 m² minimum; the compliance
plan counts the layout's hall toward its minimum and cap, compliance_data ``gym_limits``).
:mod:`~junheng.planning.plans_combined` shows it per school (``together``) and in one
sentence of its summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.model import numbers
from junheng.planning.layout_outcome import PlannedSchool
from junheng.planning.plans_totals import once_less

#: the items both plans may build at one school: name, unit, the layout's field, the
#: compliance item (the layout's sports area is a hall where ``halls`` says so, else a field)
SHARED_ITEMS = (
    ("普通教室", "间", "added_classrooms", "classroom"),
    ("教学及辅助用房", "平方米", "added_teaching_area", "teaching_area"),
    ("室内体育馆（风雨操场，合为一座）", "平方米", "hall", "gym"),
    ("室外体育运动场地", "平方米", "field", "field"),
)
#: the sports items whose 达标路径 rows carry a fixed fee per school and project (costs.yaml
#: ``projects.sports``, 体育场馆项目前期与管理费用) that the layout plan does not charge
SPORTS_ITEMS = ("gym", "field")


def together_text(s: PlannedSchool | None, actions: pd.DataFrame, hall: float = 0.0,
                  year: int | None = None) -> str:
    """What both plans build of one item at one school, one phrase per item with the total
    and each plan's part (review finding 4: 815 m² of hall in the layout and 495 m² more in
    the 达标路径 at 东城小学 are one 1,310 m² hall); "" where only one plan builds it. With the
    layout's ready ``year`` (data year + the school's phase) each phrase ends with the one
    ready year of the merged building, the later of the two plans' (review 2026-12-04
    finding 1: one plan had the hall in use in 2027, the other in 2028–2029).

    >>> s = PlannedSchool("A", "甲小学", "expand", added_classrooms=2, added_sports_area=815.0)
    >>> acts = pd.DataFrame({"item": ["classroom", "gym"], "quantity": [1.0, 495.0]})
    >>> together_text(s, acts, hall=815.0)
    '普通教室 3 间（布局调整 2 间 + 达标路径 1 间）；室内体育馆（风雨操场，合为一座） 1,310 平方米（布局调整 815 平方米 + 达标路径 495 平方米）'
    >>> acts["in_use_year"] = [2028, 2030]
    >>> together_text(s, acts, hall=815.0, year=2029).split("；")[1][-32:]
    '495 平方米），布局调整与达标路径合建，2030 学年投入使用'

    A hall shared with 高中 is printed whole (第四中学: 162 + 401 = 563 m² compulsory; the
    达标路径's 401 m² are a 2,135 m² building, so the whole is 563 × 2,135 / 401 = 2,997.5 →
    2,998 m², 高中's 2,998 − 563 = 2,435 m² × 0.42 万元 = 1,022.70 万元):

    >>> s = PlannedSchool("D", "第四中学", "expand", added_sports_area=162.0)
    >>> acts = pd.DataFrame({"item": ["gym"], "quantity": [401.0], "built": [2135.0],
    ...                      "unit_cost": [0.42]})
    >>> together_text(s, acts, hall=162.0)
    '室内体育馆（风雨操场，合为一座） 整座 2,998 平方米（与高中共用），其中义务教育阶段 563 平方米（布局调整 162 平方米 + 达标路径 401 平方米），高中部分 2,435 平方米（估算 1,022.70 万元）由高中经费安排，不计入布局调整与达标路径投资，布局调整与达标路径单价同为每平方米 4,200 元'
    """
    if s is None or s.action in ("close", "new") or not len(actions):
        return ""
    built = actions.groupby("item")["quantity"].sum()
    sports = float(s.added_sports_area)
    layout = {"added_classrooms": float(s.built_classrooms),  # not the rooms borrowed
              "added_teaching_area": float(s.added_teaching_area),
              "hall": sports if hall > 0 else 0.0, "field": 0.0 if hall > 0 else sports}
    parts = []
    for name, unit, mine, item in SHARED_ITEMS:
        a, b = layout[mine], float(built.get(item, 0.0))
        if round(a) > 0 and b > 0:
            text = (f"{numbers.trimmed(a + b)} {unit}（布局调整 {numbers.trimmed(a)} {unit} + "
                    f"达标路径 {numbers.trimmed(b)} {unit}）")
            shared = _with_senior(actions[actions["item"] == item], a + b, text) \
                if item == "gym" else ""
            rows = actions[actions["item"] == item]
            parts.append(f"{name} {shared or text}{_price(rows, actions, unit)}{_ready(year, rows)}")
    return "；".join(parts)


def _price(rows: pd.DataFrame, actions: pd.DataFrame, unit: str) -> str:
    """Why a merged sports building's two parts cost differently per m² (review2 A3: 东城小学's
    hall at 4,198 元/m² in the layout, 4,402 in the 达标路径): both plans price it at the same
    unit cost (costs.yaml), and the 达标路径's part also carries the fixed 体育场馆项目前期与管理费用
    of the school's sports project (10 万元 by default, once a school); '' for other items
    or rows without prices. Hand-worked: 495 m² × 4,200 = 207.90 万元 + 10.00 = 217.90.

    >>> acts = pd.DataFrame({"item": ["gym", "sports"], "quantity": [495.0, 1.0],
    ...                      "unit_cost": [0.42, 10.0], "cost": [207.90, 10.0]})
    >>> _price(acts[acts["item"] == "gym"], acts, "平方米")
    '，布局调整与达标路径单价同为每平方米 4,200 元，达标路径另计体育场馆项目前期与管理费用 10.00 万元（每校每个项目计一次，布局调整不另计）'
    """
    if "unit_cost" not in rows or not len(rows) or rows["item"].iloc[0] not in SPORTS_ITEMS:
        return ""
    price = f"布局调整与达标路径单价同为每{unit} {float(rows['unit_cost'].iloc[0]) * 10_000:,.0f} 元"
    fee = float(actions.loc[actions["item"] == "sports", "cost"].sum()) if "cost" in actions else 0.0
    extra = (f"，达标路径另计体育场馆项目前期与管理费用 {fee:,.2f} 万元（每校每个项目计一次，布局调整不另计）"
             if fee > 0 else "")
    return f"，{price}{extra}"


def ready_year(plan, s: PlannedSchool | None) -> int | None:
    """The school year the layout's build at ``s`` is in use (data year + phase), or None."""
    return plan.year + s.phase if s is not None and plan.year and s.phase else None


def _ready(year: int | None, rows: pd.DataFrame) -> str:
    """One building serving both plans has one ready year: the later of the layout's
    (``year``, its school's phase) and the 达标路径's (its rows' ``in_use_year``); '' when the
    layout's is not given.

    >>> _ready(2029, pd.DataFrame({"in_use_year": [2028]})), _ready(None, pd.DataFrame())
    ('，布局调整与达标路径合建，2029 学年投入使用', '')
    """
    if year is None:
        return ""
    years = [int(year), *(int(y) for y in rows.get("in_use_year", pd.Series(dtype=int)).dropna())]
    return f"，布局调整与达标路径合建，{max(years)} 学年投入使用"


def _with_senior(rows: pd.DataFrame, compulsory: float, text: str) -> str:
    """A hall shared with 高中 (its 达标路径 rows build ``built`` > ``quantity``): the whole
    building at the same compulsory share, the compulsory part ``text`` and 高中's part with its
    cost, which neither plan funds (layoutfix item 3: 第四中学's "563 平方米" was the
    compulsory part of a hall of about 3,000 m²); "" for a hall not shared."""
    if "built" not in rows or not len(rows):
        return ""
    quantity, whole_here = float(rows["quantity"].sum()), float(rows["built"].sum())
    if whole_here <= quantity + 1e-9 or quantity <= 0:
        return ""
    whole = round(compulsory * whole_here / quantity)
    senior = whole - round(compulsory)
    cost = senior * float(rows["unit_cost"].iloc[0]) if "unit_cost" in rows else None
    money = f"（估算 {cost:,.2f} 万元）" if cost is not None else ""
    return (f"整座 {whole:,} 平方米（与高中共用），其中义务教育阶段 {text}，高中部分 {senior:,} 平方米{money}"
            "由高中经费安排，不计入布局调整与达标路径投资")


#: the name under which every face lists the schools both plans build at: the Word and HTML
#: table, the xlsx column (plans_combined ``COMBINED_COLUMNS``) and the CLI's list
TOGETHER_TITLE = "布局调整与达标路径同校同项合计"
TOGETHER_HEADS = ("学校", "合为一个项目的内容（两个方案合计）")


def together_lines(doc: Mapping[str, Any]) -> list[str]:
    """The summary's short sentence on the items both plans build at one school ([] for
    none); the schools themselves are :func:`together_rows`, a table row each (review htext2
    1: the schools joined into one sentence of 2,553 characters).

    >>> together_lines({"schools": [{"name": "甲小学", "together": "普通教室 3 间（布局调整 2 间 + 达标路径 1 间）"},
    ...                             {"name": "乙小学", "together": ""}]})
    ['布局调整与达标路径在同一学校建设同一项目的，合为一个项目按合计规模实施：共 1 所学校，逐校见“布局调整与达标路径同校同项合计”。']
    """
    rows = together_rows(doc)
    if not rows:
        return []
    return [f"布局调整与达标路径在同一学校建设同一项目的，合为一个项目按合计规模实施：共 {len(rows)} 所学校，"
            f"逐校见“{TOGETHER_TITLE}”。"]


def together_rows(doc: Mapping[str, Any]) -> list[list[str]]:
    """The schools both plans build at, one row each: the school and what is merged there.

    >>> together_rows({"schools": [{"name": "甲小学", "together": "普通教室 3 间"}, {"name": "乙小学", "together": ""}]})
    [['甲小学', '普通教室 3 间']]
    """
    return [[s["name"], s["together"]] for s in doc.get("schools", ()) if s.get("together")]


def land_pending(plan) -> dict[str, Any]:
    """The layout's land beside receivers for :func:`review_lines`: its words
    (:func:`~.layout_land.pending_land`) and 万元 ({} where it buys none)."""
    from junheng.planning.layout_land import pending_land
    from junheng.planning.layout_outcome import shown_yuan

    words = pending_land(plan)
    yuan = shown_yuan([dict((plan.metrics or {}).get("after", {})).get("sports_land_yuan") or 0.0])
    return {"words": words, "wan": round(yuan / 10_000, 2)} if words else {}


def review_lines(doc: Mapping[str, Any]) -> list[str]:
    """The 需论证 money, said apart from the totals (review ca item 3: 2,178 万元 of 需论证 area
    sat unsaid inside the headline total): the layout's receiver areas (in its total) and the
    达标路径's remedy beyond the hall cap (outside it). Land beside a school follows one rule in
    both plans (review rv5 finding 6): 待决策 until granted, so the one-off total is also said
    without the layout's land (the 达标路径's is outside it already).

    >>> review_lines({"layout_review": 2109.9, "compliance_apart": 3229.5})
    ['其中需论证的项目：布局调整接收学校补足的面积 2,109.90 万元（已计入上述布局调整投资，用地和建设条件需论证）；另有达标路径本校用地放不下的体育运动场馆 3,229.50 万元（需论证），未计入上述合计。']
    >>> review_lines({"layout_review": 0.0}), review_lines({})
    ([], [])

    Hand-worked: 7,435.68 − 378.90 = 7,056.78 万元:

    >>> print(review_lines({"layout_review": 663.93, "compliance_apart": 1350.3, "once": 7435.68,
    ...     "layout_land": {"words": "扩充体育运动场地用地 2,526 平方米、378.90 万元（待决策）", "wan": 378.9}})[0])
    其中需论证的项目：布局调整接收学校补足的面积 663.93 万元（已计入上述布局调整投资，用地和建设条件需论证），其中扩充体育运动场地用地 2,526 平方米、378.90 万元（待决策）；另有达标路径本校用地放不下的体育运动场馆 1,350.30 万元（需论证），未计入上述合计。相邻用地两个方案同一规则：自然资源部门确认用地前为待决策事项，不作为已定投资；不计布局调整的相邻用地，一次性财政支出合计 7,056.78 万元。
    """
    inside, outside = doc.get("layout_review") or 0.0, doc.get("compliance_apart") or 0.0
    land = doc.get("layout_land") or {}
    parts = ([f"布局调整接收学校补足的面积 {inside:,.2f} 万元（已计入上述布局调整投资，用地和建设条件需论证）"
              + (f"，其中{land['words']}" if land else "")] if inside else [])
    if outside:
        parts.append(f"另有达标路径本校用地放不下的体育运动场馆 {outside:,.2f} 万元（需论证），未计入上述合计")
    rule = (f"相邻用地两个方案同一规则：自然资源部门确认用地前为待决策事项，不作为已定投资；不计布局调整的相邻用地，"
            f"一次性财政支出合计 {once_less(doc, land['wan']):,.2f} 万元。" if land and "once" in doc else "")
    return [t for t in ("其中需论证的项目：" + "；".join(parts) + "。" + rule if parts else "", unsited_line(doc)) if t]


#: the 达标路径's items at a school whose new buildings have no site (compliance_building_ground)
UNSITED_ITEMS = ("classroom", "music_room", "art_room", "teaching_area", "building")


def unsited_money(layout, plan) -> dict[str, Any]:
    """万元 of both plans' new buildings with no site (review rv14 N4, the one fact of
    :func:`~.layout_footprint.unsited_rooms` and :func:`~.compliance_building_ground.building_ground`):
    the layout's rooms at its price a room, the 达标路径's :data:`UNSITED_ITEMS` at those schools;
    {} without any."""
    from junheng.planning.compliance_building_ground import building_ground
    from junheng.planning.layout_config import Costs
    from junheng.planning.layout_footprint import room_area, unsited_rooms

    area = room_area(layout)
    rooms = sum(unsited_rooms(s, area) for s in layout.schools)
    known = {k: v for k, v in (layout.costs or {}).items() if k in Costs.model_fields and v is not None}
    ids = {r["school_id"] for r in building_ground(plan.problem.schools, plan.actions)}
    a = plan.actions
    here = float(a.loc[a["school_id"].isin(ids) & a["item"].isin(UNSITED_ITEMS), "cost"].sum()) if ids else 0.0
    rooms_wan = round(rooms * Costs(**known).classroom() / 10_000, 2)
    if not rooms and not here:
        return {}
    return {"rooms": rooms, "rooms_wan": rooms_wan, "schools": len(ids), "here_wan": round(here, 2),
            "wan": round(rooms_wan + here, 2)}


def unsited_line(doc: Mapping[str, Any]) -> str:
    """The sentence on :func:`unsited_money` ("" without): inside the totals, not decided.

    >>> print(unsited_line({"once": 7411.91, "unsited": {"rooms": 12, "rooms_wan": 504.0, "schools": 1,
    ...     "here_wan": 95.1, "wan": 599.1}}))
    新建校舍本校用地放不下的 599.10 万元（布局调整新建教室 12 间 504.00 万元、达标路径 1 所学校新建校舍 95.10 万元，已计入上述合计）须先核定用地、由局务会决定，核定前为需论证事项，不作为已定投资，这些学校的相关指标为待核实；不计这部分，一次性财政支出合计 6,812.81 万元。
    """
    u = doc.get("unsited") or {}
    if not u:
        return ""
    parts = [*([f"布局调整新建教室 {u['rooms']:,} 间 {u['rooms_wan']:,.2f} 万元"] if u["rooms"] else []),
             *([f"达标路径 {u['schools']:,} 所学校新建校舍 {u['here_wan']:,.2f} 万元"] if u["here_wan"] else [])]
    rest = f"；不计这部分，一次性财政支出合计 {once_less(doc, u['wan']):,.2f} 万元" if "once" in doc else ""
    return (f"新建校舍本校用地放不下的 {u['wan']:,.2f} 万元（{'、'.join(parts)}，已计入上述合计）须先核定用地、由局务会决定，"
            f"核定前为需论证事项，不作为已定投资，这些学校的相关指标为待核实{rest}。")


# --- the 达标路径's actions at one school (the per-school table of plans_combined) ----------------


def compliance_text(actions: pd.DataFrame, moved: str = "") -> str:
    """The 达标路径's actions at one school; ``moved`` its 交流轮岗 (:func:`rotation_texts`),
    which replaces the rotation rows (they stand on the sending school only)."""
    from junheng.planning.compliance_actions import ITEM_NAMES

    rows = actions[actions["item"] != "rotation"].groupby("item", sort=False)["quantity"].sum()
    return "、".join([
        *(f"{ITEM_NAMES[item][0]} {numbers.trimmed(q)} {ITEM_NAMES[item][1]}"
          for item, q in rows.items()),
        *([moved] if moved else [])])


def rotation_texts(actions: pd.DataFrame, names: Mapping[str, str]) -> dict[str, str]:
    """Per school, its 交流轮岗: the sender's teachers out and where to, the receiver's in and
    from where (review finding 10: 调入 was written on the sender's row).

    >>> a = pd.DataFrame({"school_id": ["A", "A", "C"], "item": "rotation",
    ...                   "quantity": [2.0, 1.0, 1.0], "to_school_id": ["B", "D", "B"]})
    >>> rotation_texts(a, {"A": "甲", "B": "乙", "C": "丙", "D": "丁"})
    {'A': '交流轮岗调出 3 人（到乙、丁）', 'C': '交流轮岗调出 1 人（到乙）', 'B': '交流轮岗调入 3 人（来自甲、丙）', 'D': '交流轮岗调入 1 人（来自甲）'}
    """
    if actions.empty or "to_school_id" not in actions:
        return {}
    moves = actions[actions["item"] == "rotation"]

    def said(key: str, other: str, verb: str, where: str) -> dict[str, str]:
        return {sid: f"交流轮岗{verb} {numbers.trimmed(g['quantity'].sum())} 人（{where}"
                     f"{'、'.join(names.get(o, o) for o in pd.unique(g[other]))}）"
                for sid, g in moves.groupby(key, sort=False)}

    out = said("school_id", "to_school_id", "调出", "到")
    into = said("to_school_id", "school_id", "调入", "来自")
    return {**out, **{k: f"{out[k]}、{v}" if k in out else v for k, v in into.items()}}
