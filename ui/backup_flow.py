"""Back up now, restore from a backup, export everything: the steps and their questions.

Used from the File menu, the settings page and the unlock page (a damaged vault).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui import messages, vault_access
from ui.context import AppContext
from ui.i18n import noop, tr
from ui.ops import VaultSlot
from ui.vault_access import Opened

BACKUP_FILTER = noop("Pont backups (*.pontbackup)")


def back_up_now(parent: QWidget, context: AppContext, on_done: Callable[[str], None]) -> None:
    def chosen(path: Path | None) -> None:
        if path is None:
            return
        if path.suffix != ".pontbackup":
            path = path.with_name(path.name + ".pontbackup")

        def run(slot: VaultSlot) -> Path:
            from vault.backup import create_backup

            return create_backup(slot.vault, path).path

        context.runner.submit(
            run,
            lambda saved: on_done(tr("Backup saved to %1").replace("%1", str(saved))),
            lambda error: context.dialogs.show_error(parent, messages.describe(error)),
            owner=parent,
        )

    context.dialogs.choose_save_path(
        parent, tr("Back up the vault"), "Pont backup.pontbackup", tr(BACKUP_FILTER), chosen
    )


def restore(
    parent: QWidget, context: AppContext, folder: Path, on_restored: Callable[[Opened], None]
) -> None:
    """Pick a backup, ask its passphrase, restore it over ``folder`` and open it."""

    def backup_chosen(backup: Path | None) -> None:
        if backup is None:
            return
        context.dialogs.ask_passphrase(
            parent,
            tr("Restore from a backup"),
            tr("Type the passphrase this backup was made with:"),
            lambda passphrase: passphrase_given(backup, passphrase),
        )

    def passphrase_given(backup: Path, passphrase: str | None) -> None:
        if not passphrase:
            return
        context.runner.submit(
            _restore_operation(backup, folder, passphrase, context),
            on_restored,
            lambda error: context.dialogs.show_error(parent, messages.describe(error)),
            owner=parent,
        )

    context.dialogs.choose_open_path(
        parent, tr("Choose a backup to restore"), tr(BACKUP_FILTER), backup_chosen
    )


def _restore_operation(backup: Path, folder: Path, passphrase: str, context: AppContext):  # type: ignore[no-untyped-def]
    options = context.options

    def run(slot: VaultSlot) -> Opened:
        from vault.backup import restore_backup
        from vault.vault import Vault

        def unlock(staging: Path) -> Vault:
            return Vault.open(staging, passphrase, options.environment)

        slot.close()  # the open vault (if any) is moved aside, never deleted
        restore_backup(backup, folder, unlock, replace=True, env=options.environment)
        return vault_access.unlock(folder, passphrase, options)(slot)  # type: ignore[no-any-return]

    return run


def export_everything(parent: QWidget, context: AppContext, on_done: Callable[[str], None]) -> None:
    """Warn that the export is not encrypted, then write it where the person chooses."""

    def save_to(path: Path | None) -> None:
        if path is None:
            return

        def run(slot: VaultSlot) -> dict[str, int]:
            from vault.export import export_all

            return export_all(slot.vault, path)

        context.runner.submit(
            run,
            lambda counts: on_done(
                tr("Exported %1 people and %2 fields to %3")
                .replace("%1", str(counts["people"]))
                .replace("%2", str(counts["fields"]))
                .replace("%3", str(path))
            ),
            lambda error: context.dialogs.show_error(parent, messages.describe(error)),
            owner=parent,
        )

    def answered(yes: bool) -> None:
        if yes:
            context.dialogs.choose_save_path(
                parent, tr("Export everything"), "Pont export.zip", tr("ZIP files (*.zip)"), save_to
            )

    context.dialogs.confirm(
        parent,
        tr("Export everything"),
        tr(
            "The export is NOT encrypted: anyone who gets the file can read everything in it. "
            "Save it only somewhere private, and delete it when you no longer need it."
        ),
        tr("Export unencrypted copy"),
        answered,
    )
