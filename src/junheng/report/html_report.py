"""The evaluation as ONE self-contained offline HTML page (Chinese) with charts and a map.

Everything the page needs is inside the file: ECharts (and Leaflet when a map is drawn) are
inlined from the vendored assets, the data is a JSON block, styles are inline. No tiles, no
fonts, no URL outside the file is requested, so the page opens on an intranet machine or from
a USB stick. Sections: 评估结论, 基本情况, 校际差异系数 (a bar chart per stage with its limit),
学校达标情况 (map of schools coloured by pass/fail when coordinates are known, and a table with
a filter), 政府保障程度, 教育质量和社会认可度, 班额与校额, 存在的问题, and when given the
forecast (county students by stage with the low–high band), the layout plan (before/after)
and the ledger (target statuses); last the rules used and every unconfirmed threshold.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from junheng.evaluate import Evaluation, Status
from junheng.evaluate.cv import composite_label, stage_composite
from junheng.ledger.run import own_ledger
from junheng.model import CountyData
from junheng.model.areas import COUNTY_SEAT_LABEL
from junheng.model.labels import SCHOOL_RESULT_COLOURS
from junheng.model.times import today_beijing
from junheng.planning.layout_outcome import LayoutOutcome
from junheng.report.compliance_html import compliance_section
from junheng.report.county_rows import overview, school_points
from junheng.report.evaluation_rows import (
    class_size_sentence,
    cv_fix_sentences,
    cv_rows,
    item_rows,
    met_lookup,
    official_count_note,
    require_compulsory,
    status_counts,
)
from junheng.report.forecast_skill import skill_table
from junheng.report.headline import headline_html
from junheng.report.html_parts import html_list as _list
from junheng.report.html_parts import html_section as _section
from junheng.report.html_parts import html_table as _table
from junheng.report.html_safety import ESCAPE_JS, csp_meta, esc, script_json
from junheng.report.map_parts import report_towns, verdict_map_data
from junheng.report.methods import VERDICT_CLASSES, methods_lines, pending_lines, verdict_sentence
from junheng.report.offline_assets import static_text, vendor_text
from junheng.report.plan_rows import (
    LEDGER_REASON_HEAD,
    forecast_summary,
    layout_summary,
    ledger_rows,
    ledger_sentence,
)
from junheng.report.report_format import (
    STAGE_LABELS,
    fmt_against,
    fmt_cv,
    fmt_date,
    fmt_int,
    fmt_limit,
    fmt_met,
    indicator_short,
    is_missing,
    school_year_label,
    self_report_title,
)
from junheng.report.signed_text import layout_notes, signed

PASS_COLOUR, FAIL_COLOUR, NONE_COLOUR = SCHOOL_RESULT_COLOURS.values()
BAR_COLOUR = "#1f6fb2"
STAGE_COLOURS = {"preschool": "#8e44ad", "primary": "#1f6fb2", "junior": "#e67e22",
                 "senior": "#16a085"}
STATUS_CLASSES = {Status.MET: "ok", Status.NOT_MET: "bad", Status.ATTESTATION: "wait",
                  Status.MISSING: "wait", Status.NOT_APPLICABLE: "na"}
LEDGER_CLASSES = {"已达成": "ok", "按期推进": "info", "滞后": "bad", "无进展": "wait",
                  "倒退": "bad", "待填报": "na", "无对比数据": "na"}


def _safe(x: float | None, digits: int = 4) -> float | None:
    return None if is_missing(x) else round(float(x), digits)


# --- sections ------------------------------------------------------------------------------

def _summary(ev: Evaluation) -> str:
    verdict = ev.verdict
    cards = [("评估结论", verdict.label, VERDICT_CLASSES[verdict.status]),
             ("未达标指标", f"{len(verdict.failed_indicators)} 项", "bad" if verdict.failed_indicators else "ok"),
             *([("未达到学校达标要求的评估单位", f"{len(verdict.failed_units)} 个", "bad")] if verdict.failed_units else []),
             ("待核实", f"{len(verdict.pending)} 项", "wait" if verdict.pending else "ok")]
    for stage, result in ev.stages.items():
        label = STAGE_LABELS[stage]
        cards.append((stage_composite(ev.standard.id, label), fmt_cv(result.composite_cv),
                      "bad" if result.composite_met is False else ""))
        if result.units_passing is not None:
            cards.append((f"{label}达标学校", f"{result.units_passing} / {result.units}",
                          "ok" if result.units_passing == result.units else "bad"))
    counts = ev.class_lists.counts
    cards.append(("大班额 / 超大班额", f"{counts['oversized']} / {counts['extra_oversized']}",
                  "bad" if counts["oversized"] + counts["extra_oversized"] else "ok"))
    cards.append(("大校额学校", f"{counts['oversized_schools']} 所",
                  "bad" if counts["oversized_schools"] else "ok"))
    body = "".join(f'<div class="card {c}"><div class="k">{esc(k)}</div>'
                   f'<div class="v">{esc(v)}</div></div>' for k, v, c in cards)
    text = f"按照{ev.standard.document}，依据本县数据自评：{verdict_sentence(ev)}"
    return _section("summary", "评估结论", f'<p class="lead">{esc(text)}</p><div class="cards">{body}</div>')


def _basic(ev: Evaluation, data: CountyData | None) -> str:
    info = overview(ev, data)
    rows = [[r.label, fmt_int(r.schools), fmt_int(r.classes), fmt_int(r.students),
             fmt_int(r.teachers)] for r in info.type_rows()]
    by_type = _table(["学校类型", "学校数（所）", "班级数（个）", "在校生（人）", "专任教师（人）"], rows,
                     table_class="num")
    stage_rows = [[r.label, fmt_int(r.schools), fmt_int(r.classes), fmt_int(r.students),
                   f"{r.students / r.classes:.1f}" if r.classes else "—", fmt_int(r.teachers)]
                  for r in info.by_stage]
    by_stage = _table(["学段", info.stage_schools_header, "班级数（个）", "在校生（人）", "平均班额（人）",
                       "专任教师（人）"], stage_rows, table_class="num")
    return _section("basic", "基本情况", f'<div class="two">{by_type}{by_stage}</div>'
                    f'<p class="note">数据来源：{esc(info.source)}。{esc(info.points_note)}</p>')


def _cv(ev: Evaluation) -> tuple[str, dict[str, Any]]:
    charts, tables, payload = [], [], {}
    for stage, result in ev.stages.items():
        label = STAGE_LABELS[stage]
        rows = cv_rows(ev, stage)
        payload[stage] = {
            "label": label, "limit": result.indicators[rows[0].indicator].limit if rows else None,
            "names": [r.short for r in rows], "full": [r.name for r in rows],
            "cv": [_safe(r.cv) for r in rows], "met": [r.met for r in rows]}
        charts.append(f'<div class="chart-box"><h3>{esc(label)}</h3>'
                      f'<div class="chart" id="cv-{stage}"></div></div>')
        table_rows = [[r.name, r.standard or "—", r.mean_text, fmt_cv(r.cv),
                       fmt_limit(r.limit), fmt_met(r.met),
                       "—" if r.meeting is None else f"{r.meeting}/{r.units}"] for r in rows]
        table_rows.append([composite_label(ev.standard.id, mean=True), "—", "—", fmt_cv(result.composite_cv),
                           fmt_limit(result.composite_limit), fmt_met(result.composite_met), "—"])
        marks = [["", "", "", "bad" if r.met is False else "", "", "bad" if r.met is False else "",
                  ""] for r in rows]
        marks.append(["", "", "", "bad" if result.composite_met is False else "", "", "", ""])
        tables.append(f"<h3>{esc(label)}</h3>" + _table(
            ["指标", "标准值", "全县均值", "差异系数", "限值", "结论", "达到标准值的学校"], table_rows,
            classes=marks, table_class="num cv"))
    fixes = cv_fix_sentences(ev)
    body = (f'<div class="charts">{"".join(charts)}</div>{"".join(tables)}'
            + (f"<h3>差异系数整改</h3>{_list(fixes, 'ul')}" if fixes else "")
            + '<p class="note">差异系数按学生数加权：平均数 x̄ = Σ(Pᵢ/P)xᵢ，标准差 S = √Σ(Pᵢ/P)(xᵢ − x̄)²，差异系数＝标准差÷平均数。'
              "红色为超过限值。</p>")
    return _section("cv", "校际差异系数", body), payload


def _schools(ev: Evaluation, data: CountyData | None, layout_plan: LayoutOutcome | None
             ) -> tuple[str, list[dict]]:
    points = school_points(ev, data, layout_plan)
    map_html = ""
    if points:
        map_html = ('<div class="map-wrap"><div id="map"></div></div><p class="note">'
                    "底图不联网，只画学校位置（经纬度）和乡镇范围。</p>")
    indicators = ev.standard.resource_indicators
    has_rule = ev.standard.school_rule is not None
    headers = ["学校", "学段", "学生数",
               *[f"{indicator_short(i.id, i.name)}（{i.unit}）" for i in indicators]]
    if has_rule:
        headers += ["达标项数", "结论"]
    met = met_lookup(ev)
    rows, marks, attrs = [], [], []
    for u in ev.units.to_dict("records"):
        row = [u["name"], STAGE_LABELS.get(u["stage"], u["stage"]), fmt_int(u["students"]),
               *[fmt_against(u[i.id], i.threshold_for(u["stage"]), i.unit) for i in indicators]]
        mark = ["", "", "", *["bad" if met.get((u["unit_id"], i.id)) is False else ""
                              for i in indicators]]
        fails = has_rule and not is_missing(u.get("passes")) and not bool(u["passes"])
        if has_rule:
            row += [fmt_int(u["n_met"]), "未达标" if fails else "达标"]
            mark += ["", "bad" if fails else "ok"]
        rows.append(row)
        marks.append(mark)
        attrs.append(f'data-fail="{1 if fails else 0}"')
    filters = ('<div class="filters"><input id="school-filter" type="search" '
               'placeholder="按学校名称筛选"><label><input id="only-failing" type="checkbox">'
               " 只看未达标</label></div>")
    table = _table(headers, rows, classes=marks, table_class="num schools", row_attrs=attrs)
    names = "；".join(f"{indicator_short(i.id, i.name)}：{i.name}" for i in indicators)
    body = (map_html + filters + f'<div class="scroll">{table}</div>'
            f'<p class="note">{esc(names)}。红色为未达到标准值。</p>')
    payload = [{"name": p.name, "lon": p.lon, "lat": p.lat, "result": p.result,
                "detail": p.detail} for p in points]
    return _section("schools", "学校达标情况", body), payload


def _items(title: str, anchor: str, items) -> str:
    if not items:
        return _section(anchor, title, "<p>本标准未设此类项目。</p>")
    rows, marks = [], []
    for row in item_rows(items):
        evidence = row.evidence if row.evidence and row.evidence not in row.remark else ""
        rows.append([row.number, row.name, row.value, row.standard or "—", row.status_label,
                     signed("；".join(p for p in (row.remark, evidence and f"佐证：{evidence}") if p)) or "—"])
        marks.append(["", "", "", "", STATUS_CLASSES[row.status], ""])
    counts = "，".join(f"{k} {v} 项" for k, v in status_counts(items).items() if v)
    note = official_count_note(items)
    body = f"<p>共 {len(items)} 项：{esc(counts)}。{esc(note)}</p>" + _table(
        ["序号", "评估内容", "现值", "标准", "结论", "说明与佐证"], rows, classes=marks,
        table_class="items")
    return _section(anchor, title, body)


def _class_size(ev: Evaluation) -> str:
    classes = ev.class_lists.oversized_classes
    body = f"<p>{esc(class_size_sentence(ev))}</p>"
    if not classes.empty:
        by_school = classes.groupby("name", sort=False).agg(
            oversized=("category", lambda c: int((c == "大班额").sum())),
            extra=("category", lambda c: int((c == "超大班额").sum())),
            largest=("students", "max")).sort_values(["extra", "oversized"], ascending=False)
        rows = [[name, r.oversized, r.extra, r.largest] for name, r in by_school.iterrows()]
        body += "<h3>各校大班额班级数</h3>" + _table(
            ["学校", *ev.rules.sizes.band_texts, "最大班额（人）"], rows,
            table_class="num")
    schools = ev.class_lists.oversized_schools
    if not schools.empty:
        rows = [[r.name, fmt_int(r.students), fmt_int(r.cap), fmt_int(r.excess)]
                for r in schools.itertuples(index=False)]
        body += "<h3>大校额学校</h3>" + _table(["学校", "义务教育学生数", "规模上限", "超出（人）"], rows,
                                          table_class="num")
    return _section("class-size", "班额与校额", body)


def _problems(ev: Evaluation) -> str:
    verdict = ev.verdict
    body = (_list([f.message for f in verdict.failures]) if verdict.failures
            else "<p>按本县数据计算的各项指标均已达标。</p>")
    if verdict.pending:
        body += "<h3>待核实：尚需佐证材料或补充数据的事项</h3>" + _list(pending_lines(ev))
    return _section("problems", "存在的问题", body)


def _forecast(forecast, layout=None) -> tuple[str, dict[str, Any]]:
    summary = forecast_summary(forecast, layout)
    payload = {"years": [str(y) for y in summary.years],
               "series": [{"stage": s.stage, "label": s.label, "colour": STAGE_COLOURS[s.stage],
                           "mid": [round(v) for v in s.students], "low": [round(v) for v in s.low],
                           "high": [round(v) for v in s.high]} for s in summary.series]}
    headers, rows, flags = summary.seat_table()
    marks = [["bad" if short else "" for short in row] for row in flags]
    body = (f"<p>按学校逐年级推移预测：基年 {summary.base_year} 学年，预测 {summary.horizon} 年，"
            f"阴影为 {summary.coverage:.0%} 预测区间。</p>"
            '<div class="chart wide" id="forecast-chart"></div>'
            + _list([line.strip() for line in summary.lines], "ul")
            + (f"<h3>{COUNTY_SEAT_LABEL}义务教育学校教室供需（按学段，不跨学段相抵）</h3>"
               + _table(headers, rows, classes=marks, table_class="num") if rows else "") + _forecast_skill(forecast))
    return _section("forecast", "入学预测", body), payload


def _forecast_skill(forecast) -> str:
    """The backtest comparison with naive (保持上年) per stage and horizon, and the choices."""
    if forecast.skill.empty:
        return ""
    header, rows = skill_table(forecast.skill, forecast.coverage)
    reasons = [f"{STAGE_LABELS.get(r.stage, r.stage)}：{r.reason}" for r in forecast.choices.itertuples()]
    return ("<h3>预测精度：与“保持上年”比较（本县历史回测，全县分学段）</h3>"
            + _table(header, rows, table_class="num") + _list(reasons, "ul"))


def _layout(plan: LayoutOutcome) -> str:
    summary = layout_summary(plan)
    body = f"<p>{esc(summary.sentence())}</p>"
    if summary.metrics:
        body += (_table(list(summary.metric_heads), [list(r) for r in summary.metrics],
                        table_class="num") + _list([f"说明：{n}" for n in layout_notes(plan, summary.notes)], "ul"))
    if summary.cvs:
        rows = [[stage, name, fmt_cv(before), fmt_cv(after)]
                for stage, name, before, after in summary.cvs]
        body += "<h3>调整前后校际差异系数</h3>" + _table(
            ["学段", "指标", summary.cv_before_head, "调整后"], rows, table_class="num text2")
        if summary.cv_basis:
            body += f'<p class="note">{esc(summary.cv_basis)}</p>'

    if summary.actions:
        rows = [[summary.phase_text(a.phase), a.name, a.action, a.detail, a.procedure]
                for a in summary.actions]
        heads = ["实施学年", "学校", "调整方式", "内容", "撤并程序"]
        body += "<h3>调整项目与实施学年</h3>" + f'<div class="scroll short">{_table(heads, rows)}</div>'
    if summary.transition:
        body += f"<p>{esc(summary.transition)}</p>"
    return _section("layout", "布局调整", body)


def _ledger(ledger) -> str:
    summary = ledger.summary()
    cards = "".join(f'<div class="card {LEDGER_CLASSES.get(k, "")}"><div class="k">{esc(k)}</div>'
                    f'<div class="v">{v}</div></div>' for k, v in summary.items())
    rows = ledger_rows(ledger)
    table = _table(["目标", "目标值", "最新值", "期限", "状态", "到期预计", "责任单位", LEDGER_REASON_HEAD],
                   [[x.name, x.target, x.latest + ("" if x.latest_year is None else f"（{x.latest_year}）"),
                     x.deadline, x.status, x.projected, x.responsible, x.reason] for x in rows],
                   classes=[["", "", "", "", LEDGER_CLASSES.get(x.status, ""), "", "", ""] for x in rows])
    return _section("ledger", "规划目标台账", f"<p>{esc(ledger_sentence(ledger))}</p>"
                    f'<div class="cards">{cards}</div>{table}')


def _rules(ev: Evaluation) -> str:
    return _section("rules", "评估依据与说明（方法附录）", _list(methods_lines(ev)))


# --- page ----------------------------------------------------------------------------------

NAV = (("summary", "结论"), ("figures", "主要数据"), ("basic", "基本情况"), ("cv", "差异系数"), ("schools", "学校"), ("conditions", "否决项"),
       ("guarantee", "政府保障"), ("quality", "教育质量"), ("class-size", "班额"),
       ("problems", "问题"), ("forecast", "预测"), ("layout", "布局"), ("compliance", "达标路径"),
       ("ledger", "台账"),
       ("rules", "说明"))


def report_html(evaluation: Evaluation, *, forecast=None,
                layout_plan: LayoutOutcome | None = None, ledger=None,
                data: CountyData | None = None, report_date: date | None = None,
                figures=None, compliance: dict | None = None) -> str:
    """The report page as a string (see :func:`write_html_report`)."""
    require_compulsory(evaluation)
    ev = evaluation
    day = report_date or today_beijing()
    quality = [i for i in ev.quality if i.indicator.area != "recognition"]
    recognition = [i for i in ev.quality if i.indicator.area == "recognition"]
    cv_html, cv_data = _cv(ev)
    schools_html, points = _schools(ev, data, layout_plan)
    conditions = [_items("一票否决事项与前提条件", "conditions", ev.conditions)] \
        if ev.conditions else []
    sections = [_summary(ev), *([headline_html(figures)] if figures is not None else []),
                _basic(ev, data), cv_html, schools_html, *conditions,
                _items("政府保障程度", "guarantee", ev.guarantee),
                _items("教育质量和社会认可度", "quality", [*quality, *recognition]),
                _class_size(ev), _problems(ev)]
    payload: dict[str, Any] = {"cv": cv_data, "points": points, "forecast": None,
                               "colours": {"pass": PASS_COLOUR, "fail": FAIL_COLOUR,
                                           "none": NONE_COLOUR, "bar": BAR_COLOUR}}
    if points:
        payload["map"] = verdict_map_data(school_points(ev, data, layout_plan),
                                          report_towns(data, layout_plan))
    if forecast is not None:
        forecast_html, payload["forecast"] = _forecast(forecast, layout_plan)
        sections.append(forecast_html)
    if layout_plan is not None:
        sections.append(_layout(layout_plan))
    if compliance is not None:
        sections.append(compliance_section(compliance))
    ledger = own_ledger(ledger, evaluation.county)  # another county's plan is no commitment here
    if ledger is not None:
        sections.append(_ledger(ledger))
    sections.append(_rules(ev))
    present = {anchor for anchor, _ in NAV if f'id="{anchor}"' in "".join(sections)}
    nav = "".join(f'<a href="#{a}">{t}</a>' for a, t in NAV if a in present)
    title = self_report_title(ev)
    subtitle = (f"{school_year_label(ev.year)} · {ev.standard.short_name}（{ev.standard.document}）"
                f" · 县区代码 {ev.county.get('code', '')} · 生成日期 {fmt_date(day)}")
    leaflet_css = vendor_text("leaflet.css") if points else ""
    maps = [vendor_text("leaflet.js"), static_text("map_layers.js")] if points else []
    echarts, data_json, app = vendor_text("echarts.min.js"), script_json(payload), ESCAPE_JS + _APP_JS
    # The CSP lets exactly these inline scripts run (the <script> texts of _PAGE).
    csp = csp_meta([echarts, *maps, f"const REPORT = {data_json};", app])
    return _PAGE.format(
        title=esc(title), subtitle=esc(subtitle), nav=nav, sections="".join(sections),
        css=_CSS, leaflet_css=leaflet_css, map_css=static_text("map.css") if points else "", echarts=echarts, csp=csp,
        leaflet_js="".join(f"<script>{m}</script>" for m in maps), data=data_json, app=app)


def write_html_report(evaluation: Evaluation, path: str | Path, *, forecast=None,
                      layout_plan: LayoutOutcome | None = None, ledger=None,
                      data: CountyData | None = None, report_date: date | None = None,
                      figures=None, compliance: dict | None = None) -> Path:
    """Write the evaluation report as one self-contained offline HTML file.

    Parameters
    ----------
    evaluation
        The county evaluated against 优质均衡 2017 (or 基本均衡 2012).
    path
        The ``.html`` file to write (its folder must exist).
    forecast
        A :class:`~junheng.forecast.CountyForecast`: adds the chart of county students by stage
        with the low–high band and the county-seat classroom balance.
    layout_plan
        A :class:`~junheng.planning.layout_outcome.LayoutOutcome` (solved in process, or
        ``plan.json`` read by :func:`~junheng.planning.layout_json.read_layout_json`): adds the
        before/after metrics and the phased actions; its coordinates draw the map when
        ``data`` is absent.
    ledger
        A :class:`~junheng.ledger.Ledger`: adds the targets with their status.
    data
        The county data: adds every school type to 基本情况 and the schools' coordinates to the map.
    report_date
        The date printed in the header (default today).
    figures
        The run's :class:`~junheng.jobs.figures.HeadlineFigures`: adds the 主要数据 section.
    compliance
        A 达标路径 (its ``plan.json`` as a dict): adds its section, the verdict and 未解决事项
        and, when it follows ``layout_plan``, both plans' money by year and per school
        (:func:`~junheng.report.compliance_html.compliance_section`).

    Returns
    -------
    Path

    Raises
    ------
    ConfigError
        For a preschool evaluation, or when the
        vendored ECharts / Leaflet files are missing (``make assets``).

    Examples
    --------
    >>> import os, tempfile
    >>> from junheng.evaluate import evaluate
    >>> from junheng.io import example_county
    >>> out = write_html_report(evaluate(example_county()),
    ...                         os.path.join(tempfile.mkdtemp(), "report.html"))
    >>> "echarts" in out.read_text(encoding="utf-8")
    True
    """
    path = Path(path)
    text = report_html(evaluation, forecast=forecast, layout_plan=layout_plan, ledger=ledger,
                       data=data, report_date=report_date, figures=figures,
                       compliance=compliance)
    path.write_text(text, encoding="utf-8")
    return path


_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
  "Source Han Sans SC", sans-serif; color: #222; background: #f5f6f8; }
header { background: #1f3b5a; color: #fff; padding: 18px 28px 12px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .85; }
nav { position: sticky; top: 0; z-index: 2000; background: #fff; border-bottom: 1px solid #dde;
  padding: 6px 28px; }
nav a { color: #1f3b5a; text-decoration: none; margin-right: 16px; }
main { max-width: 1280px; margin: 0 auto; padding: 8px 28px 40px; }
section { background: #fff; border: 1px solid #e1e4e8; border-radius: 6px; margin: 16px 0;
  padding: 12px 20px 16px; }
h2 { font-size: 18px; margin: 4px 0 10px; border-left: 4px solid #1f6fb2; padding-left: 8px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
p.lead { font-size: 16px; font-weight: bold; }
p.note { color: #666; font-size: 12px; }
p.verdict.ok { color: #2e7d32; font-weight: bold; } p.verdict.bad { color: #c62828; font-weight: bold; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid #dde; border-radius: 6px; padding: 8px 14px; min-width: 130px;
  background: #fafbfc; }
.card .k { color: #555; font-size: 12px; }
.card .v { font-size: 20px; font-weight: bold; }
.card.ok .v { color: #2e7d32; } .card.bad .v { color: #c62828; } .card.wait .v { color: #b26a00; }
.card.info .v { color: #1f6fb2; } .card.na .v { color: #757575; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
th, td { border: 1px solid #d0d5dc; padding: 3px 6px; vertical-align: top; }
th { background: #e8eef6; position: sticky; top: 0; }
table.num td { text-align: right; } table.num td:first-child { text-align: left; }
table.num.text2 td:nth-child(2) { text-align: left; }
/* 主要数据 (rv22 finding 10): the label on one line, its figure left-aligned beside it, not
   right-aligned ~1,000 px away with the label wrapped to 3 lines in a ~100 px column */
table.num.headline td { text-align: left; }
table.num.headline td:first-child { white-space: nowrap; width: 1%; }
@media (max-width: 760px) { table.num.headline td:first-child { white-space: normal; width: auto; } }
table.schools td:nth-child(2) { text-align: center; }
td.bad { color: #c62828; font-weight: bold; white-space: nowrap; }
table.schools td:nth-child(-n+3), table.items td:nth-child(5), table.items td:nth-child(3),
table.items td:nth-child(4) { white-space: nowrap; } td.ok { color: #2e7d32; }
td.wait { color: #b26a00; font-weight: bold; white-space: nowrap; } td.info { color: #1f6fb2; } td.na { color: #757575; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; align-items: start; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart-box { flex: 1 1 560px; }
.chart { height: 300px; width: 100%; }
.chart.wide { height: 360px; }
.scroll { max-height: 520px; overflow: auto; } .scroll.short { max-height: 360px; }
.filters { margin: 8px 0; } .filters input[type=search] { padding: 3px 6px; width: 240px; }
.filters label { margin-left: 14px; }
.map-wrap { position: relative; }
#map { height: 460px; background: #eef2ec; border: 1px solid #d0d5dc; }
.legend { position: absolute; right: 10px; top: 10px; z-index: 1000; background: #fff;
  border: 1px solid #ccc; padding: 6px 10px; font-size: 12px; }
.legend span { margin-right: 10px; } .legend i { display: inline-block; width: 10px; height: 10px;
  border-radius: 5px; margin-right: 4px; }
ol, ul { padding-left: 24px; margin: 4px 0; } li { margin: 2px 0; }
footer { color: #777; font-size: 12px; text-align: center; padding: 10px; }
@media print { nav { display: none; } body { background: #fff; } section { break-inside: avoid-page; }
  .scroll { max-height: none; overflow: visible; } }
"""

_APP_JS = """
(function () {
  const D = REPORT;
  const charts = [];
  const base = { animation: false, textStyle: { fontFamily: 'sans-serif' } };
  for (const [stage, s] of Object.entries(D.cv)) {
    const el = document.getElementById('cv-' + stage);
    if (!el) continue;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    const names = s.names.slice().reverse();
    const data = s.cv.map((v, i) => ({ value: v,
      itemStyle: { color: s.met[i] === false ? D.colours.fail : D.colours.bar } })).reverse();
    const max = Math.max(s.limit || 0, ...s.cv.filter(v => v !== null)) * 1.15;
    chart.setOption(Object.assign({}, base, {
      grid: { left: 130, right: 60, top: 26, bottom: 40 },
      tooltip: { trigger: 'item', formatter: p => esc(s.full[s.names.length - 1 - p.dataIndex]) +
        '<br>差异系数 ' + (p.value === null ? '无法计算' : p.value.toFixed(3)) },
      xAxis: { type: 'value', max: Math.ceil(max * 10) / 10, name: '差异系数',
               nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 12 } },
      series: [{ type: 'bar', data: data, barWidth: '60%',
        label: { show: true, position: 'right',
                 formatter: p => p.value === null ? '无法计算' : p.value.toFixed(3) },
        markLine: s.limit === null ? undefined : { symbol: 'none', silent: true,
          lineStyle: { color: D.colours.fail, type: 'dashed', width: 2 },
          label: { formatter: '限值 ' + s.limit.toFixed(2), position: 'end' },
          data: [{ xAxis: s.limit }] } }]
    }));
    charts.push(chart);
  }
  const F = D.forecast;
  const fel = document.getElementById('forecast-chart');
  if (F && fel) {
    const chart = echarts.init(fel, null, { renderer: 'canvas' });
    const series = [];
    for (const s of F.series) {
      series.push({ name: s.label + '下限', type: 'line', data: s.low, stack: 'band-' + s.stage,
        lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } });
      series.push({ name: s.label + '区间', type: 'line', stack: 'band-' + s.stage, symbol: 'none',
        data: s.high.map((h, i) => h - s.low[i]), lineStyle: { opacity: 0 }, silent: true,
        areaStyle: { color: s.colour, opacity: 0.18 }, tooltip: { show: false } });
      series.push({ name: s.label, type: 'line', data: s.mid, symbolSize: 5,
        lineStyle: { color: s.colour, width: 2 }, itemStyle: { color: s.colour } });
    }
    chart.setOption(Object.assign({}, base, {
      grid: { left: 70, right: 30, top: 40, bottom: 30 },
      legend: { data: F.series.map(s => s.label), top: 4 },
      tooltip: { trigger: 'axis', formatter: ps => esc(ps[0].axisValue) + '<br>' + ps.filter(
        p => F.series.some(s => s.label === p.seriesName)).map(p => {
          const s = F.series.find(x => x.label === p.seriesName);
          return esc(p.seriesName) + ' ' + p.value.toLocaleString() + '（' + s.low[p.dataIndex]
            .toLocaleString() + '–' + s.high[p.dataIndex].toLocaleString() + '）'; }).join('<br>') },
      xAxis: { type: 'category', data: F.years, boundaryGap: false },
      yAxis: { type: 'value', name: '在校生（人）' },
      series: series
    }));
    charts.push(chart);
  }
  const mapEl = document.getElementById('map');
  if (mapEl && D.map && window.JunhengMap) JunhengMap.draw(mapEl, D.map);
  const filter = document.getElementById('school-filter');
  const failing = document.getElementById('only-failing');
  function apply() {
    const q = (filter.value || '').trim();
    for (const tr of document.querySelectorAll('table.schools tbody tr')) {
      const show = (!q || tr.cells[0].textContent.includes(q)) &&
        (!failing.checked || tr.dataset.fail === '1');
      tr.style.display = show ? '' : 'none';
    }
  }
  if (filter) { filter.addEventListener('input', apply); failing.addEventListener('change', apply); }
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
{csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{leaflet_css}</style>
<style>{map_css}</style>
<style>{css}</style>
</head><body>
<header><h1>{title}</h1><p>{subtitle}</p></header>
<nav>{nav}</nav>
<main>{sections}</main>
<footer>本报告根据本县县域教育数据工作簿计算，离线可用；所有数字均可追溯到工作簿中的行。</footer>
<script>{echarts}</script>
{leaflet_js}
<script>const REPORT = {data};</script>
<script>{app}</script>
</body></html>
"""
