"""The runnable examples in the standards, evaluate and evaluation-report docstrings stay true."""

import doctest
import importlib

import pytest

MODULES = ["junheng.standards.loader", "junheng.evaluate.cv", "junheng.evaluate.units",
           "junheng.evaluate.indicators", "junheng.evaluate.gaps", "junheng.evaluate.class_size",
           "junheng.evaluate.engine", "junheng.report.evaluation_xlsx"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
