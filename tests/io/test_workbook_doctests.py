"""The runnable examples in the io and geo docstrings stay true."""

import doctest
import importlib

import pytest

MODULES = ["junheng.io.cells", "junheng.io.reader", "junheng.io.validate", "junheng.io.template",
           "junheng.io.safety", "junheng.io.summary", "junheng.io.example", "junheng.geo.coords"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
