"""Usage errors in Chinese: a bad option, a missing argument, a bad value.

Typer ships its own copy of Click whose error messages are English f-strings (no
``gettext``), shown as ``Usage: … Try '… --help' for help. Error: …``. :func:`install`
replaces how those errors are worded and shown, so a user reads::

    用法：junheng evaluate [选项] [file]
    请运行 junheng evaluate --help 查看帮助。

    错误：没有选项：--bogus

Messages built from a pattern are translated by :data:`PATTERNS`; the words of the value
checker (pydantic) by :data:`VALUE_WORDS`; anything still English reads 取值无效 with the
parameter's name, so no English sentence reaches the user.

>>> zh_text("Option '--out' requires an argument.")
'选项 --out 需要一个值。'
>>> zh_text("Got unexpected extra arguments (a b)")
'多出了参数：a b'
>>> zh_text("Input should be a valid integer, unable to parse string as an integer")
'应为整数'
>>> zh_text("File 'a.xlsx' does not exist.")
'“a.xlsx”不存在。'
"""

from __future__ import annotations

import re
from typing import IO, Any

from typer._click import exceptions as click_exc
from typer._click.utils import echo

from junheng.cli.click_zh import translate

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text) for pattern, text in (
        (r"^No such option: (.+)$", r"没有选项：\1"),
        (r"^Option '(.+)' requires an argument\.$", r"选项 \1 需要一个值。"),
        (r"^Option '(.+)' requires (\d+) arguments\.$", r"选项 \1 需要 \2 个值。"),
        (r"^Option '(.+)' does not take a value\.$", r"选项 \1 不带值。"),
        (r"^Argument '(.+)' takes (\d+) values\.$", r"参数 \1 需要 \2 个值。"),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$", r"多出了参数：\1"),
        (r"^(?:Value )?'(.*)' is not one of (.+)\.$", r"“\1”不是可选值之一：\2。"),
        (r"^Value '(.*)' is not a valid (\w+)\.$", r"“\1”的类型不对。"),
    ))
FILE_PROBLEM = re.compile(r"^(?:File|Path|Directory) '(.*)' (.+)\.$")
FILE_PROBLEMS = {"does not exist": "不存在", "is a file": "是文件，应为目录",
                 "is a directory": "是目录，应为文件", "is not readable": "不可读",
                 "is not writable": "不可写"}
VALUE_WORDS: tuple[tuple[str, str], ...] = (
    ("Input should be a valid integer", "应为整数"),
    ("Input should be a valid number", "应为数字"),
    ("Input should be a valid boolean", "应为是或否"),
    ("Input should be a valid date", "应为日期（如 2025-09-01）"),
    ("Input should be greater than or equal to", "应不小于"),
    ("Input should be less than or equal to", "应不大于"),
    ("Input should be greater than", "应大于"),
    ("Input should be less than", "应小于"),
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORDS = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}")  # an English phrase, not an option name


def zh_text(message: str) -> str:
    """The Chinese of one of Click's or the value checker's English messages ('' when unknown)."""
    message = message.strip()
    listed = translate(message)
    if listed != message:
        return listed
    for pattern, text in PATTERNS:
        if pattern.match(message):
            return pattern.sub(text, message)
    if (found := FILE_PROBLEM.match(message)) and found.group(2) in FILE_PROBLEMS:
        return f"“{found.group(1)}”{FILE_PROBLEMS[found.group(2)]}。"
    for english, chinese in VALUE_WORDS:
        if message.startswith(english):
            rest = message[len(english):].split(",")[0].strip()
            return f"{chinese} {rest}".strip() if re.fullmatch(r"[-\d.]+", rest) else chinese
    # a message of ours is Chinese already and may name a command ('junheng serve')
    return message if CHINESE.search(message) or not ASCII_WORDS.search(message) else ""


#: typer's suggestion for a mistyped command, appended in English to Click's message
SUGGESTION = re.compile(r"\.? Did you mean (.+)\?$")


def zh_suggestion(message: str) -> str:
    """Click's message with typer's English 「Did you mean …?」 in Chinese.

    >>> zh_suggestion("没有子命令“evalute”。. Did you mean 'evaluate', 'validate'?")
    '没有子命令“evalute”。是否要用：evaluate、validate？'
    """
    found = SUGGESTION.search(message)
    if found is None:
        return message
    names = re.findall(r"'([^']+)'", found.group(1))
    return f"{message[:found.start()]}是否要用：{'、'.join(names)}？"


def _hint(exc: click_exc.BadParameter) -> str:
    """The parameter's name as typed (``--county`` or ``FILE``), without Click's quotes."""
    if exc.param_hint is not None:
        hint = exc.param_hint
        hint = hint if isinstance(hint, str) else " / ".join(hint)
    elif exc.param is not None:
        hint = exc.param.get_error_hint()
    else:
        return ""
    return hint.replace("'", "").split(" (env var")[0]


def _typed(exc: click_exc.BadParameter) -> str | None:
    """The value the value checker refused (typer keeps its pydantic error as the cause)."""
    errors = getattr(exc.__cause__, "errors", None)
    try:
        value = errors()[0].get("input") if callable(errors) else None
    except (IndexError, TypeError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def zh_message(exc: click_exc.ClickException) -> str:
    """What went wrong, in Chinese."""
    if isinstance(exc, click_exc.NoSuchOption):
        text = f"没有选项：{exc.option_name}"
        if exc.possibilities:
            text += f"（是否要用：{'、'.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, click_exc.MissingParameter):
        kind = "选项" if (exc.param_type or getattr(exc.param, "param_type_name", "")) == "option" \
            else "参数"
        return f"缺少{kind} {_hint(exc)}".rstrip() + "。"
    if isinstance(exc, click_exc.BadParameter):
        text = zh_text(exc.message) or "取值无效"
        typed = _typed(exc)
        if typed is not None and not text.startswith("“"):  # the value as typed (rvweb2 12)
            text = f"“{typed}”{text}"
        hint = _hint(exc)
        return f"{hint} 的取值无效：{text}" if hint else f"取值无效：{text}"
    if isinstance(exc, click_exc.FileError):
        return f"无法打开文件“{exc.ui_filename}”。"
    return zh_text(exc.message) or "命令行参数有误。"


def show_usage_error(exc: click_exc.UsageError, file: IO[Any] | None = None) -> None:
    """Usage line, where to find help, and the message: Click's layout, in Chinese."""
    ctx = exc.ctx
    if ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"请运行 {ctx.command_path} {ctx.help_option_names[0]} 查看帮助。")
        echo("\n".join(lines) + "\n", file=file, err=True, color=ctx.color)
    echo(f"错误：{zh_message(exc)}", file=file, err=True, color=ctx.color if ctx else None)


def show_error(exc: click_exc.ClickException, file: IO[Any] | None = None) -> None:
    echo(f"错误：{zh_message(exc)}", file=file, err=True)


def install() -> None:
    """Show Click's usage errors in Chinese in this process (idempotent)."""
    click_exc.ClickException.show = show_error
    click_exc.UsageError.show = show_usage_error
