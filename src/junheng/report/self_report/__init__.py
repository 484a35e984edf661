"""The county 自评报告 as counties hand it to inspectors, as a Word document (and a PDF when
LibreOffice is installed).

优质均衡 (教督〔2017〕6号): 封面; 目录; 一、基本情况; 二、主要做法与成效; 三、资源配置 (per
stage the 差异系数 table, failing schools and two charts); 四、政府保障程度; 五、教育质量;
六、社会认可度 (item tables with 达标 / 未达标 / 待佐证); 七、存在的问题 (grouped by cause); 八、整改措施
(the compliance plan summarised by area and year when given, else the gaps summed by
indicator and stage — never one line per class); 附录一 评估方法与依据; 附表 (landscape).

学前普及普惠 (教督〔2020〕1号) has its own chapters too (:mod:`.preschool`).

基本均衡 (教督〔2012〕3号) follows its own structure: 三、校际均衡状况; 四、县级人民政府推进义务
教育均衡发展工作; 五、公众满意度 (both set by the province's rules: the report says so).

Every page after the cover carries the county's name in its header and "— n —" in its footer.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from junheng.evaluate import Evaluation
from junheng.ledger.run import own_ledger
from junheng.model import CountyData
from junheng.model.times import today_beijing
from junheng.report.evaluation_rows import require_compulsory
from junheng.report.report_format import self_report_title
from junheng.report.self_evaluation_docx import _basic, _title_page
from junheng.report.self_report.appendix import PROVENANCE, write_methods, write_tables
from junheng.report.self_report.chapters import (
    is_basic,
    write_achievements,
    write_items,
    write_measures,
    write_resources,
)
from junheng.report.self_report.investment import write_investment
from junheng.report.self_report.preschool import write_preschool_chapters
from junheng.report.self_report.problems import write_problems
from junheng.report.self_report.word_extras import (
    FigureCounter,
    fill_contents,
    running_header,
    table_of_contents,
)
from junheng.report.word_document import WordReport, page_numbers

PDF_TIMEOUT = 180


def write_county_report(evaluation: Evaluation, path: str | Path, *,
                        data: CountyData | None = None, previous: Evaluation | None = None,
                        compliance: dict | None = None, forecast=None, layout_plan=None,
                        ledger=None, report_date: date | None = None, figures=None) -> Path:
    """Write the county's 自评报告 (``.docx``) and return its path.

    Parameters
    ----------
    evaluation
        The county evaluated against 优质均衡 2017 or 基本均衡 2012.
    path
        The ``.docx`` file to write (its folder must exist).
    data
        The county data evaluated: 基本情况 then counts every school and teacher.
    previous
        The previous school year's evaluation: 主要做法与成效 compares the CVs of both years.
    compliance
        A compliance plan as :func:`~junheng.planning.compliance_json.compliance_dict` gives
        it (or ``plan.json`` read back): 整改措施 is the plan by area and year with totals.
    forecast, layout_plan, ledger
        As for :func:`~junheng.report.self_evaluation_docx.write_self_evaluation_docx`.
    report_date
        The cover's date (default today).
    figures
        The run's :class:`~junheng.jobs.figures.HeadlineFigures`: the 主要数据 table.

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.evaluate import evaluate
    >>> from junheng.io import example_county
    >>> out = write_county_report(evaluate(example_county()),
    ...                           os.path.join(tempfile.mkdtemp(), "自评报告.docx"))
    >>> out.name
    '自评报告.docx'
    """
    if evaluation.standard.kind != "preschool":
        require_compulsory(evaluation)
    r = WordReport()
    day = report_date or today_beijing()
    _title_page(r, evaluation, day)
    r.new_section(landscape=False)
    contents = table_of_contents(r)
    r.new_section(landscape=False)
    page_numbers(r.doc.sections[-1])
    running_header(r.doc.sections[-1], self_report_title(evaluation))
    with tempfile.TemporaryDirectory() as folder:
        if evaluation.standard.kind == "preschool":
            write_preschool_chapters(r, evaluation)
        else:
            _chapters(r, evaluation, Path(folder), data=data, previous=previous,
                      compliance=compliance, forecast=forecast, layout_plan=layout_plan,
                      ledger=own_ledger(ledger, evaluation.county), headline=figures, today=day)
        fill_contents(r, contents)
        _properties(r, evaluation)
        path = r.save(path)
    return path


def _properties(r: WordReport, ev: Evaluation) -> None:
    """Title, author and the provenance (kept off the cover the county signs: finding 4)."""
    props = r.doc.core_properties
    props.title = self_report_title(ev)
    props.author = "均衡"
    props.language = "zh-CN"
    props.comments = PROVENANCE


def _chapters(r: WordReport, ev: Evaluation, folder: Path, *, data, previous, compliance,
              forecast, layout_plan, ledger, headline=None, today=None) -> None:
    figures = FigureCounter()
    _basic(r, ev, data)
    if headline is not None:
        from junheng.report.books_bridge import books_note
        from junheng.report.headline import write_headline_docx

        write_headline_docx(r, headline)
        if note := books_note(compliance, data):  # why the 整改 buys other books (review rv6 N11)
            r.para(note)
    write_investment(r, data, layout_plan, today)
    write_achievements(r, ev, 2, previous, data, today)
    write_resources(r, ev, 3, figures, folder)
    areas = ("guarantee", "recognition") if is_basic(ev) else \
        ("guarantee", "quality", "recognition")
    for k, area in enumerate(areas, start=4):
        write_items(r, ev, k, area, data)
    number = 4 + len(areas)
    write_problems(r, ev, number, data, previous, compliance)
    write_measures(r, ev, number + 1, compliance=compliance, forecast=forecast,
                   layout_plan=layout_plan, ledger=ledger, data=data)
    write_methods(r, ev)
    write_tables(r, ev)


def soffice() -> str | None:
    """The LibreOffice command when installed, else None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def export_pdf(docx: Path) -> Path | None:
    """Convert the report to PDF next to it with LibreOffice (headless); None when LibreOffice
    is not installed or the conversion fails (the DOCX is then the deliverable)."""
    command = soffice()
    if command is None:
        return None
    docx = Path(docx)
    with tempfile.TemporaryDirectory() as profile:
        try:
            subprocess.run([command, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                           check=True, capture_output=True, timeout=PDF_TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return None
    pdf = docx.with_suffix(".pdf")
    return pdf if pdf.exists() else None


__all__ = ["export_pdf", "soffice", "write_county_report"]
