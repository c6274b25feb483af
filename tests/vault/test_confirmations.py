"""The receiving organisation's report per confirmed field, and trust-list files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from vckit import AUDIENCE, CLAIMS, DAY, IAT, NONCE, holder_key, issue, issuer_key, present

from vault.confirmations import (
    TrustedIssuer,
    load_trust_files,
    parse_trust_document,
    trust_list_document,
    verify_credential_presentation,
)
from vault.errors import InvalidInput
from vault.issuer import new_issuer_key, public_entry
from vault.packets import jose
from vault.packets.sdjwt_vc import StatusReference
from vault.packets.status_list import INVALID, SUSPENDED, StatusList, sign_status_list

NOW = datetime.fromtimestamp(IAT + DAY, UTC)
URI = "https://leeds.example/status/1"
LEEDS = TrustedIssuer("Leeds City Council", issuer_key().verifying)


def report(text: str, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "trusted_issuers": [LEEDS],
        "status_lists": [],
        "now": NOW,
        "audience": AUDIENCE,
        "nonce": NONCE,
        "holder_thumbprint": holder_key().thumbprint,
    }
    args.update(kw)
    return verify_credential_presentation(text, **args)


def test_confirmed_by_a_trusted_issuer() -> None:
    result = report(present(issue(), claims=("address", "birthDate_over_18")))
    assert (result.valid, result.reason) == (True, None)
    assert (result.issuer_trusted, result.issuer_name, result.claimed_issuer_name) == (
        True,
        "Leeds City Council",
        "Leeds City Council",
    )
    assert result.issuer_fingerprint == issuer_key().thumbprint
    assert result.issued_at == datetime.fromtimestamp(IAT, UTC)
    assert (result.expired, result.status, result.bound_to_holder) == (False, "none", True)
    assert sorted((c.claim, c.value, c.confirmed, c.reason) for c in result.claims) == [
        ("address", CLAIMS["address"], True, None),
        ("birthDate_over_18", True, True, None),
    ]
    assert result.confirmation("birthDate") is None  # not presented, not confirmed


def test_a_stranger_claiming_a_trusted_name_is_not_trusted() -> None:
    forger = issuer_key(b"forger")
    result = report(present(issue(forger)))
    assert result.valid is True
    assert (result.issuer_trusted, result.issuer_name) == (False, None)
    assert result.claimed_issuer_name == "Leeds City Council"  # what it says, shown as such
    assert result.issuer_fingerprint == forger.thumbprint
    assert [c.reason for c in result.claims] == ["issuer_not_trusted"]


def test_expired_and_not_bound() -> None:
    old = issue(issued_at=IAT - 20 * DAY, expires_at=IAT)
    expired = report(present(old))
    assert (expired.expired, [c.reason for c in expired.claims]) == (True, ["expired"])
    elsewhere = report(present(issue()), holder_thumbprint=holder_key(b"packet").thumbprint)
    assert elsewhere.bound_to_holder is False
    assert [c.reason for c in elsewhere.claims] == ["not_bound_to_holder"]


@pytest.mark.parametrize(
    ("value", "status"),
    [(0, "valid"), (INVALID, "revoked"), (SUSPENDED, "suspended"), (3, "unrecognised")],
)
def test_status_from_an_offline_list(value: int, status: str) -> None:
    key = issuer_key()
    lst = StatusList.new(16).with_status(5, value)
    token = sign_status_list(key.private_key, lst, uri=URI, issued_at=IAT + 10)
    text = present(issue(key, status=StatusReference(5, URI)))
    result = report(text, status_lists=[token])
    assert result.status == status
    assert [c.confirmed for c in result.claims] == [status == "valid"]


def test_status_not_checked_is_said_with_why() -> None:
    key, other = issuer_key(), issuer_key(b"other")
    text = present(issue(key, status=StatusReference(5, URI)))
    assert (report(text).status, report(text).status_detail) == (
        "not_checked",
        f"no status list for {URI}",
    )
    by_other = sign_status_list(
        other.private_key, StatusList.new(16).with_status(5, INVALID), uri=URI, issued_at=IAT
    )
    result = report(text, status_lists=[by_other])
    assert result.status == "not_checked"
    assert result.status_detail.startswith("status_list_wrong_issuer")
    # an unchecked status does not stop the confirmation; the report says it was unchecked
    assert [c.confirmed for c in result.claims] == [True]


def test_the_newest_list_wins() -> None:
    key = issuer_key()
    text = present(issue(key, status=StatusReference(2, URI)))
    older = sign_status_list(key.private_key, StatusList.new(8), uri=URI, issued_at=IAT)
    newer = sign_status_list(
        key.private_key, StatusList.new(8).with_status(2, INVALID), uri=URI, issued_at=IAT + 60
    )
    assert report(text, status_lists=[newer, older]).status == "revoked"
    assert report(text, status_lists=[older, newer]).status == "revoked"


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"audience": "other@org.example"}, "audience_mismatch"),
        ({"nonce": "OTHER"}, "nonce_mismatch"),
    ],
)
def test_a_presentation_for_someone_else_is_invalid(kw: dict[str, Any], reason: str) -> None:
    result = report(present(issue()), **kw)
    assert (result.valid, result.reason, result.claims) == (False, reason, ())


def test_a_tampered_presentation_confirms_nothing() -> None:
    jwt, disclosure, kb = present(issue()).split("~")
    result = report("~".join([jwt, disclosure[:-2] + "AA", kb]))
    assert result.valid is False
    assert result.claims == ()


# --- trust lists --------------------------------------------------------------------------------


def test_trust_files_entries_and_lists(tmp_path: Path) -> None:
    dvla, leeds = new_issuer_key("DVLA"), new_issuer_key("Leeds City Council", "a@l.example")
    (tmp_path / "dvla.pub.json").write_bytes(jose.dump_json(public_entry(dvla)))
    both = trust_list_document(
        [
            TrustedIssuer("DVLA", dvla.verifying),
            TrustedIssuer("Leeds City Council", leeds.verifying, "a@l.example"),
        ]
    )
    (tmp_path / "list.json").write_bytes(jose.dump_json(both))
    loaded = load_trust_files([tmp_path / "dvla.pub.json", tmp_path / "list.json"])
    assert sorted((i.name, i.fingerprint, i.contact) for i in loaded) == sorted(
        [
            ("DVLA", dvla.fingerprint, None),
            ("Leeds City Council", leeds.fingerprint, "a@l.example"),
        ]
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda e: e.update(fingerprint="x" * 43), "fingerprint_mismatch"),
        (lambda e: e.update(format="other"), "format"),
        (lambda e: e.update(name="Leeds\u202eevil"), "control_character"),
        (lambda e: e.update(key={**e["key"], "d": "AA"}), "invalid_key"),
        (lambda e: e.update(key=dict(holder_key(b"ed", "Ed25519").public_jwk)), "unsupported_key"),
    ],
)
def test_bad_trust_entries_are_refused(change: Any, reason: str) -> None:
    entry = public_entry(new_issuer_key("DVLA"))
    change(entry)
    with pytest.raises(InvalidInput) as caught:
        parse_trust_document(json.dumps(entry).encode())
    assert caught.value.reason == reason


def test_one_key_under_two_names_is_refused(tmp_path: Path) -> None:
    key = new_issuer_key("DVLA")
    entry = public_entry(key)
    (tmp_path / "a.json").write_bytes(jose.dump_json(entry))
    (tmp_path / "b.json").write_bytes(jose.dump_json({**entry, "name": "Not DVLA"}))
    with pytest.raises(InvalidInput) as caught:
        load_trust_files([tmp_path / "a.json", tmp_path / "b.json"])
    assert caught.value.reason == "conflict"
    duplicate = parse_trust_document(b'{"format":"pont-trust-list","version":1,"issuers":[]}')
    assert duplicate == []
    with pytest.raises(InvalidInput):
        parse_trust_document(b'{"a":1,"a":2}')  # strict JSON: no duplicate members
