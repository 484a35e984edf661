"""``junheng county overlay set|show|clear``: the provincial overlay stored for a county.

Every evaluation of the county from the store (``junheng evaluate``/``report``/``ledger``,
province jobs, the web) takes the stored overlay's thresholds unless it names its own file.
"""

from __future__ import annotations

from pathlib import Path

import typer

from junheng.cli.app import command, console, group
from junheng.cli.store import BY_HELP, DB_HELP, _open, county_app, operator
from junheng.errors import JunhengError
from junheng.model.labels import CLI_OPERATOR, recorded_by
from junheng.model.times import beijing
from junheng.standards import NATIONAL_BASIS

overlay_app = group(
    "省级补充标准：为县区设置、查看或清除省级覆盖文件；设置后该县区的每次评估都按它的阈值。"
)
county_app.add_typer(overlay_app, name="overlay")

COUNTY_HELP = "县区代码（6 位），例如 410306。"
USER_HELP = BY_HELP.format(unnamed=CLI_OPERATOR)


def read_overlay_text(file: Path) -> str:
    """The overlay file's text, checked (the loader's message names the file, key and value)."""
    from junheng.standards import parse_overlay

    text = _read_text(file)
    parse_overlay(text, file.name)
    return text


def set_and_print(store, county: str, text: str, file_name: str, user: str) -> None:
    """Store the county's overlay and say what it changes."""
    stored = store.set_overlay(county, text=text, file_name=file_name, user=user)
    console.print(
        f"已为县区 {county} 设置省级补充标准“{stored.name}”（文件 {stored.file_name}），"
        f"该县区今后的评估均按{stored.name}补充标准（已记入审计日志）。",
        highlight=False,
    )
    _print_changes(stored.overlay)


def _read_text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JunhengError(f"找不到覆盖文件 {file}：请检查路径。") from None
    except UnicodeDecodeError:
        raise JunhengError(
            f"覆盖文件 {file} 不是 UTF-8 编码的文本：请用 UTF-8 保存后重试。"
        ) from None


def _print_changes(overlay) -> None:
    from junheng.evaluate import overlay_changes

    changes = overlay_changes(overlay)
    console.print("调整的阈值：" if changes else "调整的阈值：无（各项仍按国家标准）")
    for line in changes:
        console.print(f"  · {line}", highlight=False)


@command(
    "set",
    parent=overlay_app,
    help="校验省级覆盖文件并存为该县区的省级补充标准（替换原有的），记入审计日志；文件有误时不做任何修改。",
)
def set_overlay(
    file: Path = typer.Argument(
        ..., metavar="覆盖文件", help="省级覆盖文件（.yaml），如 examples/overlays/henan.yaml。"
    ),
    county: str = typer.Option(..., "--county", help=COUNTY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    user: str | None = typer.Option(None, "--by", "--user", metavar="姓名", help=USER_HELP),
) -> None:
    """为县区设置省级补充标准。"""
    text = _read_text(file)
    with _open(db) as store:
        set_and_print(store, county, text, file.name, operator(user))


@command("show", parent=overlay_app, help="显示县区的省级补充标准：名称、来源、文件和调整的阈值。")
def show_overlay(
    county: str = typer.Option(..., "--county", help=COUNTY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """显示县区的省级补充标准。"""
    with _open(db) as store:
        stored = store.overlay(county)
    if stored is None:
        console.print(f"县区 {county} 未设省级补充标准：评估按{NATIONAL_BASIS}。", highlight=False)
        return
    overlay = stored.overlay
    who = f"{recorded_by(stored.set_by)} " if stored.set_by else ""
    console.print(
        f"县区 {county} 的省级补充标准：{stored.name}（文件 {stored.file_name}，"
        f"{who}于 {beijing(stored.set_at)} 设置）",
        highlight=False,
    )
    if overlay.source:
        console.print(f"依据文件：{overlay.source}", highlight=False)
    _print_changes(overlay)


@command(
    "clear",
    parent=overlay_app,
    help="清除县区的省级补充标准，该县区今后按国家标准评估（记入审计日志）。",
)
def clear_overlay(
    county: str = typer.Option(..., "--county", help=COUNTY_HELP),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    user: str | None = typer.Option(None, "--by", "--user", metavar="姓名", help=USER_HELP),
) -> None:
    """清除县区的省级补充标准。"""
    with _open(db) as store:
        gone = store.clear_overlay(county, user=operator(user))
    if gone is None:
        console.print(f"县区 {county} 未设省级补充标准，无需清除。", highlight=False)
        return
    console.print(
        f"已清除县区 {county} 的省级补充标准“{gone.name}”，该县区今后按国家标准评估（已记入审计日志）。",
        highlight=False,
    )
