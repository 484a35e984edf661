"""The held 基本均衡 recognition (tests/report/test_one_verdict.py) in the evaluation's own files
too: 评估结果数据.json, 评估报表工作簿.xlsx and the headline verdict line read it 待核实 while the
county's figures fail 省定办学基本标准 (example county under the HIGH book overlay: 4 units of 3
schools below it), and under Henan's too, whose books all pass but whose other clauses the
county does not attest (review rvweb 3: 达标 only when this year's precondition is 达标) — as
the 自评报告, report.html and the web do."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from test_one_verdict import HENAN, HIGH, NAME, PENDING

from junheng.evaluate import evaluate
from junheng.io import example_county
from junheng.jobs.evaluations import write_evaluation_outputs
from junheng.jobs.figures import headline_figures


@pytest.mark.parametrize("overlay", ["HIGH", "HENAN"])
def test_the_json_the_workbook_and_the_headline_hold_the_recognition(overlay, tmp_path):
    data = replace(example_county(), overlay={"HIGH": HIGH, "HENAN": HENAN}[overlay])
    ev = evaluate(data)
    write_evaluation_outputs([ev], json_path=tmp_path / "e.json", xlsx_path=tmp_path / "e.xlsx",
                             data=data)
    verdict = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))["verdict"]
    [item] = [c for c in verdict["conditions"] if c["name"] == NAME]
    assert (item["status"], NAME in verdict["attested"]) == ("attestation", False)
    assert len(verdict["pending"]) == PENDING[overlay]
    notes = "\n".join(str(c.value) for row in load_workbook(tmp_path / "e.xlsx")["评估说明"].iter_rows()
                      for c in row if c.value)
    attested = next(line for line in notes.split("\n") if line.startswith("依县级认定达标的事项"))
    assert NAME not in attested
    [(_, line)] = headline_figures(data, [ev]).verdicts
    assert f"待核实 {PENDING[overlay]} 项" in line
