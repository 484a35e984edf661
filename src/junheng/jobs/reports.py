"""Write the report set of a county-year: the self-evaluation report (自评报告.docx) and the
offline HTML report, with the forecast, the layout plan and the plan ledger when given."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from junheng.errors import ConfigError
from junheng.jobs.evaluations import Evaluations
from junheng.jobs.figures import headline_figures, with_layout
from junheng.jobs.forecast import forecast_or_reason
from junheng.jobs.ledger import ledger_over
from junheng.model import CountyData
from junheng.planning.layout_outcome import LayoutOutcome

DOCX_NAME = "自评报告.docx"
PDF_NAME = "自评报告.pdf"
HTML_NAME = "report.html"
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


def _layout_docx(plan: LayoutOutcome, out: Path, evaluation) -> Path:
    """布局调整方案.docx next to the 自评报告, which refers to it."""
    from junheng.report.layout_docx import LAYOUT_DOCX_NAME, write_layout_docx
    from junheng.report.report_format import county_label

    return write_layout_docx(plan, out / LAYOUT_DOCX_NAME, county=county_label(evaluation))


def write_reports(data_history: Sequence[CountyData], out: Path, *,
                  layout_plan: LayoutOutcome | None = None, ledger=None, forecast="auto",
                  standard: str = "quality-2017",
                  evaluations: Evaluations | None = None, compliance: dict | None = None,
                  pdf: bool = False, figures=None) -> list[Path]:
    """Evaluate the latest school year and write ``out/自评报告.docx`` and ``out/report.html``
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
        plans' money together to the HTML report's layout section.
    pdf
        Also write ``自评报告.pdf`` with LibreOffice when installed (else the DOCX alone).
    figures
        The run's :class:`~junheng.jobs.figures.HeadlineFigures` (by default computed here).

    Returns
    -------
    list of Path
        自评报告.docx, report.html, 布局调整方案.docx (with a layout plan), the PDF (when made).
    """
    from junheng.report.html_report import write_html_report
    from junheng.report.self_report import export_pdf, write_county_report

    history = _history(data_history, layout_plan)
    data = history[-1]
    evaluations = evaluations if evaluations is not None else Evaluations()
    if isinstance(ledger, str | Path):
        ledger = ledger_over(Path(ledger), history, evaluations=evaluations, layout=layout_plan)
    if isinstance(forecast, str):
        forecast, _ = forecast_or_reason(history)
    evaluation = evaluations.get(data, standard)
    (out := Path(out)).mkdir(parents=True, exist_ok=True)
    figures = figures or headline_figures(data, evaluations.all(data), forecast)
    extras = {"forecast": forecast, "layout_plan": layout_plan, "ledger": ledger, "data": data,
              "figures": with_layout(figures, layout_plan)}
    previous = evaluations.get(history[-2], standard) if len(history) > 1 else None
    docx = write_county_report(evaluation, out / DOCX_NAME, previous=previous,
                               compliance=compliance, **extras)
    paths = [docx, write_html_report(evaluation, out / HTML_NAME, compliance=compliance, **extras)]
    paths += [] if layout_plan is None else [_layout_docx(layout_plan, out, evaluation)]
    made = export_pdf(docx) if pdf else None
    return paths + ([made] if made is not None else [])
