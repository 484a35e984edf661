"""The runnable examples in the demo package's docstrings."""

import doctest

import pytest

from junheng.demo import generator


@pytest.mark.parametrize("module", [generator])
def test_docstring_examples_run(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
