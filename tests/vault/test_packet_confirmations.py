"""The ``confirmations`` claim phase 2 puts in packets: made from the vault, checked per field."""

from __future__ import annotations

from typing import Any

import pytest
from vckit import CLAIMS, issue, issuer_key

from vault.confirmations import TrustedIssuer, check_packet_confirmations
from vault.packets import sdjwt
from vault.vault import Vault

BANK = "accounts@bank.example"
LEEDS = TrustedIssuer("Leeds City Council", issuer_key().verifying)
SECOND = {"lines": ["9 Mill Lane"], "town": "York", "postcode": "YO1 7HH", "country": "GB"}


@pytest.fixture
def ada(vault: Vault) -> int:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set_many(person, {"givenName": "Ada", "birthDate": "1950-03-17"})
    vault.profiles.set(person, "address", CLAIMS["address"])
    vault.profiles.set(person, "address", SECOND, entry=1)
    key = vault.holder_keys.default().key
    vault.credentials.import_credential(person, issue(issuer_key(), key).serialise())
    vault.credentials.import_credential(
        person, issue(issuer_key(), key, claims={"address": SECOND}, seed=b"york").serialise()
    )
    return person


def packet(
    vault: Vault,
    person: int,
    claims: dict[str, Any],
    wanted: list[Any],
    audience: str = BANK,
    confirmations: Any = None,
) -> sdjwt.VerifiedPacket:
    now = int(vault.env.clock().timestamp())
    made = vault.credentials.confirmations_claim(
        person, wanted, audience=audience, nonce="REF-1", issued_at=now
    )
    public = {
        "vct": sdjwt.PACKET_VCT,
        "confirmations": made if confirmations is None else confirmations(made),
    }
    text = sdjwt.issue_packet(
        vault.holder_keys.default().key,
        claims=claims,
        public_claims=public,
        issued_at=now,
        expires_at=now + 3600,
        audience=audience,
        nonce="REF-1",
    )
    return sdjwt.verify_packet(text, now=now, audience=audience, nonce="REF-1")


def check(vault: Vault, verified: sdjwt.VerifiedPacket, **kw: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "trusted_issuers": [LEEDS],
        "status_lists": [],
        "now": vault.env.clock(),
    }
    args.update(kw)
    return {n: (s.state, s.reason) for n, s in check_packet_confirmations(verified, **args).items()}


def test_confirmed_fields_and_self_declared_ones(vault: Vault, ada: int) -> None:
    wanted = [
        ("givenName", "givenName", 0, "full"),
        ("birthDate_over_18", "birthDate", 0, "over_18"),
        ("address_1", "address", 1, "full"),
    ]
    verified = packet(
        vault, ada, {"givenName": "Ada", "birthDate_over_18": True, "address_1": SECOND}, wanted
    )
    entries = verified.claims["confirmations"]
    assert len(entries) == 2  # one presentation per credential, only what is sent
    assert {e["claims"]["address_1"] for e in entries if "address_1" in e["claims"]} == {"address"}
    assert all(e["presentation"].count("~") == 2 for e in entries)
    assert check(vault, verified) == {
        "givenName": ("self_declared", None),
        "birthDate_over_18": ("confirmed", None),
        "address_1": ("confirmed", None),
    }
    assert check(vault, verified, trusted_issuers=[]) == {
        "givenName": ("self_declared", None),
        "birthDate_over_18": ("not_confirmed", "issuer_not_trusted"),
        "address_1": ("not_confirmed", "issuer_not_trusted"),
    }


def test_a_changed_value_goes_self_declared(vault: Vault, ada: int) -> None:
    vault.profiles.set(ada, "birthDate", "1951-03-17")
    verified = packet(
        vault, ada, {"birthDate": "1951-03-17"}, [("birthDate", "birthDate", 0, "full")]
    )
    assert verified.claims["confirmations"] == []
    assert check(vault, verified) == {"birthDate": ("self_declared", None)}


def test_a_lifted_or_mismatched_confirmation_confirms_nothing(vault: Vault, ada: int) -> None:
    wanted = [("address", "address", 0, "full")]
    other = packet(vault, ada, {"address": CLAIMS["address"]}, wanted, audience="x@y.example")
    lifted = packet(
        vault,
        ada,
        {"address": CLAIMS["address"]},
        wanted,
        confirmations=lambda _made: other.claims["confirmations"],
    )
    assert check(vault, lifted) == {"address": ("not_confirmed", "audience_mismatch")}
    # a packet that maps the confirmation onto another value
    swapped = packet(
        vault,
        ada,
        {"address": SECOND},
        wanted,
        confirmations=lambda _made: packet(
            vault, ada, {"address": CLAIMS["address"]}, wanted
        ).claims["confirmations"],
    )
    assert check(vault, swapped) == {"address": ("not_confirmed", "value_differs")}
    malformed = packet(
        vault,
        ada,
        {"address": CLAIMS["address"]},
        wanted,
        confirmations=lambda made: [{"presentation": 1}, *made[:0]],
    )
    assert check(vault, malformed) == {"address": ("self_declared", None)}


def test_bound_to_another_key_is_not_confirmed(vault: Vault, ada: int) -> None:
    wanted = [("address", "address", 0, "full")]
    made = packet(vault, ada, {"address": CLAIMS["address"]}, wanted)
    pairwise = vault.holder_keys.for_organisation(
        vault.organisations.add("Bank", BANK).organisation.id, pairwise=True
    ).key
    now = int(vault.env.clock().timestamp())
    text = sdjwt.issue_packet(
        pairwise,
        claims={"address": CLAIMS["address"]},
        public_claims={"confirmations": made.claims["confirmations"]},
        issued_at=now,
        expires_at=now + 3600,
        audience=BANK,
        nonce="REF-1",
    )
    verified = sdjwt.verify_packet(text, now=now)
    assert check(vault, verified) == {"address": ("not_confirmed", "not_bound_to_holder")}
