"""The fuzz corpus (issue 14, items 2 and 8): every crashing and misread file, in a child.

The corpus (``tests/fuzz/workbooks.py``) holds the files that made the reader abort the
process (a cell at XFD1048576, a shared-string table of four billion, cells or rows without
references, namespace prefixes, a huge grid, a huge declared dimension), the files whose
cells were read as unknown or as another number, and seeded mutations of a good workbook.
They are read in one child process with an address-space limit: a regression that aborts
the reader makes a name go missing from its output and this test fail with the list.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fuzz.workbooks import classic_cases, crashing_cases, misread_cases, mutated_cases
from junheng.io import example_county, write_workbook

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    example = write_workbook(example_county(), folder / "example.source").read_bytes()
    cases = [*crashing_cases(), *classic_cases(), *misread_cases(example),
             *mutated_cases(example, count=24)]
    for case in cases:
        (folder / f"{case.name}.xlsx").write_bytes(case.content)
    result = subprocess.run([sys.executable, "-m", "fuzz.run_corpus", str(folder)],
                            cwd=TESTS, capture_output=True, text=True, timeout=600)
    outcomes = {line["name"]: line for line in map(json.loads, result.stdout.splitlines())}
    return cases, outcomes, result


def test_every_corpus_file_is_read_or_refused_without_killing_the_reader(corpus):
    cases, outcomes, result = corpus
    missing = [c.name for c in cases if c.name not in outcomes]
    assert not missing, f"reader died (exit {result.returncode}) at {missing[:3]}: " \
                        f"{result.stderr[-2000:]}"
    assert result.returncode == 0
    exceptions = {n: o["text"] for n, o in outcomes.items() if o["outcome"] == "exception"}
    assert not exceptions


def test_files_that_crashed_the_reader_are_refused_naming_the_sheet_and_cell(corpus):
    cases, outcomes, _ = corpus
    for case in (c for c in cases if c.expect == "refused"):
        outcome = outcomes[case.name]
        assert outcome["outcome"] == "refused", case.name
        assert case.needle in outcome["text"], (case.name, outcome["text"])


def test_misread_files_give_a_located_problem(corpus):
    cases, outcomes, _ = corpus
    for case in (c for c in cases if c.expect == "problem"):
        outcome = outcomes[case.name]
        assert outcome["outcome"] == "read", (case.name, outcome["text"])
        assert case.needle in outcome["text"], (case.name, outcome["text"])
        assert "校舍设施 / 第 " in outcome["text"]
