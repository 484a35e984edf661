"""Every date a user reads is Beijing's (review 2026-12-04 finding 15: the demo run at 00:25
Beijing time on 5 December said "报告日期：2026 年 12 月 4 日", the UTC date)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from junheng.model.times import folder_stamp, today_beijing
from junheng.planning.layout_phases import first_phase

SRC = Path(__file__).resolve().parents[2] / "src" / "junheng"


def test_the_day_turns_at_midnight_beijing_time():
    # 2026-12-04 16:00 UTC is 2026-12-05 00:00 in Beijing (UTC+8); a second earlier is the 4th
    assert today_beijing(datetime(2026, 12, 4, 16, 0, tzinfo=UTC)).isoformat() == "2026-12-05"
    assert today_beijing(datetime(2026, 12, 4, 15, 59, 59, tzinfo=UTC)).isoformat() == "2026-12-04"
    # a zone-aware time elsewhere: 2026-08-31 20:00 in UTC-5 is 09-01 01:00 UTC, 09:00 Beijing
    from datetime import timezone

    there = datetime(2026, 8, 31, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert today_beijing(there).isoformat() == "2026-09-01"


def test_the_first_school_year_follows_the_beijing_date():
    # data year 2025: made on 2026-08-31 (Beijing) the 2026 学年 has not begun, so it is the
    # first plan year (phase 1); a minute past 16:00 UTC that day it is 09-01 in Beijing, the
    # 2026 学年 has begun and the first is 2027 (phase 2)
    before = today_beijing(datetime(2026, 8, 31, 15, 59, tzinfo=UTC))
    after = today_beijing(datetime(2026, 8, 31, 16, 1, tzinfo=UTC))
    assert (first_phase(2025, before), first_phase(2025, after)) == (1, 2)


def test_no_module_takes_the_machine_s_date():
    # date.today() is the machine's zone (UTC on the servers): every date goes through
    # today_beijing
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if re.search(r"\bdate\.today\(", p.read_text(encoding="utf-8"))]
    assert found == []


def test_a_folder_stamp_is_beijing_time():
    # 2026-12-04 16:25:07 UTC is 2026-12-05 00:25:07 in Beijing (UTC+8): the folder says the 5th
    assert folder_stamp(datetime(2026, 12, 4, 16, 25, 7, tzinfo=UTC)) == "20261205002507"
    # 2026-12-04 15:59:59 UTC is 23:59:59 the same day in Beijing
    assert folder_stamp(datetime(2026, 12, 4, 15, 59, 59, tzinfo=UTC)) == "20261204235959"


def _stamp_matches_request(job: Path) -> None:
    # the folder's stamp is the request's created_at (kept in UTC) read in Beijing time
    created = json.loads((job / "request.json").read_text(encoding="utf-8"))["created_at"]
    assert datetime.fromisoformat(created).utcoffset() == timedelta(0)
    assert job.name.split("-")[0] == folder_stamp(datetime.fromisoformat(created))


def test_the_demo_s_and_the_web_s_job_folders_are_stamped_in_beijing_time(tmp_path):
    from junheng.jobs.demo import job_folder
    from junheng.web.worker import LayoutJobs

    data = SimpleNamespace(county_code="410331", school_year=2025)
    _stamp_matches_request(job_folder(tmp_path / "demo", data, "layout", {}, "完成"))
    jobs = LayoutJobs(store_url="sqlite://", root=tmp_path / "web")
    job_id = jobs.create(county_code="410331", school_year=2025, config={}, username="demo")
    _stamp_matches_request(tmp_path / "web" / job_id)


def test_no_module_stamps_a_folder_outside_times():
    # a folder stamp written by hand ("%Y%m%d%H%M%S" on datetime.now(UTC)) was UTC
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if "%Y%m%d%H%M%S" in p.read_text(encoding="utf-8")]
    assert found == ["model/times.py"]
