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
from rich.console import Console

from junheng.errors import JunhengError, ValidationError

app = typer.Typer(
    name="junheng",
    help="均衡（junheng）：县域义务教育与学前教育的督导评估、预测与规划工具。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

console = Console()
err_console = Console(stderr=True)
_state = {"debug": False}


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的程序调用栈（供开发人员排查）。"),
) -> None:
    """均衡（junheng）：县域义务教育与学前教育的督导评估、预测与规划工具。"""
    _state["debug"] = debug


def print_problems(problems) -> None:
    """Print located workbook problems as a table: 工作表 / 行 / 列 / 值 / 说明."""
    from rich.table import Table

    table = Table(title=f"发现 {len(problems)} 处问题", show_lines=False)
    for head in ("工作表", "行", "列", "值", "说明"):
        table.add_column(head, overflow="fold")
    for p in problems:
        table.add_row(p.sheet, "" if p.row is None else str(p.row), p.column or "",
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
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
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

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        parent.command(name, **kwargs)(handle_errors(fn))
        return fn

    return decorate
