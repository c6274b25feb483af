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

A backup file is outside input when it is restored: only those three names, in that
order, as plain regular members (no sparse file, link, device or folder) are read; the
manifest is parsed strictly and bounds the other two (the key file to its 64 KiB, the
database to ``MAX_DATABASE``); every declared size must lie inside the file and fit the
free space before a byte is written. The copy is built in a staging folder beside the
target that is removed on any failure, and by the next restore or open after a kill.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from vault import keyfile, strict_json
from vault.atomic import (
    STAGING_LOCK,
    FileOps,
    atomic_writer,
    classify_os_error,
    holding_staging,
    make_private_folder,
    remove_abandoned_staging,
    remove_orphans,
    staging_folder,
)
from vault.errors import DiskFull, StorageError, VaultDamaged, VaultExists
from vault.model import timestamp
from vault.vault import DATABASE, KEYS, Environment, Vault

FORMAT = "pont-backup"
VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST = 64 * 1024
# A vault of a person's records and scanned documents; far beyond it is not a backup.
MAX_DATABASE = 64 * 1024**3
# Room beyond the two files while the restored copy is opened and checked (its WAL).
FREE_MARGIN = 16 * 1024 * 1024
PART = "backup"
LIMITS = {MANIFEST: MAX_MANIFEST, KEYS: keyfile.MAX_BYTES, DATABASE: MAX_DATABASE}
_COPY_CHUNK = 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


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
    with _open_archive(backup) as (archive, size):
        return _manifest(archive, size)


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
    try:
        target = _restore_target(folder)
        remove_abandoned_staging(target)
        if _occupied(target) and not replace:
            raise VaultExists(str(folder))
        staging = staging_folder(target, env.token_bytes(6).hex())
        with holding_staging(staging):
            _extract(backup, staging, env.file_ops)
            with unlock(staging) as restored:
                problems = restored.check()
            if problems:
                raise VaultDamaged(PART, "integrity")
            return _swap_in(staging, target, timestamp(env.clock()).replace(":", ""))
    except OSError as error:
        raise classify_os_error(error, folder) from None


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
def _open_archive(backup: Path) -> Iterator[tuple[tarfile.TarFile, int]]:
    """The archive, and the backup file's size (every member must lie inside it)."""
    try:
        size = backup.stat().st_size
        archive = tarfile.open(backup, mode="r:")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        raise StorageError(str(backup), "not found") from None
    except (tarfile.TarError, OSError):
        raise VaultDamaged(PART, "not_a_backup") from None
    with archive:
        try:
            yield archive, size
        except tarfile.TarError:  # a later header that does not parse
            raise VaultDamaged(PART, "members") from None


def _extract(backup: Path, staging: Path, ops: FileOps) -> None:
    with _open_archive(backup) as (archive, size):
        manifest = _manifest(archive, size)
        for name in (KEYS, DATABASE):
            expected = manifest["members"][name]
            member = _member(archive, name, size)
            if member.size != expected["size"]:
                raise VaultDamaged(PART, "size")
            _check_room(staging, member.size)
            _copy_checked(archive, member, staging / name, expected["sha256"], ops)
        if archive.next() is not None:
            raise VaultDamaged(PART, "extra_members")


def _manifest(archive: tarfile.TarFile, size: int) -> dict[str, Any]:
    try:
        member = _member(archive, MANIFEST, size)
    except VaultDamaged as error:
        reason = "no_manifest" if error.reason == "members" else error.reason
        raise VaultDamaged(PART, reason) from None
    return _parse_manifest(_read_member(archive, member))


def _member(archive: tarfile.TarFile, name: str, backup_size: int) -> tarfile.TarInfo:
    """The next member, which must be ``name``: a plain regular file whose declared size
    is within that name's limit and inside the backup file. Nothing is read from it yet."""
    member = archive.next()
    if member is None or member.name != name:
        raise VaultDamaged(PART, "members")
    sparse = member.sparse is not None or any(
        key.startswith("GNU.sparse") for key in member.pax_headers
    )
    if member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE) or sparse:
        raise VaultDamaged(PART, "member_type")
    if member.size > LIMITS[name]:
        raise VaultDamaged(PART, "no_manifest" if name == MANIFEST else "too_large")
    if member.offset_data + member.size > backup_size:
        raise VaultDamaged(PART, "truncated")
    return member


def _check_room(staging: Path, needed: int) -> None:
    """Refuse before writing when the restored files could not fit."""
    if shutil.disk_usage(staging).free < needed + FREE_MARGIN:
        raise DiskFull(str(staging.parent))


def _copy_checked(
    archive: tarfile.TarFile, member: tarfile.TarInfo, path: Path, sha: str, ops: FileOps
) -> None:
    source = archive.extractfile(member)
    if source is None:
        raise VaultDamaged(PART, "members")
    digest = hashlib.sha256()
    with atomic_writer(path, ops) as out:
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
    """The manifest, strictly: the one JSON parser for outside input, then every member
    this version defines checked for type and range."""
    try:
        manifest = strict_json.parse(data, max_depth=4)
    except strict_json.JsonRejected:
        raise VaultDamaged(PART, "manifest") from None
    if not (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and type(manifest.get("version")) is int
        and manifest["version"] == VERSION
        and isinstance(manifest.get("vault_id"), str)
        and isinstance(manifest.get("created_at"), str)
        and isinstance(manifest.get("members"), dict)
        and set(manifest["members"]) == {KEYS, DATABASE}
        and all(_is_entry(manifest["members"][n], LIMITS[n]) for n in (KEYS, DATABASE))
    ):
        raise VaultDamaged(PART, "manifest")
    return manifest


def _is_entry(entry: object, limit: int) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and _SHA256.fullmatch(entry["sha256"]) is not None
        and type(entry.get("size")) is int
        and 0 < entry["size"] <= limit
    )


def _restore_target(folder: Path) -> Path:
    """Where the restored vault goes: ``folder``, or the folder a link there points to (the
    link then opens the restored vault). Something other than a folder there is occupied."""
    target = folder.resolve() if folder.is_symlink() else folder
    if target.exists() and not target.is_dir():
        raise VaultExists(str(folder))
    return target


def _occupied(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def _swap_in(staging: Path, folder: Path, stamp: str) -> Path | None:
    moved_aside = None
    if folder.exists():
        if any(folder.iterdir()):
            moved_aside = folder.with_name(f"{folder.name}.replaced-{stamp}")
            folder.rename(moved_aside)
        else:
            folder.rmdir()
    staging.rename(folder)
    (folder / STAGING_LOCK).unlink(missing_ok=True)
    remove_orphans(folder)
    return moved_aside
