"""The staffing rules are read once per version of their file (the layout's subject matching
asks for them per teacher) and read again when the file changes on disk."""

from __future__ import annotations

import os
import re

import pytest

from junheng.errors import ConfigError
from junheng.teachers.rules import RULES_FILE, load_rules


def test_the_same_file_is_read_once_and_an_edited_one_again(tmp_path):
    path = tmp_path / "rules.yaml"
    text = RULES_FILE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_rules(path)
    assert load_rules(path) is first and load_rules(str(path)) is first
    # the primary 生师比 19 → 18 (one character shorter or not: the time changes too)
    edited = text.replace("primary: 19", "primary: 18", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = load_rules(path)
    assert again is not first
    assert (first.student_ratio["primary"], again.student_ratio["primary"]) == (19.0, 18.0)


def test_a_missing_file_is_still_the_readers_message(tmp_path):
    with pytest.raises(ConfigError, match="^" + re.escape(f"找不到编制标准文件 {tmp_path / '无.yaml'}：请检查路径。") + "$"):
        load_rules(tmp_path / "无.yaml")
