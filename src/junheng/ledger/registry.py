"""The measure registry: readings, the ``@measure`` decorator, parameter checks, city combining.

A measure turns a :class:`~junheng.model.CountyData` into a :class:`Reading` — a numerator,
an optional denominator and the ids of the rows counted, so every number can be traced.
Measures marked ``since_baseline`` also receive the county's baseline year. A plan names a
measure and its parameters; parameters are validated by the measure's own pydantic model, so
a misspelt parameter is a clear error. The measures themselves live in
:mod:`junheng.ledger.catalogue`, one module per concept.

City plans combine the readings of every county: counts, shares and yes/no verdicts are summed
(numerators and denominators separately, so a city share is recomputed from the sums, never a
mean of shares; a yes/no verdict becomes the share of counties that pass); values without a
numerator and denominator (差异系数, 县级指标) take the worst county for the comparator.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from junheng.errors import ConfigError
from junheng.ledger import evaluation as quality
from junheng.model import CountyData

Kind = Literal["count", "share", "bool", "number"]

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
        if self.numerator is None or not math.isfinite(float(self.numerator)):
            return None
        if kind == "share" or (kind == "bool" and self.denominator not in (None, 1)):
            if not self.denominator or not math.isfinite(float(self.denominator)):
                return None
            return float(self.numerator) / float(self.denominator)
        if kind == "bool":
            return bool(self.numerator)
        return float(self.numerator)


MISSING = Reading(None)


def missing(note: str) -> Reading:
    return Reading(None, note=note)


def count_of(ids: Iterable[Any]) -> Reading:
    items = tuple(str(i) for i in ids)
    return Reading(float(len(items)), None, items)


def share_of(numerator_ids: Iterable[Any], denominator: float, note: str = "") -> Reading:
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


@dataclass
class CityContext:
    """The inputs of a city-scope measure: every county-year of the region and the year asked."""

    loader: Callable[[str, int], CountyData]
    county_years: tuple[Any, ...]  # CountyYearRef of every county-year of the region
    school_year: int
    evaluator: Callable[[CountyData], Any] | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # shared by the years of one run


# --- the registry ---------------------------------------------------------------------


class Params(BaseModel):
    """Base of every measure's parameters: unknown names are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def scope_words(self) -> str:
        """What the count covers when the label alone could be read as another scope (review
        rv2 finding 9: 大班额 185 on one page, 187 on another); "" for most measures."""
        return ""


def scoped_label(label: str, params: Params) -> str:
    """A measure's label with its parameters' :meth:`Params.scope_words` in brackets."""
    words = params.scope_words()
    return f"{label}（{words}）" if words else label


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
    #: "city": computed once over all the region's counties (a ranking), never per county
    scope: Literal["county", "city"] = "county"
    #: what a reading's items are, with their unit and period, for the 测算明细 (e.g. the
    #: teachers who reach the hours, not those short); "" for the generic words of counted_text
    counted: str = ""

    def counted_text(self, label: str) -> str:
        """What the 测算明细's count counts: :attr:`counted`, else by the measure's kind, the
        rows of a share's numerator or of a count, a verdict's failures or open items (none
        when it is met), the figures a number is read from.

        >>> m = Measure("x", "交流轮岗教师比例", "share", "比例", NoParams, lambda c, p: MISSING)
        >>> m.counted_text("交流轮岗教师比例")
        '计入“交流轮岗教师比例”分子的个数'
        >>> Measure("q", "义务教育优质均衡评估结论", "bool", "是/否", NoParams, m.compute).counted_text("评估结论")
        '“评估结论”未达标或待核实的事项数'
        """
        if self.counted:
            return self.counted
        return {"share": f"计入“{label}”分子的个数", "count": f"计入“{label}”的个数",
                "bool": f"“{label}”未达标或待核实的事项数"}.get(self.kind, f"“{label}”所依据的数据项数")

    @property
    def combine(self) -> Literal["sum", "worst"]:
        """How a city combines its counties: sum numerators/denominators, or the worst county."""
        return "worst" if self.kind == "number" else "sum"


MEASURES: dict[str, Measure] = {}


def measure(name: str, label: str, kind: Kind, unit: str, params: type[Params] = NoParams, *,
            since_baseline: bool = False, scope: Literal["county", "city"] = "county",
            counted: str = ""):
    """Register a measure function under ``name`` (its docstring's first line describes it).

    A ``scope="city"`` function takes a :class:`CityContext` instead of a county's context."""

    def register(fn: Callable[[Any, Any], Reading]):
        doc = (fn.__doc__ or "").strip().splitlines()
        MEASURES[name] = Measure(name, label, kind, unit, params, fn, since_baseline,
                                 doc[0] if doc else "", scope, counted)
        return fn

    return register


def _load_catalogue() -> None:
    """Import the catalogue so every measure is registered (idempotent)."""
    importlib.import_module("junheng.ledger.catalogue")


def measure_names() -> list[str]:
    """Every registered measure name, sorted."""
    _load_catalogue()
    return sorted(MEASURES)


def known_measures() -> str:
    """The registered measure names, for error messages."""
    return "、".join(measure_names()) + "，或 manual（手工填报）"


def get_measure(name: str) -> Measure:
    """The registered measure ``name``.

    Raises
    ------
    ConfigError
        If no measure has that name; the message lists the known measures.
    """
    _load_catalogue()
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
        if info.is_required():
            default = "必填"
        else:
            shown = list(info.default) if isinstance(info.default, tuple) else info.default
            default = f"默认 {shown}"
        parts.append(f"{name}（{_annotation_text(info.annotation)}，{default}）")
    return "；".join(parts)


def _annotation_text(annotation: Any) -> str:
    args = getattr(annotation, "__args__", None)
    if getattr(annotation, "__origin__", None) is tuple:
        inner = args[0] if args else None
        return "列表" + (f"：{_annotation_text(inner)}" if inner is not None else "")
    if args and all(isinstance(a, str) for a in args):
        return " / ".join(args)
    return {"bool": "true/false", "int": "整数", "float": "数值", "str": "文本"}.get(
        getattr(annotation, "__name__", ""), str(annotation))


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
    _load_catalogue()
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
    if measure_.scope == "city":
        return missing(f"{measure_.label}须在地市的全部县区上计算，不能按单个县区计算")
    if measure_.since_baseline and baseline is None:
        return missing("缺少基准年数据，无法计算较基准年的变化")
    return measure_.compute(MeasureContext(data, baseline, evaluator), parsed)


def combine(measure_: Measure, readings: Mapping[str, Reading], comparator: str,
            names: Mapping[str, str] | None = None) -> Reading:
    """Combine the readings of a city's counties (keys are county codes); the notes name a
    county by ``names`` (code → 县区名称), the code only for a county without a name (planner
    review 2026-12-04: "取最不利的县区 410307").

    >>> a, b = Reading(0.96), Reading(0.99)
    >>> combine(get_measure("disabled_enrolment_rate"), {"410306": b, "410307": a, "410308": Reading(None)},
    ...         ">=", {"410306": "甲县", "410307": "乙县", "410308": "丙县"}).note
    '取最不利的县区乙县；1 个县区无数据（丙县），未计入'
    """
    names = names or {}
    present = {c: r for c, r in readings.items() if r.numerator is not None}
    absent = sorted(c for c in readings if c not in present)
    note = (f"{len(absent)} 个县区无数据（{'、'.join(names.get(c, c) for c in absent)}），未计入"
            if absent else "")
    if not present:
        return missing(note or "没有县区数据")
    if measure_.combine == "worst":
        return _worst(present, comparator, note, names)
    numerator = sum(float(r.numerator) for r in present.values())
    denominators = [r.denominator for r in present.values()]
    denominator = None if all(d is None for d in denominators) else sum(d or 0.0 for d in denominators)
    items = tuple(f"{c}:{i}" for c, r in present.items() for i in r.items)
    return Reading(numerator, denominator, items, note)


def _worst(present: Mapping[str, Reading], comparator: str, note: str,
           names: Mapping[str, str]) -> Reading:
    pick = max if comparator in ("<=", "<") else min
    code = pick(present, key=lambda c: float(present[c].numerator))
    extra = f"取最不利的县区{names.get(code, f' {code}')}"
    return Reading(present[code].numerator, None, (code,), "；".join(x for x in (extra, note) if x))
