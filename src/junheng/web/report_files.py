"""The evaluation pages' report files (自评报告, inspection tables, evaluation workbook) built
once per set of inputs and kept on disk, under the app's data folder.

A file is named by a digest of everything it is built from (:func:`file_key`): the county,
year, kind and standard, the data version of every school year it reads, the plans and the
规划台账 file and values it reports, the day (the cover's date) and the program itself
(:func:`program_version`). Any change of an input gives another name, so a stored file is
never stale; the same inputs give the same file, so a repeat download reads it from disk
instead of building the document again (7–30 s for a 自评报告, review rvweb2).

Builds run on a small pool of threads of their own: a page asks for a file
(:meth:`ReportFiles.start`) and polls :meth:`ReportFiles.state` while it is built; a plain
download (:meth:`ReportFiles.get`) waits for the same build rather than starting another.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from junheng.errors import JunhengError

log = logging.getLogger(__name__)

#: files kept per county, year, kind and standard (older inputs' files are removed)
KEEP = 3
#: the estimate shown before any file of its kind was built here (seconds; the demo
#: county's 自评报告 takes about 20 s on one core)
FIRST_ESTIMATE = {"self-report": 30, "inspection": 5, "evaluation": 5}
#: what a build that failed for a reason the user cannot act on says
FAILED = "生成报告时出错，请联系管理员查看服务器日志。"
_SECONDS = "seconds.txt"


@functools.cache
def program_version() -> str:
    """A digest of the installed program's files (path, size, modification time), taken once
    per process: upgrading or editing the program builds every report again.

    >>> len(program_version()), program_version() == program_version()
    (16, True)
    """
    import junheng

    root = Path(junheng.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            st = path.stat()
            digest.update(f"{path.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def file_key(inputs: Mapping) -> str:
    """The name of the file built from ``inputs`` (plain data) by this program.

    >>> a = file_key({"year": 2025, "manual": {"x": 1}})
    >>> a == file_key({"manual": {"x": 1}, "year": 2025}), a == file_key({"year": 2025})
    (True, False)
    """
    text = json.dumps({**inputs, "program": program_version()}, ensure_ascii=False,
                      sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def content_hash(path: Path | None) -> str | None:
    """The digest of a file's content (None without a file)."""
    return None if path is None else hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class FileEntry:
    """One report file: its folder (per county, year, kind and standard) and its key."""

    folder: Path
    kind: str
    key: str
    suffix: str

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}{self.suffix}"


@dataclass(frozen=True)
class FileState:
    """Where a file stands: ``ready``, ``running`` (for ``elapsed`` of about ``estimate``
    seconds), ``failed`` (with the Chinese ``message``) or ``missing``."""

    state: str
    elapsed: int = 0
    estimate: int = 0
    message: str = ""


@dataclass
class _Build:
    started: float
    future: Future


class ReportFiles:
    """Report files on disk under ``root`` and the builds under way in this process."""

    def __init__(self, root: Path, workers: int = 1):
        self.root = root
        self._lock = threading.Lock()
        self._running: dict[Path, _Build] = {}
        self._failed: dict[Path, str] = {}
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report-file")

    def entry(self, county: str, year: int, kind: str, standard: str, suffix: str,
              inputs: Mapping) -> FileEntry:
        """The file of ``kind`` built from ``inputs`` (see :func:`file_key`)."""
        key = file_key({"county": county, "year": year, "kind": kind, "standard": standard,
                        **inputs})
        return FileEntry(self.root / county / str(year) / f"{kind}-{standard}", kind, key,
                         suffix)

    def cached(self, entry: FileEntry) -> bytes | None:
        """The stored file's bytes, None when it is not built yet."""
        try:
            return entry.path.read_bytes()
        except FileNotFoundError:
            return None

    def get(self, entry: FileEntry, build: Callable[[], bytes]) -> bytes:
        """The file's bytes: stored, else built now (or when a build of it is under way,
        its result). A :class:`~junheng.errors.JunhengError` of the build is raised."""
        content = self.cached(entry)
        return content if content is not None else self.start(entry, build).result()

    def start(self, entry: FileEntry, build: Callable[[], bytes]) -> Future:
        """Build the file in the background unless it is stored or being built."""
        with self._lock:
            run = self._running.get(entry.path)
            if run is None:
                self._failed.pop(entry.path, None)
                run = _Build(time.monotonic(), self._pool.submit(self._build, entry, build))
                self._running[entry.path] = run
            return run.future

    def state(self, entry: FileEntry) -> FileState:
        """The file's :class:`FileState`."""
        with self._lock:
            run, failed = self._running.get(entry.path), self._failed.get(entry.path)
        if run is not None:
            return FileState("running", int(time.monotonic() - run.started),
                             self.estimate(entry))
        if entry.path.is_file():
            return FileState("ready")
        return FileState("failed", message=failed) if failed else FileState("missing")

    def estimate(self, entry: FileEntry) -> int:
        """Seconds the build should take: the last build of its folder, else the longest
        last build of its kind here, else :data:`FIRST_ESTIMATE`."""
        for seconds in (entry.folder / _SECONDS,
                        *sorted(self.root.glob(f"*/*/{entry.folder.name}/{_SECONDS}"))):
            try:
                return max(1, round(float(seconds.read_text(encoding="utf-8"))))
            except (OSError, ValueError):
                continue
        return FIRST_ESTIMATE.get(entry.kind, 30)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _build(self, entry: FileEntry, build: Callable[[], bytes]) -> bytes:
        started = time.monotonic()
        try:
            content = build()
            self._store(entry, content, time.monotonic() - started)
            return content
        except JunhengError as exc:
            self._fail(entry, str(exc))
            raise
        except Exception:
            log.exception("building %s failed", entry.path)
            self._fail(entry, FAILED)
            raise
        finally:
            with self._lock:
                self._running.pop(entry.path, None)

    def _fail(self, entry: FileEntry, message: str) -> None:
        with self._lock:
            self._failed[entry.path] = message

    def _store(self, entry: FileEntry, content: bytes, seconds: float) -> None:
        """Write the file (whole or not at all: another process may read it), its build
        time, and remove the folder's files beyond the newest :data:`KEEP`."""
        entry.folder.mkdir(parents=True, exist_ok=True)
        part = entry.folder / f".{entry.key}.{secrets.token_hex(4)}.part"
        part.write_bytes(content)
        os.replace(part, entry.path)
        (entry.folder / _SECONDS).write_text(f"{seconds:.1f}", encoding="utf-8")
        stored = sorted(entry.folder.glob(f"*{entry.suffix}"), key=_mtime, reverse=True)
        for old in stored[KEEP:]:
            if old != entry.path:
                old.unlink(missing_ok=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0
