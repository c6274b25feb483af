"""A share carries the confirmations of the fields it sends unchanged (packet-format §5.7).

The packet gets the plain ``confirmations`` claim, signed by the holder key the credentials
are bound to; the PDF's evidence column and the preview say who confirmed what and when;
``ShareOrder.confirmations=False`` leaves them out; updates carry them the same way.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fakes import FixedClock
from vckit import issue, issuer_key

from vault.confirmations import TrustedIssuer, check_packet_confirmations
from vault.packets import sdjwt_vc
from vault.packets.sdjwt import VerifiedPacket, verify_packet
from vault.page import evidence_label, field_label
from vault.share import (
    CarriedConfirmation,
    Selection,
    ShareOrder,
    confirmations_in,
    prepare,
    send,
)
from vault.updates import prepare_update
from vault.vault import Vault

LEEDS = TrustedIssuer("Leeds City Council", issuer_key().verifying)
BANK = "accounts@bank.example"
BORN = "1950-03-17"
CONFIRMED = "confirmed by Leeds City Council on 3 March 2026"


@pytest.fixture
def ada(vault: Vault) -> int:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set_many(person, {"givenName": "Ada", "familyName": "Lovelace"})
    vault.profiles.set(person, "birthDate", BORN)
    return person


def confirm(vault: Vault, person: int, claims: dict[str, Any], key_id: int | None = None) -> None:
    """Import a Leeds credential for ``claims`` bound to a holder key of the vault."""
    key = vault.holder_keys.by_id(key_id) if key_id else vault.holder_keys.default()
    seed = repr(sorted(claims)).encode() + str(key.id).encode()
    text = issue(issuer_key(), key.key, claims=claims, seed=seed).serialise()
    vault.credentials.import_credential(person, text)


def order_for(person: int, org: int, *keys: str, **extra: Any) -> ShareOrder:
    forms = [k.split("=") if "=" in k else (k, "full") for k in keys]
    return ShareOrder(
        person_id=person,
        organisation_id=org,
        purpose="Open an account",
        selections=tuple(Selection(k, None, f) for k, f in forms),
        reference="BANK-1",
        **extra,
    )


def bank(vault: Vault) -> int:
    return vault.organisations.add("Northern Bank", BANK).organisation.id


def statuses(vault: Vault, machine: bytes) -> dict[str, tuple[str, str | None]]:
    packet = opened(vault, machine)
    found = check_packet_confirmations(
        packet, trusted_issuers=[LEEDS], status_lists=[], now=vault.env.clock()
    )
    return {name: (s.state, s.reason) for name, s in found.items()}


def opened(vault: Vault, machine: bytes) -> VerifiedPacket:
    now = int(vault.env.clock().timestamp())
    return verify_packet(machine, now=now, audience=BANK, nonce="BANK-1")


def signer(vault: Vault, machine: bytes) -> str:
    return opened(vault, machine).thumbprint


def test_a_share_carries_the_confirmation_and_says_so(
    vault: Vault, ada: int, tmp_path: Path
) -> None:
    confirm(vault, ada, {"birthDate": BORN, "familyName": "Lovelace"})
    order = order_for(ada, bank(vault), "givenName", "birthDate")
    prepared = prepare(vault, order)
    (entry,) = prepared.public_claims["confirmations"]
    assert entry["claims"] == {"birthDate": "birthDate"}  # only what is sent
    assert entry["presentation"].count("~") == 2  # one disclosure, then the KB-JWT
    shown = sdjwt_vc.verify_presentation(
        entry["presentation"],
        now=int(vault.env.clock().timestamp()),
        audience=BANK,
        nonce="BANK-1",
    )
    assert shown.disclosed == {"birthDate": BORN}  # not the confirmed family name
    assert [(r.label, r.provenance) for r in prepared.summary.fields] == [
        ("First name", "self-declared"),
        ("Date of birth", CONFIRMED),
    ]
    note = CarriedConfirmation(
        "birthDate",
        "Date of birth",
        "Leeds City Council",
        LEEDS.fingerprint,
        date(2026, 3, 3),
    )
    assert prepared.confirmations == (note,)
    assert confirmations_in(vault, order) == [note]
    shared = send(vault, prepared, tmp_path)
    machine = shared.files["sd-jwt"].read_bytes()
    assert statuses(vault, machine) == {
        "givenName": ("self_declared", None),
        "birthDate": ("confirmed", None),
    }
    assert signer(vault, machine) == vault.holder_keys.default().key.thumbprint
    text = " ".join(pdf_text(shared.files["pdf"]).split())
    assert f"Date of birth {BORN} {CONFIRMED}" in text
    assert "it does not mean it is still true" in text


def test_no_confirmations_when_left_out_or_the_value_changed(
    vault: Vault, ada: int, clock: FixedClock
) -> None:
    confirm(vault, ada, {"birthDate": BORN})
    org = bank(vault)
    left_out = prepare(vault, order_for(ada, org, "birthDate", confirmations=False))
    assert "confirmations" not in left_out.public_claims
    assert left_out.confirmations == ()
    assert left_out.summary.fields[0].provenance == "self-declared"
    assert confirmations_in(vault, order_for(ada, org, "birthDate", confirmations=False)) == []
    vault.profiles.set(ada, "birthDate", "1951-03-17")
    changed = prepare(vault, order_for(ada, org, "birthDate"))
    assert "confirmations" not in changed.public_claims
    assert changed.summary.fields[0].provenance == "self-declared"
    assert confirmations_in(vault, order_for(ada, org, "birthDate")) == []


def test_a_less_revealing_form_carries_its_own_confirmation_while_it_holds(
    vault: Vault, ada: int, clock: FixedClock
) -> None:
    # Seventeen when confirmed "not over 18"; a month later the form says True, and the
    # confirmation of False must not go with it.
    vault.profiles.set(ada, "birthDate", "2008-12-01")
    confirm(vault, ada, {"birthDate_over_18": False})
    org = bank(vault)
    young = prepare(vault, order_for(ada, org, "birthDate=over_18"))
    assert young.claims == {"birthDate_over_18": False}
    assert young.public_claims["confirmations"][0]["claims"] == {
        "birthDate_over_18": "birthDate_over_18"
    }
    clock.advance(days=30)
    grown = prepare(vault, order_for(ada, org, "birthDate=over_18"))
    assert grown.claims == {"birthDate_over_18": True}
    assert "confirmations" not in grown.public_claims


def test_the_packet_is_signed_by_the_key_the_credential_is_bound_to(
    vault: Vault, ada: int, tmp_path: Path
) -> None:
    confirm(vault, ada, {"birthDate": BORN})
    org = bank(vault)
    default = vault.holder_keys.default()
    # A pairwise key would hide nothing the confirmation does not show: the default key signs.
    paired = send(
        vault, prepare(vault, order_for(ada, org, "birthDate", pairwise_key=True)), tmp_path / "a"
    )
    assert paired.entry.holder_key_id == default.id
    assert statuses(vault, paired.files["sd-jwt"].read_bytes())["birthDate"][0] == "confirmed"
    # Left out, the pairwise key signs (made now), and nothing is carried.
    plain = send(
        vault,
        prepare(vault, order_for(ada, org, "birthDate", pairwise_key=True, confirmations=False)),
        tmp_path / "b",
    )
    pairwise = vault.holder_keys.for_organisation(org, pairwise=True)
    assert pairwise.id != default.id
    assert plain.entry.holder_key_id == pairwise.id
    assert statuses(vault, plain.files["sd-jwt"].read_bytes()) == {
        "birthDate": ("self_declared", None)
    }
    # The bank now has its own key; a confirmation bound to the default key still makes the
    # default key sign, and a confirmation bound to the bank's own key keeps that key.
    again = prepare(vault, order_for(ada, org, "birthDate"))
    assert again.holder_key_id == default.id
    confirm(vault, ada, {"familyName": "Lovelace"}, key_id=pairwise.id)
    both = prepare(vault, order_for(ada, org, "birthDate", "familyName"))
    assert both.holder_key_id == pairwise.id
    assert [c["claims"] for c in both.public_claims["confirmations"]] == [
        {"familyName": "familyName"}  # the one bound to the default key is left out
    ]
    assert {r.label: r.provenance for r in both.summary.fields} == {
        field_label("birthDate"): "self-declared",
        field_label("familyName"): CONFIRMED,
    }
    machine = send(vault, both, tmp_path / "c").files["sd-jwt"].read_bytes()
    assert signer(vault, machine) == pairwise.key.thumbprint
    assert statuses(vault, machine) == {
        "birthDate": ("self_declared", None),
        "familyName": ("confirmed", None),
    }


def test_the_key_binding_the_most_confirmed_fields_signs(vault: Vault, ada: int) -> None:
    org = bank(vault)
    council = vault.organisations.add("Leeds City Council", "c@leeds.example").organisation.id
    own = vault.holder_keys.for_organisation(council, pairwise=True)
    vault.holder_keys.default()
    confirm(vault, ada, {"birthDate": BORN, "familyName": "Lovelace"}, key_id=own.id)
    confirm(vault, ada, {"givenName": "Ada"})
    prepared = prepare(vault, order_for(ada, org, "givenName", "familyName", "birthDate"))
    # The bank's usual key (the default) binds one confirmed field; the council's key two.
    # The usual key wins whenever it binds any, so the default key signs.
    assert prepared.holder_key_id == vault.holder_keys.default().id
    assert [n.claim for n in prepared.confirmations] == ["givenName"]
    # With the default key binding none, the council's key, binding both others, signs.
    fresh = prepare(vault, order_for(ada, org, "familyName", "birthDate"))
    assert fresh.holder_key_id == own.id
    assert [n.claim for n in fresh.confirmations] == ["familyName", "birthDate"]


def test_an_update_carries_the_confirmation_of_what_still_matches(
    vault: Vault, ada: int, tmp_path: Path
) -> None:
    confirm(vault, ada, {"birthDate": BORN})
    org = bank(vault)
    sent = send(vault, prepare(vault, order_for(ada, org, "givenName", "birthDate")), tmp_path)
    vault.profiles.set(ada, "givenName", "Augusta")
    update = prepare_update(vault, vault.ledger.get(sent.packet_id))
    assert update.claims == {"givenName": "Augusta", "birthDate": BORN}
    assert [n.claim for n in update.confirmations] == ["birthDate"]
    machine = send(vault, update, tmp_path / "u").files["sd-jwt"].read_bytes()
    assert statuses(vault, machine) == {
        "givenName": ("self_declared", None),
        "birthDate": ("confirmed", None),
    }
    # A changed confirmed value goes in the next update, self-declared.
    vault.profiles.set(ada, "birthDate", "1951-03-17")
    (stale,) = [e for e in vault.ledger.entries() if e.status == "active"]
    later = prepare_update(vault, stale)
    assert later.claims["birthDate"] == "1951-03-17"
    assert later.confirmations == ()
    assert "confirmations" not in later.public_claims


def test_the_evidence_label_is_derived_from_the_packet_claims_alone(vault: Vault, ada: int) -> None:
    confirm(vault, ada, {"birthDate": BORN})
    public = prepare(vault, order_for(ada, bank(vault), "birthDate")).public_claims
    assert evidence_label(public, "birthDate") == CONFIRMED
    document = {"kind": "document", "sha256": "ab" * 32}
    backed = {**public, "provenance": {"birthDate": document}}
    assert evidence_label(backed, "birthDate") == (
        f"{CONFIRMED}; backed by an attached document (SHA-256 {'ab' * 8}…)"
    )
    assert evidence_label({"provenance": {"x": document}}, "x").startswith("backed by")
    assert evidence_label({}, "x") == "not stated"  # a packet that says nothing of it
    for broken in (
        [{"claims": {"birthDate": "birthDate"}, "presentation": "not a jwt"}],
        [{"claims": ["birthDate"], "presentation": public["confirmations"][0]["presentation"]}],
        "birthDate",
        [7],
    ):
        assert evidence_label({**public, "confirmations": broken}, "birthDate") == ("self-declared")


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        [tool, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout
