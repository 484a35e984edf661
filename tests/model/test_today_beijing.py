"""Every date a user reads is Beijing's (review 2026-12-04 finding 15: the demo run at 00:25
Beijing time on 5 December said "报告日期：2026 年 12 月 4 日", the UTC date)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from junheng.model.times import today_beijing
from junheng.planning.layout_phases import first_phase

SRC = Path(__file__).resolve().parents[2] / "src" / "junheng"


def test_the_day_turns_at_midnight_beijing_time():
    # 2026-12-04 16:00 UTC is 2026-12-05 00:00 in Beijing (UTC+8); a second earlier is the 4th
    assert today_beijing(datetime(2026, 12, 4, 16, 0, tzinfo=UTC)).isoformat() == "2026-12-05"
    assert today_beijing(datetime(2026, 12, 4, 15, 59, 59, tzinfo=UTC)).isoformat() == "2026-12-04"
    # a zone-aware time elsewhere: 2026-08-31 20:00 in UTC-5 is 09-01 01:00 UTC, 09:00 Beijing
    from datetime import timedelta, timezone

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
