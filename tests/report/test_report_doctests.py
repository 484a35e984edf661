"""The runnable examples in the report modules' docstrings stay true."""

import doctest
import importlib

import pytest

MODULES = ["junheng.report.self_evaluation_docx", "junheng.report.html_report"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
