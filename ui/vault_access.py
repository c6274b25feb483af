"""Operations that open, create and lock a vault, run in the worker (see ``ui.ops``).

The core's storage and crypto modules (and so ``sqlcipher3``, ``cryptography`` and
``keyring``) are imported here only inside the operations, in the worker thread, so
the lock screen appears before they load (P11).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from ui.ops import Operation, VaultSlot


class VaultOptions(NamedTuple):
    """What the app injects into the core: tests give a fixed clock and the KDF floor.

    ``environment`` is a ``vault.vault.Environment`` (None: the real one, which calibrates
    Argon2id at creation); ``device_keys`` makes the keyring access (None: the OS keyring).
    """

    environment: Any = None
    creation_kdf: Any = None
    device_keys: Callable[[], Any] | None = None

    def keys(self) -> Any:
        if self.device_keys is not None:
            return self.device_keys()
        from vault.device import system_device_keys

        return system_device_keys()


class Opened(NamedTuple):
    """A vault just opened. ``tightened``: what opening made private (``Vault.tightened``),
    to be told once."""

    folder: Path
    vault_id: str
    remembered: bool
    notes: tuple[str, ...] = ()
    tightened: tuple[str, ...] = ()


class Made(NamedTuple):
    """A vault just created: the recovery key is shown once and never stored."""

    opened: Opened
    recovery_key: str
    created: datetime
    keyring_problem: BaseException | None


def warm_up() -> Operation:
    """Load the storage and crypto libraries in the worker while the person types."""

    def run(slot: VaultSlot) -> None:
        import vault.vault  # noqa: F401

    return run


def create(folder: Path, passphrase: str, remember: bool, options: VaultOptions) -> Operation:
    def run(slot: VaultSlot) -> Made:
        from vault.errors import KeyringUnavailable
        from vault.vault import Vault

        created = Vault.create(
            folder, passphrase, kdf=options.creation_kdf, env=options.environment
        )
        slot.hold(created.vault)
        problem: BaseException | None = None
        if remember:
            try:
                created.vault.remember_on_device(options.keys())
            except KeyringUnavailable as error:
                problem = error
        opened = _opened(created.vault)
        return Made(opened, created.recovery_key, created.vault.env.clock(), problem)

    return run


def unlock(folder: Path, passphrase: str, options: VaultOptions) -> Operation:
    def run(slot: VaultSlot) -> Opened:
        from vault.vault import Vault

        slot.hold(Vault.open(folder, passphrase, options.environment))
        return _opened(slot.vault)

    return run


def unlock_with_device(folder: Path, options: VaultOptions) -> Operation:
    def run(slot: VaultSlot) -> Opened:
        from vault.vault import Vault

        slot.hold(Vault.open_with_device(folder, options.keys(), options.environment))
        return _opened(slot.vault)

    return run


def unlock_with_recovery_key(
    folder: Path, recovery_key: str, new_passphrase: str, options: VaultOptions
) -> Operation:
    """Open with the recovery key, then set the new passphrase before handing it over."""

    def run(slot: VaultSlot) -> Opened:
        from vault.vault import Vault

        vault = Vault.open_with_recovery_key(folder, recovery_key, options.environment)
        try:
            vault.reset_passphrase(new_passphrase, options.creation_kdf)
        except BaseException:
            vault.close()
            raise
        slot.hold(vault)
        return _opened(vault)

    return run


def lock(save: Callable[[Any], None] | None = None, backup_folder: Path | None = None) -> Operation:
    """Save what can be saved, take the automatic backup if one is set up, then close."""

    def run(slot: VaultSlot) -> None:
        if not slot.is_open:
            return
        try:
            if save is not None:
                save(slot.vault)
            if backup_folder is not None:
                rotate_backup(slot.vault, backup_folder)
        finally:
            slot.close()

    return run


def rotate_backup(vault: Any, folder: Path, keep: int = 5) -> Path:
    """A new backup in ``folder``; only the newest ``keep`` automatic backups stay."""
    from vault.backup import create_backup

    stamp = vault.env.clock().strftime("%Y%m%d-%H%M%S")
    target = folder / f"pont-{vault.vault_id[:8]}-{stamp}.pontbackup"
    create_backup(vault, target)
    automatic = sorted(folder.glob(f"pont-{vault.vault_id[:8]}-*.pontbackup"))
    for old in automatic[:-keep]:
        old.unlink(missing_ok=True)
    return target


def key_file_missing(folder: Path) -> bool:
    """The folder holds a vault's database but not its key file: a damaged vault."""
    return (folder / "vault.db").is_file() and not (folder / "vault.keys").exists()


def _opened(vault: Any) -> Opened:
    return Opened(
        vault.folder,
        vault.vault_id,
        bool(vault.remembered_devices()),
        tightened=vault.tightened,
    )
