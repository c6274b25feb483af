"""Helpers for the security suites: figures, and an independent SQLCipher 4 page decryptor.

SQLCipher 4 with a raw key: every 4,096-byte page ends with an 80-byte reserve (16-byte
IV, then a 64-byte HMAC-SHA512); the rest is AES-256-CBC under the 32-byte data key.
Page 1 starts with the 16-byte salt, so its ciphertext is bytes 16..4016. The HMAC key
is PBKDF2-HMAC-SHA512(data key, salt XOR 0x3a, 2 iterations, 32 bytes) and covers
ciphertext ‖ IV ‖ page number (4 bytes, little-endian). Decrypting here, outside the
app, proves a raw scan would have found plaintext had it been there.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import struct
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
IV = 16
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def figure(record_property: Callable[[str, Any], None], test: str, **values: Any) -> str:
    parts = []
    for key, value in values.items():
        text = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        parts.append(f"{key}={text}")
    line = f"FIGURE {test} " + " ".join(parts)
    print(line, flush=True)
    record_property(f"figure_{test}", line)
    return line


def hmac_key(data_key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", data_key, bytes(b ^ 0x3A for b in salt), 2, 32)


def decrypt_page(data_key: bytes, page: bytes, number: int, salt: bytes) -> tuple[bytes, bool]:
    """(plaintext of the page's data area, whether its HMAC verified)."""
    start = SALT if number == 1 else 0
    end = PAGE - RESERVE
    iv = page[end : end + IV]
    mac = page[end + IV : PAGE]
    body = page[start:end]
    expected = hmac.new(
        hmac_key(data_key, salt), body + iv + struct.pack("<I", number), hashlib.sha512
    ).digest()
    decryptor = Cipher(algorithms.AES(data_key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize(), hmac.compare_digest(mac, expected)


def database_pages(data_key: bytes, path: Path) -> Iterator[tuple[int, bytes, bool]]:
    data = path.read_bytes()
    salt = data[:SALT]
    for index in range(len(data) // PAGE):
        page = data[index * PAGE : (index + 1) * PAGE]
        plain, ok = decrypt_page(data_key, page, index + 1, salt)
        yield index + 1, plain, ok


def wal_frames(data_key: bytes, wal: Path, salt: bytes) -> Iterator[tuple[int, bytes, bool]]:
    data = wal.read_bytes() if wal.exists() else b""
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = struct.unpack(">I", data[offset : offset + 4])[0]
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        plain, ok = decrypt_page(data_key, page, number, salt)
        yield number, plain, ok
        offset += FRAME_HEADER + PAGE


def decrypted_images(data_key: bytes, folder: Path) -> list[tuple[str, int, bytes, bool]]:
    """Every page of ``vault.db`` and every frame of ``vault.db-wal``, decrypted."""
    db = folder / "vault.db"
    salt = db.read_bytes()[:SALT]
    images = [("db", n, p, ok) for n, p, ok in database_pages(data_key, db)]
    images += [
        ("wal", n, p, ok) for n, p, ok in wal_frames(data_key, folder / "vault.db-wal", salt)
    ]
    return images


def count(needle: bytes, blobs: Iterable[bytes]) -> int:
    return sum(blob.count(needle) for blob in blobs)


def files_under(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found += [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    return found


def copy_folder(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def flip(path: Path, offset: int, mask: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ mask]))
        handle.flush()
        os.fsync(handle.fileno())
