"""``junheng import``, ``export``, ``counties`` and ``county move``: the store's user tasks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import typer
from rich.table import Table

from junheng.cli.app import app, command, console, group, print_paths
from junheng.cli.loading import database_url
from junheng.errors import JunhengError, ValidationError
from junheng.model.labels import CLI_IMPORTER, CLI_OPERATOR
from junheng.model.times import beijing
from junheng.settings import get_settings

DB_HELP = ("数据库地址，如 sqlite:///junheng.db 或 postgresql+psycopg://用户@主机/库名；"
           "默认取环境变量 JUNHENG_DATABASE_URL，未设置时为 sqlite:///junheng.db。")


def _open(db: str | None, *, create: bool = False):
    """The store at ``db``; only ``create`` (import) makes a missing SQLite file."""
    from junheng.store import open_store

    return open_store(database_url(db, create=create))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: the longest name the audit log holds (``AuditEntry.username``)
NAME_LIMIT = 64
BY_HELP = ("记入导入记录和审计日志的操作人姓名，如 --by 张三；不指定时取环境变量 JUNHENG_OPERATOR，"
           "仍未设置时记为“{unnamed}”（不记录服务器的系统账户名）。")


def operator(by: str | None, *, unnamed: str = CLI_OPERATOR) -> str:
    """Who a command records: ``--by``, else ``JUNHENG_OPERATOR``, else ``unnamed``.

    Never the operating-system login: on a server that is "root", which names no one.
    """
    name = (by if by is not None else get_settings().operator).strip()
    if len(name) > NAME_LIMIT:
        raise JunhengError(f"操作人姓名“{name[:20]}…”有 {len(name)} 个字，最多 {NAME_LIMIT} 个字："
                           "请缩短 --by 或环境变量 JUNHENG_OPERATOR。")
    return name or unnamed


def _row_count_table(counts: dict[str, int], head: str = "工作表") -> Table:
    from junheng.store.backup import table_label

    table = Table(show_header=True)
    table.add_column(head)
    table.add_column("行数", justify="right")
    for key, n in counts.items():
        table.add_row(table_label(key), f"{n:,}")
    return table


@command("import", help="校验并导入县域教育数据工作簿：全部通过才写入。\n\n一次事务内要么全部导入、"
                        "要么什么都不写；同一县区同一学年已在库中时须加 --replace 才替换。")
def import_workbook(
    file: Path = typer.Argument(..., metavar="工作簿", help="要导入的县域教育数据工作簿（.xlsx）。"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    replace: bool = typer.Option(False, "--replace", help="库中已有该县区该学年的数据时，用本文件整体"
                                 "替换（在同一事务内完成，失败则保留原数据）。"),
    user: str | None = typer.Option(None, "--by", "--user", metavar="姓名",
                                    help=BY_HELP.format(unnamed=CLI_IMPORTER)),
    overlay: Path | None = typer.Option(None, "--overlay", help="同时为该县区设置省级补充标准（省级覆盖"
                                        "文件，.yaml），同 junheng county overlay set；文件有误时什么都不导入。"),
) -> None:
    """校验并导入县域教育数据工作簿。"""
    from junheng.cli.overlay import read_overlay_text, set_and_print
    from junheng.io import inspect_workbook

    overlay_text = None if overlay is None else read_overlay_text(overlay)
    reading = inspect_workbook(file)
    for notice in reading.notices:
        console.print(f"提示：{notice}")
    if reading.problems or reading.data is None:
        raise ValidationError(reading.problems)
    who = operator(user, unnamed=CLI_IMPORTER)
    with _open(db, create=True) as store:
        record = store.import_county(reading.data, replace=replace, source=file.name,
                                     file_hash=file_sha256(file), user=who)
    name = reading.data.info.get("county_name") or ""
    done = "已替换库中原有数据" if record.replaced else "新导入"
    console.print(f"[bold green]导入成功[/]：{name}（{record.county_code}）{record.school_year} 学年，"
                  f"{done}（导入记录第 {record.id} 号，文件 SHA-256 {record.file_hash[:12]}…）。")
    console.print(_row_count_table(dict(record.row_counts)))
    if overlay is not None:
        with _open(db) as store:
            set_and_print(store, record.county_code, overlay_text, overlay.name, operator(user))


@command("export", help="把库中某县区某学年的数据导出为县域教育数据工作簿（.xlsx），"
                        "格式与导入格式相同，可再次导入。")
def export_workbook(
    out: Path = typer.Argument(..., metavar="工作簿", help="要写出的工作簿路径，例如 示例县2025.xlsx。"),
    county: str = typer.Option(..., "--county", help="县区代码（6 位），例如 410306。"),
    year: int | None = typer.Option(None, "--year", help="学年（起始年份，如 2025 表示 2025–2026 "
                                    "学年）；不指定时导出库中该县区最新的学年。"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖它（默认不覆盖）。"),
) -> None:
    """把库中某县区某学年的数据导出为工作簿。"""
    from junheng.io import summarize_county, write_workbook

    if out.suffix.lower() != ".xlsx":
        raise JunhengError(f"导出文件名“{out.name}”应以 .xlsx 结尾。")
    if out.exists() and not force:
        raise JunhengError(f"文件“{out}”已存在，未覆盖：请换一个文件名，或加 --force 覆盖。")
    with _open(db) as store:
        if year is None:
            years = store.years(county)
            if not years:
                raise JunhengError(f"库中没有县区 {county} 的任何数据：请先用 junheng import 导入，"
                                   f"或用 junheng counties 查看库中已有的县区。")
            year = years[-1]
        data = store.load_county(county, year)
    write_workbook(data, out)
    counts = data.row_counts()
    print_paths(f"已导出 {data.info.get('county_name', '')}（{county}）{year} 学年到：", [out])
    console.print(f"共 {summarize_county(data).schools_text}，班级 {counts['classes']:,} 个，"
                  f"教职工 {counts['teachers']:,} 人，村居 {counts['villages']:,} 个。")


@command("counties", help="列出库中已有的县区和学年，以及各表行数和导入时间。")
def list_counties(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """列出库中已有的县区和学年。"""
    with _open(db) as store:
        held = store.counties()
    if not held:
        console.print("库中还没有任何县区的数据：可用 junheng import 工作簿.xlsx 导入。")
        return
    # 学校 is the 学校 sheet's rows: the 自评 counts 教学点 apart (rw 2: 173 here, 101 所 there)
    table = Table(title=f"库中共有 {len(held)} 个县区学年",
                  caption="学校、班级、教职工、村居为各表行数，学校含教学点和幼儿园；导入时间为北京时间")
    for head in ("县区代码", "县区名称", "学年", "学校", "班级", "教职工", "村居", "导入时间"):
        counted = head in ("学校", "班级", "教职工", "村居")
        table.add_column(head, justify="right" if counted else "left", no_wrap=not counted)
    for cy in held:
        n = cy.row_counts
        when = beijing(cy.imported_at)
        table.add_row(cy.county_code, cy.county_name, str(cy.school_year), f"{n['schools']:,}",
                      f"{n['classes']:,}", f"{n['teachers']:,}", f"{n['villages']:,}", when)
    console.print(table)


county_app = group("县区管理：调整县区的所属地市，设置省级补充标准（会记入审计日志）。")
app.add_typer(county_app, name="county")


@command("move", parent=county_app,
         help="把库中某县区（全部学年）划归另一个地市，并记入审计日志。导入工作簿不能更改县区的所属地市，"
              "行政区划调整只能用本命令。")
def move_county(
    county: str = typer.Argument(..., metavar="县区代码", help="县区代码（6 位），例如 410122。"),
    city: str = typer.Option(..., "--city", help="新的所属地市名称，例如 郑州市。"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    user: str | None = typer.Option(None, "--by", "--user", metavar="姓名",
                                    help=BY_HELP.format(unnamed=CLI_OPERATOR)),
) -> None:
    """把县区划归另一个地市。"""
    from junheng.store.authority import move_county as move

    with _open(db) as store, store.session() as session:
        years = move(session, county_code=county, city_name=city,
                     by=operator(user))
        session.commit()
    console.print(f"已把县区 {county} 的 {years} 个学年划归“{city.strip()}”（已记入审计日志）。")


@command("backup", short_help="把整个数据库（县区数据、用户、审计日志等）备份到一个文件。", help="把整个数据库备份到一个文件：全部县区数据、用户、审计日志、学校填报和导入记录"
                        "（登录会话除外），取自同一时刻的一致快照；可同时备份布局方案文件。")
def backup(
    out: Path = typer.Argument(..., metavar="备份文件", help="要写出的备份文件，例如 junheng-20250901.zip（已存在时不覆盖）。"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    data_dir: Path | None = typer.Option(None, "--data-dir",
                                         help="网页系统的数据目录（junheng serve --data-dir）：同时备份其中"
                                              "已计算的布局方案文件（layout/）。"),
) -> None:
    """备份整个数据库。"""
    from junheng.store.backup import backup_store, revision_label

    summary = backup_store(database_url(db), out, data_dir=data_dir)
    print_paths("已备份到：", [summary.path])
    console.print(f"数据库结构版本 {revision_label(summary.schema_revision)}，备份的数据：")
    console.print(_row_count_table(summary.rows, head="数据"))
    console.print(f"共 {summary.total_rows:,} 行，布局方案文件 {summary.files} 个。"
                  "请把备份文件复制到另一台机器或移动硬盘保存。")


@command("restore", help="把 junheng backup 写出的备份恢复到空数据库。\n\n数据库可为 SQLite 或 PostgreSQL；"
                         "目标库已有数据时须加 --force，先清空再恢复。恢复后所有用户需重新登录。")
def restore(
    file: Path = typer.Argument(..., metavar="备份文件", help="junheng backup 写出的备份文件。"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    force: bool = typer.Option(False, "--force", help="目标数据库已有数据时，先清空全部数据再恢复"
                               "（不可撤销，请先备份目标库）。"),
    data_dir: Path | None = typer.Option(None, "--data-dir",
                                         help="把备份中的布局方案文件恢复到该数据目录。"),
) -> None:
    """从备份文件恢复数据库。"""
    from junheng.store.backup import restore_store, revision_label

    if not file.is_file():
        raise JunhengError(f"找不到备份文件“{file}”：请检查路径。")
    summary = restore_store(db or get_settings().database_url, file, force=force,
                            data_dir=data_dir)
    console.print(f"已从 {file.name} 恢复（备份时数据库结构版本 {revision_label(summary.schema_revision)}，"
                  "已升级到最新）：")
    console.print(_row_count_table(summary.rows, head="数据"))
    console.print(f"共 {summary.total_rows:,} 行，布局方案文件 {summary.files} 个。所有用户需重新登录。")
