"""Encrypted one-file backups, and restoring them.

A backup (``*.pontbackup``) is an uncompressed POSIX tar archive with exactly three
members, in this order:

* ``manifest.json`` — format name and version, vault id, when, and the SHA-256 and size
  of the other two members;
* ``vault.keys`` — the key file as it was (so the passphrase and recovery key of that
  moment open the backup);
* ``vault.db`` — a consistent copy of the database made with SQLite's online backup
  API, still encrypted with the same data key.

Nothing in it is plaintext apart from the manifest (no personal data). Taking a backup
is safe while the vault is open and being written. Restoring checks every hash and
opens the copy before anything replaces the vault in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from vault.atomic import atomic_writer, make_private_folder, remove_orphans
from vault.errors import StorageError, VaultDamaged, VaultExists
from vault.model import timestamp
from vault.vault import DATABASE, KEYS, Environment, Vault

FORMAT = "pont-backup"
VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST = 64 * 1024
PART = "backup"
_COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    vault_id: str
    created_at: str
    size: int


def create_backup(vault: Vault, target: Path) -> BackupInfo:
    """Write a backup of an open vault to ``target`` (atomically)."""
    make_private_folder(target.parent)
    snapshot = vault.folder / f".pont-tmp-backup-{vault.env.token_bytes(6).hex()}.db"
    try:
        vault.copy_database_to(snapshot)
        keys = (vault.folder / KEYS).read_bytes()
        created_at = timestamp(vault.env.clock())
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": vault.vault_id,
            "created_at": created_at,
            "members": {
                KEYS: {"sha256": hashlib.sha256(keys).hexdigest(), "size": len(keys)},
                DATABASE: _file_digest(snapshot),
            },
        }
        with (
            atomic_writer(target, vault.env.file_ops) as out,
            tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as archive,
        ):
            _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode(), None)
            _add(archive, KEYS, keys, None)
            with snapshot.open("rb") as db:
                _add(archive, DATABASE, None, (db, snapshot.stat().st_size))
    except OSError as error:
        raise StorageError(str(target), error.strerror or type(error).__name__) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            snapshot.unlink()
    return BackupInfo(target, vault.vault_id, created_at, target.stat().st_size)


def read_manifest(backup: Path) -> dict[str, Any]:
    """The manifest of a backup file, checked for shape (not yet for content)."""
    with _open_archive(backup) as archive:
        member = archive.next()
        if member is None or member.name != MANIFEST or member.size > MAX_MANIFEST:
            raise VaultDamaged(PART, "no_manifest")
        return _parse_manifest(_read_member(archive, member))


def restore_backup(
    backup: Path,
    folder: Path,
    unlock: Callable[[Path], Vault],
    *,
    replace: bool = False,
    env: Environment | None = None,
) -> Path | None:
    """Restore ``backup`` into ``folder``, proving it opens (``unlock``) before it goes live.

    ``unlock`` opens the restored copy, e.g. ``lambda f: Vault.open(f, passphrase)``; a
    wrong passphrase raises before anything changes. With ``replace`` an existing vault
    is moved aside (never deleted) and that path is returned.
    """
    env = env or Environment()
    occupied = folder.exists() and any(folder.iterdir())
    if occupied and not replace:
        raise VaultExists(str(folder))
    staging = folder.with_name(f".{folder.name}.restoring-{env.token_bytes(6).hex()}")
    make_private_folder(staging)
    try:
        _extract(backup, staging)
        with unlock(staging) as restored:
            problems = restored.check()
        if problems:
            raise VaultDamaged(PART, "integrity")
        return _swap_in(staging, folder, timestamp(env.clock()).replace(":", ""))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# -- taking -----------------------------------------------------------------------


def _file_digest(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_COPY_CHUNK):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _add(
    archive: tarfile.TarFile, name: str, data: bytes | None, stream: tuple[IO[bytes], int] | None
) -> None:
    info = tarfile.TarInfo(name)
    info.mode = 0o600
    if data is not None:
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    elif stream is not None:
        info.size = stream[1]
        archive.addfile(info, stream[0])


# -- restoring --------------------------------------------------------------------


@contextlib.contextmanager
def _open_archive(backup: Path) -> Iterator[tarfile.TarFile]:
    try:
        archive = tarfile.open(backup, mode="r:")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        raise StorageError(str(backup), "not found") from None
    except (tarfile.TarError, OSError):
        raise VaultDamaged(PART, "not_a_backup") from None
    with archive:
        yield archive


def _extract(backup: Path, staging: Path) -> None:
    with _open_archive(backup) as archive:
        member = archive.next()
        if member is None or member.name != MANIFEST or member.size > MAX_MANIFEST:
            raise VaultDamaged(PART, "no_manifest")
        manifest = _parse_manifest(_read_member(archive, member))
        for name in (KEYS, DATABASE):
            member = archive.next()
            expected = manifest["members"][name]
            if member is None or member.name != name or not member.isfile():
                raise VaultDamaged(PART, "members")
            if member.size != expected["size"]:
                raise VaultDamaged(PART, "size")
            _copy_checked(archive, member, staging / name, expected["sha256"])
        if archive.next() is not None:
            raise VaultDamaged(PART, "extra_members")


def _copy_checked(archive: tarfile.TarFile, member: tarfile.TarInfo, path: Path, sha: str) -> None:
    source = archive.extractfile(member)
    if source is None:
        raise VaultDamaged(PART, "members")
    digest = hashlib.sha256()
    with atomic_writer(path) as out:
        try:
            while chunk := source.read(_COPY_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        except (tarfile.TarError, OSError) as error:
            if isinstance(error, OSError) and error.errno is not None:
                raise
            raise VaultDamaged(PART, "truncated") from None
        if digest.hexdigest() != sha:
            raise VaultDamaged(PART, "checksum")


def _read_member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    source = archive.extractfile(member)
    if source is None:
        raise VaultDamaged(PART, "no_manifest")
    try:
        return source.read(MAX_MANIFEST + 1)
    except (tarfile.TarError, OSError):
        raise VaultDamaged(PART, "truncated") from None


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
        members = manifest["members"]
        ok = (
            manifest["format"] == FORMAT
            and manifest["version"] == VERSION
            and all(
                isinstance(members[n]["sha256"], str) and type(members[n]["size"]) is int
                for n in (KEYS, DATABASE)
            )
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise VaultDamaged(PART, "manifest") from None
    if not ok:
        raise VaultDamaged(PART, "manifest")
    return dict(manifest)


def _swap_in(staging: Path, folder: Path, stamp: str) -> Path | None:
    moved_aside = None
    if folder.exists():
        if any(folder.iterdir()):
            moved_aside = folder.with_name(f"{folder.name}.replaced-{stamp}")
            folder.rename(moved_aside)
        else:
            folder.rmdir()
    staging.rename(folder)
    remove_orphans(folder)
    return moved_aside
