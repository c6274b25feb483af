""" "Remember on this device": a device key held in the OS keyring.

Only a random device key is stored in the keyring, never the passphrase. It unwraps
its own slot in the key file, so forgetting the device (or losing the keyring)
costs nothing but convenience: the passphrase still opens the vault.

The keyring is a convenience, not a security boundary: any program running as the
user while the keyring is unlocked can ask it for the key. Plaintext backends
(``keyrings.alt``) are refused.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Protocol

from vault.errors import KeyringUnavailable

SERVICE = "Pont vault"

# Backends that keep secrets encrypted by the OS. Anything else (plaintext files,
# the "fail" and "null" backends) is refused.
TRUSTED_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    }
)


class KeyringBackend(Protocol):
    """The three calls Pont needs from a ``keyring`` backend."""

    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


class DeviceKeys:
    """Device keys for vaults, kept in one keyring backend."""

    def __init__(self, backend: KeyringBackend) -> None:
        self._backend = backend

    def load(self, vault_id: str, slot_id: str) -> bytes | None:
        """The device key for this vault slot, or None when none is stored."""
        stored = self._call("get_password", SERVICE, _username(vault_id, slot_id))
        if stored is None:
            return None
        try:
            return base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError, TypeError):
            return None

    def save(self, vault_id: str, slot_id: str, secret: bytes) -> None:
        encoded = base64.b64encode(secret).decode("ascii")
        self._call("set_password", SERVICE, _username(vault_id, slot_id), encoded)

    def delete(self, vault_id: str, slot_id: str) -> None:
        """Remove a stored device key; one that is already gone is not an error."""
        try:
            self._call("delete_password", SERVICE, _username(vault_id, slot_id))
        except KeyringUnavailable as error:
            if error.reason != "not_stored":
                raise

    def _call(self, name: str, *args: str) -> Any:
        import keyring.errors

        try:
            return getattr(self._backend, name)(*args)
        except keyring.errors.PasswordDeleteError:
            raise KeyringUnavailable("not_stored") from None
        except keyring.errors.KeyringLocked:
            raise KeyringUnavailable("locked") from None
        except keyring.errors.NoKeyringError:
            raise KeyringUnavailable("no_keyring") from None
        except Exception as error:  # backends raise anything from D-Bus, COM or Keychain
            raise KeyringUnavailable(f"backend_error:{type(error).__name__}") from None


def system_device_keys() -> DeviceKeys:
    """Device keys in the OS keyring, or ``KeyringUnavailable`` if none can be trusted."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring config must not stop the app
        raise KeyringUnavailable("no_keyring") from None
    for candidate in _leaves(backend):
        name = f"{type(candidate).__module__}.{type(candidate).__qualname__}"
        if name in TRUSTED_BACKENDS:
            return DeviceKeys(candidate)
    raise KeyringUnavailable("untrusted_backend")


def _leaves(backend: Any) -> list[Any]:
    # The chainer backend wraps several; pick a trusted one among them.
    return list(getattr(backend, "backends", None) or [backend])


def _username(vault_id: str, slot_id: str) -> str:
    return f"{vault_id}/{slot_id}"
