"""Brief hq (hx3 noticed 「ZIP does not support timestamps before 1980」 writing the layout docx
in a test): a .docx and a backup are ZIP files, whose entries cannot be dated before 1980.
python-docx dates each entry by the machine's clock (``time.time``), ``ZipFile.write`` a data
file by its mtime. The test's cause was a fixture that set ``time.time`` to 1,000,000 s
(1970-01-12) for every test of its module; a user meets the same on a machine whose clock lost
its date (a backup with a data file of mtime 0: tests/store/test_store_backup_dates.py)."""

from __future__ import annotations

import time

import pytest

from junheng.errors import JunhengError
from junheng.report.word_document import WordReport


def test_a_clock_before_1980_is_said_in_chinese_and_leaves_no_file(tmp_path, monkeypatch):
    r = WordReport()
    r.para("正文")
    monkeypatch.setattr(time, "time", lambda: 1_000_000.0)  # 11 d 13 h 46 min 40 s after 1970-01-01
    with pytest.raises(JunhengError) as caught:
        r.save(tmp_path / "布局调整方案.docx")
    assert str(caught.value) == ("本机系统日期为 1970-01-12，早于 1980 年，无法写入 Word 文件“布局调整方案.docx”："
                                 "请把系统日期改为当天后重试。")
    assert not (tmp_path / "布局调整方案.docx").exists()
    monkeypatch.undo()  # the clock right again: the same document is written
    assert r.save(tmp_path / "布局调整方案.docx").stat().st_size > 0
