"""Crash-safe writing of every file Pont keeps outside SQLite.

A file is never truncated in place: the new bytes go to a temporary file in the same
folder, created with 0600 permissions before the first byte, flushed with fsync, then
renamed over the target, and the folder is fsynced so the rename itself survives a
power cut. After any failure the target is byte-identical to what it was before.

The operating-system calls sit on ``FileOps`` so tests can inject failures (a write
that stops after k bytes, ENOSPC, a failing fsync or rename) without monkeypatching.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import io
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from vault.errors import DiskFull, StorageError

TEMP_PREFIX = ".pont-tmp-"


class FileOps:
    """The real file-system calls. Subclass in tests to inject failures."""

    def create_private(self, path: Path) -> int:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        flags |= getattr(os, "O_BINARY", 0)
        return os.open(path, flags, 0o600)

    def write(self, fd: int, data: memoryview) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def replace(self, source: Path, target: Path) -> None:
        os.replace(source, target)

    def fsync_folder(self, folder: Path) -> None:
        if os.name != "posix":  # Windows cannot open a directory for fsync
            return
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


REAL_OPS = FileOps()


def write_atomic(path: Path, data: bytes | Iterable[bytes], ops: FileOps = REAL_OPS) -> None:
    """Replace ``path`` with ``data`` (bytes, or an iterable of chunks) all-or-nothing."""
    chunks: Iterable[bytes] = (data,) if isinstance(data, bytes) else data
    with atomic_writer(path, ops) as out:
        for chunk in chunks:
            out.write(chunk)


class AtomicFile(io.RawIOBase):
    """A write-only file whose bytes replace the target only when the block ends cleanly."""

    def __init__(self, fd: int, ops: FileOps) -> None:
        super().__init__()
        self._fd = fd
        self._ops = ops
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        size = len(view)
        while view:
            written = self._ops.write(self._fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "short write")
            view = view[written:]
        self._position += size
        return size

    def tell(self) -> int:
        return self._position


@contextlib.contextmanager
def atomic_writer(path: Path, ops: FileOps = REAL_OPS) -> Iterator[AtomicFile]:
    """Yield a file to write; on success it atomically replaces ``path``, else vanishes."""
    temp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}-{path.name}")
    try:
        fd = ops.create_private(temp)
        try:
            yield AtomicFile(fd, ops)
            ops.fsync(fd)
        finally:
            ops.close(fd)
        ops.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise classify_os_error(error, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    # Best effort: the new file is in place whatever happens here; reporting a failure now
    # would make the caller believe the old content is still current.
    with contextlib.suppress(OSError):
        ops.fsync_folder(path.parent)


def classify_os_error(error: OSError, path: Path) -> DiskFull | StorageError:
    """Turn an ``OSError`` into the core's typed error (full disk told apart)."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(str(path))
    return StorageError(str(path), error.strerror or type(error).__name__)


def remove_orphans(folder: Path) -> int:
    """Delete temporary files left by an interrupted write; return how many."""
    removed = 0
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def make_private_folder(folder: Path) -> None:
    """Make sure ``folder`` exists; the folders made here (it and any missing parents) are
    readable by the owner only (0700). A folder that is already there is left exactly as
    it is: writing into a shared (1777) or group (2775) folder must not change it."""
    missing: list[Path] = []
    probe = folder
    while not probe.is_dir() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            if path.is_dir():  # made meanwhile, not by us: not ours to change
                continue
            raise classify_os_error(FileExistsError(errno.EEXIST, "not a folder"), path) from None
        except OSError as error:
            raise classify_os_error(error, path) from None
        with contextlib.suppress(OSError):  # the umask may have taken the owner's bits too
            path.chmod(0o700)


def make_owner_only(path: Path, mode: int) -> bool:
    """Best effort: set a folder's or regular file's permissions to exactly ``mode`` (0700,
    0600) if they are anything else; True when they were changed and now are ``mode``.

    A symbolic link, a missing path and a folder with the sticky bit (a shared folder such
    as /tmp) are left alone, and so is a file system that keeps no POSIX permissions (FAT,
    Windows): there the change does not hold, and nothing is reported.
    """
    if os.name != "posix":
        return False
    try:
        status = os.lstat(path)
        kind = stat.S_IFMT(status.st_mode)
        if kind not in (stat.S_IFDIR, stat.S_IFREG) or status.st_mode & stat.S_ISVTX:
            return False
        if stat.S_IMODE(status.st_mode) == mode:
            return False
        os.chmod(path, mode)
        return stat.S_IMODE(os.lstat(path).st_mode) == mode
    except OSError:
        return False


# -- staging folders (restoring a backup) ----------------------------------------------

STAGING_INFIX = ".restoring-"
STAGING_LOCK = ".pont-restoring"


def staging_folder(folder: Path, token: str) -> Path:
    """Where a restore into ``folder`` builds the vault before it goes live (beside it)."""
    return folder.with_name(f".{folder.name}{STAGING_INFIX}{token}")


@contextlib.contextmanager
def holding_staging(staging: Path) -> Iterator[None]:
    """Create ``staging`` (0700) and hold its lock while the block runs, then remove it
    (unless the block renamed it into place). A killed process leaves it unlocked, so
    :func:`remove_abandoned_staging` can tell it from one still in use."""
    make_private_folder(staging)
    lock = None
    try:
        lock = _lock(staging / STAGING_LOCK)
        yield
    finally:
        if lock is not None:
            with contextlib.suppress(OSError):
                os.close(lock)
        shutil.rmtree(staging, ignore_errors=True)


def remove_abandoned_staging(folder: Path) -> int:
    """Remove what restores into ``folder`` left when they were killed; return how many.
    A staging folder whose lock another process still holds is left alone."""
    removed = 0
    for leftover in folder.parent.glob(f".{glob.escape(folder.name)}{STAGING_INFIX}*"):
        if leftover.is_symlink() or not leftover.is_dir():
            continue
        try:
            lock = _lock(leftover / STAGING_LOCK)
        except OSError:
            continue  # in use (or not ours to open): leave it
        os.close(lock)
        shutil.rmtree(leftover, ignore_errors=True)
        removed += 1
    return removed


def _lock(path: Path) -> int:
    """An open, exclusively locked descriptor of ``path`` (made if missing: a folder killed
    before it made its lock is abandoned too); OSError if another process holds it."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        if os.name == "posix":
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        os.close(fd)
        raise
    return fd
