"""Every ``junheng`` command and subcommand answers ``--help`` in Chinese (STYLE.md 16)."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from junheng.cli import app

CJK = re.compile(r"[\u4e00-\u9fff]")
# An option declared on a line of its own (its help follows on the next line), a flag pair
# (--secure-cookies / --no-secure-cookies) included.
OPTION_ONLY = re.compile(r"^\s+-{1,2}[\w-]+((,|\s/)\s*-{1,2}[\w-]+)*(\s+<[^>]+>)?$")
WIDE = {"terminal_width": 400, "max_content_width": 400}  # no wrapped continuation lines


def _paths(command, prefix=()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _paths(sub, (*prefix, name))
    return found


COMMANDS = _paths(typer.main.get_command(app))


def test_the_tree_holds_every_command():
    names = {" ".join(p) for p in COMMANDS}
    assert {"", "demo", "evaluate", "report", "plan layout", "ledger run", "ledger city",
            "forecast stages", "forecast backtest", "user add", "serve"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "junheng")
def test_help_is_chinese(path):
    result = CliRunner().invoke(app, [*path, "--help"], **WIDE)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[0].startswith(f"用法：junheng {' '.join(path)}".rstrip())
    english = [line for line in lines if not CJK.search(line) and not OPTION_ONLY.match(line)]
    assert english == []


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_every_parameter_has_chinese_help(path):
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    assert CJK.search(command.help or ""), path
    for param in command.params:
        assert CJK.search(getattr(param, "help", None) or ""), (path, param.name)
