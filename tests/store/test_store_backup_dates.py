"""Brief hq: a backup is a ZIP, whose entries cannot be dated before 1980; ``ZipFile.write``
dates a data file by its mtime, so a layout file of mtime 0 (unpacked from an archive that
zeroed its dates) failed the backup with 「ZIP does not support timestamps before 1980」."""

from __future__ import annotations

import os
import zipfile

from tests.store.test_store_backup import filled_with_plan

from junheng.store.backup import backup_store


def test_a_data_file_dated_1970_is_backed_up_as_1980(tmp_path):
    url, plan = filled_with_plan(tmp_path)
    os.utime(plan, (0, 0))  # mtime 0: 1970-01-01, as a file unpacked from an archive that zeroed dates
    summary = backup_store(url, tmp_path / "b.zip", data_dir=tmp_path / "web-data")
    assert summary.files == 1
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        entry = archive.getinfo("files/layout/job1/plan.json")
        assert entry.date_time == (1980, 1, 1, 0, 0, 0)
        assert archive.read(entry) == '{"scenario": "默认方案"}'.encode()
