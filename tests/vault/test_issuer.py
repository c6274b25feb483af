"""The organisation's key file and public entry: written right, read strictly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vault.errors import InvalidInput
from vault.issuer import new_issuer_key, public_path, read_issuer_key, write_issuer_key
from vault.packets import jose


def test_key_file_round_trip(tmp_path: Path) -> None:
    key = new_issuer_key("Leeds City Council", "checks@leeds.example")
    public = write_issuer_key(tmp_path / "leeds.jwk", key)
    assert public == tmp_path / "leeds.pub.json"
    again = read_issuer_key(tmp_path / "leeds.jwk")
    assert (again.name, again.contact, again.fingerprint) == (
        "Leeds City Council",
        "checks@leeds.example",
        key.fingerprint,
    )
    signature = jose.sign(again.private_key, b"x")
    assert jose.verify(key.verifying, b"x", signature)


def test_public_path_names() -> None:
    assert public_path(Path("a/KEY.jwk")) == Path("a/KEY.pub.json")
    assert public_path(Path("key")) == Path("key.pub.json")


def test_names_are_one_plain_line() -> None:
    assert new_issuer_key("  Leeds  ").name == "Leeds"
    for bad, reason in (
        ("", "required"),
        ("a\nb", "control_character"),
        ("x" * 201, "length"),
        ("Le\u200beds", "control_character"),
    ):
        with pytest.raises(InvalidInput) as caught:
            new_issuer_key(bad)
        assert caught.value.reason == reason


@pytest.mark.parametrize(
    "change",
    [
        lambda k: k.pop("d"),
        lambda k: k.update(d="AA"),
        lambda k: k.update(x=new_issuer_key("Other").verifying.jwk["x"]),
        lambda k: k.update(crv="P-384"),
        lambda k: k.pop("name"),
    ],
)
def test_a_broken_key_file_is_refused(tmp_path: Path, change: object) -> None:
    path = tmp_path / "k.jwk"
    write_issuer_key(path, new_issuer_key("Leeds"))
    document = json.loads(path.read_text())
    change(document)  # type: ignore[operator]
    path.write_text(json.dumps(document))
    with pytest.raises(InvalidInput) as caught:
        read_issuer_key(path)
    assert caught.value.field.startswith("issuer_key")


def test_not_a_key_file(tmp_path: Path) -> None:
    for data in (b"", b"[]", b'{"d": 1}', b"{" * 100):
        (tmp_path / "k.jwk").write_bytes(data)
        with pytest.raises(InvalidInput):
            read_issuer_key(tmp_path / "k.jwk")
    with pytest.raises(InvalidInput) as missing:
        read_issuer_key(tmp_path / "missing.jwk")
    assert missing.value.reason == "unreadable"
