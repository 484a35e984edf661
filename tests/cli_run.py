"""Running a ``junheng`` command in-process and reading its output without the layout.

A plain module any test folder can import (``sys.path`` holds ``tests/``)::

    from cli_run import invoke

    result = invoke("evaluate", workbook, "--json", out)
    assert "结论：未达标" in result
"""

from __future__ import annotations

import re

from typer.testing import CliRunner

from junheng.cli import app

runner = CliRunner()


class Run:
    """A finished invocation; ``text`` is the output without line breaks and table borders."""

    def __init__(self, result):
        self.exit_code = result.exit_code
        self.output = result.output
        self.text = re.sub(r"[\s│┃]+", "", result.output)

    def __contains__(self, needle: str) -> bool:
        return re.sub(r"\s+", "", needle) in self.text


def invoke(command: str, *args, input: str | None = None) -> Run:
    """``junheng COMMAND ARGS...`` (arguments turned into strings; ``input`` is stdin)."""
    return Run(runner.invoke(app, [command, *map(str, args)], input=input))
