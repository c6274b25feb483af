"""Device keys in a keyring: the in-memory fake, and the refusal of untrusted backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from fakes import MemoryKeyring
from jaraco.classes import properties

from vault.device import SERVICE, DeviceKeys, system_device_keys
from vault.errors import KeyringUnavailable

VAULT_ID = "3f1e2d4c-0000-4000-8000-000000000001"


@pytest.fixture
def devices(memory_keyring: MemoryKeyring) -> DeviceKeys:
    return DeviceKeys(memory_keyring)


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    original = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(original)


class PlaintextKeyring(keyring.backend.KeyringBackend):
    """Stands in for ``keyrings.alt``'s plaintext file backend: works, but is not trusted."""

    @properties.classproperty
    def priority(cls) -> float:
        # Not viable: keyring's own auto-detection must never pick a test double.
        raise RuntimeError("test double")

    def __str__(self) -> str:
        return type(self).__name__

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username))


class ChainLike(PlaintextKeyring):
    """A chainer: several backends behind one (``keyring.backends.chainer`` has ``backends``)."""

    def __init__(self, backends: list[Any]) -> None:
        super().__init__()
        self.backends = backends


class Raising:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def test_save_load_delete(devices: DeviceKeys, memory_keyring: MemoryKeyring) -> None:
    secret = bytes(range(32))
    assert devices.load(VAULT_ID, "slot-1") is None
    devices.save(VAULT_ID, "slot-1", secret)
    assert devices.load(VAULT_ID, "slot-1") == secret
    assert devices.load(VAULT_ID, "slot-2") is None
    assert devices.load("another-vault", "slot-1") is None
    # only the random device key is stored, under Pont's service name
    ((service, username),) = memory_keyring.items
    assert service == SERVICE
    assert VAULT_ID in username
    devices.delete(VAULT_ID, "slot-1")
    assert devices.load(VAULT_ID, "slot-1") is None
    assert memory_keyring.items == {}


def test_delete_of_nothing_is_quiet(devices: DeviceKeys) -> None:
    devices.delete(VAULT_ID, "never-saved")


def test_garbage_in_keyring_reads_as_nothing(
    devices: DeviceKeys, memory_keyring: MemoryKeyring
) -> None:
    devices.save(VAULT_ID, "slot-1", b"k" * 32)
    ((address, _),) = memory_keyring.items.items()
    memory_keyring.items[address] = "not base64 at all!"
    assert devices.load(VAULT_ID, "slot-1") is None


@pytest.mark.parametrize("call", ["load", "save", "delete"])
def test_locked_keyring(devices: DeviceKeys, memory_keyring: MemoryKeyring, call: str) -> None:
    memory_keyring.locked = True
    arguments: tuple[Any, ...] = (VAULT_ID, "slot-1") + ((b"k" * 32,) if call == "save" else ())
    with pytest.raises(KeyringUnavailable) as caught:
        getattr(devices, call)(*arguments)
    assert caught.value.reason == "locked"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (keyring.errors.NoKeyringError("none"), "no_keyring"),
        (keyring.errors.KeyringLocked("locked"), "locked"),
        (RuntimeError("dbus went away"), "backend_error:RuntimeError"),
        (OSError("keychain"), "backend_error:OSError"),
    ],
)
def test_backend_errors_are_classified(error: Exception, reason: str) -> None:
    devices = DeviceKeys(Raising(error))
    for call in (
        lambda: devices.load(VAULT_ID, "s"),
        lambda: devices.save(VAULT_ID, "s", b"k"),
        lambda: devices.delete(VAULT_ID, "s"),
    ):
        with pytest.raises(KeyringUnavailable) as caught:
            call()
        assert caught.value.reason == reason


@pytest.mark.usefixtures("restore_keyring")
@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring(), PlaintextKeyring(), ChainLike([PlaintextKeyring()])],
    ids=["fail", "plaintext", "chain-of-untrusted"],
)
def test_untrusted_backend_is_refused(backend: keyring.backend.KeyringBackend) -> None:
    keyring.set_keyring(backend)
    with pytest.raises(KeyringUnavailable) as caught:
        system_device_keys()
    assert caught.value.reason == "untrusted_backend"


@pytest.mark.usefixtures("restore_keyring")
def test_trusted_backend_inside_a_chain_is_chosen() -> None:
    from keyring.backends import SecretService

    trusted = SecretService.Keyring()  # constructing talks to nobody; using it would
    keyring.set_keyring(ChainLike([PlaintextKeyring(), trusted]))
    assert isinstance(system_device_keys(), DeviceKeys)
