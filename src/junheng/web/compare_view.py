"""Two school years of a county side by side: the counts (schools, pupils by stage, classes,
teachers, 大班额) and every 差异系数 of 优质均衡, with the change."""

from __future__ import annotations

from dataclasses import dataclass

from junheng.evaluate import Evaluation
from junheng.model import CountyData
from junheng.model.numbers import cv_change, cv_change_text
from junheng.report.evaluation_rows import cv_rows
from junheng.report.report_format import STAGE_LABELS, fmt_cv
from junheng.standards import load_class_size
from junheng.web.summaries import SCHOOLS_LABEL, county_kpis


@dataclass(frozen=True)
class CompareRow:
    label: str
    before: str
    after: str
    change: str
    worse: bool = False


def _count_row(label: str, before: int, after: int, *, lower_is_better: bool = False
               ) -> CompareRow:
    change = after - before
    worse = change > 0 if lower_is_better else False
    return CompareRow(label, f"{before:,}", f"{after:,}", f"{change:+,}", worse)


def count_rows(before: CountyData, after: CountyData, ev_before: Evaluation,
               ev_after: Evaluation) -> list[CompareRow]:
    a, b = county_kpis(before), county_kpis(after)
    rows = [_count_row(SCHOOLS_LABEL, a.schools, b.schools),
            _count_row("教学点", a.teaching_points, b.teaching_points),
            _count_row("幼儿园", a.kindergartens, b.kindergartens),
            _count_row(f"在校生（{b.scope}）", a.students, b.students),
            _count_row("义务教育在校生", a.compulsory_students, b.compulsory_students),
            _count_row("班级", a.classes, b.classes),
            _count_row("专任教师", a.teachers, b.teachers)]
    # each band with its sizes, as the ledger names its count (review rv2 finding 9: 大班额
    # 185 here, 187 in the ledger, which counts 56 人以上 with 超大班额)
    sizes = load_class_size()
    for key, label in (("oversized", f"大班额（{b.class_scope}，{sizes.oversized_min}–"
                                      f"{sizes.oversized_max} 人）"),
                       ("extra_oversized", f"超大班额（{b.class_scope}，"
                                           f"{sizes.extra_oversized_min} 人及以上）")):
        rows.append(_count_row(label, int(ev_before.class_lists.counts[key]),
                               int(ev_after.class_lists.counts[key]), lower_is_better=True))
    return rows


def cv_compare_rows(ev_before: Evaluation, ev_after: Evaluation) -> list[CompareRow]:
    rows = []
    for stage in ev_after.stages:
        old = {r.indicator: r.cv for r in cv_rows(ev_before, stage)} \
            if stage in ev_before.stages else {}
        for row in cv_rows(ev_after, stage):
            before = old.get(row.indicator)
            shift = cv_change(before, row.cv)  # of the two figures shown, as the 自评 表6
            rows.append(CompareRow(f"{STAGE_LABELS[stage]} · {row.name}", fmt_cv(before),
                                   fmt_cv(row.cv), cv_change_text(before, row.cv),
                                   shift is not None and shift > 0))
    return rows
