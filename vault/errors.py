"""The errors the core raises.

Every failure a person can meet is one of these, classified where it arises. Raw
``sqlcipher3``, ``cryptography`` or ``keyring`` exceptions never leave ``vault/``.
Messages for people are written in ``ui/`` (and, plainly, in the CLI) from the
class and its attributes, not from ``str(error)``.
"""

from __future__ import annotations


class PontError(Exception):
    """Base class of every error the core raises on purpose."""


class WrongPassphrase(PontError):
    """The passphrase (or recovery key) does not open this vault. Nothing was changed."""


class WrongRecoveryKey(WrongPassphrase):
    """The recovery key does not open this vault. Nothing was changed."""


class VaultDamaged(PontError):
    """The vault's files are damaged or were tampered with. Never "reset": restore a backup.

    ``part`` names what is damaged ("database", "key file", "backup"), ``reason`` is a
    short machine-readable code.
    """

    def __init__(self, part: str, reason: str) -> None:
        super().__init__(f"{part}: {reason}")
        self.part = part
        self.reason = reason


class VaultNotFound(PontError):
    """There is no vault at the given place."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class VaultExists(PontError):
    """A vault (or some other file) is already there; creating one would overwrite it."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class VaultLocked(PontError):
    """The vault is locked (closed); unlock it first."""


class VaultTooNew(PontError):
    """The vault was written by a newer Pont whose format this one does not know."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"schema {found}, this Pont knows up to {known}")
        self.found = found
        self.known = known


class EngineNotEncrypted(PontError):
    """The SQLite engine loaded is not SQLCipher: refusing to write plaintext."""


class DiskFull(PontError):
    """The disk (or quota) is full. The previous state on disk is intact."""


class StorageError(PontError):
    """Writing or reading a file failed for a reason of the environment (permissions, I/O)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class KeyringUnavailable(PontError):
    """The OS keyring cannot be used (none installed, locked, refused, or not trusted)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidInput(PontError):
    """A value given by the person (or a file they opened) is not acceptable.

    ``field`` names what was wrong (a field key or an argument name), ``reason`` is a
    short machine-readable code such as ``"check_digit"`` or ``"format"``.
    """

    def __init__(self, field: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{field}: {reason}" + (f" ({detail})" if detail else ""))
        self.field = field
        self.reason = reason
        self.detail = detail


class NotFound(PontError):
    """A person, field, document or version that was asked for does not exist."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"{what} {ident}")
        self.what = what
        self.ident = ident


class InvalidPacket(PontError):
    """A packet (or request file) was rejected. ``reason`` is a stable code from the format spec.

    ``at`` is the moment (Unix seconds) the reason is about, when it is about one: when the
    packet expired (``expired``) or when it says it was issued (``not_yet_valid``).
    """

    def __init__(self, reason: str, detail: str = "", *, at: int | None = None) -> None:
        super().__init__(reason + (f": {detail}" if detail else ""))
        self.reason = reason
        self.detail = detail
        self.at = at
