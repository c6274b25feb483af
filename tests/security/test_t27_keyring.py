"""T27: the keyring matrix. "Remember on this device" works with a trusted backend and
degrades to the passphrase with every other one; only a random device key is stored.

The live tests start a private D-Bus session bus and gnome-keyring-daemon (Secret
Service) with an empty HOME, and drive ``vault.device.system_device_keys()`` end to
end. Without the binaries they skip locally and fail under ``CI``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.core
import pytest
from fakes import PASSPHRASE, MemoryKeyring
from sechelp import figure

from vault.device import DeviceKeys, system_device_keys
from vault.errors import KeyringUnavailable
from vault.vault import Vault


@pytest.fixture
def restore_keyring(monkeypatch: pytest.MonkeyPatch):
    """Lets the test choose what ``keyring.get_keyring()`` returns, restored afterwards."""

    def use(backend: object) -> None:
        monkeypatch.setattr(keyring, "get_keyring", lambda: backend)

    return use


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's plaintext file backend (a plain class: registering a real
    ``KeyringBackend`` subclass would leak into keyring's backend discovery)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


def remember_and_open(folder: Path, devices: DeviceKeys) -> str:
    with Vault.open(folder, PASSPHRASE) as vault:
        vault.remember_on_device(devices)
    with Vault.open_with_device(folder, devices) as opened:
        assert opened.people.all() == []
    return "ok"


def test_t27_keyring_matrix(vault_folder: Path, restore_keyring, record_property) -> None:
    results: dict[str, str] = {}
    keys_before = (vault_folder / "vault.keys").read_bytes()

    memory = MemoryKeyring()
    results["memory"] = remember_and_open(vault_folder, DeviceKeys(memory))
    stored = list(memory.items.values())
    assert len(stored) == 1
    assert PASSPHRASE not in stored[0]
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        assert stored[0] not in vault._key().hex()
        assert vault._key().hex() not in stored[0]
        assert vault.forget_device(DeviceKeys(memory)) == 1
    assert memory.items == {}

    restore_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        system_device_keys()
    fail = DeviceKeys(keyring.backends.fail.Keyring())
    with Vault.open(vault_folder, PASSPHRASE) as vault, pytest.raises(KeyringUnavailable):
        vault.remember_on_device(fail)
    with pytest.raises(KeyringUnavailable):
        Vault.open_with_device(vault_folder, fail)
    Vault.open(vault_folder, PASSPHRASE).close()
    results["fail"] = "fallback"

    locked = MemoryKeyring()
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.remember_on_device(DeviceKeys(locked))
    locked.locked = True
    with pytest.raises(KeyringUnavailable) as error:
        Vault.open_with_device(vault_folder, DeviceKeys(locked))
    assert error.value.reason == "locked"
    Vault.open(vault_folder, PASSPHRASE).close()
    with Vault.open(vault_folder, PASSPHRASE) as vault, pytest.raises(KeyringUnavailable):
        vault.remember_on_device(DeviceKeys(locked))
    results["locked"] = "fallback"

    restore_keyring(PlaintextKeyring())
    with pytest.raises(KeyringUnavailable) as error:
        system_device_keys()
    assert error.value.reason == "untrusted_backend"
    results["plaintext"] = "refused"

    deleted = MemoryKeyring()
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        vault.remember_on_device(DeviceKeys(deleted))
    deleted.items.clear()
    with pytest.raises(KeyringUnavailable):
        Vault.open_with_device(vault_folder, DeviceKeys(deleted))
    results["deleted_item"] = "fallback"

    for label, value in (("corrupt_not_base64", "%%%"), ("corrupt_wrong_key", "A" * 44)):
        corrupt = MemoryKeyring()
        with Vault.open(vault_folder, PASSPHRASE) as vault:
            vault.remember_on_device(DeviceKeys(corrupt))
        for item in corrupt.items:
            corrupt.items[item] = value
        with pytest.raises(KeyringUnavailable):
            Vault.open_with_device(vault_folder, DeviceKeys(corrupt))
        results[label] = "fallback"
    Vault.open(vault_folder, PASSPHRASE).close()
    assert keys_before != (vault_folder / "vault.keys").read_bytes()  # slots were added
    figure(
        record_property,
        "T27",
        backends=len(results),
        outcomes=",".join(f"{k}:{v}" for k, v in results.items()),
        passphrase_after_every_case="ok",
    )


# -- the real Secret Service -----------------------------------------------------------

BINARIES = ("dbus-daemon", "gnome-keyring-daemon")


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    missing = [b for b in BINARIES if shutil.which(b) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the live keyring tests; missing {missing}")
        pytest.skip(f"missing {missing} (apt-get install dbus gnome-keyring)")
    home = tmp_path / "home"
    env = dict(os.environ)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    for name, sub in (
        ("HOME", ""),
        ("XDG_RUNTIME_DIR", "run"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        path = home / sub if sub else home
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(path)
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=20,
    )
    address, pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    bus_pid = int(pid)
    daemon: subprocess.Popen[str] | None = None
    try:
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert daemon.stdin is not None
        daemon.stdin.write("test keyring password")
        daemon.stdin.close()
        for name in (
            "HOME",
            "XDG_RUNTIME_DIR",
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "DBUS_SESSION_BUS_ADDRESS",
        ):
            monkeypatch.setenv(name, env[name])
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
        wait_for_secret_service()
        previous = keyring.get_keyring()
        keyring.core.init_backend()
        try:
            yield env
        finally:
            keyring.set_keyring(previous)
    finally:
        if daemon is not None:
            daemon.terminate()
            daemon.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.kill(bus_pid, signal.SIGTERM)


def wait_for_secret_service(seconds: float = 15.0) -> None:
    import keyring.backends.SecretService

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if keyring.backends.SecretService.Keyring.priority > 0:
                return
        except Exception:  # noqa: S110 - not up yet
            pass
        time.sleep(0.1)
    pytest.fail("gnome-keyring-daemon did not offer the Secret Service in time")


@pytest.mark.keyring_live
def test_t27_real_secret_service(
    secret_service: dict[str, str], vault_folder: Path, record_property
) -> None:
    devices = system_device_keys()
    backend = type(devices._backend)
    name = f"{backend.__module__}.{backend.__qualname__}"
    assert name == "keyring.backends.SecretService.Keyring"
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        ident = vault.remember_on_device(devices)
        stored = devices.load(vault.vault_id, ident)
        assert stored is not None
        assert len(stored) == 32
        assert PASSPHRASE.encode() not in stored
    with Vault.open_with_device(vault_folder, system_device_keys()) as opened:
        assert opened.vault_id
        assert opened.forget_device(system_device_keys()) == 1
    with pytest.raises(KeyringUnavailable):
        Vault.open_with_device(vault_folder, system_device_keys())
    Vault.open(vault_folder, PASSPHRASE).close()
    figure(
        record_property,
        "T27-live",
        backend=name,
        remember="ok",
        open_with_device="ok",
        forget="ok",
        fallback="ok",
    )
