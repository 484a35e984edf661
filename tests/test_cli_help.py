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


# --- 80 columns (brief hd 4) ---------------------------------------------------------------
# At COLUMNS=80 seven command lists cut their line with "...": demo-data, import, restore,
# report and ledger (junheng --help), run (ledger --help) and run (province --help); Chinese
# lines ran up to 140 columns wide, and the types read <str>, <path>, <list[Path]>, [x>=0].
NARROW = {"terminal_width": 80}
VARIADIC = re.compile(r"\[[^\]\s]+\]\.\.\.")  # Click's "one or more": 命令 [参数]..., [方案文件]...
ENGLISH_TYPE = re.compile(r"<[^>]*[A-Za-z][^>]*>|\[x?[<>]=|\bx[<>]=")  # <str>, <list[Path]>, [x>=0]
ENGLISH_ARGUMENT = re.compile(r"^\s+[A-Za-z_]+ <")  # an argument row named file, scenarios…


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "junheng")
def test_help_reads_whole_at_80_columns(path):
    from junheng.cli.help_layout import display_width

    result = CliRunner().invoke(app, [*path, "--help"], **NARROW)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if "..." in VARIADIC.sub("", line)] == []  # nothing cut off
    assert [line for line in lines if display_width(line) > 80] == []  # 汉字 fill two columns
    assert [line for line in lines if ENGLISH_TYPE.search(line) or ENGLISH_ARGUMENT.match(line)] == []
    # the usage line: the program, the command's path, then Chinese placeholders only
    rest = lines[0].removeprefix(f"用法：junheng {' '.join(path)}".rstrip())
    assert not re.search(r"[A-Za-z]", rest), lines[0]


def test_a_long_description_wraps_between_characters_under_its_column():
    """junheng --help at 80 columns: 14 columns of indent and names, 66 of description (33
    汉字), the second line under the first; a "，" or "。" never starts a line."""
    top = CliRunner().invoke(app, ["--help"], **NARROW).output
    assert ("  demo        生成示例县并运行全部引擎：导入、评估、预测、布局规划、布局调整后的\n"
            "              达标路径、规划台账，写出报告和示例账号。\n") in top
    assert not re.search(r"^\s+[，。、；：）]", top, re.M)
    assert "  import      校验并导入县域教育数据工作簿：全部通过才写入。\n" in top
    layout = CliRunner().invoke(app, ["plan", "layout", "--help"], **NARROW).output
    assert "用法：junheng plan layout [选项] [方案文件]..." in layout
    assert "  方案文件 <路径，可多个>  与 --compare 一起使用的方案文件（.yaml）。" in layout
    evaluate = CliRunner().invoke(app, ["evaluate", "--help"], **NARROW).output
    assert "  --exclude-points-under <整数>  不足该人数的教学点不参加评估（如河北省规定\n" in evaluate
    assert "50）。  [不小于 0]" in evaluate
