"""Helpers shared by the reliability suites (T01–T09): figures, values, fault injection."""

from __future__ import annotations

import errno
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vault.atomic import TEMP_PREFIX, FileOps

WRITER = Path(__file__).with_name("writer_child.py")
# Greek small letters: two UTF-8 bytes each and stable under NFC.
_ALPHABET = [chr(c) for c in range(0x3B1, 0x3CA) if c != 0x3C2]


def figure(record_property: Callable[[str, Any], None], test: str, **values: Any) -> str:
    """Print ``FIGURE Txx k=v …`` on one line and record it as a junit property."""
    parts = []
    for key, value in values.items():
        text = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        parts.append(f"{key}={text}")
    line = f"FIGURE {test} " + " ".join(parts)
    print(line, flush=True)
    record_property(f"figure_{test}", line)
    return line


def payload(ident: str, low: int = 10, high: int = 20_000) -> str:
    """A value of ``low``–``high`` UTF-8 bytes reproducible from ``ident`` alone."""
    rng = random.Random(f"pont-{ident}")
    size = rng.randint(low, high)
    head = f"v{ident}:"
    chars = max(1, min((size - len(head)) // 2, 9_990 - len(head)))
    body = "".join(rng.choice(_ALPHABET) if i % 9 else " " for i in range(1, chars + 1))
    return head + body.strip()


def child_command(*args: str) -> list[str]:
    return [sys.executable, "-u", str(WRITER), *args]


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{TEMP_PREFIX}*"))


class Injected(OSError):
    """An OSError raised on purpose by ``FaultyOps``."""


class FaultyOps(FileOps):
    """Real file operations that fail on command, and can snapshot the crash state.

    ``fail_at`` is the step to fail on: ``("write", k)`` after k bytes of payload,
    ``("create", 0)``, ``("fsync", 0)``, ``("close", 0)``, ``("replace", 0)``,
    ``("fsync_folder", 0)``. ``code`` is the errno raised (EIO unless told otherwise).
    Once failed, every later write fails too (a disk does not heal on its own).
    With ``crash_copy`` set, the folder is copied there at the moment of failure: that
    copy is what the disk would hold had the process died at that instant.
    """

    def __init__(
        self,
        fail_at: tuple[str, int] | None = None,
        code: int = errno.EIO,
        crash_copy: Path | None = None,
        watch: Path | None = None,
    ) -> None:
        self.fail_at = fail_at
        self.code = code
        self.crash_copy = crash_copy
        self.watch = watch
        self.written = 0
        self.failed = False
        self.temp: Path | None = None

    def _fail(self, step: str) -> None:
        if self.crash_copy is not None and self.watch is not None and not self.failed:
            shutil.copytree(self.watch, self.crash_copy)
        self.failed = True
        raise Injected(self.code, f"injected at {step}")

    def _due(self, step: str) -> bool:
        return self.fail_at is not None and self.fail_at[0] == step

    def create_private(self, path: Path) -> int:
        if self._due("create"):
            self._fail("create")
        self.temp = path
        return super().create_private(path)

    def write(self, fd: int, data: memoryview) -> int:
        if self.failed:
            raise Injected(self.code, "still failing")
        if self._due("write"):
            assert self.fail_at is not None
            room = self.fail_at[1] - self.written
            if room <= 0:
                self._fail("write")
            if len(data) > room:
                done = super().write(fd, data[:room])
                self.written += done
                return done
        done = super().write(fd, data)
        self.written += done
        return done

    def fsync(self, fd: int) -> None:
        if self._due("fsync"):
            self._fail("fsync")
        super().fsync(fd)

    def close(self, fd: int) -> None:
        super().close(fd)
        if self._due("close"):
            self._fail("close")

    def replace(self, source: Path, target: Path) -> None:
        if self._due("replace"):
            self._fail("replace")
        super().replace(source, target)

    def fsync_folder(self, folder: Path) -> None:
        if self._due("fsync_folder"):
            self._fail("fsync_folder")
        super().fsync_folder(folder)
