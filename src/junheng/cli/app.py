"""The typer application, the shared ``--debug`` flag and the edge that turns errors into text.

Every command is registered with :func:`command`, which catches :class:`JunhengError`,
prints its Chinese message (every located problem for a validation error) and exits 1.
A traceback is shown only with ``junheng --debug``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click
import typer
from typer._click import exceptions as click_exc
from typer.core import TyperCommand, TyperGroup

from junheng.cli import click_errors, click_zh, help_layout
from junheng.cli.console import measuring_console
from junheng.errors import JunhengError, ValidationError

click_zh.install()  # before any command is built: Click's own words in Chinese
click_errors.install()  # and its usage errors (a bad option, a missing argument)
help_layout.install()  # help by display columns, its types in Chinese
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
USAGE_PREFIX = "用法："
HELP_TEXT = "显示本帮助并退出。"


class _ChineseHelp:
    """The usage line and the ``--help`` option of a command in Chinese."""

    def format_usage(self, ctx, formatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=USAGE_PREFIX)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option


class ChineseCommand(_ChineseHelp, TyperCommand):
    """A command whose help Click frames in Chinese."""


#: names people type for a command under another name -> (the command, what it does)
COMMAND_ALIASES = {"web": ("serve", "启动网页服务"), "server": ("serve", "启动网页服务")}


class ChineseGroup(_ChineseHelp, TyperGroup):
    """A group of commands whose help Click frames in Chinese; a name from
    :data:`COMMAND_ALIASES` is answered with the command to use (rv2 finding 14: ``junheng web``
    only said 「没有子命令“web”」)."""

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click_exc.UsageError as exc:  # typer's own copy of Click raises its own
            wanted, purpose = COMMAND_ALIASES.get(args[0] if args else "", ("", ""))
            if wanted not in self.commands:
                exc.message = click_errors.zh_suggestion(exc.message)  # typer adds 「Did you mean …?」
                raise
            raise click_exc.UsageError(f"没有子命令“{args[0]}”。{purpose}请用：{ctx.command_path} {wanted}",
                                   ctx) from exc


def group(help: str, **kwargs: Any) -> typer.Typer:
    """A group of subcommands (``junheng plan …``) with Chinese help."""
    kwargs.setdefault("cls", ChineseGroup)
    return typer.Typer(help=help, no_args_is_help=kwargs.pop("no_args_is_help", True),
                       rich_markup_mode=None, options_metavar=OPTIONS_METAVAR,
                       subcommand_metavar=SUBCOMMAND_METAVAR, **kwargs)


app = group("均衡（junheng）：县域义务教育与学前教育的督导评估、预测与规划工具。",
            name="junheng", add_completion=False)

console = measuring_console()
err_console = measuring_console(stderr=True)


def print_paths(head: str, paths) -> None:
    """``head`` and then each path whole on a line of its own, to be copied: paths joined by
    「、」 or sharing a line with a sentence were hard to select (review rw 3)."""
    console.print(head, highlight=False)
    for path in paths:
        console.print(f"  {path}", markup=False, highlight=False)
_state = {"debug": False}


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的程序调用栈（供开发人员排查）。"),
) -> None:
    """均衡（junheng）：县域义务教育与学前教育的督导评估、预测与规划工具。"""
    _state["debug"] = debug


def print_problems(problems) -> None:
    """Print located problems as a table: 工作表或文件 / 行 / 列 / 值 / 说明 (a zoning or
    forecast input file names itself where a workbook names its sheet)."""
    from rich.table import Table

    if not err_console.is_terminal:  # piped or redirected: one unbroken line each (rv2 finding
        # 13: the table folded at 80 columns split codes mid-number, 「121、1 / 22」)
        err_console.print(f"发现 {len(problems)} 处问题：", highlight=False)
        for p in problems:
            err_console.print(str(p), soft_wrap=True, markup=False, highlight=False)
        return
    table = Table(title=f"发现 {len(problems)} 处问题", show_lines=False)
    for head in ("工作表或文件", "行", "列", "值", "说明"):
        table.add_column(head, overflow="fold")
    for p in problems:
        table.add_row(p.sheet, "" if p.row is None else str(p.row), p.place,
                      "" if p.value is None else str(p.value), p.message)
    err_console.print(table)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a domain error into a Chinese message and exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except JunhengError as exc:
            if _state["debug"]:
                raise
            if isinstance(exc, ValidationError):
                print_problems(exc.problems)
            err_console.print(f"[bold red]错误：[/]{exc}")
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, typer.TyperException, click.exceptions.ClickException):
            raise
        except Exception as exc:
            if _state["debug"]:
                raise
            err_console.print(f"[bold red]程序内部错误：[/]{type(exc).__name__}: {exc}。"
                              "请加 --debug 重新运行以查看详情，并把输出发给维护人员。")
            raise typer.Exit(2) from None

    return wrapper


def command(name: str | None = None, *, parent: typer.Typer = app, **kwargs: Any):
    """Register a command on ``parent`` with the error edge applied."""

    kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
    kwargs.setdefault("cls", ChineseCommand)

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        parent.command(name, **kwargs)(handle_errors(fn))
        return fn

    return decorate
