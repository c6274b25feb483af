"""The key file: the vault's random data key, wrapped several ways.

The database is encrypted with a random 256-bit data key. The key file (``vault.keys``,
JSON, beside the database) holds that key wrapped (AES-256-GCM) by:

* a key derived from the passphrase with Argon2id (parameters in the file),
* a printed recovery key (HKDF, it is already high-entropy),
* optionally device keys kept in the OS keyring ("remember on this device").

Every header field is bound into each slot's associated data, so altering the KDF
parameters, the vault id or a slot makes unwrapping fail. A checksum over the whole
file tells accidental damage ("key file damaged") apart from a wrong passphrase.
Parameters are range-checked before any derivation, so a crafted file cannot ask
for gigabytes of memory. Changing the passphrase rewrites only this file.
"""

from __future__ import annotations

import base64
import binascii
import json
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vault import _crypto, strict_json
from vault._crypto import AuthenticationFailed, KdfParams, TokenBytes
from vault.atomic import REAL_OPS, FileOps, write_atomic
from vault.errors import InvalidInput, StorageError, VaultDamaged, WrongPassphrase, WrongRecoveryKey

FORMAT = "pont-vault-keys"
VERSION = 1
MAX_BYTES = 64 * 1024
MAX_DEVICES = 16
PART = "key file"


@dataclass(frozen=True)
class Slot:
    """One wrapping of the data key. ``kind`` is passphrase, recovery or device."""

    kind: str
    nonce: bytes
    wrapped: bytes
    salt: bytes = b""
    ident: str = ""

    def header(self) -> dict[str, str]:
        """The parts bound as associated data (everything but the ciphertext)."""
        return {"kind": self.kind, "id": self.ident, "salt": _b64(self.salt)}


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file. Immutable: every change returns a new one to write."""

    vault_id: str
    kdf: KdfParams
    kdf_salt: bytes
    slots: tuple[Slot, ...]

    # -- unlocking ---------------------------------------------------------------

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        """Return the data key, or raise ``WrongPassphrase``."""
        kek = _crypto.derive_passphrase_key(normalise(passphrase), self.kdf_salt, self.kdf)
        slot = self._slot("passphrase")
        try:
            return self._unwrap(kek, slot)
        except AuthenticationFailed:
            raise WrongPassphrase from None

    def unlock_with_recovery_key(self, recovery_secret: bytes) -> bytes:
        """Return the data key, or raise ``WrongRecoveryKey``."""
        slot = self._slot("recovery")
        kek = _crypto.derive_subkey(recovery_secret, slot.salt, b"pont recovery key v1")
        try:
            return self._unwrap(kek, slot)
        except AuthenticationFailed:
            raise WrongRecoveryKey from None

    def unlock_with_device_key(self, ident: str, device_secret: bytes) -> bytes:
        """Return the data key from a remembered device slot, or raise ``WrongPassphrase``."""
        slot = next((s for s in self.slots if s.kind == "device" and s.ident == ident), None)
        if slot is None:
            raise WrongPassphrase
        kek = _crypto.derive_subkey(device_secret, slot.salt, b"pont device key v1")
        try:
            return self._unwrap(kek, slot)
        except AuthenticationFailed:
            raise WrongPassphrase from None

    def device_ids(self) -> list[str]:
        return [s.ident for s in self.slots if s.kind == "device"]

    # -- changing ----------------------------------------------------------------

    def with_passphrase(
        self, data_key: bytes, passphrase: str, kdf: KdfParams, token_bytes: TokenBytes
    ) -> KeyFile:
        """A key file whose passphrase slot opens with ``passphrase`` (fresh salt)."""
        salt = token_bytes(_crypto.SALT_BYTES)
        changed = replace(self, kdf=kdf, kdf_salt=salt)
        kek = _crypto.derive_passphrase_key(normalise(passphrase), salt, kdf)
        slot = Slot("passphrase", b"", b"")
        return changed._with_slot(changed._wrap(kek, data_key, slot, token_bytes))

    def with_recovery_key(
        self, data_key: bytes, recovery_secret: bytes, token_bytes: TokenBytes
    ) -> KeyFile:
        slot = Slot("recovery", b"", b"", salt=token_bytes(_crypto.SALT_BYTES))
        kek = _crypto.derive_subkey(recovery_secret, slot.salt, b"pont recovery key v1")
        return self._with_slot(self._wrap(kek, data_key, slot, token_bytes))

    def with_device_key(
        self, data_key: bytes, ident: str, device_secret: bytes, token_bytes: TokenBytes
    ) -> KeyFile:
        if len(self.device_ids()) >= MAX_DEVICES and ident not in self.device_ids():
            raise InvalidInput("device", "too_many", f"at most {MAX_DEVICES} devices")
        slot = Slot("device", b"", b"", salt=token_bytes(_crypto.SALT_BYTES), ident=ident)
        kek = _crypto.derive_subkey(device_secret, slot.salt, b"pont device key v1")
        return self._with_slot(self._wrap(kek, data_key, slot, token_bytes))

    def without_device(self, ident: str) -> KeyFile:
        kept = tuple(s for s in self.slots if not (s.kind == "device" and s.ident == ident))
        return replace(self, slots=kept)

    # -- serialising -------------------------------------------------------------

    def to_bytes(self) -> bytes:
        body = self._body()
        body["checksum"] = _crypto.digest(_canonical(body))
        return json.dumps(body, indent=2, sort_keys=True).encode("ascii") + b"\n"

    # -- internals ---------------------------------------------------------------

    def _slot(self, kind: str) -> Slot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise VaultDamaged(PART, f"no_{kind}_slot")

    def _with_slot(self, new: Slot) -> KeyFile:
        # A vault has one passphrase and one recovery slot, and one slot per device.
        def replaced(s: Slot) -> bool:
            return s.kind == new.kind and (new.kind != "device" or s.ident == new.ident)

        return replace(self, slots=(*(s for s in self.slots if not replaced(s)), new))

    def _associated(self, slot: Slot) -> bytes:
        # The KDF parameters bind only the passphrase slot: a passphrase change (new salt and
        # parameters) must leave the recovery and device slots valid.
        header = self._header()
        if slot.kind != "passphrase":
            del header["kdf"]
        return _canonical({"header": header, "slot": slot.header()})

    def _wrap(self, kek: bytes, data_key: bytes, slot: Slot, token_bytes: TokenBytes) -> Slot:
        nonce = token_bytes(_crypto.NONCE_BYTES)
        wrapped = _crypto.seal(kek, data_key, self._associated(slot), nonce)
        return replace(slot, nonce=nonce, wrapped=wrapped)

    def _unwrap(self, kek: bytes, slot: Slot) -> bytes:
        return _crypto.open_sealed(kek, slot.wrapped, self._associated(slot), slot.nonce)

    def _header(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": _b64(self.kdf_salt),
            },
        }

    def _body(self) -> dict[str, Any]:
        slots = [
            {**s.header(), "nonce": _b64(s.nonce), "wrapped": _b64(s.wrapped)} for s in self.slots
        ]
        return {**self._header(), "slots": slots}


def new_key_file(
    vault_id: str,
    data_key: bytes,
    passphrase: str,
    recovery_secret: bytes,
    kdf: KdfParams,
    token_bytes: TokenBytes,
) -> KeyFile:
    """A key file for a new vault, with passphrase and recovery slots."""
    empty = KeyFile(vault_id=vault_id, kdf=kdf, kdf_salt=b"", slots=())
    with_passphrase = empty.with_passphrase(data_key, passphrase, kdf, token_bytes)
    return with_passphrase.with_recovery_key(data_key, recovery_secret, token_bytes)


def normalise(passphrase: str) -> bytes:
    """The documented passphrase policy: Unicode NFC, spaces kept as typed, UTF-8."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def read_key_file(path: Path) -> KeyFile:
    """Read and check a key file. Any structural fault is ``VaultDamaged``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise VaultDamaged(PART, "missing") from None
    except OSError as error:
        raise StorageError(str(path), error.strerror or "unreadable") from None
    return parse_key_file(data)


def write_key_file(path: Path, key_file: KeyFile, ops: FileOps = REAL_OPS) -> None:
    write_atomic(path, key_file.to_bytes(), ops)


def parse_key_file(data: bytes) -> KeyFile:
    """Parse key-file bytes strictly; never derive anything from unchecked values."""
    if len(data) > MAX_BYTES:
        raise VaultDamaged(PART, "too_large")
    body = _strict_json(data)
    checksum = body.pop("checksum", None)
    if not isinstance(checksum, str) or checksum != _crypto.digest(_canonical(body)):
        raise VaultDamaged(PART, "checksum")
    try:
        return _from_body(body)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise VaultDamaged(PART, "malformed") from None


def _from_body(body: dict[str, Any]) -> KeyFile:
    if body["format"] != FORMAT:
        raise VaultDamaged(PART, "not_a_key_file")
    if body["version"] != VERSION:
        raise VaultDamaged(PART, "unknown_version")
    kdf_fields = body["kdf"]
    if kdf_fields["name"] != "argon2id":
        raise VaultDamaged(PART, "unknown_kdf")
    kdf = KdfParams(
        _int(kdf_fields["memory_kib"]), _int(kdf_fields["iterations"]), _int(kdf_fields["lanes"])
    )
    if not kdf.within_limits():
        raise VaultDamaged(PART, "kdf_out_of_range")
    salt = _unb64(kdf_fields["salt"], _crypto.SALT_BYTES)
    slots = tuple(_slot_from(raw) for raw in body["slots"])
    if [s.kind for s in slots].count("passphrase") != 1 or len(slots) > MAX_DEVICES + 2:
        raise VaultDamaged(PART, "slots")
    vault_id = body["vault_id"]
    if not isinstance(vault_id, str) or not 8 <= len(vault_id) <= 64:
        raise ValueError("vault_id")
    return KeyFile(vault_id=vault_id, kdf=kdf, kdf_salt=salt, slots=slots)


def _slot_from(raw: dict[str, Any]) -> Slot:
    kind = raw["kind"]
    if kind not in ("passphrase", "recovery", "device"):
        raise ValueError("kind")
    ident = raw["id"]
    if not isinstance(ident, str) or len(ident) > 64:
        raise ValueError("id")
    salt_size = 0 if kind == "passphrase" else _crypto.SALT_BYTES
    return Slot(
        kind=kind,
        nonce=_unb64(raw["nonce"], _crypto.NONCE_BYTES),
        wrapped=_unb64(raw["wrapped"], _crypto.KEY_BYTES + 16),
        salt=_unb64(raw["salt"], salt_size),
        ident=ident,
    )


def _strict_json(data: bytes) -> dict[str, Any]:
    if not data.isascii():  # Pont writes key files in ASCII only
        raise VaultDamaged(PART, "malformed")
    try:
        body = strict_json.parse(data, max_depth=8)
    except strict_json.JsonRejected:
        raise VaultDamaged(PART, "malformed") from None
    if not isinstance(body, dict):
        raise VaultDamaged(PART, "malformed")
    return body


def _canonical(value: dict[str, Any]) -> bytes:
    # Every value here is ASCII text or a small integer, so sorted compact JSON is canonical.
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("ascii")


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("integer expected")
    return value


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: Any, size: int) -> bytes:
    if not isinstance(text, str):
        raise TypeError("text expected")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(data) != size or _b64(data) != text:
        raise ValueError("length")
    return data

