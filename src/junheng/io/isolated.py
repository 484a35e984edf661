"""Read a workbook in a child process with a memory limit, so no file can end the caller.

:func:`junheng.io.bounds.scan_workbook` refuses every file known to make the spreadsheet
reader allocate without end, but the reader is native code: an unknown malformed file could
still abort it, and with it the process. The web server therefore reads uploads through
:class:`IsolatedReader`: one long-lived child process (started with ``spawn``, so it shares
nothing with the server's threads) whose address space is limited with ``RLIMIT_AS`` to what
it holds after importing the reader plus ``memory_bytes``. When the child dies, runs out of
memory or takes longer than ``timeout`` seconds, the caller gets a :class:`WorkbookError` in
Chinese and the next call starts a new child.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from junheng.errors import WorkbookError

DEFAULT_MEMORY_BYTES = 2 * 1024**3
"""Address space the child may add to what it holds after importing the reader."""
DEFAULT_TIMEOUT = 300.0
"""Seconds one workbook may take."""


def _limit_memory(memory_bytes: int) -> None:
    """Limit this process's address space to its present size plus ``memory_bytes``."""
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            present = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:  # no /proc: limit to the budget alone
        present = 0
    limit = present + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _serve(connection: Connection, memory_bytes: int) -> None:
    """The child: read each path sent, answer (kind, value); exit when the pipe closes."""
    import python_calamine  # noqa: F401 (counted in the size before the limit)

    from junheng.io.reader import inspect_workbook

    _limit_memory(memory_bytes)
    while True:
        try:
            path = connection.recv()
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("reading", inspect_workbook(path))
        except WorkbookError as exc:
            answer = ("refused", str(exc))
        except MemoryError:
            answer = ("memory", "")
        except Exception as exc:  # a reader bug: reported, and the child lives on
            answer = ("failed", f"{type(exc).__name__}")
        connection.send(answer)


def _died(name: str) -> WorkbookError:
    return WorkbookError(f"无法读取“{name}”：读取程序在解析该文件时异常退出（文件可能已损坏，或内容超出"
                         "可处理的规模）。请在电子表格软件中打开并另存为 .xlsx，删除多余的行列后再导入。")


class IsolatedReader:
    """Reads workbooks one at a time in a child process (see the module docstring).

    Parameters
    ----------
    memory_bytes
        Address space the child may use beyond its size after start-up.
    timeout
        Seconds one workbook may take before the child is stopped.

    Examples
    --------
    >>> reader = IsolatedReader()                      # doctest: +SKIP
    >>> reader.inspect("县域数据.xlsx").problems         # doctest: +SKIP
    []
    """

    def __init__(self, *, memory_bytes: int = DEFAULT_MEMORY_BYTES,
                 timeout: float = DEFAULT_TIMEOUT):
        self.memory_bytes = memory_bytes
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: Any = None
        self._connection: Connection | None = None

    def inspect(self, path: str | Path):
        """:func:`junheng.io.inspect_workbook` of ``path``, read in the child.

        Raises
        ------
        WorkbookError
            What the reader raises, or a Chinese message when the child died, ran out of
            memory or took longer than ``timeout``.
        """
        name = Path(path).name
        with self._lock:
            kind, value = self._ask(str(path), name)
        if kind == "reading":
            return value
        if kind == "refused":
            raise WorkbookError(value)
        if kind == "memory":
            raise WorkbookError(f"无法读取“{name}”：解析该文件需要的内存超过上限：请删除多余的行列或"
                                "无关的工作表后另存为 .xlsx，再导入。")
        raise WorkbookError(f"无法读取“{name}”：读取程序出错（{value}）：请在电子表格软件中打开并"
                            "另存为 .xlsx 后再试；仍不能导入时，请把文件发给维护人员。")

    def _ask(self, path: str, name: str) -> tuple[str, Any]:
        connection = self._start()
        try:
            connection.send(path)
            if not connection.poll(self.timeout):
                self._stop()
                raise WorkbookError(f"无法读取“{name}”：解析超过 {self.timeout:.0f} 秒仍未完成，已中止："
                                    "请删除多余的行列或无关的工作表后再导入。")
            return connection.recv()
        except (EOFError, OSError):  # the child died (abort, signal, memory)
            self._stop()
            raise _died(name) from None

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive():
            return self._connection
        self._stop()
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self.memory_bytes),
                                        name="junheng-workbook-reader", daemon=True)
        self._process.start()
        child.close()
        self._connection = parent
        return parent

    def _stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)
            self._process = None

    def close(self) -> None:
        """Stop the child (a later :meth:`inspect` starts a new one)."""
        with self._lock:
            self._stop()


_SHARED: dict[tuple[int, float], IsolatedReader] = {}
_SHARED_LOCK = threading.Lock()


def shared_reader(*, memory_bytes: int = DEFAULT_MEMORY_BYTES,
                  timeout: float = DEFAULT_TIMEOUT) -> IsolatedReader:
    """One :class:`IsolatedReader` per limits for the whole process (web apps share it)."""
    key = (memory_bytes, timeout)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = IsolatedReader(memory_bytes=memory_bytes, timeout=timeout)
        return _SHARED[key]


@atexit.register
def _close_shared() -> None:
    for reader in list(_SHARED.values()):
        reader.close()


__all__ = ["DEFAULT_MEMORY_BYTES", "DEFAULT_TIMEOUT", "IsolatedReader", "shared_reader"]
