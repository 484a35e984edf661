"""docs/workbook.md, the repo's copy of the workbook contract, lists every sheet and column."""

import re
from pathlib import Path

import pytest

from junheng.model import SHEETS
from junheng.model.county_items import ATTESTATIONS, FIGURES, INDICATORS

DOC = (Path(__file__).parents[2] / "docs" / "workbook.md").read_text(encoding="utf-8")


def _section(sheet) -> str:
    start = DOC.index(f"### {sheet.name} · `{sheet.key}`")
    following = DOC.find("\n### ", start + 1)
    return DOC[start:following if following > 0 else len(DOC)]


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.key)
def test_every_sheet_has_its_section_with_every_column_and_version(sheet):
    section = _section(sheet)
    heading = section.splitlines()[0]
    assert ("v2 新增" in heading) is sheet.optional
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    documented = {m.group(1): m.group(2) for line in rows
                  if (m := re.match(r"\| (.+?) \| `(\w+)` \|", line))}
    assert documented == {c.header: c.key for c in sheet.columns}
    for line, column in zip(rows, sheet.columns, strict=True):
        assert line.rstrip().endswith(f"| {column.since} |"), column.header


def test_every_name_list_is_documented():
    for item in (*INDICATORS, *FIGURES, *ATTESTATIONS):
        assert f"| {item.label} | `{item.code}` |" in DOC, item.code
