"""Test doubles: an in-memory keyring and a controllable clock. They live only under tests/."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import keyring.errors

PASSPHRASE = "correct horse battery staple"  # the template vault's (tests/conftest.py)


class MemoryKeyring:
    """An in-memory keyring backend with the three calls Pont uses; can act locked."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")

    def _check(self) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("locked")


class FixedClock:
    """A clock that stands still until told to move."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 21, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def seeded(seed: bytes) -> Callable[[int], bytes]:
    """Deterministic ``token_bytes`` for golden vectors: SHA-256(seed || counter) blocks."""
    counter = 0

    def token_bytes(n: int) -> bytes:
        nonlocal counter
        out = b""
        while len(out) < n:
            counter += 1
            out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        return out[:n]

    return token_bytes
