"""Docstring examples: ``--doctest-modules`` (pyproject.toml) runs every one in ``src/``; these
modules' public API must keep carrying runnable examples (numpydoc, STYLE.md 17)."""

import doctest
import importlib

import pytest

MODULES = [
    "junheng.demo.generator",
    "junheng.standards.loader", "junheng.evaluate.cv", "junheng.evaluate.units",
    "junheng.evaluate.indicators", "junheng.evaluate.gaps", "junheng.evaluate.class_size",
    "junheng.evaluate.engine", "junheng.evaluate.serialize",
    "junheng.io.cells", "junheng.io.reader", "junheng.io.validate", "junheng.io.template",
    "junheng.io.safety", "junheng.io.summary", "junheng.io.example", "junheng.geo.coords",
    "junheng.planning.layout", "junheng.planning.layout_json", "junheng.ledger",
    "junheng.ledger.serialize", "junheng.forecast.serialize", "junheng.jobs.evaluations",
    "junheng.report.evaluation_xlsx",
    "junheng.report.html_report", "junheng.report.ledger_xlsx", "junheng.web.app",
    "junheng.io.dates", "junheng.io.resolve", "junheng.model.county_items",
    "junheng.model.county", "junheng.demo.draws", "junheng.jobs.province",
    "junheng.web.province_view", "junheng.report.plan_rows", "junheng.model.times",
    "junheng.zones.graph", "junheng.zones.check", "junheng.zones.problem", "junheng.zones.io",
    "junheng.zones.district", "junheng.zones.repair", "junheng.zones.milp_cpsat",
    "junheng.ledger.deadlines",
    "junheng.model.places", "junheng.web.ledger_form", "junheng.jobs.figures",
    "junheng.report.compliance_docx", "junheng.teachers.training", "junheng.report.file_names",
    "junheng.io.plausible",
]


@pytest.mark.parametrize("name", MODULES)
def test_module_keeps_runnable_examples(name):
    found = doctest.DocTestFinder().find(importlib.import_module(name))
    examples = [e for test in found for e in test.examples
                if not e.options.get(doctest.SKIP)]
    assert examples, f"{name} has no runnable docstring example"
