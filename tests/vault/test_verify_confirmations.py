"""``vault.verify`` reports a packet's confirmations per field, in words and in data.

The packets are real ones from ``share``; the words are what ``pont verify`` prints and the
data what ``--json`` adds (``field_status_words``, ``field_status_data``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from vckit import issue, issuer_key

from vault.confirmations import (
    ConfirmationReport,
    FieldStatus,
    TrustedIssuer,
    check_packet_confirmations,
    field_status_data,
    field_status_words,
)
from vault.packets import sdjwt
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Vault
from vault.verify import Checks, verify_bytes

BANK = "accounts@bank.example"
LEEDS = TrustedIssuer("Leeds City Council", issuer_key().verifying)


@pytest.fixture
def packet(vault: Vault, tmp_path: Path) -> bytes:
    ada = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set_many(ada, {"givenName": "Ada", "birthDate": "1950-03-17"})
    key = vault.holder_keys.default().key
    credential = issue(issuer_key(), key, claims={"birthDate": "1950-03-17"})
    vault.credentials.import_credential(ada, credential.serialise())
    org = vault.organisations.add("Bank", BANK).organisation.id
    selections = (Selection("givenName"), Selection("birthDate"))
    order = ShareOrder(ada, org, "Open an account", selections, reference="ACC-1")
    return send(vault, prepare(vault, order), tmp_path).files["sd-jwt"].read_bytes()


def fields(vault: Vault, packet: bytes, **checks: Any) -> dict[str, FieldStatus]:
    verdict = verify_bytes(packet, Checks(now=vault.env.clock(), audience=BANK, **checks))
    assert verdict.valid, verdict
    assert verdict.as_dict()["packet"]["fields"] == {
        name: field_status_data(status) for name, status in verdict.fields.items()
    }
    return verdict.fields


def test_a_trusted_confirmation_in_words_and_data(vault: Vault, packet: bytes) -> None:
    found = fields(vault, packet, trusted_issuers=[LEEDS])
    assert field_status_words(found["givenName"]) == "self-declared"
    assert field_status_words(found["birthDate"]) == (
        f"confirmed by Leeds City Council on 3 March 2026 (issuer key {LEEDS.fingerprint}, trusted)"
    )
    assert field_status_data(found["givenName"]) == {
        "state": "self_declared",
        "reason": None,
        "confirmation": None,
    }
    data = field_status_data(found["birthDate"])
    assert data["state"] == "confirmed"
    assert data["confirmation"] == {
        "issuer_name": "Leeds City Council",
        "claimed_issuer_name": "Leeds City Council",
        "issuer_fingerprint": LEEDS.fingerprint,
        "issuer_trusted": True,
        "confirmed_on": "2026-03-03",
        "expires_on": "2027-03-03",
        "expired": False,
        "status": "none",
        "status_detail": "",
        "bound_to_holder": True,
        "vct": "urn:pont:vct:confirmation:1",
    }


def test_an_untrusted_issuer_is_shown_by_the_name_it_claims(vault: Vault, packet: bytes) -> None:
    untrusted = fields(vault, packet)["birthDate"]
    assert field_status_words(untrusted) == (
        "not confirmed: the issuer is not on your trust list — it calls itself"
        f' "Leeds City Council", issuer key {LEEDS.fingerprint}'
    )
    assert field_status_data(untrusted)["confirmation"]["issuer_name"] is None


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("revoked", "not confirmed: the issuer has revoked it"),
        ("suspended", "not confirmed: the issuer has suspended it"),
        ("not_bound_to_holder", "not confirmed: it was made for another holder key"),
        ("value_differs", "not confirmed: the value differs from the one the issuer confirmed"),
        ("audience_mismatch", "not confirmed: it was made for another recipient"),
        ("bad_signature", "not confirmed: it does not check out (bad_signature)"),
    ],
)
def test_each_reason_has_words(reason: str, words: str) -> None:
    report = ConfirmationReport(valid=reason != "bad_signature", reason=None, detail="")
    assert field_status_words(FieldStatus("x", "not_confirmed", reason, report)).startswith(words)


def test_an_expired_confirmation_says_when(vault: Vault, packet: bytes) -> None:
    now = int(vault.env.clock().timestamp())
    verified = sdjwt.verify_packet(packet, now=now, audience=BANK)
    later = vault.env.clock().replace(year=2027, month=4)
    found = check_packet_confirmations(
        verified, trusted_issuers=[LEEDS], status_lists=[], now=later
    )
    assert field_status_words(found["birthDate"]).startswith(
        "not confirmed: the confirmation has expired (on 3 March 2027) — Leeds City Council"
    )
