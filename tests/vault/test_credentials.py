"""The person's side: importing confirmations, judging them against the record, presenting."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fakes import FixedClock
from vckit import AUDIENCE, CLAIMS, DAY, IAT, NONCE, b64d, b64e, issue, issuer_key

from vault.errors import InvalidInput
from vault.packets import sdjwt_vc
from vault.vault import Vault

HOME = CLAIMS["address"]


@pytest.fixture
def ada(vault: Vault) -> int:
    person = vault.people.add("Ada Lovelace", "owner").person.id
    vault.profiles.set_many(person, {"givenName": "Ada", "birthDate": "1950-03-17"})
    vault.profiles.set(person, "address", HOME)
    return person


def credential_for(vault: Vault, **kw: Any) -> str:
    return issue(issuer_key(), vault.holder_keys.default().key, **kw).serialise()


def refusal(vault: Vault, person: int, data: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        vault.credentials.import_credential(person, data)
    assert caught.value.field == "credential"
    return caught.value.reason


def test_import_keeps_the_credential_and_what_it_confirms(vault: Vault, ada: int) -> None:
    text = credential_for(vault)
    stored = vault.credentials.import_credential(ada, text)
    assert stored.text == text
    assert (stored.issuer_name, stored.issuer_fingerprint) == (
        "Leeds City Council",
        issuer_key().thumbprint,
    )
    assert stored.holder_key_id == vault.holder_keys.default().id
    assert (stored.issued_at, stored.expires_at) == ("2026-03-03T14:05:00Z", "2027-03-03T14:05:00Z")
    assert {(c.claim, c.key, c.entry, c.form) for c in stored.claims} == {
        ("address", "address", 0, "full"),
        ("birthDate", "birthDate", 0, "full"),
        ("birthDate_over_18", "birthDate", 0, "over_18"),
    }
    assert {c.claim: c.value for c in stored.claims} == CLAIMS
    assert vault.credentials.list(ada) == [stored]
    assert vault.credentials.list() == [stored]
    # the same file again is kept once, and not for someone else too
    assert vault.credentials.import_credential(ada, text).id == stored.id
    assert len(vault.credentials.list()) == 1
    twin = vault.people.add("Ada's twin").person.id
    vault.profiles.set(twin, "birthDate", "1950-03-17")
    vault.profiles.set(twin, "address", HOME)
    assert refusal(vault, twin, text) == "kept_for_another_person"


def test_a_second_address_entry_is_matched_by_value(vault: Vault, ada: int) -> None:
    second = {"lines": ["9 Mill Lane"], "town": "York", "postcode": "YO1 7HH", "country": "GB"}
    vault.profiles.set(ada, "address", second, entry=1)
    stored = vault.credentials.import_credential(
        ada, credential_for(vault, claims={"address": second})
    )
    (claim,) = stored.claims
    assert (claim.key, claim.entry) == ("address", 1)


def test_import_negatives_are_refused_with_reasons(vault: Vault, ada: int) -> None:
    good = credential_for(vault)
    jwt, first, *rest = good.split("~")
    salt, name, _value = json.loads(b64d(first))
    tampered = "~".join([jwt, b64e(json.dumps([salt, name, "1960-01-01"]).encode()), *rest])
    assert refusal(vault, ada, tampered) == "disclosure_unreferenced"
    wrong_signature = "~".join([jwt.rsplit(".", 1)[0] + "." + "A" * 86, first, *rest])
    assert refusal(vault, ada, wrong_signature) == "bad_signature"
    other_holder = issue(issuer_key(), holder=None).serialise()  # vckit's own holder key
    assert refusal(vault, ada, other_holder) == "bound_to_another_holder"
    not_hers = credential_for(vault, claims={"birthDate": "1961-01-01"})
    assert refusal(vault, ada, not_hers) == "value_mismatch"
    expired = credential_for(vault, issued_at=IAT - 400 * DAY, expires_at=IAT - 30 * DAY)
    assert refusal(vault, ada, expired) == "expired"
    unknown = credential_for(vault, claims={"given_name": "Ada"})
    assert refusal(vault, ada, unknown) == "unknown_claim"
    assert refusal(vault, ada, "not a credential") == "invalid_characters"
    assert refusal(vault, ada, good + "e30.e30.AA") == "unexpected_key_binding"
    assert vault.credentials.list() == []  # nothing refused was kept


def test_a_changed_value_no_longer_matches_and_is_never_presented(
    vault: Vault, ada: int, clock: FixedClock
) -> None:
    stored = vault.credentials.import_credential(ada, credential_for(vault))
    (before,) = vault.credentials.confirmations(ada, "address", 0)
    assert (before.matches, before.expired, before.usable) == (True, False, True)
    assert vault.credentials.confirmation_for(ada, "address") == before
    vault.profiles.set(ada, "address", {**HOME, "lines": ["2 New Street"]}, entry=0)
    (after,) = vault.credentials.confirmations(ada, "address", 0)
    assert after.matches is False
    assert vault.credentials.confirmation_for(ada, "address") is None
    with pytest.raises(InvalidInput) as caught:
        vault.credentials.present(
            stored, ["address"], audience=AUDIENCE, nonce=NONCE, issued_at=IAT + DAY
        )
    assert (caught.value.field, caught.value.reason) == ("address", "no_longer_matching")
    # the birth date did not change: its confirmations can still be sent
    text = vault.credentials.present(
        stored, ["birthDate_over_18"], audience=AUDIENCE, nonce=NONCE, issued_at=IAT + DAY
    )
    assert sdjwt_vc.verify_presentation(
        text, now=IAT + DAY, audience=AUDIENCE, nonce=NONCE
    ).disclosed == {"birthDate_over_18": True}
    # changing it back makes the confirmation match again: it is about the value
    vault.profiles.set(ada, "address", HOME, entry=0)
    assert vault.credentials.confirmations(ada, "address", 0)[0].matches is True
    # and an expired credential is never presented
    clock.advance(days=400)
    assert vault.credentials.confirmations(ada, "address", 0)[0].expired is True
    with pytest.raises(InvalidInput) as late:
        vault.credentials.present(
            stored, ["address"], audience=AUDIENCE, nonce=NONCE, issued_at=IAT + DAY
        )
    assert late.value.reason == "expired"


def test_present_sends_only_the_needed_disclosures(vault: Vault, ada: int) -> None:
    stored = vault.credentials.import_credential(ada, credential_for(vault))
    text = vault.credentials.present(
        stored, ["birthDate_over_18"], audience=AUDIENCE, nonce=NONCE, issued_at=IAT + DAY
    )
    assert text.count("~") == 2  # <issuer-jwt>~<one disclosure>~<kb-jwt>
    assert "1950" not in "".join(b64d(p).decode() for p in text.split("~")[1:-1])


def test_erasing_a_field_erases_the_credentials_that_carry_it(vault: Vault, ada: int) -> None:
    vault.credentials.import_credential(ada, credential_for(vault))
    other = vault.credentials.import_credential(
        ada, credential_for(vault, claims={"givenName": "Ada"}, seed=b"other")
    )
    vault.erase_field(ada, "birthDate")
    assert [c.id for c in vault.credentials.list()] == [other.id]
    rows = vault.connection.execute("SELECT count(*) FROM credential_claims").fetchone()
    assert rows[0] == 1
    # a plain removal keeps the history, and so keeps the credential (it can be restored)
    vault.profiles.remove(ada, "givenName")
    assert [c.id for c in vault.credentials.list()] == [other.id]
    assert vault.credentials.confirmations(ada, "givenName")[0].matches is False


def test_credentials_survive_lock_and_unlock(
    vault_folder: Any, env: Any, ada: int, vault: Vault
) -> None:
    from fakes import PASSPHRASE

    stored = vault.credentials.import_credential(ada, credential_for(vault))
    vault.close()
    with Vault.open(vault_folder, PASSPHRASE, env) as again:
        assert again.credentials.list() == [stored]
