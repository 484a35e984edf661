"""County-level items (政府保障、教育质量、社会认可度、学前普及普惠): results and shared machinery.

An item is computed from the workbook where the data allows, read from 县级指标 where it is
measured outside the schools, or is an attestation that needs evidence. Each item formula takes
an :class:`ItemContext` and the standard's :class:`~junheng.standards.Indicator` and returns an
:class:`ItemResult`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from junheng.evaluate.frames import CountyFrames
from junheng.evaluate.units import Units
from junheng.model import CountyData, labels, numbers
from junheng.model.county_items import ATTESTATIONS_BY_CODE, INDICATORS_BY_CODE
from junheng.standards import ClassSizeStandard, Indicator, Standard

TOLERANCE = 1e-9
GENERIC_SHARED = 5  # a 佐证说明 cited by this many 县级认定 rows names no item's own document


class Status(StrEnum):
    """Outcome of one item."""

    MET = "met"
    NOT_MET = "not_met"
    ATTESTATION = "attestation"  # needs evidence; not decidable from data
    MISSING = "missing"  # needs data that the workbook lacks
    NOT_APPLICABLE = "not_applicable"  # nothing to check (e.g. no special-education school)


STATUS_LABELS: Mapping[Status, str] = {Status(code): text for code, text in labels.STATUS_LABELS.items()}
DISAGREES = "县级认定与数据不一致"


class Basis(StrEnum):
    """Where an item's value came from."""

    COMPUTED = "computed"
    COUNTY_INDICATOR = "county_indicator"
    ATTESTATION = "attestation"


@dataclass(frozen=True, eq=False)
class ItemResult:
    """One item's value, status and the rows behind a failure.

    ``value`` is a number, or a mapping stage -> number when the item is set per stage.
    ``detail`` lists the schools, classes or towns that fail (with a ``gap`` text column).
    ``gap`` says in natural units what the county must add, when that can be said.
    """

    indicator: Indicator
    value: float | Mapping[str, float | None] | None
    status: Status
    basis: Basis = Basis.COMPUTED
    evidence: str = ""
    gap: str = ""
    note: str = ""
    detail: pd.DataFrame = field(default_factory=pd.DataFrame)
    closes: str = ""  # while pending: the evidence or figure that settles the item
    claimed: bool | None = None  # the county's 县级认定 says the item is met (是) or not (否)
    disputed: bool = False  # the county's word is contradicted by its own figures (note says how)
    doubt: str = ""  # why a disputed item is pending, when not DISAGREES (its status label says it)
    base: str = ""  # what a share counts, with the counts: "达标学校 6/10 所" (review finding 16)

    @property
    def met(self) -> bool | None:
        if self.status is Status.MET:
            return True
        if self.status is Status.NOT_MET:
            return False
        return None


@dataclass(frozen=True)
class Attested:
    """One 县级认定 row: the answer (是/否), the year attested, the evidence and how many rows
    of the sheet cite the same evidence."""

    answer: bool
    year: int | None
    evidence: str
    shared: int = 1

    @property
    def generic(self) -> bool:
        """No evidence, or one line shared by many items (e.g. '县教育局 2025 年督导评估自评材料'):
        it names no document of this item, so the county's word alone cannot pass it."""
        return not self.evidence.strip() or self.shared >= GENERIC_SHARED


@dataclass(frozen=True)
class ItemContext:
    """What item formulas read: the county, its units, class-size limits and 县级指标 by code."""

    data: CountyData
    units: Units
    class_size: ClassSizeStandard
    standard: Standard | None = None  # the evaluated standard (thresholds of per-school items)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def frames(self) -> CountyFrames:
        return self.units.frames

    def memoized(self, key: str, build: Callable[[], object]) -> object:
        """A frame several items share, built once per evaluation."""
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]

    @functools.cached_property
    def county_indicators(self) -> dict[str, tuple[float, str]]:
        """县级指标 by code: (value, evidence); the last row of a repeated code wins."""
        table = self.data.county_indicators
        out = {}
        for code, value, evidence in zip(table["indicator_code"], table["value"],
                                         table["evidence"], strict=True):
            if code is not None and not pd.isna(value):
                out[str(code)] = (float(value), "" if pd.isna(evidence) else str(evidence))
        return out

    @functools.cached_property
    def attestations(self) -> dict[str, Attested]:
        """县级认定 by item code; the last row of a repeated item wins."""
        table = self.data.county_attestations
        texts = ["" if pd.isna(e) else str(e).strip() for e in table["evidence"]]
        counts = pd.Series(texts, dtype=object).value_counts().to_dict() if texts else {}
        out = {}
        for item, answer, year, evidence in zip(table["item"], table["answer"], table["year"],
                                                texts, strict=True):
            if item is None or pd.isna(item) or pd.isna(answer):
                continue
            out[str(item)] = Attested(bool(answer), None if pd.isna(year) else int(year),
                                      evidence, int(counts.get(evidence, 1)))
        return out

    def county_value(self, code: str | None) -> tuple[float | None, str]:
        """(value, evidence) of a 县级指标 code, (None, "") when absent."""
        return self.county_indicators.get(code, (None, "")) if code else (None, "")


ItemFormula = Callable[[ItemContext, Indicator], ItemResult]


def satisfies(value: float | None, threshold: float | None, comparator: str = ">=") -> bool:
    """``value comparator threshold`` with a small relative tolerance (False when unknown)."""
    if value is None or threshold is None or (isinstance(value, float) and math.isnan(value)):
        return False
    slack = TOLERANCE * max(1.0, abs(threshold))
    return value >= threshold - slack if comparator == ">=" else value <= threshold + slack


def status_of(value: float | None, indicator: Indicator, stage: str = "all") -> Status:
    """MET / NOT_MET for a value against the indicator's threshold; MISSING when unknown."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Status.MISSING
    ok = satisfies(value, indicator.threshold_for(stage), indicator.comparator)
    return Status.MET if ok else Status.NOT_MET


def share_status(ok: pd.Series, indicator: Indicator) -> tuple[float | None, Status]:
    """(share of True, status) for a per-row compliance flag where NA means unknown.

    Unknown rows count as not compliant in the share. The status is NOT_MET when a known row
    fails, MISSING when only unknown rows stand in the way, MET otherwise.
    """
    if len(ok) == 0:
        return None, Status.NOT_APPLICABLE
    known = ok.dropna().astype(bool)
    value = float(known.sum()) / len(ok)
    if satisfies(value, indicator.threshold_for(), indicator.comparator):
        return value, Status.MET
    return value, Status.NOT_MET if (~known).any() else Status.MISSING


def share_base(ok: pd.Series, noun: str, unit: str) -> str:
    """What a share from :func:`share_status` counts, with its counts: the rows that pass over
    all rows (an unknown row counts as not passing, as in the share).

    >>> share_base(pd.Series([True, False, None, True], dtype="boolean"), "达标学校", "所")
    '达标学校 2/4 所'
    """
    return f"{noun} {int(ok.fillna(False).astype(bool).sum()):,}/{len(ok):,} {unit}"


def kind_counts(kinds: pd.Series, ok: pd.Series | None = None) -> str:
    """Schools and teaching points counted apart, a school by 所 and a point by 个 (planner
    review finding 18: 「足额核定学校 34/70 所」 counted points as schools); with ``ok``, how
    many of each pass over how many there are (an unknown row counts as not passing).

    >>> kinds = pd.Series(["teaching_point", "primary_school", "teaching_point"])
    >>> kind_counts(kinds)
    '小学 1 所、教学点 2 个'
    >>> kind_counts(kinds, pd.Series([True, False, None], dtype="boolean"))
    '小学 0/1 所、教学点 1/2 个'
    """
    kinds = pd.Series(list(kinds), dtype="object")
    passed = pd.Series([True] * len(kinds)) if ok is None else \
        pd.Series(list(ok), dtype="boolean").fillna(False).astype(bool)
    parts = []
    for kind in sorted(kinds.unique(), key=lambda k: (k == "teaching_point", str(k))):
        mine = kinds.eq(kind).to_numpy()
        count = f"{int(mine.sum()):,}" if ok is None else f"{int(passed[mine].sum()):,}/{int(mine.sum()):,}"
        parts.append(f"{labels.SCHOOL_TYPE_LABELS.get(kind, '学校')} {count} {labels.measure_word(kind)}")
    return "、".join(parts)


def with_base(text: str, result: ItemResult) -> str:
    """A share as shown, with its base when the item has one: '60.0%（达标学校 6/10 所）'."""
    return f"{text}（{result.base}）" if result.base and text != numbers.DASH else text


def ceil_count(amount: float) -> int:
    """Round a shortfall up to a whole number (teachers, rooms, places), never below zero."""
    if amount is None or math.isnan(amount) or amount <= TOLERANCE:
        return 0
    return int(math.ceil(amount - 1e-9))


def fmt_number(x: float, digits: int = 0) -> str:
    """A number with thousands separators: 1150 -> '1,150'."""
    return numbers.number(x, digits)


def fmt_share(x: float | None) -> str:
    """A share as a percentage: 0.873 -> '87.3%'."""
    return numbers.percent(x)


def county_indicator_item(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """An item measured outside the schools: the 县级指标 row named by ``county_indicator``,
    else the school year's 县级年度数据 figure of the same meaning (v2)."""
    value, evidence = ctx.county_value(ind.county_indicator)
    if value is None:
        value, evidence = county_figure(ctx, FIGURE_OF_INDICATOR.get(ind.county_indicator or ""))
    if value is None:
        label = INDICATORS_BY_CODE.get(ind.county_indicator or "")
        name = label.label if label else ind.county_indicator
        return ItemResult(ind, None, Status.MISSING, Basis.COUNTY_INDICATOR,
                          note=f"县级指标表缺少“{name}”，请补填数值及佐证说明",
                          closes=f"在“县级指标”表填写“{name}”的数值和佐证说明")
    status = status_of(value, ind)
    return ItemResult(ind, value, status, Basis.COUNTY_INDICATOR, evidence=evidence)


#: 县级指标 codes a 县级年度数据 figure answers when the 县级指标 row is absent.
FIGURE_OF_INDICATOR = {"satisfaction_rate": "social_recognition",
                       "public_satisfaction_rate": "public_satisfaction"}


def county_figure(ctx: ItemContext, code: str | None) -> tuple[float | None, str]:
    """(value, evidence) of a 县级年度数据 figure: the latest calendar year up to the one the
    school year ends in (as the sheet allows); (None, "") when absent."""
    table = ctx.data.county_figures
    if code is None or table.empty:
        return None, ""
    rows = table[(table["figure"] == code) & table["value"].notna()
                 & (table["year"] <= ctx.data.school_year + 1)]
    if rows.empty:
        return None, ""
    row = rows.sort_values("year", kind="stable").iloc[-1]
    evidence = "" if pd.isna(row["evidence"]) else str(row["evidence"])
    return float(row["value"]), f"{int(row['year'])} 年：{evidence}" if evidence else ""


def attestation_item(ctx: ItemContext, ind: Indicator) -> ItemResult:
    """An item no data decides, settled by the county's attestation: a 县级认定 row of the
    item (是 = met) or, as in v1, a 县级指标 row coded with the item id (1 = 是, 0 = 否)."""
    row = ctx.attestations.get(ind.id)
    if row is not None and row.answer and row.generic:
        return unsupported(ind, row)
    if row is not None:
        status = Status.MET if row.answer else Status.NOT_MET
        return ItemResult(ind, 1.0 if row.answer else 0.0, status, Basis.ATTESTATION,
                          evidence=row.evidence or ind.evidence, claimed=row.answer)
    value, evidence = ctx.county_value(ind.id)
    if value is None:
        return ItemResult(ind, None, Status.ATTESTATION, Basis.ATTESTATION,
                          evidence=ind.evidence,
                          note=f"须提供佐证材料：{ind.evidence}" if ind.evidence else "须提供佐证材料",
                          closes=attestation_closes(ind))
    status = Status.MET if value >= 1 - TOLERANCE else Status.NOT_MET
    return ItemResult(ind, value, status, Basis.ATTESTATION, evidence=evidence or ind.evidence)


YES_NO_FORMULAS = frozenset({"attestation", "veto"})
#: what a yes/no item without its own ``answers`` reads, (met, not met): a veto item names a
#: practice the county must not have, so 「否」 (absent) passes it (review rv10 finding 5)
DEFAULT_ANSWERS = {"attestation": ("是", "否"), "veto": ("无此情形", "存在此情形")}


def answer_words(ind: Indicator, met: bool) -> str:
    """A yes/no item's answer in the item's own sense: its standard's ``answers`` (met, not
    met), else the formula's default.

    >>> from junheng.standards import load_standard
    >>> items = {i.id: i for i in load_standard("quality-2017").indicators}
    >>> answer_words(items["exam_admission"], True), answer_words(items["exam_admission"], False)
    ('不存在', '存在')
    >>> answer_words(items["layout_planning"], True), answer_words(items["layout_planning"], False)
    ('是', '否')
    """
    words = ind.answers or DEFAULT_ANSWERS[ind.formula]
    return words[0] if met else words[1]


def attested_answer(result: ItemResult) -> str | None:
    """What the county attested, in the item's own sense (「不存在（县级认定）」 for a veto
    practice attested 否, 「未保障到位（县级认定）」 for a requirement attested 否); None for any
    other item or while the item is open. The value is the county's 是 (1) or 否 (0): 是 meets a
    requirement and fails a veto item."""
    value = result.value
    if result.indicator.formula not in YES_NO_FORMULAS or result.basis is not Basis.ATTESTATION \
            or value is None or isinstance(value, Mapping):
        return None
    said_yes = value >= 1 - TOLERANCE
    met = not said_yes if result.indicator.formula == "veto" else said_yes
    return f"{answer_words(result.indicator, met)}（县级认定）"


def rests_on_attestation(result: ItemResult) -> bool:
    """Met only on the county's own word (县级认定 or a yes/no 县级指标), not on its data."""
    return result.status is Status.MET and result.basis is Basis.ATTESTATION


def status_label(result: ItemResult) -> str:
    """The item's status as a user reads it: '待核实（县级认定与数据不一致）' for an attestation the
    county's own figures contradict, '待核实（基本均衡成果须复核）' for one held for another reason
    (its ``doubt``), else the status label ('达标', '待佐证' …)."""
    if result.status is Status.ATTESTATION and result.disputed:
        return f"待核实（{result.doubt or DISAGREES}）"
    return STATUS_LABELS[result.status]


def attestation_closes(ind: Indicator) -> str:
    """What settles an open attestation: its 县级认定 row, with the evidence it names."""
    label = ATTESTATIONS_BY_CODE[ind.id].label if ind.id in ATTESTATIONS_BY_CODE else ind.name
    evidence = f"（佐证：{ind.evidence}）" if ind.evidence else ""
    return f"在“县级认定”表填写“{label}”的认定结果和佐证说明{evidence}"


def unsupported(ind: Indicator, row: Attested, value: float | None = None,
                note: str = "", **extra) -> ItemResult:
    """待核实: the county says the item is met, but its evidence names no document of the item
    (blank, or one line shared by many items); closed by the document the item asks for."""
    why = (f"佐证说明“{row.evidence}”为县级认定表 {row.shared} 个事项共用的概括性材料，"
           "未指明本事项的佐证" if row.evidence else "县级认定未填写佐证说明")
    label = ATTESTATIONS_BY_CODE[ind.id].label if ind.id in ATTESTATIONS_BY_CODE else ind.name
    wanted = f"：{ind.evidence}" if ind.evidence else ""
    return ItemResult(ind, value, Status.ATTESTATION, Basis.ATTESTATION, evidence=ind.evidence,
                      note=f"{note}；{why}" if note else why,
                      closes=f"在“县级认定”表为“{label}”填写本事项的具体佐证材料{wanted}",
                      claimed=True, **extra)


COMMON_FORMULAS: Mapping[str, ItemFormula] = {
    "county_indicator": county_indicator_item,
    "attestation": attestation_item,
}
