"""Plain words for every error the core can raise, in one place, translatable.

The core raises typed errors with machine-readable reasons; people read what is built
here. Raw exception text is never shown: it may be technical, or hold personal data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vault.errors import (
    DiskFull,
    EngineNotEncrypted,
    InvalidInput,
    KeyringUnavailable,
    NotFound,
    StorageError,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)

_CONTEXT = "Messages"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def describe(error: BaseException) -> str:
    """One or two plain sentences for ``error``."""
    match error:
        case WrongRecoveryKey():
            return _t("That recovery key does not open this vault. Nothing was changed.")
        case WrongPassphrase():
            return _t("That passphrase is not right. Please try again.")
        case VaultDamaged(part=part):
            return damaged(part)
        case VaultNotFound():
            return _t("There is no vault in that folder. You can create a new one.")
        case VaultExists():
            return _t("There is already a vault in that folder. Nothing was overwritten.")
        case VaultTooNew():
            return _t("This vault was made by a newer version of Pont. Please update Pont.")
        case VaultLocked():
            return _t("The vault is locked. Unlock it first.")
        case EngineNotEncrypted():
            return _t(
                "Pont cannot find its encryption library, so it will not store anything. "
                "Please reinstall Pont."
            )
        case DiskFull():
            return _t("The disk is full. Nothing was lost; free some space and try again.")
        case StorageError():
            return _t(
                "Pont could not read or write a file there. Check that the folder exists "
                "and that you are allowed to use it."
            )
        case KeyringUnavailable(reason=reason):
            return keyring_problem(reason)
        case InvalidInput(field=field, reason=reason, detail=detail):
            return invalid_input(field, reason, detail)
        case NotFound():
            return _t("That item is no longer there. It may have been removed.")
    return _t("Something went wrong inside Pont. Nothing you saved was lost.")


def damaged(part: str) -> str:
    if part == "backup":
        return _t("This backup file is damaged or is not a Pont backup. Try another backup file.")
    return _t(
        "This vault's files are damaged. Your data may still be safe in a backup: "
        "choose “Restore from a backup…”."
    )


def keyring_problem(reason: str) -> str:
    if reason == "not_remembered":
        return _t("This device does not remember this vault. Use your passphrase.")
    if reason == "locked":
        return _t("This computer's password store is locked. Use your passphrase.")
    return _t(
        "This computer has no safe password store Pont can use, so it cannot remember "
        "the vault. You can still unlock it with your passphrase."
    )


def invalid_input(field: str, reason: str, detail: str = "") -> str:
    """The sentence shown beside a field (or a form) whose value is not accepted."""
    last = field.rsplit(".", 1)[-1].split("[", 1)[0]
    special = _special(last, reason)
    if special:
        return special
    return _generic(reason, detail)


def _special(name: str, reason: str) -> str:
    if name == "nhsNumber" and reason == "check_digit":
        return _t("This NHS number's last digit doesn't match — please check it")
    if name == "nhsNumber" and reason == "format":
        return _t("An NHS number has 10 digits, like 943 476 5919")
    if name == "nationalInsuranceNumber" and reason in ("format", "prefix"):
        return _t("A National Insurance number looks like QQ 12 34 56 C")
    if name == "postcode" and reason == "format":
        return _t("This doesn't look like a UK postcode, like SW1A 1AA")
    if name == "email" and reason == "format":
        return _t("This doesn't look like an email address, like name@example.org")
    if name in ("telephone", "homeTelephone") and reason == "format":
        return _t("This doesn't look like a phone number")
    if name == "sortCode" and reason == "format":
        return _t("A sort code has 6 digits, like 12-34-56")
    if name == "accountNumber" and reason == "format":
        return _t("An account number has 6 to 8 digits")
    if name == "passphrase" and reason == "required":
        return _t("Please type a passphrase")
    if name == "recovery_key":
        return _t("A recovery key has 32 letters and digits, in groups of four")
    if name == "name" and reason == "required":
        return _t("Please type a name")
    return ""


def _generic(reason: str, detail: str) -> str:
    match reason:
        case "required":
            return _t("Please fill this in")
        case "too_long":
            return _t("This is too long")
        case "control_character" | "control_characters":
            return _t("This contains a hidden control character; please retype it")
        case "not_a_date":
            return _t("Please type a date like 31/12/1950")
        case "in_future":
            return _t("This date is in the future")
        case "date_order":
            return _t("The end date is before the start date")
        case "bad_choice":
            return _t("Please pick one of the choices")
        case "too_many":
            return _t("There are too many lines here")
        case "format" if detail:
            return _t("This doesn't look right (expected: %1)").replace("%1", detail)
        case "bad_custom_key":
            return _t("Use letters, digits, spaces or dashes (up to 60)")
        case "owner_exists":
            return _t("This vault already has an owner")
        case "length":
            return _t("This name is too long or empty")
    return _t("This doesn't look right — please check it")
