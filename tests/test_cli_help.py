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


def test_compliance_rotation_and_backup_are_described_in_the_command_lists():
    """Review rv finding 10: a first sentence with no space left click's short help as "..."."""
    command = typer.main.get_command(app)
    assert [command.commands[a].commands[b].get_short_help_str(limit=45) if b else
            command.commands[a].get_short_help_str(limit=45)
            for a, b in (("plan", "compliance"), ("plan", "rotation"), ("backup", ""))] == [
        "计算达标路径：以最少投资使全县在目标学年通过优质均衡，分年度列出建设、装备和教师措施。",
        "编制交流轮岗方案：选出交流教师及其交流学校，满足交流比例和骨干比例。",
        "把整个数据库（县区数据、用户、审计日志等）备份到一个文件。"]
    plan = CliRunner().invoke(app, ["plan", "--help"], **WIDE).output
    assert "compliance          计算达标路径：以最少投资使全县在目标学年通过优质均衡，分年度列出建设、装备和教师措施。" in plan
    assert "rotation            编制交流轮岗方案：选出交流教师及其交流学校，满足交流比例和骨干比例。" in plan
    top = CliRunner().invoke(app, ["--help"], **WIDE).output
    assert "backup      把整个数据库（县区数据、用户、审计日志等）备份到一个文件。" in top
