"""Click's and Typer's own words in Chinese: help headings, the ``--help`` line, defaults and
usage errors (everything a user reads from ``junheng`` is Chinese).

Click and Typer translate these messages through :func:`gettext.gettext`, bound in each module
as ``_`` (and ``ngettext``); there is no catalogue to install without changing the process's
language settings, so :func:`install` points those names at :data:`MESSAGES`. A message not
listed stays as Click writes it; ``tests/test_cli_help.py`` reads every command's help.

>>> translate("Show this message and exit.")
'显示本帮助并退出。'
>>> translate("No such option: {name}").format(name="--x")
'没有选项：--x'
"""

from __future__ import annotations

import importlib

MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已取消。",
    "Error": "错误",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "可运行 {command} {option} 查看帮助。",
    "Missing command.": "缺少子命令。",
    "No such command {name!r}.": "没有子命令“{name}”。",
    "No such option: {name}": "没有选项：{name}",
    "No such option {name!r}.": "没有选项“{name}”。",
    "Did you mean {possibility}?": "是否要用 {possibility}？",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Option {name!r} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选值之一：{choices}。",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not a valid boolean.": "“{value}”不是有效的是/否值。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是目录。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
}
MODULES = ("click.core", "click.exceptions", "click.formatting", "click.parser",
           "click.types", "click.decorators", "typer.core")


def translate(message: str) -> str:
    """The Chinese of a Click or Typer message (the message itself when none is listed)."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """Chinese has one form: the translation of the form English would use."""
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Make Click and Typer speak Chinese in this process (idempotent)."""
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
