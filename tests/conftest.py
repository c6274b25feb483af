"""Shared fixtures: every test gets its own real SQLCipher vault in tmp_path.

Creating a vault runs Argon2id once; to keep the suite quick a template vault is made
once per session (at the KDF floor, m=64 MiB t=3 p=4) and copied for each test.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from fakes import PASSPHRASE, FixedClock, MemoryKeyring

from vault._crypto import KDF_FLOOR
from vault.vault import Environment, Vault

__all__ = ["PASSPHRASE"]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def env(clock: FixedClock) -> Environment:
    return Environment(clock=clock, calibrate=lambda: KDF_FLOOR)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A closed, empty vault at the KDF floor and its recovery key (made once per run)."""
    folder = tmp_path_factory.mktemp("template") / "vault"
    created = Vault.create(folder, PASSPHRASE, kdf=KDF_FLOOR)
    created.vault.close()
    return folder, created.recovery_key


@pytest.fixture
def vault_folder(template_vault: tuple[Path, str], tmp_path: Path) -> Path:
    """A fresh copy of the template vault, closed."""
    folder = tmp_path / "vault"
    shutil.copytree(template_vault[0], folder)
    return folder


@pytest.fixture
def recovery_key(template_vault: tuple[Path, str]) -> str:
    return template_vault[1]


@pytest.fixture
def vault(vault_folder: Path, env: Environment) -> Iterator[Vault]:
    """An open vault of this test's own."""
    opened = Vault.open(vault_folder, PASSPHRASE, env)
    yield opened
    opened.close()
