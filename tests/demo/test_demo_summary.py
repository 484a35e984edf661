"""What ``junheng demo`` prints at the end, and where it writes: every file by its whole path in
``--out`` even when the output goes to a file (review finding 15: an 80-column table cut the
就近划片 paths to “…/20261204094337-34…”), and nothing outside ``--out`` (review: matplotlib's
font cache went to ~/.cache/matplotlib)."""

from __future__ import annotations

import os
import subprocess
import sys
from itertools import takewhile
from pathlib import Path
from types import SimpleNamespace

import pytest
from demo_process import clean_env

from junheng.cli.demo import MPL_DIR, keep_caches_in, print_summary
from junheng.io import example_county
from junheng.jobs.figures import headline_figures


def test_the_summary_lists_every_file_by_its_whole_path_in_out(tmp_path, capsys):
    out = tmp_path / ("一个很长的输出目录名" * 4)  # the header line is longer than 80 columns
    job = "20261204094337-34a1b2c3"
    run = SimpleNamespace(figures=headline_figures(example_county()), seconds=34.4, out=out,
                          users=(), written=(
                              ("2025 学年县域工作簿", out / "workbooks" / "410331_2025.xlsx"),
                              ("就近划片（小学）", out / "web-data" / "layout" / job / "zones.xlsx"),
                              ("外部文件", Path("/srv/其他.xlsx"))))
    print_summary(run)
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(f"示例运行完成，用时 34 秒。输出文件（路径相对于输出目录 {out}）：")
    assert lines[start + 1:start + 4] == [
        "  2025 学年县域工作簿：workbooks/410331_2025.xlsx",
        "  就近划片（小学）：web-data/layout/20261204094337-34a1b2c3/zones.xlsx",
        "  外部文件：/srv/其他.xlsx"]  # a file outside --out keeps its own path
    # the command to start the web system stays on one line, to be copied whole; it names the
    # shipped plans the 规划台账 page offers (review 2026-12-04 finding 4: the page was empty)
    from junheng.jobs.ledger import EXAMPLE_PLANS

    assert lines[start + 4].startswith(f"启动网页系统：.venv/bin/junheng serve --db sqlite:///{out}"
                                       f"/junheng.db --data-dir {out}/web-data --plans-dir "
                                       f"{EXAMPLE_PLANS}，")


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_matplotlib_keeps_its_font_cache_in_out(tmp_path):
    home, out = tmp_path / "home", tmp_path / "out"
    home.mkdir()
    code = ("from pathlib import Path; from junheng.cli.demo import keep_caches_in; "
            f"keep_caches_in(Path({str(out)!r})); import matplotlib.font_manager")
    subprocess.run([sys.executable, "-c", code], env=clean_env(home), check=True)
    assert _files(home) == []
    assert [p.name for p in (out / MPL_DIR).glob("fontlist-*.json")] != []


def test_a_folder_the_user_chose_for_matplotlib_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mine"))
    keep_caches_in(tmp_path / "out")
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "mine")


@pytest.mark.slow
def test_the_demo_writes_nothing_outside_out_and_lists_files_that_exist(demo_cli):
    """The whole demo from the command line, its output to a file as in the review.

    The run is the suite's one demo (``demo_cli``, ``tests/demo_process.py``): ``python -m
    junheng demo --out OUT`` in a new process, HOME and TMPDIR empty folders of its own, no
    MPLCONFIGDIR or XDG folder set, stdout captured; every other demo test reads the same run.
    Checked here on that run: nothing in HOME or TMPDIR afterwards; the summary lists 17 files
    after its 示例运行完成 line, each a file under OUT; its zones.xlsx lines are exactly the
    zones.xlsx files under OUT. The process differs from a user's only in "today" (the suite's
    PLAN_DAY) and in keeping the run it hands to print_summary, outside HOME, TMPDIR and OUT."""
    out = demo_cli.run.out
    assert (_files(demo_cli.home), _files(demo_cli.scratch)) == ([], [])
    lines = demo_cli.stdout.splitlines()
    start = lines.index(next(t for t in lines if t.startswith("示例运行完成")))
    listed = [t.rsplit("：", 1)[1] for t in takewhile(lambda t: t.startswith("  ") and "：" in t,
                                                      lines[start + 1:])]
    assert len(listed) == 17 and [p for p in listed if not (out / p).is_file()] == []
    assert [p for p in listed if p.endswith("zones.xlsx")] == [
        p for p in _files(out) if p.endswith("zones.xlsx")]


def test_the_layout_step_prints_the_ledger_sentence_naming_the_workbook(capsys):
    # review2 (b): the CLI lacked the 按编制需招聘 sentence every document has.
    # 27 needed, 25 today, 5 moved (closure 5), 5 new posts, hire 5, surplus 3
    from junheng.cli.demo import DemoProgress
    from junheng.planning.layout_outcome import LayoutOutcome

    row = {"teaching_points": 1, "oversized_classes": 0, "capital_cost_yuan": 0.0}
    outcome = LayoutOutcome(
        "optimal", (), {"now": row, "before": row, "after": row}, scenario="默认方案",
        year=2025, target_year=2030, seconds=1.0,
        staffing={"year": 2030, "ratio": {"primary": 19, "junior": 13.5},
                  "county": {"need": 27, "today": 25, "moved": 5, "new_posts": 5, "hire": 5,
                             "surplus": 3}, "moved_by_kind": {"closure": 5, "kept": 0}})
    DemoProgress().done("layout", SimpleNamespace(outcome=outcome))
    out = "".join(capsys.readouterr().out.split())  # rich wraps the line: compare without blanks
    assert "".join(["教师（2030", "学年）：按编制标准核定的教职工", "27", "人（教职工与学生比小学", "1:19、初中", "1:13.5，中央编办发〔2014〕72号），与公办学校现有专任教师", "25", "人比较（非教学岗位不另计）；随学生调配", "5", "人（撤并随迁", "5", "人、保留学校间调配", "0", "人）；县管校聘同学段调剂", "0", "人；新建学校编制", "5", "人；调配、调剂后按编制需招聘", "5", "人，另有", "3", "人富余留在原校（见下列输出文件“布局方案”的“教师配置汇总”表）。"]) in out
