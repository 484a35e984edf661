"""Inputs shared by the report tests: a hand-made layout plan and ledger for the example county,
and readers that pull text out of the Word and HTML reports."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from junheng.io.example import JUNIOR, NINE_YEAR, PRIMARY, TEACHING_POINT
from junheng.ledger import plan_from_dict, run_ledger
from junheng.planning.layout_json import layout_from_json

NEW_SCHOOL = "NEW01"


def _school(school_id, name, kind, action, *, phase=None, merged_into=None, classrooms=0,
            beds=0, capacity=(0, 0), after=(0, 0), lon=112.58, lat=34.90):
    return {"school_id": school_id, "name": name, "kind": kind, "action": action,
            "merged_into": merged_into, "phase": phase, "added_classrooms": classrooms,
            "added_classrooms_by_stage": {"primary": classrooms, "junior": 0},
            "added_beds": beds, "beds_after": beds, "boarding": bool(beds),
            "capacity": {"primary": capacity[0], "junior": capacity[1]},
            "students_after": {"primary": after[0], "junior": after[1]},
            "lon": lon, "lat": lat, "town_code": "410306001"}


def example_layout_plan() -> dict:
    """A plan.json (docs/layout-json.md) for the example county: the teaching point closes into
    the nine-year school in phase 2 after the junior school is expanded in phase 1, and a new
    primary school opens in phase 1."""
    schools = [
        _school(PRIMARY, "示例县城关第一小学", "primary_school", "keep", capacity=(540, 0),
                after=(542, 0)),
        _school(JUNIOR, "示例县第一初级中学", "junior_school", "expand", phase=1, classrooms=3,
                beds=60, capacity=(0, 600), after=(0, 438)),
        _school(NINE_YEAR, "河口乡九年一贯制学校", "nine_year", "keep", capacity=(270, 150),
                after=(223, 111)),
        _school(TEACHING_POINT, "河口乡上河教学点", "teaching_point", "close", phase=2,
                merged_into=NINE_YEAR),
        _school(NEW_SCHOOL, "城关新区小学", "new", "new", phase=1, classrooms=12,
                capacity=(540, 0), after=(0, 0), lon=112.60, lat=34.91),
    ]
    metrics = {"teaching_points": 1, "schools": 3, "pupils": 1300, "mean_travel_min": 9.5,
               "p95_travel_min": 24.0, "day_pupils_over_limit": 0, "boarders": 180,
               "beds": 300, "oversized_classes": 0, "capital_cost_yuan": 0.0,
               "operating_cost_yuan": 1600000}
    after = {**metrics, "teaching_points": 0, "schools": 4, "capital_cost_yuan": 14400000.0}
    return {"status": "optimal", "objective": 1.0e6, "bound": 1.0e6, "gap": 0.0, "seconds": 0.1,
            "county": "410306", "year": 2025, "target_year": 2027, "scenario": "测试方案",
            "phases": 2, "schools": schools, "assignments": [], "kept_reasons": {},
            "metrics": {"before": metrics, "after": after}}


def example_layout_outcome():
    """:func:`example_layout_plan` as the reports take it, read by the one plan.json reader."""
    return layout_from_json(example_layout_plan())


def example_ledger(data):
    """Two measured targets on the example county (one teaching point; no 大班额)."""
    plan = plan_from_dict({
        "plan": "示例县教育发展规划", "region": {"county_code": "410306"}, "baseline_year": 2025,
        "targets": [
            {"id": "no_points", "name": "撤并全部教学点", "quote": "……", "measure": "teaching_points",
             "comparator": "<=", "target": 0, "deadline": 2027, "responsible": "县教育局"},
            {"id": "no_big_classes", "name": "消除大班额", "quote": "……",
             "measure": "oversized_classes", "comparator": "<=", "target": 0, "deadline": 2025,
             "responsible": "县教育局"}]})
    return run_ledger(plan, lambda code, year: data, [("410306", 2025)])


# --- Word ------------------------------------------------------------------------------------

def paragraphs(doc) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, in order."""
    return [(p.style.name, p.text) for p in doc.paragraphs]


def between(doc, start: str, end: str) -> str:
    """The text of the paragraphs after heading ``start`` and before heading ``end``."""
    texts = [t for _, t in paragraphs(doc)]
    return "\n".join(texts[texts.index(start) + 1:texts.index(end)])


def _cell_text(tc) -> str:
    parts = []
    for node in tc.iter(qn("w:t"), qn("w:br"), qn("w:p")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:br") or parts:
            parts.append("\n")
    return "".join(parts).strip("\n") if parts else ""


def table_rows(table, limit: int | None = None) -> list[list[str]]:
    """Cell texts row by row (line breaks as \\n), read from the XML: python-docx's cell API is
    quadratic in the size of the table."""
    rows = table._tbl.findall(qn("w:tr"))[:limit]
    return [[_cell_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in rows]


def find_table(doc, header: list[str], first_cell: str):
    """The table with this header row whose second row starts with ``first_cell``."""
    for table in doc.tables:
        top = table_rows(table, 2)
        if top[0] == header and len(top) > 1 and top[1][0] == first_cell:
            return table_rows(table)
    raise AssertionError(f"no table with header {header} starting with {first_cell}")


# --- HTML ------------------------------------------------------------------------------------

REQUEST_ATTRIBUTES = ("src", "href", "data", "action", "poster", "srcset", "background",
                      "formaction", "xlink:href")


class PageParser(HTMLParser):
    """Collects request attributes, inline scripts and styles, and the cells of every table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.requests: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._in: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in REQUEST_ATTRIBUTES and value is not None:
                self.requests.append((tag, name, value))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        elif self._cell is not None:
            self._cell.append(data)


def parse_page(text: str) -> PageParser:
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser


def report_payload(text: str) -> dict:
    """The JSON the page's charts draw from (``const REPORT = {...};``)."""
    match = re.search(r"const REPORT = (\{.*?\});</script>", text, re.S)
    assert match, "no REPORT data block"
    return json.loads(match.group(1))


def visible_text(text: str) -> str:
    """The page's text without tags, scripts and styles, entities decoded."""
    text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def empty_paragraphs(doc) -> list[tuple[int, str, str]]:
    """(position in the body, style, what stands before) of each paragraph with nothing in it:
    no text, picture, page break or section break (brief left1 item 5: an empty 表注 stood after
    every table, where a note would be)."""
    body = list(doc.element.body.iterchildren())
    out = []
    for k, node in enumerate(body):
        if node.tag != qn("w:p") or "".join(t.text or "" for t in node.iter(qn("w:t"))).strip():
            continue
        if node.xpath(".//w:drawing | .//w:br[@w:type='page'] | ./w:pPr/w:sectPr"):
            continue
        style = node.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        out.append((k, "" if style is None else style.get(qn("w:val")),
                    body[k - 1].tag.split("}")[1] if k else ""))
    return out


def body_and_appendix(path) -> tuple[list[str], list[str]]:
    """Every paragraph and table cell of a 布局调整方案 in order, split at the 附录's heading."""
    from junheng.report.layout_docx import APPENDIX_HEAD

    doc = Document(str(path))
    texts = []
    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p"):
            texts.append(Paragraph(el, doc).text)
        elif el.tag.endswith("}tbl"):
            texts += [c.text for row in Table(el, doc).rows for c in row.cells]
    at = texts.index(APPENDIX_HEAD)
    return texts[:at], texts[at:]
