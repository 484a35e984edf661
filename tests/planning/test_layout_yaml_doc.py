"""docs/layout-yaml.md has a row for every setting of a plan file (issue 16 item 7: defaults
everywhere and documented; audit haudit: ``costs.gym_min_area_m2`` and
``costs.sports_floor_margin`` had none)."""

from __future__ import annotations

import re
from pathlib import Path

from junheng.planning import LayoutConfig
from junheng.planning.layout_config import Costs, Weights

DOC = Path(__file__).parents[2] / "docs" / "layout-yaml.md"


def documented_keys(text: str) -> dict[str, str]:
    """{key: its row} for each key named in the first cell of a table row; a key written
    ``_junior`` after ``weights.x_primary`` is ``weights.x_junior`` (one row for both)."""
    rows: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        previous = ""
        for key in re.findall(r"`([^`]+)`", line.split("|")[1]):
            key = previous.rsplit("_", 1)[0] + key if key.startswith("_") and previous else key
            rows[key] = line
            previous = key
    return rows


def test_the_key_reader_expands_a_shared_row():
    row = "| `weights.operating_yuan_per_pupil_primary` / `_junior` | 元/（生·年） | 空 | … |"
    assert sorted(documented_keys(row)) == ["weights.operating_yuan_per_pupil_junior",
                                            "weights.operating_yuan_per_pupil_primary"]


def test_every_setting_of_a_plan_file_has_a_row():
    keys = [k for k in LayoutConfig.model_fields if k not in ("weights", "costs")]
    keys += [f"weights.{k}" for k in Weights.model_fields]
    keys += [f"costs.{k}" for k in Costs.model_fields]
    rows = documented_keys(DOC.read_text(encoding="utf-8"))
    assert [k for k in keys if k not in rows] == []
    assert len(keys) == 94  # 60 top-level (with closures_reviewed, rezoning_grades, new_school_need), 14 weights, 20 costs
    # the two rows the audit found missing: unit, default and where the default comes from
    assert (Costs().gym_min_area_m2, Costs().sports_floor_margin) == (800, 0.02)
    assert rows["costs.gym_min_area_m2"].startswith(
        "| `costs.gym_min_area_m2` | 平方米 | 800（单价文件 `land.gym_min_area`，假设值，与达标路径相同） |")
    assert rows["costs.sports_floor_margin"].startswith(
        "| `costs.sports_floor_margin` | 比例 | 0.02（单价文件 `land.floor_margin`，假设值，与达标路径相同） |")


def test_the_min_school_size_row_names_every_kind_its_key_and_the_merge():
    # review rv24 4: the row gave 「教学点 30，小学 100」 but not the keys the YAML must spell
    from junheng.model.labels import SCHOOL_TYPE_LABELS
    from junheng.planning.layout_config_keys import MIN_SIZE_KINDS

    row = documented_keys(DOC.read_text(encoding="utf-8"))["min_school_size"]
    assert [k for k in MIN_SIZE_KINDS if f"`{k}`（{SCHOOL_TYPE_LABELS[k]}）" not in row] == []
    assert "只写要改的类别，未写的类别取默认" in row
