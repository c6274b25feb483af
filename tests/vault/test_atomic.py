"""Atomic writes: the target is the old file or the new one, never anything in between."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.atomic import (
    TEMP_PREFIX,
    FileOps,
    atomic_writer,
    make_owner_only,
    make_private_folder,
    remove_orphans,
    write_atomic,
)
from vault.errors import DiskFull, StorageError

OLD = b"the old contents\n" * 100
NEW = b"the new contents, longer than before\n" * 1000


class FailingOps(FileOps):
    """Real file operations, except the one named in ``fail_at`` raises ``OSError(code)``.

    ``after_bytes`` lets a write succeed for that many bytes first (a short write).
    """

    def __init__(self, fail_at: str, code: int = errno.EIO, after_bytes: int = 0) -> None:
        self.fail_at = fail_at
        self.code = code
        self.budget = after_bytes
        self.calls: list[str] = []

    def _maybe_fail(self, name: str) -> None:
        self.calls.append(name)
        if name == self.fail_at:
            raise OSError(self.code, os.strerror(self.code))

    def create_private(self, path: Path) -> int:
        self._maybe_fail("create_private")
        return super().create_private(path)

    def write(self, fd: int, data: memoryview) -> int:
        if self.fail_at == "write":
            if self.budget <= 0:
                raise OSError(self.code, os.strerror(self.code))
            allowed = min(len(data), self.budget)
            self.budget -= allowed
            return super().write(fd, data[:allowed])
        return super().write(fd, data)

    def fsync(self, fd: int) -> None:
        self._maybe_fail("fsync")
        super().fsync(fd)

    def close(self, fd: int) -> None:
        super().close(fd)
        self._maybe_fail("close")

    def replace(self, source: Path, target: Path) -> None:
        self._maybe_fail("replace")
        super().replace(source, target)


class ZeroWriteOps(FileOps):
    def write(self, fd: int, data: memoryview) -> int:
        return 0


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "vault.keys"
    path.write_bytes(OLD)
    return path


def test_write_creates_new_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh.bin"
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert listing(tmp_path) == ["fresh.bin"]


def test_write_replaces_existing_file(target: Path) -> None:
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert listing(target.parent) == [target.name]


def test_write_accepts_chunks(target: Path) -> None:
    write_atomic(target, (NEW[i : i + 7] for i in range(0, len(NEW), 7)))
    assert target.read_bytes() == NEW


def test_atomic_writer_reports_position(target: Path) -> None:
    with atomic_writer(target) as out:
        out.write(b"abc")
        out.write(memoryview(b"defg"))
        assert out.tell() == 7
    assert target.read_bytes() == b"abcdefg"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_result_is_owner_only_even_when_old_file_was_not(target: Path) -> None:
    target.chmod(0o644)
    old_umask = os.umask(0)
    try:
        write_atomic(target, NEW)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_temp_file_is_private_before_the_first_byte(target: Path) -> None:
    seen: list[int] = []

    class Spy(FileOps):
        def write(self, fd: int, data: memoryview) -> int:
            seen.append(stat.S_IMODE(os.fstat(fd).st_mode))
            return super().write(fd, data)

    old_umask = os.umask(0)
    try:
        write_atomic(target, NEW, Spy())
    finally:
        os.umask(old_umask)
    assert seen
    assert set(seen) == {0o600}


@pytest.mark.parametrize(
    ("ops", "error"),
    [
        (FailingOps("create_private", errno.EACCES), StorageError),
        (FailingOps("write", errno.EIO), StorageError),
        (FailingOps("write", errno.EIO, after_bytes=5000), StorageError),
        (FailingOps("write", errno.ENOSPC, after_bytes=5000), DiskFull),
        (FailingOps("write", errno.EDQUOT), DiskFull),
        (FailingOps("fsync", errno.EIO), StorageError),
        (FailingOps("fsync", errno.ENOSPC), DiskFull),
        (FailingOps("close", errno.EIO), StorageError),
        (FailingOps("replace", errno.EXDEV), StorageError),
        (ZeroWriteOps(), StorageError),
    ],
    ids=[
        "create",
        "write",
        "short-write",
        "enospc-midway",
        "edquot",
        "fsync",
        "fsync-enospc",
        "close",
        "replace",
        "zero-write",
    ],
)
def test_failure_leaves_old_file_and_no_temp(
    target: Path, ops: FileOps, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        write_atomic(target, NEW, ops)
    assert target.read_bytes() == OLD
    assert listing(target.parent) == [target.name]
    assert str(target) in str(caught.value)


def test_storage_error_names_path_and_reason(target: Path) -> None:
    with pytest.raises(StorageError) as caught:
        write_atomic(target, NEW, FailingOps("fsync", errno.EIO))
    assert caught.value.path == str(target)
    assert caught.value.reason == os.strerror(errno.EIO)


def test_disk_full_is_not_a_storage_error(target: Path) -> None:
    with pytest.raises(DiskFull) as caught:
        write_atomic(target, NEW, FailingOps("write", errno.ENOSPC))
    assert not isinstance(caught.value, StorageError)


def test_failed_write_to_new_path_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "never.bin"
    with pytest.raises(DiskFull):
        write_atomic(path, NEW, FailingOps("write", errno.ENOSPC, after_bytes=10))
    assert listing(tmp_path) == []


def test_exception_inside_block_discards_temp(target: Path) -> None:
    def give_up() -> None:
        with atomic_writer(target) as out:
            out.write(NEW)
            raise ValueError("caller gave up")

    with pytest.raises(ValueError, match="caller gave up"):
        give_up()
    assert target.read_bytes() == OLD
    assert listing(target.parent) == [target.name]


def test_failing_generator_discards_temp(target: Path) -> None:
    def chunks() -> Iterator[bytes]:
        yield NEW
        raise KeyError("source vanished")

    with pytest.raises(KeyError):
        write_atomic(target, chunks())
    assert target.read_bytes() == OLD
    assert listing(target.parent) == [target.name]


def test_remove_orphans_deletes_only_temp_files(tmp_path: Path) -> None:
    (tmp_path / f"{TEMP_PREFIX}abc-vault.keys").write_bytes(b"x")
    (tmp_path / f"{TEMP_PREFIX}def-vault.db").write_bytes(b"y")
    (tmp_path / "vault.keys").write_bytes(b"keep")
    (tmp_path / "pont-tmp-not-ours").write_bytes(b"keep")
    assert remove_orphans(tmp_path) == 2
    assert listing(tmp_path) == ["pont-tmp-not-ours", "vault.keys"]
    assert remove_orphans(tmp_path) == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_make_private_folder_makes_private_only_what_it_makes(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    make_private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700  # a parent it made, too
    folder.chmod(0o755)
    make_private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755  # there already: not ours to change


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o1777, 0o2775, 0o755])
def test_make_private_folder_leaves_an_existing_folder_alone(tmp_path: Path, mode: int) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    make_private_folder(shared)
    make_private_folder(shared / "new")
    assert stat.S_IMODE(shared.stat().st_mode) == mode
    assert stat.S_IMODE((shared / "new").stat().st_mode) == 0o700


def test_make_private_folder_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(StorageError):
        make_private_folder(tmp_path / "file" / "sub")
    with pytest.raises(StorageError):
        make_private_folder(tmp_path / "file")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_make_owner_only(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.write_bytes(b"x")
    loose.chmod(0o644)
    assert make_owner_only(loose, 0o600)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600
    assert not make_owner_only(loose, 0o600)  # already so: nothing to tell
    assert not make_owner_only(tmp_path / "missing", 0o600)
    link = tmp_path / "link"
    target = tmp_path / "target"
    target.write_bytes(b"y")
    target.chmod(0o644)
    link.symlink_to(target)
    assert not make_owner_only(link, 0o600)  # a link is never followed
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    assert not make_owner_only(shared, 0o700)  # a shared folder is never taken over
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
