"""The 基本均衡 2012 row of the headline table as what it is: a re-check (hr item 3).

教督〔2017〕6号 asks a county applying for 优质均衡 to hold its national 基本均衡 certification
for 3 years or more (the 2017 evaluation's item ``basic_balance_recognised``), with its 基本均衡
level kept up. 教督〔2012〕3号 makes every compulsory school meeting the province's 办学基本标准
a precondition of 基本均衡 (``province_school_standard``). Evaluating the 2012 standard on
this year's data therefore re-checks a certification the county holds; the row said a bare
「未达标」 above the 2014 certification counted as 达标. It is now one row (:func:`recheck_text`)
saying what the re-check measured: what fails, by how much, what the books to close the gap
cost (:func:`~junheng.planning.compliance_books.book_shortfalls`, the 达标路径's own count, at
the unit price of ``costs.yaml``); what is pending; and that the certification stands.
"""

from __future__ import annotations

from junheng.evaluate import Evaluation
from junheng.model import CountyData, numbers

BASIC = "basic-2012"
PRECONDITION = "province_school_standard"
CERTIFIED = "basic_balance_recognised"
BOOKS_NAME = "生均图书册数"


def recheck_text(ev: Evaluation, data: CountyData, quality: Evaluation | None = None) -> str | None:
    """The one headline row of the 2012 evaluation ``ev`` of ``data`` when its only failing
    item is the precondition and it fails on books alone: what the re-check measured (each
    school's shortfall, the books and their cost), what is pending, and the certification the
    2017 evaluation ``quality`` counts, led by the verdict the evaluation gives (:func:`verdict_lead`;
    review rv3 10: a conclusion cell without 未达标 read as hiding the failure the 评估报表工作簿
    states). None when the row keeps its general wording (another item fails, or nothing does)."""
    failures = ev.verdict.failures
    if ev.standard.id != BASIC or [f.id for f in failures] != [PRECONDITION]:
        return None
    item = next((i for i in ev.conditions if i.indicator.id == PRECONDITION), None)
    if item is None or item.detail is None or not _books_only(item.detail):
        return None
    books = books_sentence(data, item.indicator.name)
    if books is None:
        return None
    held = held_lead(ev, quality, books_short(data))
    if held:
        return f"{held}复核详情（依据{ev.standard.basis}）：{books}；补足后测得的各项均达到。"
    return (f"{verdict_lead(ev.verdict)}按 {data.school_year} 学年数据复核（依据{ev.standard.basis}）：{books}；补足后测得的各项均达到"
            f"{pending_sentence(len(ev.verdict.pending))}{certified_sentence(quality)}。")


def held_lead(ev: Evaluation, quality: Evaluation | None, short: str) -> str:
    """The row's first sentence while the 2017 evaluation ``quality`` holds the county's
    recognition 待核实 on this very re-check (:func:`~junheng.evaluate.held.hold_recognition`):
    the county's 基本均衡 standing is pending, neither failed nor passed (rv5 4), with the year it
    was recognised, the books ``short`` (:func:`books_short`) and the re-check's counts as the
    评估报表工作簿 gives them. "" otherwise.

    Hand-worked (the demo): recognised 2025 − 11 = 2014; the re-check fails 1 item (books: 3
    schools short 53 + 4,265 + 10,455 = 14,773 册) with 4 items pending evidence:

    >>> from types import SimpleNamespace as NS
    >>> from junheng.evaluate.items import Status
    >>> held = NS(indicator=NS(id=CERTIFIED), status=Status.ATTESTATION, disputed=True, value=11.0)
    >>> v = NS(problems="未达标指标 1 项", pending=(1, 2, 3, 4))
    >>> held_lead(NS(verdict=v), NS(conditions=(held,), year=2025), "3 所学校按学段合计缺 6,585 册，须全校增购 14,773 册")
    '待核实：已于 2014 年通过国家基本均衡县认定；按 2025 学年数据复核，生均图书册数低于省定标准（3 所学校按学段合计缺 6,585 册，须全校增购 14,773 册），未达标指标 1 项，另有待核实 4 项，认定成果须复核。'
    """
    from junheng.evaluate.items import Status

    item = None if quality is None else next(
        (i for i in quality.conditions if i.indicator.id == CERTIFIED), None)
    if item is None or item.status is not Status.ATTESTATION or not item.disputed or item.value is None:
        return ""
    return (f"待核实：已于 {quality.year - round(float(item.value))} 年通过国家基本均衡县认定；"
            f"按 {quality.year} 学年数据复核，{BOOKS_NAME}低于省定标准（{short}），"
            f"{ev.verdict.problems}，另有待核实 {len(ev.verdict.pending):,} 项，认定成果须复核。")


def verdict_lead(verdict) -> str:
    """The evaluation's own verdict word and counts, as the row's first sentence (the words of
    the 评估报表工作簿's 评估结论: 达标 / 未达标 / 待核实).

    >>> from junheng.evaluate.verdict import Failure, Verdict
    >>> short, unproven = Failure("guarantee", PRECONDITION, "省定办学基本标准", ""), Failure("quality", "q", "某项", "")
    >>> verdict_lead(Verdict((short,), (unproven,) * 4))
    '未达标（未达标指标 1 项，待核实 4 项）。'
    """
    return f"{verdict.label}（{verdict.problems}，待核实 {len(verdict.pending):,} 项）。"


def pending_sentence(pending: int) -> str:
    """The items the re-check could not measure (佐证 to come), never counted as met.

    >>> pending_sentence(4), pending_sentence(0)
    ('；另有待核实 4 项，须佐证后才能认定，未计为达到', '')
    """
    return f"；另有待核实 {pending:,} 项，须佐证后才能认定，未计为达到" if pending else ""


def _books_only(detail) -> bool:
    parts = [p for gap in detail["gap"] for p in str(gap).split("；")]
    return bool(parts) and all(p.startswith(BOOKS_NAME) for p in parts)


def books_short(data: CountyData) -> str:
    """「3 所学校按学段合计缺 6,585 册，须全校增购 14,773 册」: the schools below the province's
    books per pupil, the books their short stages lack and the books they must buy, larger
    where a school's books are split between stages by weighted pupils (review rv10: 「3 所学校
    差 14,773 册」 beside the stages' 53 + 1,819 + 4,713 = 6,585;
    :func:`~junheng.planning.compliance_books.book_shortfalls`)."""
    from junheng.planning.compliance_books import book_shortfalls

    short = book_shortfalls(data, stage_short=True)
    lack, buy = int(short["short"].sum()), float(short["quantity"].sum())
    if lack == round(buy):
        return f"{len(short):,} 所学校缺 {lack:,} 册"
    return f"{len(short):,} 所学校按学段合计缺 {lack:,} 册，须全校增购 {buy:,.0f} 册"


def books_sentence(data: CountyData, name: str) -> str | None:
    """The schools below the province's books per pupil, the books each buys and the total
    cost (None when none is short).

    Hand-worked (a primary school of 182 pupils with 3,587 books, standard 20): 20 × 182 −
    3,587 = 53 books, at 0.0025 万元 (25 元) each 0.1325 → 0.13 万元.

    >>> d = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": "A", "name": "魏西坪村小学", "school_type": "primary_school"}],
    ...     classes=[{"school_id": "A", "grade": "g1", "class_no": "1", "students": 182}],
    ...     facilities=[{"school_id": "A", "books": 3587}])
    >>> from dataclasses import replace
    >>> from junheng.standards import Overlay
    >>> d = replace(d, overlay=Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20}}}))
    >>> books_sentence(d, "县域内义务教育学校均达到省定办学基本标准")
    '前提条件“县域内义务教育学校均达到省定办学基本标准”只有生均图书册数一项未达到：1 所学校低于省定标准——魏西坪村小学（小学在校生 182 人，图书 3,587 册（生均 19.71 册），省定标准 20 册，缺 53 册）；补足共需增购图书 53 册，约 0.13 万元（每册 25 元）'
    """
    from junheng.planning.compliance_books import book_shortfalls
    from junheng.planning.compliance_costs import load_costs

    short = book_shortfalls(data)
    if short.empty:
        return None
    names = data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    price = float(load_costs().item("books").unit_cost)
    books = float(short["quantity"].sum())
    each = "；".join(f"{names.get(r.school_id, r.school_id)}（{r.reason}）" for r in short.itertuples())
    return (f"前提条件“{name}”只有{BOOKS_NAME}一项未达到：{len(short):,} 所学校低于省定标准——{each}；"
            f"补足共需增购图书 {books:,.0f} 册，约 {numbers.wan(books * price * 10_000):,.2f} 万元"
            f"（每册 {numbers.trimmed(price * 10_000)} 元）")


def certified_sentence(quality: Evaluation | None) -> str:
    """The certification the 2017 evaluation counts, when it is met ("" otherwise: held 待核实
    while the county's figures fail 省定办学基本标准, :func:`~junheng.evaluate.held.hold_recognition`).

    >>> from types import SimpleNamespace as NS
    >>> item = NS(indicator=NS(id=CERTIFIED), status="met",
    ...           note="2014 年通过国家基本均衡县认定，距本学年 11 年")
    >>> certified_sentence(NS(conditions=(item,)))
    '。本县 2014 年通过国家基本均衡县认定，距本学年 11 年，优质均衡申报条件“通过国家基本均衡县认定 3 年以上”已满足，本行是按本学年数据对基本均衡的复核'
    """
    item = None if quality is None else next(
        (i for i in quality.conditions if i.indicator.id == CERTIFIED), None)
    if item is None or item.status != "met" or not item.note:
        return ""
    return (f"。本县 {item.note}，优质均衡申报条件“通过国家基本均衡县认定 3 年以上”已满足，"
            "本行是按本学年数据对基本均衡的复核")
