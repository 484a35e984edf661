"""Two runs of the same layout plan write the same plan.json but for ``seconds``: its
``kept_reasons`` follow the plan's school order (planning.layout_order). The notes were
gathered through a set, so their order changed with the hash seed: on main the line county's
two kept reasons came as 4103060001, NEW-410306101 with PYTHONHASHSEED=1 and reversed with 4."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool

ROOT = Path(__file__).resolve().parents[2]

RUN = """
import sys
from layout_builders import line_county
from junheng.planning import load_layout_config, plan_layout
from junheng.planning.layout_json import write_layout_json
write_layout_json(plan_layout(line_county(), load_layout_config()).outcome, sys.argv[1])
"""


def _plan_json(tmp_path: Path, hash_seed: int) -> dict:
    out = tmp_path / f"plan-{hash_seed}.json"
    env = {
        **os.environ,
        "PYTHONHASHSEED": str(hash_seed),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(Path(__file__).parent)]),
    }
    subprocess.run([sys.executable, "-c", RUN, str(out)], check=True, env=env, cwd=tmp_path)
    return json.loads(out.read_text(encoding="utf-8"))


def test_two_runs_write_the_same_plan_json_but_for_seconds(tmp_path):
    first, second = _plan_json(tmp_path, 1), _plan_json(tmp_path, 4)
    first.pop("seconds"), second.pop("seconds")
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    # the school order: C1 (4103060001), TP01, C2 (4103060002), the new site; C1 and the
    # new site have reasons
    assert list(first["kept_reasons"]) == ["4103060001", "NEW-410306101"]
    assert [s["school_id"] for s in first["schools"]] == [
        "4103060001",
        "TP01",
        "4103060002",
        "NEW-410306101",
    ]


def test_kept_reasons_follow_the_plan_s_school_order_ids_it_lacks_last():
    schools = (PlannedSchool("B", "乙", "keep"), PlannedSchool("A", "甲", "keep"))
    plan = LayoutOutcome("optimal", schools, {}, kept_reasons={"Z": "z", "A": "a", "B": "b"})
    assert list(plan.kept_reasons) == ["B", "A", "Z"]
