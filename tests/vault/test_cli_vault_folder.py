"""``pont init`` never deletes a database (issue 10 #2); opening a loose copy of a vault
makes it private and says so once (#9)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest
from fakes import PASSPHRASE
from pont_cli import Pont

from vault.cli import EXIT_CODES
from vault.vault import DATABASE, KEYS, Vault


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_init_refuses_a_database_without_its_key_file(vault_folder: Path, tmp_path: Path) -> None:
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.people.add("Ada Lovelace", "owner")
    shutil.move(vault_folder / KEYS, tmp_path / "old.keys")
    before = digests(vault_folder)
    refused = Pont(vault_folder)("init", stdin="another passphrase\n")
    assert refused.code == EXIT_CODES["damaged"]
    assert refused.err.startswith("pont: ")
    assert refused.err.count("\n") == 1
    assert "key file" in refused.err
    assert digests(vault_folder) == before
    shutil.move(tmp_path / "old.keys", vault_folder / KEYS)
    assert [p["name"] for p in Pont(vault_folder).ok("person", "list")] == ["Ada Lovelace"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_loose_copy_is_made_private_and_told_once(vault_folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "unzipped"
    shutil.copytree(vault_folder, copy)
    copy.chmod(0o755)
    for name in (DATABASE, KEYS):
        (copy / name).chmod(0o644)
    pont = Pont(copy)
    first = pont("person", "list")
    assert (first.code, first.json()) == (0, [])
    assert first.err.startswith("pont: ")
    assert first.err.count("\n") == 1
    assert "now private to you" in first.err
    assert str(copy) not in first.err  # no paths (they can name people)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in copy.iterdir())
    assert pont.ok("person", "list") == []  # said once: no line the second time


def test_restoring_a_crafted_backup_is_one_line(tmp_path: Path) -> None:
    import io
    import tarfile

    backup = tmp_path / "deep.pontbackup"
    deep = b"[" * 30_000 + b"]" * 30_000  # a RecursionError traceback before
    with tarfile.open(backup, "w", format=tarfile.PAX_FORMAT) as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(deep)
        archive.addfile(info, io.BytesIO(deep))
    result = Pont(tmp_path / "restored")("restore", str(backup), stdin="x\n")
    assert result.code == EXIT_CODES["damaged"]
    assert result.err.startswith("pont: ")
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert sorted(os.listdir(tmp_path)) == ["deep.pontbackup"]
