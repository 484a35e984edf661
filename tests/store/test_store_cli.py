"""``junheng import``, ``export`` and ``counties`` as a user runs them: exit codes and Chinese text."""

from __future__ import annotations

import hashlib
import re

import pytest
import typer
from county_builders import assert_same_county, sample_county
from typer.testing import CliRunner

from junheng.cli import app
from junheng.io import example_county, read_workbook, write_workbook
from junheng.store import open_store

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str, **env: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200", **env})


@pytest.fixture
def example_file(tmp_path):
    return write_workbook(example_county(), tmp_path / "示例县2025.xlsx")


def test_import_stores_the_workbook_and_prints_a_chinese_summary(example_file, store_url):
    result = run("import", str(example_file), "--db", store_url, "--user", "张三")
    assert result.exit_code == 0, result.output
    assert "导入成功：示例县（410306）2025 学年，新导入（导入记录第 1 号" in result.output
    # The example county: 6 schools, 40 classes, 112 staff, 28 birth rows.
    for sheet, count in (("学校", 6), ("班级", 40), ("教师", 112), ("出生", 28)):
        assert re.search(rf"│ {sheet}\s*│\s*{count} │", result.output), sheet
    with open_store(store_url) as store:
        (logged,) = store.import_log()
        assert_same_county(store.load_county("410306", 2025), read_workbook(example_file))
    assert (logged.source, logged.user) == ("示例县2025.xlsx", "张三")
    assert logged.file_hash == hashlib.sha256(example_file.read_bytes()).hexdigest()


def test_import_of_a_held_year_is_refused_and_replace_swaps_it(example_file, tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run("import", str(example_file), "--db", db).exit_code == 0
    again = run("import", str(example_file), "--db", db)
    assert again.exit_code == 1
    assert "示例县（410306）2025 学年的数据已在库中" in again.output
    assert "--replace" in again.output and "Traceback" not in again.output
    swapped = run("import", str(example_file), "--db", db, "--replace")
    assert swapped.exit_code == 0, swapped.output
    assert "已替换库中原有数据（导入记录第 2 号" in swapped.output
    with open_store(db) as store:
        assert [r.replaced for r in store.import_log()] == [False, True]


def test_bad_workbook_prints_every_located_problem_and_stores_nothing(tmp_path, store_url):
    # The "done when": 学生数 -3 in Excel row 12 of 班级 (frame row 10, after the
    # header row) and a teacher at a school that does not exist.
    county = example_county()
    classes = county.classes.copy()
    classes.loc[10, "students"] = -3
    teachers = county.teachers.copy()
    teachers.loc[5, "school_id"] = "4103069999"
    bad = write_workbook(county.with_tables(classes=classes, teachers=teachers),
                         tmp_path / "bad.xlsx")
    result = run("import", str(bad), "--db", store_url)
    assert result.exit_code == 1
    # not a terminal: one unbroken line per problem (rv2 finding 13), sheet / row / column (value)
    lines = result.output.splitlines()
    # rw 12: the column by its letter and its header as the template writes it
    assert "班级 / 第 12 行 / D 列“学生数（人）”（值：-3）：“学生数”为 -3，应为 0–120 的整数。" in lines, \
        result.output
    assert any(r.startswith("教师 / 第 7 行 / B 列“学校标识码”（值：4103069999）：") for r in lines)
    assert "未做任何导入" in result.output and "Traceback" not in result.output
    with open_store(store_url) as store:
        assert store.counties() == [] and store.import_log() == []


def test_import_of_a_file_that_is_not_a_workbook_is_a_clear_error(tmp_path):
    fake = tmp_path / "notes.xlsx"
    fake.write_text("这不是工作簿", encoding="utf-8")
    result = run("import", str(fake), "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1
    assert "错误：" in result.output and "Traceback" not in result.output


def test_import_to_an_unreachable_database_is_a_clear_error(example_file):
    result = run("import", str(example_file), "--db",
                 "postgresql+psycopg://u@127.0.0.1:1/x?connect_timeout=2")
    assert result.exit_code == 1
    assert "无法打开数据库 postgresql+psycopg://u@127.0.0.1:1/x" in result.output


def test_export_writes_the_same_format_that_imports_again(example_file, store_url, tmp_path):
    assert run("import", str(example_file), "--db", store_url).exit_code == 0
    out = tmp_path / "导出.xlsx"
    result = run("export", "--county", "410306", "--year", "2025", str(out), "--db", store_url)
    assert result.exit_code == 0, result.output
    assert "已导出 示例县（410306）2025 学年到" in result.output
    assert f"  {out}" in result.output.splitlines()  # rw 3: the path whole on its own line
    # rv2 finding 3: 教学点 by 个 and apart (was 「学校 6 所」)
    assert "5 所学校（含幼儿园 2 所）、1 个教学点，班级 40 个，教职工 112 人，村居 6 个" in result.output
    assert_same_county(read_workbook(out), read_workbook(example_file))


def test_export_without_year_takes_the_latest_year(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(db) as store:
        store.import_county(sample_county(school_year=2024))
        store.import_county(sample_county(school_year=2025))
    out = tmp_path / "latest.xlsx"
    result = run("export", "--county", "410306", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    assert read_workbook(out).school_year == 2025


@pytest.mark.parametrize(("args", "message"), [
    (["--county", "410306", "--year", "2019"], "库中没有县区 410306 2019 学年的数据"),
    (["--county", "999999"], "库中没有县区 999999 的任何数据"),
])
def test_export_of_what_the_store_lacks_is_refused(args, message, tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(db) as store:
        store.import_county(sample_county())
    result = run("export", *args, str(tmp_path / "o.xlsx"), "--db", db)
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "o.xlsx").exists()


def test_export_does_not_overwrite_a_file_unless_forced(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(db) as store:
        store.import_county(sample_county())
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old")
    refused = run("export", "--county", "410306", str(out), "--db", db)
    assert refused.exit_code == 1 and "已存在，未覆盖" in refused.output
    assert out.read_bytes() == b"old"
    forced = run("export", "--county", "410306", str(out), "--db", db, "--force")
    assert forced.exit_code == 0
    assert read_workbook(out).county_code == "410306"


def test_export_needs_an_xlsx_name(tmp_path):
    result = run("export", "--county", "410306", str(tmp_path / "o.csv"),
                 "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 1 and "应以 .xlsx 结尾" in result.output


def test_counties_lists_every_county_year_with_counts(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(db) as store:
        store.import_county(sample_county("410306", 2024))
        store.import_county(sample_county("410322", 2025, name="孟津区"))
    result = run("counties", "--db", db)
    assert result.exit_code == 0, result.output
    assert "库中共有 2 个县区学年" in result.output
    # sample county: 5 schools, 9 classes, 6 staff, 3 villages
    assert re.search(r"│ 410306\s*│ 示例县\s*│ 2024 │\s*5 │\s*9 │\s*6 │\s*3 │", result.output)
    assert re.search(r"│ 410322\s*│ 孟津区\s*│ 2025 │\s*5 │\s*9 │\s*6 │\s*3 │", result.output)


def test_counties_of_an_empty_store_says_how_to_import(tmp_path):
    open_store(f"sqlite:///{tmp_path / 's.db'}").close()  # an empty store
    result = run("counties", "--db", f"sqlite:///{tmp_path / 's.db'}")
    assert result.exit_code == 0
    assert "库中还没有任何县区的数据：可用 junheng import 工作簿.xlsx 导入。" in result.output
    # a file that is not there is not made (review rvweb2 finding 12: a mistyped path)
    result = run("counties", "--db", f"sqlite:///{tmp_path / 'typo.db'}")
    assert result.exit_code == 1 and "找不到数据库文件" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_db_defaults_to_the_environment_setting(example_file, tmp_path):
    db = f"sqlite:///{tmp_path / 'env.db'}"
    assert run("import", str(example_file), JUNHENG_DATABASE_URL=db).exit_code == 0
    listed = run("counties", JUNHENG_DATABASE_URL=db)
    assert "示例县" in listed.output
    with open_store(db) as store:
        assert store.years("410306") == [2025]


@pytest.mark.parametrize("name", ["import", "export", "counties"])
def test_store_commands_have_chinese_help_on_every_option(name):
    command = typer.main.get_command(app).commands[name]
    assert CJK.search(command.help)
    for param in command.params:
        if param.name != "help":
            assert param.help and CJK.search(param.help), f"{name} {param.name}"
    result = run(name, "--help")
    assert result.exit_code == 0 and CJK.search(result.output)


def test_county_move_puts_a_county_under_another_city_and_audits_it(tmp_path):
    from cli_run import invoke
    from junheng.store import open_store
    from junheng.store.accounts import list_audit

    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        store.import_county(sample_county())
    moved = invoke("county", "move", "410306", "--city", "郑州市", "--db", url, "--user", "ops")
    assert moved.exit_code == 0, moved.output
    assert "已把县区 410306 的 1 个学年划归“郑州市”（已记入审计日志）" in moved
    again = invoke("county", "move", "410306", "--city", "郑州市", "--db", url)
    assert again.exit_code == 1
    assert "示例县（410306）已属于“郑州市”，未做修改" in again
    with open_store(url) as store, store.session() as session:
        assert store.counties()[0].city_name == "郑州市"
        assert [(e.action, e.username) for e in list_audit(session)] == [("move_county", "ops")]


@pytest.mark.parametrize(("args", "env", "recorded"), [
    # no --by and no JUNHENG_OPERATOR: the command-line label, never the server's login (rw 1)
    ((), {"JUNHENG_OPERATOR": "", "USER": "root", "LOGNAME": "root"}, "命令行导入"),
    ((), {"JUNHENG_OPERATOR": "李四"}, "李四"),
    (("--by", " 张三 "), {"JUNHENG_OPERATOR": "李四"}, "张三"),
])
def test_import_records_who_imported_by_name_or_as_the_command_line(example_file, tmp_path,
                                                                    args, env, recorded):
    db = f"sqlite:///{tmp_path / 'by.db'}"
    result = run("import", str(example_file), "--db", db, *args, **env)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert [r.user for r in store.import_log()] == [recorded]


def test_import_refuses_a_name_too_long_for_the_log_and_stores_nothing(example_file, store_url):
    result = run("import", str(example_file), "--db", store_url, "--by", "张" * 65)
    assert result.exit_code == 1
    # 65 characters; the message shows the first 20, the count and the limit of 64
    assert ("操作人姓名“" + "张" * 20 + "…”有 65 个字，最多 64 个字：请缩短 --by 或环境变量 "
            "JUNHENG_OPERATOR。") in result.output.replace("\n", "")
    with open_store(store_url) as store:
        assert store.import_log() == []


def test_county_move_without_by_is_audited_as_a_command_line_change(tmp_path):
    from junheng.store.accounts import list_audit

    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        store.import_county(sample_county())
    moved = run("county", "move", "410306", "--city", "郑州市", "--db", url,
                JUNHENG_OPERATOR="", USER="root")
    assert moved.exit_code == 0, moved.output
    with open_store(url) as store, store.session() as session:
        assert [e.username for e in list_audit(session)] == ["命令行操作"]
