"""Restoring a crafted backup (issue 10 #10, #8): only the three regular members a backup
has are read, every declared size is checked against its limit, the file and the free
space before a byte is written, and the staging folder goes on any failure, even a kill.

Each hostile archive is built byte by byte here (``tarfile`` cannot write a sparse file);
``Counting`` counts what the restore writes, which for all of them must be nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import PASSPHRASE

from vault.atomic import FileOps, holding_staging, remove_abandoned_staging, staging_folder
from vault.backup import MANIFEST, MAX_DATABASE, create_backup, restore_backup
from vault.errors import DiskFull, VaultDamaged, VaultExists
from vault.vault import DATABASE, KEYS, Environment, Vault

GIB = 1024**3
SPARSE_SIZE = 3 * GIB  # what the 10 KB backup of the report declared
ROOT = Path(__file__).resolve().parents[2]


class Counting(FileOps):
    def __init__(self) -> None:
        self.written = 0

    def write(self, fd: int, data: memoryview) -> int:
        written = super().write(fd, data)
        self.written += written
        return written


@pytest.fixture
def genuine(vault: Vault, tmp_path: Path) -> dict[str, bytes]:
    """The members of a real backup of a vault with a person in it."""
    vault.people.add("Ada Lovelace", "owner")
    path = tmp_path / "genuine.pontbackup"
    create_backup(vault, path)
    with tarfile.open(path, "r:") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive}  # type: ignore[union-attr]


def manifest(keys: bytes, db_size: int, db_sha: str = "0" * 64, **extra: object) -> bytes:
    body = {
        "format": "pont-backup",
        "version": 1,
        "vault_id": "0" * 36,
        "created_at": "2026-11-21T09:30:00Z",
        "members": {
            KEYS: {"sha256": hashlib.sha256(keys).hexdigest(), "size": len(keys)},
            DATABASE: {"sha256": db_sha, "size": db_size},
        },
    }
    body.update(extra)
    return json.dumps(body).encode()


def block(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 512)


def regular(name: str, data: bytes, *, declared: int | None = None) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = len(data) if declared is None else declared
    info.mode = 0o600
    return info.tobuf(tarfile.GNU_FORMAT) + block(data)


def special(name: str, kind: bytes, linkname: str = "") -> bytes:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.devmajor, info.devminor = 1, 3
    return info.tobuf(tarfile.GNU_FORMAT)


def gnu_sparse(name: str, realsize: int, data: bytes) -> bytes:
    """An old GNU sparse member ('S'): ``data`` stored, ``realsize`` of mostly holes."""
    info = tarfile.TarInfo(name)
    info.type = tarfile.GNUTYPE_SPARSE
    info.size = len(data)
    header = bytearray(info.tobuf(tarfile.GNU_FORMAT))
    header[386:410] = tarfile.itn(realsize - len(data), 12) + tarfile.itn(len(data), 12)
    header[482] = 0  # no extended sparse headers
    header[483:495] = tarfile.itn(realsize, 12)
    header[148:156] = b" " * 8
    header[148:155] = b"%06o\0" % sum(header)
    return bytes(header) + block(data)


def pax_sparse(name: str, realsize: int, data: bytes, version: str) -> bytes:
    """A PAX sparse member, GNU format 0.1 (map in a header) or 1.0 (map in the data)."""
    if version == "0.1":
        info = tarfile.TarInfo(name)
        info.pax_headers = {"GNU.sparse.map": f"0,{len(data)}", "GNU.sparse.size": str(realsize)}
        info.size = len(data)
        return info.tobuf(tarfile.PAX_FORMAT) + block(data)
    mapping = block(f"1\n0\n{len(data)}\n".encode())
    info = tarfile.TarInfo(f"GNUSparseFile.0/{name}")
    info.pax_headers = {
        "GNU.sparse.major": "1",
        "GNU.sparse.minor": "0",
        "GNU.sparse.name": name,
        "GNU.sparse.realsize": str(realsize),
    }
    info.size = len(mapping) + len(data)
    return info.tobuf(tarfile.PAX_FORMAT) + mapping + block(data)


def write_backup(path: Path, *members: bytes) -> Path:
    path.write_bytes(b"".join(members) + b"\0" * 1024)
    return path


def refused(backup: Path, tmp_path: Path) -> tuple[VaultDamaged, int]:
    """Restore ``backup`` into a new folder; the damage, and how many bytes were written."""
    ops = Counting()
    env = Environment(file_ops=ops)
    target = tmp_path / "restored"
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(VaultDamaged) as caught:
        restore_backup(backup, target, lambda f: Vault.open(f, PASSPHRASE, env), env=env)
    assert caught.value.part == "backup"
    assert sorted(os.listdir(tmp_path)) == before  # no staging folder left behind
    return caught.value, ops.written


# -- sparse members and huge sizes ---------------------------------------------------------


@pytest.mark.parametrize("form", ["gnu", "pax-0.1", "pax-1.0"])
def test_a_sparse_member_is_refused_before_anything_is_written(
    genuine: dict[str, bytes], tmp_path: Path, form: str
) -> None:
    keys = genuine[KEYS]
    data = b"SQLite format 3\0" + os.urandom(4080)
    db = (
        gnu_sparse(DATABASE, SPARSE_SIZE, data)
        if form == "gnu"
        else pax_sparse(DATABASE, SPARSE_SIZE, data, form.removeprefix("pax-"))
    )
    backup = write_backup(
        tmp_path / "b.pontbackup",
        regular(MANIFEST, manifest(keys, SPARSE_SIZE)),
        regular(KEYS, keys),
        db,
    )
    assert backup.stat().st_size < 12 * 1024  # ten kilobytes that declare three gibibytes
    with tarfile.open(backup) as archive:  # the archive is what it claims to be
        member = archive.getmember(DATABASE)
        assert member.sparse
        assert member.size == SPARSE_SIZE
    error, written = refused(backup, tmp_path)
    assert error.reason == "member_type"
    assert written == len(keys)  # the key file only: not one byte of the 3 GiB


def test_a_declared_size_beyond_the_file_is_refused_unwritten(
    genuine: dict[str, bytes], tmp_path: Path
) -> None:
    keys = genuine[KEYS]
    backup = write_backup(
        tmp_path / "b.pontbackup",
        regular(MANIFEST, manifest(keys, SPARSE_SIZE)),
        regular(KEYS, keys),
        regular(DATABASE, os.urandom(8192), declared=SPARSE_SIZE),
    )
    error, written = refused(backup, tmp_path)
    assert error.reason == "truncated"
    assert written == len(keys)


def test_a_size_over_the_cap_is_refused(genuine: dict[str, bytes], tmp_path: Path) -> None:
    keys = genuine[KEYS]
    over = regular(DATABASE, b"", declared=MAX_DATABASE + 1)
    backup = write_backup(
        tmp_path / "b.pontbackup",
        regular(MANIFEST, manifest(keys, MAX_DATABASE)),
        regular(KEYS, keys),
        over,
    )
    assert refused(backup, tmp_path)[0].reason == "too_large"
    in_manifest = write_backup(
        tmp_path / "c.pontbackup",
        regular(MANIFEST, manifest(keys, MAX_DATABASE + 1)),
        regular(KEYS, keys),
        over,
    )
    error, written = refused(in_manifest, tmp_path)
    assert (error.reason, written) == ("manifest", 0)
    big_keys = write_backup(
        tmp_path / "d.pontbackup",
        regular(MANIFEST, manifest(keys, 4096)),
        regular(KEYS, keys, declared=65 * 1024),
    )
    assert refused(big_keys, tmp_path)[0].reason == "too_large"


# -- members that are not plain files, or not the names a backup has ------------------------


@pytest.mark.parametrize(
    ("kind", "linkname"),
    [
        (tarfile.SYMTYPE, "/etc/passwd"),
        (tarfile.LNKTYPE, KEYS),
        (tarfile.CHRTYPE, ""),
        (tarfile.BLKTYPE, ""),
        (tarfile.FIFOTYPE, ""),
        (tarfile.DIRTYPE, ""),
        (tarfile.CONTTYPE, ""),
    ],
    ids=["symlink", "hardlink", "char-device", "block-device", "fifo", "folder", "contiguous"],
)
def test_links_devices_and_folders_are_refused(
    genuine: dict[str, bytes], tmp_path: Path, kind: bytes, linkname: str
) -> None:
    keys = genuine[KEYS]
    backup = write_backup(
        tmp_path / "b.pontbackup",
        regular(MANIFEST, manifest(keys, 4096)),
        regular(KEYS, keys),
        special(DATABASE, kind, linkname),
    )
    error, written = refused(backup, tmp_path)
    assert error.reason == "member_type"
    assert written == len(keys)
    as_keys = write_backup(
        tmp_path / "c.pontbackup", regular(MANIFEST, manifest(keys, 4096)), special(KEYS, kind)
    )
    error, written = refused(as_keys, tmp_path)
    assert (error.reason, written) == ("member_type", 0)
    as_manifest = write_backup(tmp_path / "d.pontbackup", special(MANIFEST, kind))
    assert refused(as_manifest, tmp_path)[0].reason == "member_type"


@pytest.mark.parametrize(
    "name",
    ["../vault.db", "/vault.db", "x/../vault.db", "./vault.db", "vault.db/", "VAULT.DB"],
)
def test_only_the_exact_names(genuine: dict[str, bytes], tmp_path: Path, name: str) -> None:
    db = genuine[DATABASE]
    backup = write_backup(
        tmp_path / "b.pontbackup",
        regular(MANIFEST, genuine[MANIFEST]),
        regular(KEYS, genuine[KEYS]),
        regular(name, db),
    )
    error, written = refused(backup, tmp_path)
    assert error.reason == "members"
    assert written == len(genuine[KEYS])
    assert not (tmp_path.parent / "vault.db").exists()


@pytest.mark.parametrize(
    ("order", "reason"),
    [
        ((MANIFEST, MANIFEST, KEYS, DATABASE), "members"),
        ((MANIFEST, KEYS, KEYS, DATABASE), "members"),
        ((MANIFEST, KEYS, DATABASE, DATABASE), "extra_members"),
        ((MANIFEST, KEYS, DATABASE, MANIFEST), "extra_members"),
    ],
)
def test_duplicate_names_are_refused(
    genuine: dict[str, bytes], tmp_path: Path, order: tuple[str, ...], reason: str
) -> None:
    backup = write_backup(
        tmp_path / "b.pontbackup", *(regular(name, genuine[name]) for name in order)
    )
    assert refused(backup, tmp_path)[0].reason == reason


# -- the manifest ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        b"[" * 30_000 + b"]" * 30_000,  # a traceback (RecursionError) before
        b'{"format": "pont-backup", "format": "pont-backup"}',
        b'{"format": "pont-backup", "version": NaN}',
        b"\xff\xfe{}",
    ],
    ids=["30000-deep", "duplicate-key", "nan", "not-utf8"],
)
def test_a_hostile_manifest_is_damage(tmp_path: Path, text: bytes) -> None:
    backup = write_backup(tmp_path / "b.pontbackup", regular(MANIFEST, text))
    error, written = refused(backup, tmp_path)
    assert (error.reason, written) == ("manifest", 0)


@pytest.mark.parametrize(
    "change",
    [
        {"version": True},
        {"version": 1.0},
        {"vault_id": 7},
        {"members": {KEYS: {"sha256": "0" * 64, "size": 1}}},
        {"members": {KEYS: {"sha256": "0" * 64, "size": 1}, DATABASE: {"sha256": "x", "size": 1}}},
        {"members": {KEYS: {"sha256": "0" * 64, "size": -1}, DATABASE: {"sha256": "0" * 64}}},
        {"members": {KEYS: [], DATABASE: []}},
    ],
)
def test_manifest_members_are_checked(
    genuine: dict[str, bytes], tmp_path: Path, change: dict[str, object]
) -> None:
    text = manifest(genuine[KEYS], len(genuine[DATABASE]), **change)
    backup = write_backup(
        tmp_path / "b.pontbackup",
        regular(MANIFEST, text),
        regular(KEYS, genuine[KEYS]),
        regular(DATABASE, genuine[DATABASE]),
    )
    error, written = refused(backup, tmp_path)
    assert (error.reason, written) == ("manifest", 0)


def test_a_genuine_rebuilt_backup_still_restores(
    genuine: dict[str, bytes], tmp_path: Path, env: Environment
) -> None:
    # the builder above makes archives the restore accepts: the refusals are about content
    backup = write_backup(
        tmp_path / "b.pontbackup", *(regular(n, genuine[n]) for n in (MANIFEST, KEYS, DATABASE))
    )
    restore_backup(backup, tmp_path / "r", lambda f: Vault.open(f, PASSPHRASE, env), env=env)
    with Vault.open(tmp_path / "r", PASSPHRASE, env) as vault:
        assert [p.name for p in vault.people.all()] == ["Ada Lovelace"]


# -- where the restore goes ------------------------------------------------------------------


@pytest.fixture
def backup_file(genuine: dict[str, bytes], tmp_path: Path) -> Path:
    return write_backup(
        tmp_path / "backup.pontbackup",
        *(regular(n, genuine[n]) for n in (MANIFEST, KEYS, DATABASE)),
    )


def opener(env: Environment) -> Callable[[Path], Vault]:
    return lambda folder: Vault.open(folder, PASSPHRASE, env)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_restoring_into_a_link_to_an_empty_folder(
    backup_file: Path, tmp_path: Path, env: Environment
) -> None:
    # a traceback (NotADirectoryError from rmdir on the link) before
    real = tmp_path / "disk" / "Pont"
    real.mkdir(parents=True)
    link = tmp_path / "Pont"
    link.symlink_to(real)
    assert restore_backup(backup_file, link, opener(env), env=env) is None
    assert link.is_symlink()
    assert link.resolve() == real.resolve()
    with Vault.open(link, PASSPHRASE, env) as vault:
        assert [p.name for p in vault.people.all()] == ["Ada Lovelace"]
    assert sorted(os.listdir(tmp_path / "disk")) == ["Pont"]  # no staging left beside it


def test_restoring_onto_a_file_is_refused(
    backup_file: Path, tmp_path: Path, env: Environment
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_bytes(b"not a folder")
    with pytest.raises(VaultExists):
        restore_backup(backup_file, blocker, opener(env), replace=True, env=env)
    assert blocker.read_bytes() == b"not a folder"


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A real 8 MiB tmpfs for this test (skipped where mounting is not permitted)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_no_room_is_told_before_the_database_is_written(
    vault: Vault, tmp_path: Path, small_disk: Path
) -> None:
    owner = vault.people.add("Ada Lovelace", "owner").person.id
    vault.documents.add(io.BytesIO(os.urandom(10 * 1024 * 1024)), "scan.tiff", "image/tiff", owner)
    backup = tmp_path / "big.pontbackup"
    create_backup(vault, backup)
    ops = Counting()
    env = Environment(file_ops=ops)
    with pytest.raises(DiskFull):
        restore_backup(backup, small_disk / "restored", opener(env), env=env)
    assert ops.written <= 64 * 1024  # the key file at most, never the 10 MiB database
    assert os.listdir(small_disk) == []


# -- staging after a kill --------------------------------------------------------------------

KILLED_RESTORE = """
import os, signal, sys
from pathlib import Path
from vault.backup import restore_backup

def unlock(staging):
    os.kill(os.getpid(), signal.SIGKILL)  # the files are extracted: die before going live

restore_backup(Path(sys.argv[1]), Path(sys.argv[2]), unlock, replace=True)
"""

HELD_STAGING = """
import sys
from pathlib import Path
from vault.atomic import holding_staging

with holding_staging(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def child(script: str, *args: str, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if ".restoring-" in p.name)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_restore_is_cleaned_by_the_next_restore_and_open(
    backup_file: Path, vault_folder: Path, tmp_path: Path, env: Environment
) -> None:
    target = tmp_path / "restored"
    assert child(KILLED_RESTORE, str(backup_file), str(target)).wait(timeout=120) == -9
    (left,) = leftovers(target)
    assert {DATABASE, KEYS} <= set(os.listdir(tmp_path / left))  # what the kill left
    restore_backup(backup_file, target, opener(env), env=env)  # the next restore cleans it
    assert leftovers(target) == []
    before = sorted(os.listdir(vault_folder))
    assert child(KILLED_RESTORE, str(backup_file), str(vault_folder)).wait(timeout=120) == -9
    assert len(leftovers(vault_folder)) == 1
    assert sorted(os.listdir(vault_folder)) == before  # the live vault was never touched
    with Vault.open(vault_folder, PASSPHRASE, env):
        pass
    assert leftovers(vault_folder) == []  # ... and opening the vault cleans it too


def test_a_staging_folder_in_use_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "restored"
    staging = staging_folder(target, "0123456789ab")
    holder = child(HELD_STAGING, str(staging), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None
    assert holder.stdin is not None
    assert holder.stdout.readline() == "held\n"
    assert remove_abandoned_staging(target) == 0
    assert staging.is_dir()
    holder.stdin.close()
    assert holder.wait(timeout=60) == 0
    holder.stdout.close()
    assert not staging.exists()  # its own restore removed it when it ended
    with holding_staging(staging):  # and one of this process is not "abandoned" either
        assert remove_abandoned_staging(target) == 0
        assert staging.is_dir()
    assert not staging.exists()
