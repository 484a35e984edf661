"""Unit costs of the compliance path (达标路径): the shipped defaults and a county's overrides.

The defaults live in ``standards/costs.yaml`` (every item with its unit cost in 万元, unit,
lead time and source). A county file names only what it changes; it is merged into the defaults
key by key and validated as a whole, and an unknown key or a bad value is an error that names
the key, the value and what is expected.

Examples
--------
>>> costs = load_costs()
>>> costs.item("teaching_area").unit_cost, costs.item("teaching_area").lead_years
(0.35, 2)
>>> costs.objective_cost("hire_teacher")          # 10 万元 a year, counted for 5 years
50.0
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from junheng.errors import ConfigError
from junheng.model.memo import per_file_version
from junheng.planning.backbone_criteria import TITLE_LABELS, BackboneCriteria, titles_from_labels
from junheng.standards.files import field_reason, read_mapping

DEFAULT_COSTS = Path(__file__).resolve().parent.parent / "standards" / "costs.yaml"
ITEMS = ("teaching_area", "room_renovation", "room_conversion", "temporary_room", "field", "gym",
         "lease", "equipment", "multimedia_room", "hire_teacher", "hire_pe_art", "hire_backbone",
         "degree_upgrade", "backbone_training", "rotation", "books")
PROJECTS = ("building", "sports")
#: Items only the layout plan uses (``layout:`` in costs.yaml); the classroom is ``teaching_area``.
LAYOUT_ITEMS = ("dormitory_area", "new_school")
_FIELD_LABELS = {"unit_cost": "单价（万元）", "lead_years": "实施周期（年）", "source": "来源",
                 "name": "名称", "unit": "单位", "recurring": "是否每年支出",
                 "recurring_years": "经常性支出计入年数", "allowed": "是否允许",
                 "max_share": "上限比例", "gym_max_area": "每校室内体育馆面积上限（平方米）",
                 "gym_min_area": "新建室内体育馆最小面积（平方米）",
                 "repair_below": "专用教室面积差额按维修改造处理的上限（平方米）",
                 "share": "占一般公共预算教育支出的比例",
                 "field_urban_rural_codes": "可新增室外场地的城乡分类代码",
                 "assumed": "本校用地放不下的体育运动场馆假设的解决途径",
                 "land_unit_cost": "置换或征用相邻用地单价（万元/平方米）",
                 "floor_margin": "体育运动场馆按标准 85% 规划时的余量",
                 "titles": "可认定骨干教师的职称", "min_years": "可认定骨干教师的最低教龄（年）",
                 "procedure": "骨干教师认定程序", "unchecked": "数据不能核实、推荐时核实的条件"}
#: The remedies for sports area a school's site cannot hold (``sports_remedy.assumed``).
SPORTS_REMEDIES = {"shared_use": "就近共享、租用公共体育设施",
                   "adjacent_land": "置换或征用相邻用地建室外运动场",
                   "relocation": "迁建"}


def shared_use_words(lease: Mapping[str, Any] | None = None) -> str:
    """The route 就近共享、租用公共体育设施 wherever it is offered, with whether the 复核 counts it
    (``lease``: the price file's ``lease`` as :meth:`ComplianceCosts.to_dict` gives it; None:
    the shipped default, not counted). The 2017 办法 counts a school's own grounds; leased ones
    count only where the province allows it (brief hlease 3: 「可选…就近共享或租用公共体育设施」
    read as closing the gap while the 复核 left it out).

    >>> shared_use_words()
    '就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）'
    >>> shared_use_words({"allowed": True, "max_share": 0.3, "source": "某省实施办法第五条"})
    '就近共享、租用公共体育设施（签订长期使用协议，按某省实施办法第五条计入生均体育运动场馆面积，租用面积至多占计入后面积的 30%）'
    """
    if not lease or not lease.get("allowed"):
        return f"{SPORTS_REMEDIES['shared_use']}（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）"
    return (f"{SPORTS_REMEDIES['shared_use']}（签订长期使用协议，按{lease.get('source') or '本省规定'}计入生均体育运动场馆"
            f"面积，租用面积至多占计入后面积的 {float(lease.get('max_share') or 0.0):.0%}）")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ItemModel(_Strict):
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    unit_cost: float = Field(ge=0, strict=True, allow_inf_nan=False)
    lead_years: int = Field(0, ge=0, le=10)
    recurring: bool = False
    source: str = Field(min_length=1)


class _LandModel(_Strict):
    field_urban_rural_codes: list[str]
    note: str = ""
    gym_review_area: float = Field(6000.0, gt=0)
    gym_max_area: float = Field(3000.0, gt=0)
    gym_min_area: float = Field(0.0, ge=0)
    floor_margin: float = Field(0.02, ge=0, le=0.15)


class _LeaseModel(_Strict):
    allowed: bool = False
    max_share: float = Field(0.3, ge=0, le=1)
    source: str = Field(min_length=1)


class _RoomsModel(_Strict):
    repair_below: float = Field(0.0, ge=0)
    source: str = Field(min_length=1)


class _SportsRemedyModel(_Strict):
    assumed: Literal["shared_use", "adjacent_land", "relocation"] = "adjacent_land"
    land_unit_cost: float = Field(0.06, ge=0, strict=True, allow_inf_nan=False)
    lead_years: int = Field(2, ge=0, le=10)
    source: str = Field(min_length=1)


class _BackboneModel(_Strict):
    titles: list[str] = Field(min_length=1)
    min_years: int = Field(5, ge=0, le=40)
    procedure: str = Field(min_length=1)
    unchecked: str = ""
    source: str = Field(min_length=1)


class _BudgetModel(_Strict):
    share: float = Field(0.1, gt=0, le=1)
    source: str = Field(min_length=1)


class _CostsModel(_Strict):
    id: str
    name: str
    version: str
    currency: str
    recurring_years: int = Field(ge=1, le=30)
    recurring_note: str = ""
    items: dict[str, _ItemModel]
    projects: dict[str, _ItemModel]
    layout: dict[str, _ItemModel]
    land: _LandModel
    lease: _LeaseModel
    budget: _BudgetModel | None = None
    rooms: _RoomsModel | None = None
    sports_remedy: _SportsRemedyModel | None = None
    backbone_criteria: _BackboneModel | None = None


@dataclass(frozen=True)
class SportsRemedy:
    """What the plan assumes for sports area beyond the hall cap: the remedy (a key of
    :data:`SPORTS_REMEDIES`), the land's 万元 per m² (adjacent land), the years from funding
    to use, and the source of the figures."""

    assumed: str = "adjacent_land"
    land_unit_cost: float = 0.06
    lead_years: int = 2
    source: str = ""

    @property
    def name(self) -> str:
        return SPORTS_REMEDIES[self.assumed]


@dataclass(frozen=True)
class CostItem:
    """One priced item: 万元 per ``unit``, years from funding to use, yearly or one-off."""

    key: str
    name: str
    unit: str
    unit_cost: float
    lead_years: int
    recurring: bool
    source: str


@dataclass(frozen=True, eq=False)
class ComplianceCosts:
    """Every unit cost the compliance path uses, with the land and lease rules."""

    items: Mapping[str, CostItem]
    projects: Mapping[str, CostItem]
    recurring_years: int
    field_codes: frozenset[str]
    lease_allowed: bool
    lease_max_share: float
    lease_source: str
    sources: tuple[str, ...] = ()
    gym_review_area: float = 6000.0
    #: the largest hall (m² built, the whole of one shared with 高中) the plan builds at a school
    gym_max_area: float = 3000.0
    #: the smallest hall (m² built, whole) the plan builds at a school (rule (19))
    gym_min_area: float = 0.0
    #: what the plan adds to the school rule's 85 % floor when it lifts a school's sports area
    #: to it (0.02: to 85 % × 1.02 of the standard; model row (5), review tb 4)
    floor_margin: float = 0.0
    #: a music / art room gap (m² of a kind at a school) below this is 维修改造（核定面积）
    room_repair_below: float = 0.0
    layout: Mapping[str, CostItem] | None = None  # the layout plan's own items (LAYOUT_ITEMS)
    #: default yearly budget: this share of the county's 一般公共预算教育支出 (compliance_budget)
    budget_share: float = 0.1
    budget_source: str = ""
    sports_remedy: SportsRemedy = SportsRemedy()
    #: who may be 认定 as a new 县级骨干教师 (items.backbone_training); ``as_of`` unset
    backbone_criteria: BackboneCriteria = BackboneCriteria()

    def item(self, key: str) -> CostItem:
        """The item ``key`` (one of :data:`ITEMS`)."""
        return self.items[key]

    def lease(self) -> dict[str, Any]:
        """Whether leased grounds count, their largest share and the rule's source."""
        return {"allowed": self.lease_allowed, "max_share": self.lease_max_share, "source": self.lease_source}

    def objective_cost(self, key: str) -> float:
        """万元 per unit counted in the plan's total: yearly items for ``recurring_years``."""
        item = self.items[key]
        return item.unit_cost * (self.recurring_years if item.recurring else 1)

    def to_dict(self) -> dict[str, Any]:
        """Every cost as JSON-ready data (for plan.json)."""
        def entry(c: CostItem) -> dict[str, Any]:
            return {"name": c.name, "unit": c.unit, "unit_cost": c.unit_cost,
                    "lead_years": c.lead_years, "recurring": c.recurring, "source": c.source}
        return {"currency": "万元", "recurring_years": self.recurring_years,
                "items": {k: entry(c) for k, c in self.items.items()},
                "projects": {k: entry(c) for k, c in self.projects.items()},
                "field_urban_rural_codes": sorted(self.field_codes),
                "gym_review_area": self.gym_review_area, "gym_max_area": self.gym_max_area,
                "gym_min_area": self.gym_min_area, "floor_margin": self.floor_margin,
                "room_repair_below": self.room_repair_below,
                "lease": self.lease(),
                "budget": {"share": self.budget_share, "source": self.budget_source},
                "sports_remedy": {"assumed": self.sports_remedy.assumed,
                                  "name": self.sports_remedy.name,
                                  "land_unit_cost": self.sports_remedy.land_unit_cost,
                                  "lead_years": self.sports_remedy.lead_years,
                                  "source": self.sports_remedy.source},
                "backbone_criteria": _criteria_dict(self.backbone_criteria),
                "files": list(self.sources)}


def _read(path: Path) -> dict[str, Any]:
    """The file's mapping, parsed once per version of the file (its time and size,
    :func:`~junheng.model.memo.per_file_version`): every layout scenario prices its defaults
    from the shipped file, 170 parses of the YAML (10 s) in one demo before the cache. A copy,
    so no caller changes the cached one."""
    return copy.deepcopy(_parsed(path))


_parsed = per_file_version(lambda path: read_mapping(path, "单价"))


def merge(base: Mapping[str, Any], override: Mapping[str, Any], where: str = "") -> dict:
    """``base`` with ``override``'s keys replacing or (for tables) merging into it; a key the
    base does not have is an error.

    Examples
    --------
    >>> merge({"a": {"x": 1, "y": 2}}, {"a": {"y": 3}})
    {'a': {'x': 1, 'y': 3}}
    """
    out = dict(base)
    for key, value in override.items():
        path = f"{where}.{key}" if where else str(key)
        if key not in base:
            known = "、".join(str(k) for k in base)
            raise ConfigError(f"单价文件中的“{path}”不是已知的项：可用的项为 {known}。")
        if isinstance(base[key], Mapping) and isinstance(value, Mapping):
            out[key] = merge(base[key], value, path)
        else:
            out[key] = value
    return out


def _validated(raw: Mapping[str, Any], where: str) -> _CostsModel:
    try:
        model = _CostsModel.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        label = _FIELD_LABELS.get(str(err["loc"][-1]), str(err["loc"][-1]))
        shown = err.get("input")
        raise ConfigError(f"单价文件 {where} 的“{key}”（{label}）值 {shown!r} 无效：{_reason(err)}。"
                          ) from None
    missing = [k for k in ITEMS if k not in model.items] + \
        [k for k in PROJECTS if k not in model.projects] + \
        [f"layout.{k}" for k in LAYOUT_ITEMS if k not in model.layout]
    if missing:
        raise ConfigError(f"单价文件 {where} 缺少这些项：{'、'.join(missing)}。")
    if model.land.gym_min_area > model.land.gym_max_area:
        raise ConfigError(f"单价文件 {where} 的新建室内体育馆最小面积 {model.land.gym_min_area:,.0f} 平方米"
                          f"大于每校上限 {model.land.gym_max_area:,.0f} 平方米：请调小 land.gym_min_area "
                          "或调大 land.gym_max_area。")
    return model


def _reason(err: Mapping[str, Any]) -> str:
    if err.get("type") == "literal_error":
        return "应为 " + "、".join(SPORTS_REMEDIES) + " 之一"
    return field_reason(err)


def _items(table: Mapping[str, _ItemModel]) -> dict[str, CostItem]:
    return {k: CostItem(k, v.name, v.unit, float(v.unit_cost), int(v.lead_years),
                        bool(v.recurring), v.source) for k, v in table.items()}


def load_costs(path: str | Path | None = None) -> ComplianceCosts:
    """The shipped unit costs, with the county file at ``path`` (if any) merged over them.

    Raises
    ------
    ConfigError
        The file cannot be read, names an unknown item or field, or holds a bad value; a file
        that allows leased grounds without naming the provincial rule (``lease.source``).
    """
    raw = _read(DEFAULT_COSTS)
    files = [str(DEFAULT_COSTS.name)]
    if path is not None:
        override = _read(Path(path))
        lease = override.get("lease") or {}
        if isinstance(lease, Mapping) and lease.get("allowed") and not lease.get("source"):
            raise ConfigError(f"单价文件 {path} 允许计入租用场地（lease.allowed: true），但没有写明依据："
                              "请在 lease.source 中写明本省允许计入的文件名称和条款。")
        raw = merge(raw, override)
        files.append(str(path))
    model = _validated(raw, files[-1])
    return ComplianceCosts(
        items=_items(model.items), projects=_items(model.projects),
        recurring_years=model.recurring_years,
        field_codes=frozenset(model.land.field_urban_rural_codes),
        lease_allowed=model.lease.allowed, lease_max_share=model.lease.max_share,
        lease_source=model.lease.source, sources=tuple(files),
        gym_review_area=model.land.gym_review_area, gym_max_area=model.land.gym_max_area,
        gym_min_area=model.land.gym_min_area, floor_margin=model.land.floor_margin,
        room_repair_below=model.rooms.repair_below if model.rooms else 0.0, layout=_items(model.layout),
        budget_share=model.budget.share if model.budget else 0.1,
        budget_source=model.budget.source if model.budget else "",
        sports_remedy=_remedy(model.sports_remedy),
        backbone_criteria=_criteria(model.backbone_criteria, files[-1]))


def _remedy(model: _SportsRemedyModel | None) -> SportsRemedy:
    if model is None:
        return SportsRemedy()
    return SportsRemedy(model.assumed, float(model.land_unit_cost), int(model.lead_years),
                        model.source)


def _criteria(model: _BackboneModel | None, where: str) -> BackboneCriteria:
    if model is None:
        return BackboneCriteria()
    return BackboneCriteria(titles_from_labels(model.titles, where), int(model.min_years),
                            model.procedure, model.unchecked, model.source)


def _criteria_dict(c: BackboneCriteria) -> dict[str, Any]:
    return {"titles": [TITLE_LABELS[t] for t in c.titles], "min_years": c.min_years,
            "procedure": c.procedure, "unchecked": c.unchecked, "source": c.source,
            "text": c.text()}
