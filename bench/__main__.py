"""``make bench`` / ``python -m bench``: every benchmark in turn, each printing its figures and
its ratios against a baseline run in the same process.

    python -m bench [NAME ...]      # names: facility demo_data evaluate forecast layout compliance province web demo
                                    #        teachers zones
"""

from __future__ import annotations

import importlib
import sys
import time

# (module, argv for its main): defaults sized for a 2-core machine.
SUITE = (
    ("facility", ["--suite"]),
    ("demo_data", []),
    ("evaluate", []),
    ("forecast", []),
    ("layout", ["--counties", "10"]),
    ("compliance", ["--counties", "2", "--province", "10"]),
    ("province", ["--counties", "20"]),
    ("web", []),
    ("demo", ["--repeat", "2"]),
    ("teachers", []),
    ("zones", ["--districting", "county23,county35,county16"]),
)


def main(names: list[str]) -> int:
    chosen = [s for s in SUITE if not names or s[0] in names]
    unknown = set(names) - {s[0] for s in SUITE}
    if unknown:
        print(f"未知的基准：{', '.join(sorted(unknown))}；可选：{', '.join(s[0] for s in SUITE)}")
        return 2
    for name, argv in chosen:
        print(f"\n===== bench.{name} {' '.join(argv)} =====", flush=True)
        began = time.perf_counter()
        status = importlib.import_module(f"bench.{name}").main(argv)
        print(f"----- bench.{name}: {time.perf_counter() - began:.1f} s", flush=True)
        if status:
            return int(status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
