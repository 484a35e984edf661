"""The registry of named measures: pure functions over one county-year (and its baseline).

A measure turns a :class:`~junheng.model.CountyData` into a :class:`Reading` — a numerator,
an optional denominator and the ids of the rows counted, so every number can be traced.
Measures marked ``since_baseline`` also receive the county's baseline year (e.g. teaching
points merged since the baseline). A plan names a measure and its parameters; parameters are
validated by the measure's own pydantic model, so a misspelt parameter is a clear error.

City plans combine the readings of every county: counts, shares and yes/no verdicts are summed
(numerators and denominators separately, so a city share is recomputed from the sums, never a
mean of shares; a yes/no verdict becomes the share of counties that pass); values without a
numerator and denominator (差异系数, 县级指标) take the worst county for the comparator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from junheng.errors import ConfigError
from junheng.ledger import evaluation as quality
from junheng.model import CountyData
from junheng.model.codes import (
    JUNIOR_GRADES,
    PRESCHOOL_GRADES,
    PRIMARY_GRADES,
    RURAL_CODES,
    TOWN_CODES,
    URBAN_CODES,
)

Kind = Literal["count", "share", "bool", "number"]
Area = Literal["all", "urban", "town", "rural", "urban_town", "non_urban"]
Stage = Literal["primary", "junior", "all"]
Ownership = Literal["public", "private", "all"]

AREA_CODES: dict[str, frozenset[str] | None] = {
    "all": None,
    "urban": URBAN_CODES,
    "town": TOWN_CODES,
    "rural": RURAL_CODES,
    "urban_town": URBAN_CODES | TOWN_CODES,
    "non_urban": TOWN_CODES | RURAL_CODES,
}
AREA_LABELS = {"all": "全域", "urban": "城区", "town": "镇区", "rural": "乡村",
               "urban_town": "城区和镇区", "non_urban": "镇区和乡村"}

# School types serving each compulsory stage (teaching points serve primary grades).
STAGE_SCHOOL_TYPES: dict[str, frozenset[str]] = {
    "primary": frozenset({"primary_school", "nine_year", "twelve_year", "teaching_point"}),
    "junior": frozenset({"junior_school", "nine_year", "twelve_year", "complete_secondary"}),
    "senior": frozenset({"senior_school", "complete_secondary", "twelve_year"}),
    "preschool": frozenset({"kindergarten"}),
}
COMPULSORY_GRADES = PRIMARY_GRADES + JUNIOR_GRADES
THROUGH_SCHOOL_TYPES = frozenset({"nine_year", "twelve_year"})
BACKBONE_ORDER = ("none", "county", "city", "province", "national")
SCHOOL_GROUPS_OF_TYPES: dict[str, frozenset[str] | None] = {
    "compulsory": STAGE_SCHOOL_TYPES["primary"] | STAGE_SCHOOL_TYPES["junior"],
    "kindergarten": STAGE_SCHOOL_TYPES["preschool"],
    "senior": STAGE_SCHOOL_TYPES["senior"],
    "all": None,
}
SchoolTypes = Literal["compulsory", "kindergarten", "senior", "all"]


# --- readings -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What a measure found in one county-year (or a city's counties combined).

    ``numerator`` is ``None`` when the data cannot answer (no rows, missing 县级指标); for a
    share, ``denominator`` is the base. ``items`` are the ids of the rows counted.
    """

    numerator: float | None
    denominator: float | None = None
    items: tuple[str, ...] = ()
    note: str = ""

    def value(self, kind: Kind) -> bool | float | None:
        """The reading as a value of ``kind`` (a share of counties for a combined verdict)."""
        if self.numerator is None:
            return None
        if kind == "share" or (kind == "bool" and self.denominator not in (None, 1)):
            if not self.denominator:
                return None
            return float(self.numerator) / float(self.denominator)
        if kind == "bool":
            return bool(self.numerator)
        return float(self.numerator)


MISSING = Reading(None)


def _missing(note: str) -> Reading:
    return Reading(None, note=note)


def _count(ids: Iterable[Any]) -> Reading:
    items = tuple(str(i) for i in ids)
    return Reading(float(len(items)), None, items)


def _share(numerator_ids: Iterable[Any], denominator: float, note: str = "") -> Reading:
    items = tuple(str(i) for i in numerator_ids)
    return Reading(float(len(items)), float(denominator), items, note)


@dataclass
class MeasureContext:
    """The inputs of a measure: the county-year, its baseline and a lazy 优质均衡 evaluation."""

    data: CountyData
    baseline: CountyData | None = None
    evaluator: Callable[[CountyData], Any] | None = None
    _evaluation: Any = field(default=None, repr=False)

    def evaluation(self) -> quality.QualityFacts:
        """The quality-2017 evaluation of ``data``, computed once."""
        if self._evaluation is None:
            evaluator = self.evaluator or quality.evaluate_quality
            self._evaluation = quality.facts(evaluator(self.data))
        return self._evaluation


# --- the registry ---------------------------------------------------------------------


class Params(BaseModel):
    """Base of every measure's parameters: unknown names are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    pass


@dataclass(frozen=True)
class Measure:
    """A named measure: what it computes, its value kind, unit and parameter model."""

    name: str
    label: str
    kind: Kind
    unit: str
    params: type[Params]
    compute: Callable[[MeasureContext, Any], Reading]
    since_baseline: bool = False
    description: str = ""

    @property
    def combine(self) -> Literal["sum", "worst"]:
        """How a city combines its counties: sum numerators/denominators, or the worst county."""
        return "worst" if self.kind == "number" else "sum"


MEASURES: dict[str, Measure] = {}


def measure(name: str, label: str, kind: Kind, unit: str, params: type[Params] = NoParams, *,
            since_baseline: bool = False):
    """Register a measure function under ``name`` (its docstring's first line describes it)."""

    def register(fn: Callable[[MeasureContext, Any], Reading]):
        doc = (fn.__doc__ or "").strip().splitlines()
        MEASURES[name] = Measure(name, label, kind, unit, params, fn, since_baseline,
                                 doc[0] if doc else "")
        return fn

    return register


def known_measures() -> str:
    """The registered measure names, for error messages."""
    return "、".join(sorted(MEASURES)) + "，或 manual（手工填报）"


def get_measure(name: str) -> Measure:
    """The registered measure ``name``.

    Raises
    ------
    ConfigError
        If no measure has that name; the message lists the known measures.
    """
    try:
        return MEASURES[name]
    except KeyError:
        raise ConfigError(f"未知的测算方式 “{name}”：可用的有 {known_measures()}。") from None


def parse_params(measure_: Measure, params: Mapping[str, Any]) -> Params:
    """Validate ``params`` against the measure's parameter model (ConfigError if bad)."""
    try:
        return measure_.params.model_validate(dict(params))
    except ValidationError as exc:
        raise ConfigError(_params_message(measure_, exc)) from None


def _params_message(measure_: Measure, exc: ValidationError) -> str:
    allowed = _describe_params(measure_.params)
    problems = []
    for err in exc.errors():
        name = ".".join(str(x) for x in err.get("loc", ())) or "参数"
        if err.get("type") == "extra_forbidden":
            problems.append(f"不认识的参数 “{name}”")
        elif err.get("type") == "missing":
            problems.append(f"缺少参数 “{name}”")
        else:
            problems.append(f"参数 {name} 的值 {err.get('input')!r} 无效")
    return (f"测算方式 {measure_.name}（{measure_.label}）的" + "；".join(problems)
            + f"。可用参数：{allowed}。")


def _describe_params(model: type[Params]) -> str:
    if not model.model_fields:
        return "无"
    parts = []
    for name, info in model.model_fields.items():
        default = info.default if info.default is not None else "无"
        parts.append(f"{name}（{_annotation_text(info.annotation)}，默认 {default}）")
    return "；".join(parts)


def _annotation_text(annotation: Any) -> str:
    args = getattr(annotation, "__args__", None)
    if args and all(isinstance(a, str) for a in args):
        return " / ".join(args)
    return getattr(annotation, "__name__", str(annotation))


def check_target_measure(target: Any, *, source: str = "计划文件") -> None:
    """Check that a plan target names a known measure with valid parameters.

    Raises
    ------
    ConfigError
        Naming the file, the target, the measure and the known measures or parameters.
    """
    spec = target.measure
    if spec.name == "manual":
        if spec.params:
            raise ConfigError(f"{source} 中目标 “{target.id}”（{target.name}）为 manual，不接受参数。")
        return
    if spec.name not in MEASURES:
        raise ConfigError(f"{source} 中目标 “{target.id}”（{target.name}）的测算方式 “{spec.name}” "
                          f"不存在：可用的有 {known_measures()}。")
    try:
        parse_params(MEASURES[spec.name], spec.params)
    except ConfigError as exc:
        raise ConfigError(f"{source} 中目标 “{target.id}”（{target.name}）：{exc}") from None
    kind = MEASURES[spec.name].kind
    if kind != "bool" and isinstance(target.target, bool):
        raise ConfigError(f"{source} 中目标 “{target.id}”（{target.name}）的目标值为 true/false，"
                          f"但 {spec.name} 给出的是数值：请填写数值目标。")
    if kind == "bool" and not isinstance(target.target, bool | str):
        raise ConfigError(f"{source} 中目标 “{target.id}”（{target.name}）的测算方式 {spec.name} "
                          "给出是/否：目标值应为 true 或 false（或 baseline / previous）。")


def compute_measure(name: str, data: CountyData, params: Mapping[str, Any] | None = None, *,
                    baseline: CountyData | None = None,
                    evaluator: Callable[[CountyData], Any] | None = None) -> Reading:
    """Compute the measure ``name`` on one county-year.

    Parameters
    ----------
    name : str
        A registered measure name (see :data:`MEASURES`).
    data : CountyData
        The county-year measured.
    params : mapping, optional
        The measure's parameters.
    baseline : CountyData, optional
        The county's baseline year, required by ``since_baseline`` measures.
    evaluator : callable, optional
        Replaces ``junheng.evaluate.evaluate(data, "quality-2017")``.

    Examples
    --------
    >>> from junheng.model import CountyData
    >>> data = CountyData.from_records({"county_code": "410306", "school_year": 2024},
    ...     schools=[{"school_id": "P1", "school_type": "teaching_point"}])
    >>> compute_measure("teaching_points", data).value("count")
    1.0
    """
    measure_ = get_measure(name)
    parsed = parse_params(measure_, params or {})
    if measure_.since_baseline and baseline is None:
        return _missing("缺少基准年数据，无法计算较基准年的变化")
    return measure_.compute(MeasureContext(data, baseline, evaluator), parsed)


def combine(measure_: Measure, readings: Mapping[str, Reading], comparator: str) -> Reading:
    """Combine the readings of a city's counties (keys are county codes)."""
    present = {c: r for c, r in readings.items() if r.numerator is not None}
    absent = sorted(c for c in readings if c not in present)
    note = f"{len(absent)} 个县区无数据（{'、'.join(absent)}），未计入" if absent else ""
    if not present:
        return _missing(note or "没有县区数据")
    if measure_.combine == "worst":
        return _worst(present, comparator, note)
    numerator = sum(float(r.numerator) for r in present.values())
    denominators = [r.denominator for r in present.values()]
    denominator = None if all(d is None for d in denominators) else sum(d or 0.0 for d in denominators)
    items = tuple(f"{c}:{i}" for c, r in present.items() for i in r.items)
    return Reading(numerator, denominator, items, note)


def _worst(present: Mapping[str, Reading], comparator: str, note: str) -> Reading:
    pick = max if comparator in ("<=", "<") else min
    code = pick(present, key=lambda c: float(present[c].numerator))
    extra = f"取最不利的县区 {code}"
    return Reading(present[code].numerator, None, (code,), "；".join(x for x in (extra, note) if x))


# --- shared frame helpers -------------------------------------------------------------


def _in_area(frame: pd.DataFrame, area: str) -> pd.Series:
    codes = AREA_CODES[area]
    if codes is None:
        return pd.Series(True, index=frame.index)
    return frame["urban_rural_code"].isin(codes)


def _owned(frame: pd.DataFrame, ownership: str) -> pd.Series:
    if ownership == "all":
        return pd.Series(True, index=frame.index)
    return frame["ownership"] == ownership


def _true(series: pd.Series) -> pd.Series:
    """A boolean column with NA read as False (unknown is never counted as yes)."""
    return series.fillna(False).astype(bool)


def _schools(data: CountyData, *, types: Iterable[str] | None = None, area: str = "all",
             ownership: str = "all") -> pd.DataFrame:
    schools = data.schools
    mask = _in_area(schools, area) & _owned(schools, ownership)
    if types is not None:
        mask &= schools["school_type"].isin(set(types))
    return schools[mask]


def _stage_grades(stage: str) -> tuple[str, ...]:
    return {"primary": PRIMARY_GRADES, "junior": JUNIOR_GRADES,
            "all": COMPULSORY_GRADES}[stage]


def _stage_types(stage: str) -> frozenset[str]:
    if stage == "all":
        return STAGE_SCHOOL_TYPES["primary"] | STAGE_SCHOOL_TYPES["junior"]
    return STAGE_SCHOOL_TYPES[stage]


def _classes_in(data: CountyData, grades: Iterable[str], school_ids: Iterable[str]) -> pd.DataFrame:
    classes = data.classes
    return classes[classes["grade"].isin(set(grades)) & classes["school_id"].isin(set(school_ids))]


def _class_label(row: pd.Series) -> str:
    return f"{row['school_id']}/{row['grade']}/{row['class_no']}"


def _sum(series: pd.Series) -> float:
    total = series.sum(skipna=True)
    return 0.0 if pd.isna(total) else float(total)


# --- teaching points and layout ------------------------------------------------------


class AreaParams(Params):
    area: Area = "all"


SchoolType = Literal["primary_school", "junior_school", "nine_year", "twelve_year",
                     "complete_secondary", "senior_school", "teaching_point", "kindergarten",
                     "special_education"]


class SchoolCountParams(Params):
    school_types: tuple[SchoolType, ...] = Field(min_length=1)
    area: Area = "all"
    ownership: Ownership = "all"


@measure("schools", "学校数", "count", "所", SchoolCountParams)
def schools(ctx: MeasureContext, p: SchoolCountParams) -> Reading:
    """学校类型属于 school_types 的学校所数（如 nine_year 统计九年一贯制学校）。"""
    return _count(_schools(ctx.data, types=p.school_types, area=p.area,
                           ownership=p.ownership)["school_id"])


@measure("teaching_points", "教学点数", "count", "个", AreaParams)
def teaching_points(ctx: MeasureContext, p: AreaParams) -> Reading:
    """教学点个数（学校类型为教学点的行）。"""
    return _count(_schools(ctx.data, types={"teaching_point"}, area=p.area)["school_id"])


@measure("teaching_points_merged", "较基准年撤并的教学点数", "count", "个", AreaParams,
         since_baseline=True)
def teaching_points_merged(ctx: MeasureContext, p: AreaParams) -> Reading:
    """基准年有、本年已不在学校表中的教学点个数（按基准年的城乡分类筛选）。"""
    before = _schools(ctx.baseline, types={"teaching_point"}, area=p.area)["school_id"]
    now = set(ctx.data.schools["school_id"])
    return _count(sorted(set(before) - now))


class BoardingTownParams(Params):
    ownership: Ownership = "all"
    exclude_urban_towns: bool = True


def _urban_towns(data: CountyData) -> set[str]:
    """Towns (街道) whose villages, or failing that whose schools, are all urban (111/112)."""
    frame = data.villages if len(data.villages) else data.schools
    frame = frame[frame["town_code"].notna()]
    urban = frame["urban_rural_code"].isin(URBAN_CODES)
    by_town = urban.groupby(frame["town_code"]).all()
    return set(by_town[by_town].index)


def _towns(data: CountyData, exclude_urban: bool) -> list[str]:
    towns = set(data.villages["town_code"].dropna()) | set(data.schools["town_code"].dropna())
    if exclude_urban:
        towns -= _urban_towns(data)
    return sorted(towns)


def _boarding_towns(data: CountyData, p: BoardingTownParams) -> tuple[list[str], list[str]]:
    towns = _towns(data, p.exclude_urban_towns)
    boarding = data.schools[_true(data.schools["boarding"]) & _owned(data.schools, p.ownership)]
    boarding = boarding[boarding["school_type"] != "teaching_point"]

    def towns_serving(stage: str) -> set[str]:
        return set(boarding.loc[boarding["school_type"].isin(STAGE_SCHOOL_TYPES[stage]), "town_code"])

    both = towns_serving("primary") & towns_serving("junior")
    return towns, [t for t in towns if t in both]


@measure("boarding_towns", "有寄宿制小学和寄宿制初中的乡镇数", "count", "个", BoardingTownParams)
def boarding_towns(ctx: MeasureContext, p: BoardingTownParams) -> Reading:
    """同时有寄宿制小学和寄宿制初中（九年一贯制两者都算）的乡镇个数。"""
    _, both = _boarding_towns(ctx.data, p)
    return _count(both)


@measure("boarding_towns_share", "有寄宿制小学和寄宿制初中的乡镇占比", "share", "比例",
         BoardingTownParams)
def boarding_towns_share(ctx: MeasureContext, p: BoardingTownParams) -> Reading:
    """同时有寄宿制小学和寄宿制初中的乡镇占乡镇总数（默认不含街道）的比例。"""
    towns, both = _boarding_towns(ctx.data, p)
    return _share(both, len(towns))


class BoardingSchoolParams(Params):
    stage: Stage = "all"
    area: Area = "all"
    ownership: Ownership = "all"


@measure("boarding_schools", "寄宿制学校数", "count", "所", BoardingSchoolParams)
def boarding_schools(ctx: MeasureContext, p: BoardingSchoolParams) -> Reading:
    """寄宿制义务教育学校（不含教学点）所数。"""
    schools = _schools(ctx.data, types=_stage_types(p.stage) - {"teaching_point"}, area=p.area,
                       ownership=p.ownership)
    return _count(schools.loc[_true(schools["boarding"]), "school_id"])


class LocationParams(Params):
    stage: Literal["primary", "junior", "senior"] = "junior"
    codes: tuple[Literal["111", "112", "121", "122", "123", "210", "220"], ...] = Field(
        default=("111", "112", "121", "122", "210"), min_length=1)
    ownership: Ownership = "public"
    include_teaching_points: bool = True


@measure("schools_in_area_share", "位于指定城乡分类的学校占比", "share", "比例", LocationParams)
def schools_in_area_share(ctx: MeasureContext, p: LocationParams) -> Reading:
    """提供某学段的学校中，城乡分类代码属于 codes 的所占比例（布局集中程度）。"""
    types = STAGE_SCHOOL_TYPES[p.stage]
    if not p.include_teaching_points:
        types = types - {"teaching_point"}
    schools = _schools(ctx.data, types=types, ownership=p.ownership)
    inside = schools.loc[schools["urban_rural_code"].isin(set(p.codes)), "school_id"]
    return _share(inside, len(schools))


# --- class and school size ------------------------------------------------------------


class ClassSizeParams(Params):
    stage: Stage = "all"
    area: Area = "all"
    include_extra: bool = False


def _compulsory_classes(data: CountyData, stage: str, area: str) -> pd.DataFrame:
    schools = _schools(data, area=area)
    return _classes_in(data, _stage_grades(stage), schools["school_id"])


def _oversized(classes: pd.DataFrame, include_extra: bool) -> pd.DataFrame:
    size = classes["students"]
    mask = size >= 56 if include_extra else (size >= 56) & (size <= 65)
    return classes[mask.fillna(False).astype(bool)]


@measure("oversized_classes", "大班额班级数", "count", "个", ClassSizeParams)
def oversized_classes(ctx: MeasureContext, p: ClassSizeParams) -> Reading:
    """义务教育大班额（56–65 人）班级数；include_extra 为 true 时含超大班额（≥66 人）。"""
    classes = _oversized(_compulsory_classes(ctx.data, p.stage, p.area), p.include_extra)
    return _count(classes.apply(_class_label, axis=1) if len(classes) else [])


@measure("oversized_class_share", "大班额班级占比", "share", "比例", ClassSizeParams)
def oversized_class_share(ctx: MeasureContext, p: ClassSizeParams) -> Reading:
    """大班额班级占义务教育班级总数的比例（include_extra 同上）。"""
    classes = _compulsory_classes(ctx.data, p.stage, p.area)
    over = _oversized(classes, p.include_extra)
    return _share(over.apply(_class_label, axis=1) if len(over) else [], len(classes))


class ExtraClassParams(Params):
    stage: Stage = "all"
    area: Area = "all"


@measure("extra_oversized_classes", "超大班额班级数", "count", "个", ExtraClassParams)
def extra_oversized_classes(ctx: MeasureContext, p: ExtraClassParams) -> Reading:
    """义务教育超大班额（≥66 人）班级数。"""
    classes = _compulsory_classes(ctx.data, p.stage, p.area)
    over = classes[(classes["students"] >= 66).fillna(False).astype(bool)]
    return _count(over.apply(_class_label, axis=1) if len(over) else [])


class SchoolSizeParams(Params):
    area: Area = "all"
    limit: int = Field(default=2000, ge=1)
    limit_through: int = Field(default=2500, ge=1)


@measure("oversized_schools", "大校额学校数", "count", "所", SchoolSizeParams)
def oversized_schools(ctx: MeasureContext, p: SchoolSizeParams) -> Reading:
    """义务教育在校生超过 2000 人（九年、十二年一贯制超过 2500 人）的学校数，只计义务教育年级。"""
    schools = _schools(ctx.data, types=_stage_types("all"), area=p.area)
    classes = _classes_in(ctx.data, COMPULSORY_GRADES, schools["school_id"])
    students = classes.groupby("school_id")["students"].sum()
    limits = schools.set_index("school_id")["school_type"].map(
        lambda t: p.limit_through if t in THROUGH_SCHOOL_TYPES else p.limit)
    size = students.reindex(limits.index).fillna(0)
    return _count(sorted(size.index[(size > limits).to_numpy()]))


# --- preschool --------------------------------------------------------------------------


def _kindergarten_children(data: CountyData, grades: Iterable[str] = PRESCHOOL_GRADES
                           ) -> pd.Series:
    """Children per kindergarten (school_id -> students), kindergartens without classes as 0."""
    kgs = _schools(data, types={"kindergarten"})
    classes = _classes_in(data, grades, kgs["school_id"])
    per_school = classes.groupby("school_id")["students"].sum()
    return per_school.reindex(kgs["school_id"]).fillna(0).astype(float)


def _kindergarten_share(data: CountyData, chosen: pd.Series) -> Reading:
    children = _kindergarten_children(data)
    chosen_ids = [i for i in children.index if chosen.get(i, False)]
    total = float(children.sum())
    return Reading(float(children[chosen_ids].sum()), total, tuple(chosen_ids))


@measure("public_kindergarten_share", "公办园在园幼儿占比", "share", "比例")
def public_kindergarten_share(ctx: MeasureContext, p: NoParams) -> Reading:
    """公办幼儿园在园幼儿数占幼儿园在园幼儿总数的比例。"""
    kgs = _schools(ctx.data, types={"kindergarten"}).set_index("school_id")
    return _kindergarten_share(ctx.data, kgs["ownership"] == "public")


@measure("affordable_kindergarten_coverage", "普惠性幼儿园覆盖率", "share", "比例")
def affordable_kindergarten_coverage(ctx: MeasureContext, p: NoParams) -> Reading:
    """公办园和普惠性民办园在园幼儿数占幼儿园在园幼儿总数的比例（普惠性未填的民办园不计入普惠）。"""
    kgs = _schools(ctx.data, types={"kindergarten"}).set_index("school_id")
    affordable = (kgs["ownership"] == "public") | _true(kgs["affordable"])
    return _kindergarten_share(ctx.data, affordable)


class PreschoolRateParams(Params):
    include_nursery: bool = False


@measure("gross_preschool_rate", "学前三年毛入园率", "share", "比例", PreschoolRateParams)
def gross_preschool_rate(ctx: MeasureContext, p: PreschoolRateParams) -> Reading:
    """幼儿园在园幼儿数（默认不含托班）除以村居 3–5 岁常住儿童数。"""
    grades = PRESCHOOL_GRADES if p.include_nursery else tuple(g for g in PRESCHOOL_GRADES
                                                              if g != "k0")
    children = float(_kindergarten_children(ctx.data, grades).sum())
    ages = ctx.data.villages[["age_3", "age_4", "age_5"]]
    if ages.notna().sum().sum() == 0:
        return _missing("村居表没有 3–5 岁儿童数")
    return Reading(children, _sum(ages.stack()))


# --- enrolment ---------------------------------------------------------------------------


class NearZoneParams(Params):
    stage: Stage = "primary"
    area: Area = "urban_town"
    ownership: Ownership = "public"
    exclude_boarding: bool = True


@measure("near_zone_rate", "就近划片入学比例", "share", "比例", NearZoneParams)
def near_zone_rate(ctx: MeasureContext, p: NearZoneParams) -> Reading:
    """招生表中划片入学数之和除以新生数之和（默认城区和镇区公办、非寄宿制学校的一年级）。"""
    schools = _schools(ctx.data, area=p.area, ownership=p.ownership)
    if p.exclude_boarding:
        schools = schools[~_true(schools["boarding"])]
    grades = {"primary": {"g1"}, "junior": {"g7"}, "all": {"g1", "g7"}}[p.stage]
    rows = ctx.data.enrolment
    rows = rows[rows["grade"].isin(grades) & rows["school_id"].isin(set(schools["school_id"]))]
    return Reading(_sum(rows["zone_entrants"]), _sum(rows["entrants"]),
                   tuple(sorted(set(rows["school_id"]))))


class EntrantParams(Params):
    stage: Stage = "all"
    area: Area = "all"


@measure("entrants", "义务教育招生数", "count", "人", EntrantParams)
def entrants(ctx: MeasureContext, p: EntrantParams) -> Reading:
    """招生表中一年级和（或）七年级新生数之和。"""
    schools = _schools(ctx.data, area=p.area)
    grades = {"primary": {"g1"}, "junior": {"g7"}, "all": {"g1", "g7"}}[p.stage]
    rows = ctx.data.enrolment
    rows = rows[rows["grade"].isin(grades) & rows["school_id"].isin(set(schools["school_id"]))]
    return Reading(_sum(rows["entrants"]), None, tuple(sorted(set(rows["school_id"]))))


# --- teachers ----------------------------------------------------------------------------


class TeacherScope(Params):
    compulsory_only: bool = True


def _full_time(data: CountyData, compulsory_only: bool) -> pd.DataFrame:
    teachers = data.teachers[_true(data.teachers["full_time"])]
    if compulsory_only:
        ids = set(_schools(data, types=_stage_types("all"))["school_id"])
        teachers = teachers[teachers["school_id"].isin(ids)
                            & teachers["stage"].isin({"primary", "junior"})]
    return teachers


def county_indicator_value(data: CountyData, code: str) -> float | None:
    """The 县级指标 value with ``code``, or None when the row is absent or empty."""
    rows = data.county_indicators
    values = rows.loc[rows["indicator_code"] == code, "value"].dropna()
    return None if values.empty else float(values.iloc[-1])


class RotationParams(TeacherScope):
    basis: Literal["eligible", "full_time"] = "eligible"


@measure("rotation_share", "交流轮岗教师比例", "share", "比例", RotationParams)
def rotation_share(ctx: MeasureContext, p: RotationParams) -> Reading:
    """本学年交流轮岗的专任教师数，除以县级指标 rotation_eligible_teachers（basis: eligible）或专任教师数（basis: full_time）。"""
    teachers = _full_time(ctx.data, p.compulsory_only)
    rotated = teachers.loc[_true(teachers["rotated_in"]), "teacher_id"]
    if p.basis == "full_time":
        return _share(rotated, len(teachers))
    eligible = county_indicator_value(ctx.data, "rotation_eligible_teachers")
    if eligible is None:
        return _missing("县级指标缺少 rotation_eligible_teachers（符合交流条件教师数）")
    return _share(rotated, eligible)


@measure("rotated_backbone_share", "交流轮岗教师中骨干教师占比", "share", "比例", TeacherScope)
def rotated_backbone_share(ctx: MeasureContext, p: TeacherScope) -> Reading:
    """交流轮岗专任教师中县级及以上骨干教师所占比例。"""
    teachers = _full_time(ctx.data, p.compulsory_only)
    rotated = teachers[_true(teachers["rotated_in"])]
    backbone = rotated.loc[rotated["backbone"].isin(BACKBONE_ORDER[1:]), "teacher_id"]
    return _share(backbone, len(rotated))


class TrainingParams(TeacherScope):
    hours: float = Field(default=360, gt=0)


@measure("training_hours_share", "五年培训学时达标教师比例", "share", "比例", TrainingParams)
def training_hours_share(ctx: MeasureContext, p: TrainingParams) -> Reading:
    """近五年培训学时不少于 360（hours）的专任教师所占比例；学时未填的教师计为未达标。"""
    teachers = _full_time(ctx.data, p.compulsory_only)
    done = teachers.loc[(teachers["training_hours_5y"] >= p.hours).fillna(False), "teacher_id"]
    unknown = int(teachers["training_hours_5y"].isna().sum())
    note = f"{unknown} 名教师学时未填，计为未达标" if unknown else ""
    return _share(done, len(teachers), note)


class BackboneParams(TeacherScope):
    min_level: Literal["county", "city", "province", "national"] = "county"


def _backbone(data: CountyData, p: BackboneParams) -> tuple[pd.DataFrame, pd.Series]:
    teachers = _full_time(data, p.compulsory_only)
    levels = set(BACKBONE_ORDER[BACKBONE_ORDER.index(p.min_level):])
    return teachers, teachers.loc[teachers["backbone"].isin(levels), "teacher_id"]


@measure("backbone_teachers", "骨干教师数", "count", "人", BackboneParams)
def backbone_teachers(ctx: MeasureContext, p: BackboneParams) -> Reading:
    """骨干等级不低于 min_level（默认县级）的专任教师人数。"""
    return _count(_backbone(ctx.data, p)[1])


@measure("backbone_teacher_share", "骨干教师占比", "share", "比例", BackboneParams)
def backbone_teacher_share(ctx: MeasureContext, p: BackboneParams) -> Reading:
    """骨干等级不低于 min_level 的专任教师占专任教师总数的比例。"""
    teachers, backbone = _backbone(ctx.data, p)
    return _share(backbone, len(teachers))


# --- school groups, funding, construction --------------------------------------------------


class GroupParams(Params):
    include_teaching_points: bool = False
    ownership: Ownership = "all"


@measure("school_group_coverage", "集团化办学覆盖率", "share", "比例", GroupParams)
def school_group_coverage(ctx: MeasureContext, p: GroupParams) -> Reading:
    """义务教育学校（默认不含教学点）中属于某个教育集团的所占比例。"""
    types = _stage_types("all")
    if not p.include_teaching_points:
        types = types - {"teaching_point"}
    schools = _schools(ctx.data, types=types, ownership=p.ownership)
    grouped = schools["school_group"].fillna("").astype(str).str.strip() != ""
    return _share(schools.loc[grouped, "school_id"], len(schools))


@measure("school_groups", "教育集团（联盟）个数", "count", "个")
def school_groups(ctx: MeasureContext, p: NoParams) -> Reading:
    """学校表中出现的不同教育集团名称个数。"""
    names = ctx.data.schools["school_group"].dropna().astype(str).str.strip()
    return _count(sorted(set(names[names != ""])))


class FundingFloorParams(Params):
    threshold: int = Field(default=100, ge=1)


@measure("small_school_funding_floor_share", "不足百人学校按百人拨付公用经费的比例", "share",
         "比例", FundingFloorParams)
def small_school_funding_floor_share(ctx: MeasureContext, p: FundingFloorParams) -> Reading:
    """在校生不足 100 人的小学和教学点中，公用经费拨款不少于 100 × 小学生均公用经费基准定额的所占比例。"""
    quota = ctx.data.info.get("primary_funding_quota")
    if quota is None or pd.isna(quota):
        return _missing("基本信息缺少小学生均公用经费基准定额")
    schools = _schools(ctx.data, types={"primary_school", "teaching_point"})
    classes = _classes_in(ctx.data, PRIMARY_GRADES, schools["school_id"])
    size = classes.groupby("school_id")["students"].sum().reindex(schools["school_id"]).fillna(0)
    small = size.index[(size < p.threshold).to_numpy()]
    funding = ctx.data.funding.set_index("school_id")["public_funding"]
    paid = funding.reindex(small)
    ok = paid.index[(paid >= p.threshold * float(quota)).fillna(False).to_numpy()]
    return _share(ok, len(small))


class ConstructionParams(Params):
    types: SchoolTypes = "compulsory"
    area: Area = "all"
    ownership: Ownership = "all"
    boarding_only: bool = False


def _constructed_scope(data: CountyData, p: ConstructionParams) -> pd.DataFrame:
    schools = _schools(data, types=SCHOOL_GROUPS_OF_TYPES[p.types], area=p.area,
                       ownership=p.ownership)
    schools = schools[schools["school_type"] != "teaching_point"]
    if p.boarding_only:
        schools = schools[_true(schools["boarding"])]
    return schools


def _new_ids(ctx: MeasureContext, p: ConstructionParams) -> list[str]:
    now = _constructed_scope(ctx.data, p)["school_id"]
    return sorted(set(now) - set(ctx.baseline.schools["school_id"]))


def _expanded_ids(ctx: MeasureContext, p: ConstructionParams) -> list[str]:
    ids = set(_constructed_scope(ctx.data, p)["school_id"]) & set(ctx.baseline.schools["school_id"])
    cols = ["classrooms", "teaching_area"]
    now = ctx.data.facilities.set_index("school_id")[cols].reindex(sorted(ids))
    before = ctx.baseline.facilities.set_index("school_id")[cols].reindex(sorted(ids))
    grew = (now > before).fillna(False).any(axis=1)
    return sorted(grew.index[grew.to_numpy()])


@measure("new_schools", "较基准年新建学校数", "count", "所", ConstructionParams,
         since_baseline=True)
def new_schools(ctx: MeasureContext, p: ConstructionParams) -> Reading:
    """本年学校表中有、基准年没有的学校（不含教学点）所数。"""
    return _count(_new_ids(ctx, p))


@measure("schools_built_or_expanded", "较基准年新建和改扩建学校数", "count", "所",
         ConstructionParams, since_baseline=True)
def schools_built_or_expanded(ctx: MeasureContext, p: ConstructionParams) -> Reading:
    """新建学校（基准年没有）加改扩建学校（普通教室数或教学及辅助用房面积比基准年增加）的所数。"""
    new = [f"新建:{i}" for i in _new_ids(ctx, p)]
    expanded = [f"改扩建:{i}" for i in _expanded_ids(ctx, p)]
    return _count(new + expanded)


# --- 县级指标 ------------------------------------------------------------------------------


class IndicatorParams(Params):
    code: str = Field(min_length=1, pattern=r"^[A-Za-z][A-Za-z0-9_]*$")


@measure("county_indicator", "县级指标", "number", "", IndicatorParams)
def county_indicator(ctx: MeasureContext, p: IndicatorParams) -> Reading:
    """县级指标表中指标代码为 code 的数值（比例为小数）。"""
    value = county_indicator_value(ctx.data, p.code)
    if value is None:
        return _missing(f"县级指标缺少 {p.code}")
    return Reading(value, None, (p.code,))


@measure("disabled_enrolment_rate", "适龄残疾儿童少年入学率", "number", "比例")
def disabled_enrolment_rate(ctx: MeasureContext, p: NoParams) -> Reading:
    """县级指标 disabled_enrolment_rate（残疾儿童少年义务教育入学率）。"""
    return county_indicator(ctx, IndicatorParams(code="disabled_enrolment_rate"))


# --- 优质均衡 (from the evaluation engine) -----------------------------------------------------


@measure("quality_balanced", "义务教育优质均衡评估结论", "bool", "是/否")
def quality_balanced(ctx: MeasureContext, p: NoParams) -> Reading:
    """优质均衡 2017 评估是否整体达标（评估引擎 junheng.evaluate 的结论）。"""
    facts = ctx.evaluation()
    return Reading(1.0 if facts.passes else 0.0, 1.0, tuple(facts.failures))


class CvParams(Params):
    stage: Literal["primary", "junior"] = "primary"
    indicator: str = Field(default="composite", min_length=1)


@measure("quality_cv", "优质均衡差异系数", "number", "差异系数", CvParams)
def quality_cv(ctx: MeasureContext, p: CvParams) -> Reading:
    """某学段某项资源配置指标的校际差异系数；indicator 为 composite 时取综合差异系数。"""
    value = ctx.evaluation().cv(p.stage, p.indicator)
    if value is None:
        return _missing(f"评估结果中没有 {p.stage} 学段 {p.indicator} 的差异系数")
    return Reading(value, None, (f"{p.stage}:{p.indicator}",))


class UnitsMetParams(Params):
    stage: Stage = "all"
    indicators: tuple[str, ...] = ()


@measure("quality_units_met_share", "优质均衡指标达标学校占比", "share", "比例", UnitsMetParams)
def quality_units_met_share(ctx: MeasureContext, p: UnitsMetParams) -> Reading:
    """评估单位（学校分学段）中 indicators 各项都达标的所占比例；indicators 为空时按学校整体达标。"""
    units = ctx.evaluation().units
    if p.stage != "all":
        units = [u for u in units if u.stage == p.stage]
    met = [u.unit_id for u in units if u.meets(p.indicators)]
    return _share(met, len(units))


def measure_names() -> list[str]:
    """Every registered measure name, sorted."""
    return sorted(MEASURES)


def is_finite(value: Any) -> bool:
    """True for a real finite number (not bool, not NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
