"""A rules or price file read once per version (model.memo.per_file_version): the staffing
rules (tests/teachers/test_rules_cache.py) and the unit costs keep the one cache; a file
changed on disk is read again, an unchanged one is not."""

from __future__ import annotations

import os

import pytest

from junheng.errors import ConfigError
from junheng.model.memo import per_file_version
from junheng.planning.compliance_costs import load_costs


def test_a_file_is_read_once_per_version(tmp_path):
    reads = []

    def read(path):
        reads.append(path.name)
        return path.read_text(encoding="utf-8")

    cached = per_file_version(read)
    path = tmp_path / "rules.txt"
    path.write_text("19", encoding="utf-8")
    assert [cached(path), cached(str(path)), cached(path)] == ["19", "19", "19"]
    assert reads == ["rules.txt"]
    path.write_text("20.5", encoding="utf-8")  # another size
    assert cached(path) == "20.5" and len(reads) == 2
    path.write_text("21.5", encoding="utf-8")  # the same size, another time
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cached(path) == "21.5" and len(reads) == 3
    assert cached(path) == "21.5" and len(reads) == 3


def test_a_missing_file_is_read_every_time_so_the_reader_says_why(tmp_path):
    def read(path):
        raise ConfigError(f"找不到文件 {path.name}")

    cached = per_file_version(read)
    for _ in range(2):
        with pytest.raises(ConfigError, match="找不到文件 none.yaml"):
            cached(tmp_path / "none.yaml")


def test_a_county_price_file_is_read_again_once_edited(tmp_path):
    path = tmp_path / "县区单价.yaml"
    path.write_text("budget:\n  share: 0.15\n  source: 县政府批准的年度投入计划\n", encoding="utf-8")
    assert load_costs(path).budget_share == 0.15
    assert load_costs(path).budget_share == 0.15
    path.write_text("budget:\n  share: 0.25\n  source: 县政府批准的年度投入计划\n", encoding="utf-8")
    assert load_costs(path).budget_share == 0.25
    assert load_costs().budget_share == 0.1  # the shipped file's
