"""One worker thread owns the vault; widgets hand it operations and get answers as signals.

The SQLCipher connection is bound to the thread that opened it, so the vault is opened,
used and closed only here. An operation is a callable taking the :class:`VaultSlot`;
its result (or its error) comes back on the GUI thread through a queued signal, to the
success or failure handler given with it. The GUI thread never waits for the worker
except when the app quits.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QThread, Signal
from shiboken6 import isValid

log = logging.getLogger("pont.ops")

Operation = Callable[["VaultSlot"], Any]
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]
Progress = Callable[[int, int], None]


class VaultSlot:
    """What an operation sees in the worker: the open vault (if any) and a progress callable."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._vault: Any = None
        self.progress: Progress = report

    @property
    def vault(self) -> Any:
        if self._vault is None:
            from vault.errors import VaultLocked

            raise VaultLocked
        return self._vault

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    def hold(self, vault: Any) -> None:
        """Keep ``vault`` as the open one, closing any other first."""
        self.close()
        self._vault = vault

    def close(self) -> None:
        if self._vault is not None:
            vault, self._vault = self._vault, None
            vault.close()


class _Job(NamedTuple):
    ident: int
    operation: Operation
    on_success: Success | None
    on_failure: Failure | None
    on_progress: Progress | None
    owner: QObject | None


class _Jobs:
    """First in, first out, from the GUI thread to the worker; ``get`` waits for one.

    A deque and a semaphore rather than ``queue.SimpleQueue``: importing ``queue`` (two
    C extensions and a module of classes) costs the lock screen's first paint ~2 ms (P11).
    """

    def __init__(self) -> None:
        self._items: deque[_Job | None] = deque()
        self._ready = threading.Semaphore(0)

    def put(self, job: _Job | None) -> None:
        self._items.append(job)
        self._ready.release()

    def get(self) -> _Job | None:
        self._ready.acquire()
        return self._items.popleft()


class _Worker(QThread):
    finished_job = Signal(int, bool, object)
    progressed = Signal(int, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.jobs = _Jobs()
        self._current = 0
        self.slot = VaultSlot(lambda done, total: self.progressed.emit(self._current, done, total))

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            self._current = job.ident
            try:
                result = job.operation(self.slot)
            except BaseException as error:  # delivered to the GUI thread, never lost here
                self.finished_job.emit(job.ident, False, error)
            else:
                self.finished_job.emit(job.ident, True, result)
        self.slot.close()


class OperationRunner(QObject):
    """Submit vault operations; handlers run on the GUI thread; ``busy_changed`` for a spinner."""

    busy_changed = Signal(bool)
    unexpected_error = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Job] = {}
        self._worker = _Worker()
        self._worker.finished_job.connect(self._deliver)
        self._worker.progressed.connect(self._progress)
        self._worker.start()
        self._stopped = False

    @property
    def is_idle(self) -> bool:
        return not self._pending

    def submit(
        self,
        operation: Operation,
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        *,
        on_progress: Progress | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Queue ``operation``; handlers are dropped if ``owner`` was deleted meanwhile."""
        if self._stopped:
            raise RuntimeError("the operation runner has stopped")
        job = _Job(next(self._ids), operation, on_success, on_failure, on_progress, owner)
        was_idle = self.is_idle
        self._pending[job.ident] = job
        self._worker.jobs.put(job)
        if was_idle:
            self.busy_changed.emit(True)
        return job.ident

    def shutdown(self) -> None:
        """Close the vault in the worker and stop it (the only time the GUI waits)."""
        if self._stopped:
            return
        self._stopped = True
        self._worker.jobs.put(None)
        self._worker.wait()
        self._pending.clear()

    def _deliver(self, ident: int, ok: bool, result: object) -> None:
        job = self._pending.pop(ident, None)
        if self.is_idle:
            self.busy_changed.emit(False)
        if job is None or (job.owner is not None and not isValid(job.owner)):
            return
        if ok:
            if job.on_success is not None:
                job.on_success(result)
            return
        assert isinstance(result, BaseException)
        if job.on_failure is not None and _is_expected(result):
            job.on_failure(result)
        else:
            self._report(result, job)

    def _report(self, error: BaseException, job: _Job) -> None:
        if not _is_expected(error):
            # Type only: exception text may hold personal data.
            log.error("operation failed unexpectedly: %s", type(error).__name__)
        self.unexpected_error.emit(error)

    def _progress(self, ident: int, done: int, total: int) -> None:
        job = self._pending.get(ident)
        if job is not None and job.on_progress is not None:
            job.on_progress(done, total)


def _is_expected(error: BaseException) -> bool:
    from vault.errors import PontError

    return isinstance(error, PontError)
