"""Write the report set of a county-year: the self-evaluation report (自评报告.docx) and the
offline HTML report, with the forecast, the layout plan and the plan ledger when given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from junheng.errors import ConfigError
from junheng.jobs.evaluations import Evaluations
from junheng.jobs.figures import headline_figures, with_layout
from junheng.jobs.forecast import forecast_or_reason
from junheng.jobs.ledger import ledger_over
from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.file_names import REPORT_PAGE

DOCX_NAME = "自评报告.docx"
PDF_NAME = "自评报告.pdf"
HTML_NAME = REPORT_PAGE  # 自评报告（网页）.html
REPORT_STANDARDS = ("quality-2017", "basic-2012")


def check_layout_county(plan: LayoutOutcome, data: CountyData) -> None:
    """A layout plan made for another county is refused (its schools would not match)."""
    if plan.county and plan.county != data.county_code:
        raise ConfigError(f"布局方案属于县区 {plan.county}，而报告的县区是 {data.county_code}：请指定同一县区的方案。")


def _history(data_history: Sequence[CountyData], layout_plan: LayoutOutcome | None
             ) -> list[CountyData]:
    """The school years oldest first; none, or a layout plan of another county, is refused."""
    history = sorted(data_history, key=lambda d: d.school_year)
    if not history:
        raise ConfigError("没有县区数据：write_reports 至少需要一个学年的数据。")
    if layout_plan is not None:
        check_layout_county(layout_plan, history[-1])
    return history


def _layout_docx(plan: LayoutOutcome, out: Path, evaluation, data: CountyData | None = None,
                 compliance: dict | None = None) -> Path:
    """布局调整方案.docx next to the 自评报告, which refers to it; with the 达标路径 made after it,
    the 总投资 table of the 自评报告 and the 《整改措施》 (brief hwords6 1)."""
    from junheng.report.layout_docx import LAYOUT_DOCX_NAME, write_layout_docx
    from junheng.report.report_format import county_label

    return write_layout_docx(plan, out / LAYOUT_DOCX_NAME, county=county_label(evaluation), data=data,
                             compliance=compliance)


def write_reports(data_history: Sequence[CountyData], out: Path, *,
                  layout_plan: LayoutOutcome | None = None, ledger=None, forecast="auto",
                  standard: str = "quality-2017",
                  evaluations: Evaluations | None = None, compliance: dict | None = None,
                  pdf: bool = False, figures=None) -> list[Path]:
    """Evaluate the latest school year and write ``out/自评报告.docx`` and ``out/自评报告（网页）.html``
    (``out`` is created if missing).

    Parameters
    ----------
    data_history
        One county's school years, oldest first; the latest is evaluated, all are forecast.
    layout_plan
        A layout plan: solved in this run (``LayoutPlan.outcome``) or read from ``plan.json``
        by :func:`~junheng.planning.layout_json.read_layout_json`.
    ledger
        A :class:`~junheng.ledger.Ledger`, or the path of a plan YAML measured on ``data_history``.
    forecast
        A forecast already computed, ``None`` for none, or ``"auto"`` (default): computed
        (8 years) from ``data_history`` and left out when the data cannot be forecast.
    standard
        ``quality-2017`` (default) or ``basic-2012``.
    evaluations
        The run's evaluations, so the county-year is not evaluated again.
    compliance
        A compliance plan (``plan.json`` of ``junheng plan compliance``, as a dict): 整改措施
        then summarises it by area and year; one made after ``layout_plan`` also adds both
        plans' money together to the HTML report's layout section and the 布局调整方案's
        （一）财政支出 (its 总投资 table).
    pdf
        Also write ``自评报告.pdf`` with LibreOffice when installed (else the DOCX alone).
    figures
        The run's :class:`~junheng.jobs.figures.HeadlineFigures` (by default computed here).

    Returns
    -------
    list of Path
        自评报告.docx, 自评报告（网页）.html, 布局调整方案.docx (with a layout plan), the PDF (when made).
    """
    from junheng.report.html_report import write_html_report
    from junheng.report.self_report import export_pdf

    history = _history(data_history, layout_plan)
    inputs = report_inputs(history, layout_plan=layout_plan, ledger=ledger, forecast=forecast,
                           standard=standard, evaluations=evaluations, figures=figures)
    (out := Path(out)).mkdir(parents=True, exist_ok=True)
    docx = inputs.write_docx(out / DOCX_NAME, compliance)
    paths = [docx, write_html_report(inputs.evaluation, out / HTML_NAME, compliance=compliance,
                                     **inputs.extras)]
    paths += [] if layout_plan is None else [_layout_docx(layout_plan, out, inputs.evaluation, history[-1],
                                                          compliance)]
    made = export_pdf(docx) if pdf else None
    return paths + ([made] if made is not None else [])


@dataclass(frozen=True)
class ReportInputs:
    """What the 自评报告 and the HTML report of a county-year are written from."""

    evaluation: Any
    previous: Any  # the previous school year's evaluation, None with one year
    extras: dict[str, Any]  # forecast, layout_plan, ledger, data, figures

    def write_docx(self, path: Path, compliance: dict | None = None) -> Path:
        """The 自评报告.docx at ``path``."""
        from junheng.report.self_report import write_county_report

        return write_county_report(self.evaluation, path, previous=self.previous,
                                   compliance=compliance, **self.extras)


def report_inputs(history: Sequence[CountyData], *, layout_plan: LayoutOutcome | None = None,
                  ledger=None, forecast="auto", standard: str = "quality-2017",
                  evaluations: Evaluations | None = None, figures=None) -> ReportInputs:
    """The latest of ``history`` (oldest first) evaluated against ``standard``, the previous
    year's evaluation and the report's extras (arguments as for :func:`write_reports`)."""
    data = history[-1]
    evaluations = evaluations if evaluations is not None else Evaluations()
    if isinstance(ledger, str | Path):
        ledger = ledger_over(Path(ledger), history, evaluations=evaluations, layout=layout_plan)
    if isinstance(forecast, str):
        forecast, _ = forecast_or_reason(history)
    evaluation = evaluations.get(data, standard)
    if figures is None and evaluation.standard.kind != "preschool":
        figures = headline_figures(data, evaluations.all(data), forecast)
    if figures is not None:
        figures = with_layout(figures, layout_plan)
    previous = evaluations.get(history[-2], standard) if len(history) > 1 else None
    return ReportInputs(evaluation, previous, {
        "forecast": forecast, "layout_plan": layout_plan, "ledger": ledger, "data": data,
        "figures": figures})


def write_self_report(data_history: Sequence[CountyData], path: Path, *,
                      compliance: dict | None = None, **options) -> Path:
    """The 自评报告.docx alone, as :func:`write_reports` writes it (``options`` as there):
    the web's download and the CLI's report are one document.

    Examples
    --------
    >>> import tempfile
    >>> from junheng.io import example_county
    >>> write_self_report([example_county()], Path(tempfile.mkdtemp()) / DOCX_NAME).name
    '自评报告.docx'
    """
    history = _history(data_history, options.get("layout_plan"))
    return report_inputs(history, **options).write_docx(Path(path), compliance)
