"""Read every ``*.xlsx`` of a folder with ``inspect_workbook`` and print one JSON line each.

Run as ``python -m fuzz.run_corpus FOLDER`` (``tests/`` on the path) in a child process with
an address-space limit, so a file that aborts the reader ends this process, not the test
that started it. Each line: ``{"name", "outcome": "refused"|"read"|"exception", "text"}``, where
``text`` is the error message or every problem's message.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

LIMIT_BYTES = 3 * 1024**3


def main(folder: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))
    from junheng.errors import WorkbookError
    from junheng.io import inspect_workbook

    for path in sorted(Path(folder).glob("*.xlsx")):
        try:
            reading = inspect_workbook(path)
        except WorkbookError as exc:
            line = {"name": path.stem, "outcome": "refused", "text": str(exc)}
        except Exception as exc:  # a bug: the web would answer 500
            line = {"name": path.stem, "outcome": "exception", "text": repr(exc)}
        else:
            text = "\n".join(str(p) for p in reading.problems)
            line = {"name": path.stem, "outcome": "read", "text": text}
        print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
