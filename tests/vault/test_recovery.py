"""The recovery key's printed form, and the recovery kit PDF."""

from __future__ import annotations

import base64
import getpass
import io
import os
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vault.errors import InvalidInput
from vault.recovery import (
    SECRET_BYTES,
    format_recovery_key,
    parse_recovery_key,
    recovery_kit_pdf,
    save_recovery_kit,
)

# A key that contains the letters O, I and B, which people mistype as 0, 1 and 8.
CONFUSABLE_TEXT = "OIBAOIBA" + "ABCDEFGHJKLMNPQRSTUVWXYZ"
CONFUSABLE_SECRET = base64.b32decode(CONFUSABLE_TEXT)
WHEN = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
VAULT_ID = "3f1e2d4c-0000-4000-8000-000000000001"


def test_format_shape() -> None:
    text = format_recovery_key(CONFUSABLE_SECRET)
    groups = text.split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 for g in groups)
    assert "".join(groups) == CONFUSABLE_TEXT


@given(st.binary(min_size=SECRET_BYTES, max_size=SECRET_BYTES))
def test_round_trip(secret: bytes) -> None:
    text = format_recovery_key(secret)
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-")
    assert parse_recovery_key(text) == secret


@pytest.mark.parametrize(
    "typed",
    [
        CONFUSABLE_TEXT.lower(),
        " ".join(CONFUSABLE_TEXT[i : i + 4] for i in range(0, 32, 4)),
        "-".join(CONFUSABLE_TEXT[i : i + 4].lower() for i in range(0, 32, 4)) + "\n",
        "  " + CONFUSABLE_TEXT.replace("O", "0").replace("I", "1").replace("B", "8") + "\t",
        CONFUSABLE_TEXT.lower().replace("o", "0").replace("i", "1").replace("b", "8"),
        "\r\n".join(CONFUSABLE_TEXT[i : i + 8] for i in range(0, 32, 8)),
    ],
    ids=["lower", "spaces", "dashes-lower", "digits", "digits-lower", "lines"],
)
def test_forgiving_input(typed: str) -> None:
    assert parse_recovery_key(typed) == CONFUSABLE_SECRET


@pytest.mark.parametrize(
    "typed",
    ["", CONFUSABLE_TEXT[:-1], CONFUSABLE_TEXT + "A", CONFUSABLE_TEXT * 2, "ABCD-EFGH"],
)
def test_wrong_length(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recovery_key(typed)
    assert (caught.value.field, caught.value.reason) == ("recovery_key", "length")


@pytest.mark.parametrize("bad", ["9", "!", "é", "="])
def test_characters_outside_the_alphabet(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recovery_key(bad + CONFUSABLE_TEXT[1:])
    assert caught.value.reason in {"format", "length"}
    assert caught.value.field == "recovery_key"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_kit_is_a_real_pdf_with_the_key() -> None:
    key = format_recovery_key(CONFUSABLE_SECRET)
    data = recovery_kit_pdf(key, VAULT_ID, WHEN)
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = pdf_text(data)
    assert key in text or key.replace("-", "") in "".join(text.split()).replace("-", "")
    assert "recovery" in text.lower()
    assert VAULT_ID in text
    assert "21 November 2026" in text


def test_kit_holds_no_personal_data() -> None:
    key = format_recovery_key(CONFUSABLE_SECRET)
    data = recovery_kit_pdf(key, VAULT_ID, WHEN)
    text = pdf_text(data)
    metadata: dict[str, object] = dict(pypdf.PdfReader(io.BytesIO(data)).metadata or {})
    everything = text + " " + " ".join(str(v) for v in metadata.values())
    home = os.path.expanduser("~")
    for private in (home, socket.gethostname(), getpass.getuser()):
        if len(private) >= 4:  # "root" in prose would be a false alarm below that
            assert private not in everything
            assert private.encode() not in data
    # the only identifying things are the ones it is meant to hold
    assert set(metadata) <= {"/Title", "/Creator", "/Producer", "/CreationDate"}


def test_saved_kit_is_private(tmp_path: Path) -> None:
    path = tmp_path / "kit.pdf"
    save_recovery_kit(path, format_recovery_key(CONFUSABLE_SECRET), VAULT_ID, WHEN)
    assert path.read_bytes().startswith(b"%PDF-")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
