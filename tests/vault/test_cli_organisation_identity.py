"""``pont share --request``: an organisation is its address with its key pinned (issue 10 #1).

The attack: a fake request with the council's name and address but the attacker's key is
answered first; a later genuine request must not be sealed to the attacker's key, and must
not be answered at all until the person accepts the new key (``--accept-new-key``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE
from pont_cli import Pont

from vault.organisations import key_fingerprint
from vault.packets.hpke import new_recipient_key
from vault.packets.pdf import group_fingerprint
from vault.requests import RequestedField, new_request
from vault.vault import Vault

COUNCIL = "tax@council.example"


@pytest.fixture
def pont(vault_folder: Path) -> Pont:
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        ada = vault.people.add("Ada Lovelace", "owner").person.id
        vault.profiles.set_many(ada, {"givenName": "Ada", "familyName": "Lovelace"})
    return Pont(vault_folder)


def request_file(
    folder: Path, name: str, email: str | None, key: dict[str, str] | None, tag: str = "r"
) -> Path:
    request = new_request(
        organisation=name,
        email=email,
        public_key=key,
        purpose="Single person discount",
        fields=[RequestedField("givenName", required=True)],
        lawful_basis="public_task",
        retention="Two years",
        reference="CT-1",
    )
    path = folder / f"{tag}.json"
    path.write_bytes(request.to_json())
    return path


def share(pont: Pont, request: Path, out: Path, *extra: str) -> Any:
    return pont("share", "Ada", "--request", str(request), "--out", str(out), *extra)


def stored(pont: Pont) -> list[dict[str, Any]]:
    return list(pont.ok("org", "list"))


def pinned_key(pont: Pont, name: str) -> Any:
    with Vault.open(pont.folder, PASSPHRASE) as vault:
        (org,) = [o for o in vault.organisations.all() if o.name == name]
        return org.public_key


def test_a_planted_key_is_not_used_for_the_genuine_request(pont: Pont, tmp_path: Path) -> None:
    attacker_private, attacker_key = new_recipient_key()
    council_private, council_key = new_recipient_key()
    fake = request_file(tmp_path, "Leeds City Council", COUNCIL, attacker_key, "fake")
    genuine = request_file(tmp_path, "Leeds City Council", COUNCIL, council_key, "genuine")
    first = share(pont, fake, tmp_path / "o1")
    assert first.code == 0, first
    (note,) = first.json()["organisation_notices"]
    assert note["reason"] == "key_first_seen"

    refused = share(pont, genuine, tmp_path / "o2", "--encrypt")
    assert refused.code == 1
    assert "key_changed" in refused.err or "key changed" in refused.err
    assert key_fingerprint(attacker_key) in refused.err
    assert not (tmp_path / "o2").exists()  # nothing sealed, nothing written
    assert pont.ok("ledger")[0]["packet_id"] == first.json()["packet_id"]
    assert len(pont.ok("ledger")) == 1

    council_key_file = tmp_path / "council.key"
    council_key_file.write_bytes(council_private.to_bytes())
    accepted = share(pont, genuine, tmp_path / "o3", "--encrypt", "--accept-new-key")
    assert accepted.code == 0, accepted
    assert [n["reason"] for n in accepted.json()["organisation_notices"]] == ["key_changed"]
    sealed = accepted.json()["files"]["sealed"]
    opened = pont("verify", "--audience", COUNCIL, "--key", str(council_key_file), sealed)
    assert opened.code == 0, opened
    attacker_key_file = tmp_path / "attacker.key"
    attacker_key_file.write_bytes(attacker_private.to_bytes())
    assert pont("verify", "--audience", COUNCIL, "--key", str(attacker_key_file), sealed).code
    assert len(stored(pont)) == 1  # one organisation, its key replaced
    assert key_fingerprint(pinned_key(pont, "Leeds City Council")) == key_fingerprint(council_key)


def test_the_same_request_again_is_the_same_organisation(pont: Pont, tmp_path: Path) -> None:
    _, key = new_recipient_key()
    request = request_file(tmp_path, "Leeds City Council", COUNCIL, key)
    assert share(pont, request, tmp_path / "a").code == 0
    again = share(pont, request, tmp_path / "b", "--encrypt")
    assert again.code == 0, again
    assert again.json()["organisation_notices"] == []
    assert len(stored(pont)) == 1


def test_a_key_change_is_shown_in_a_dry_run_and_refused(pont: Pont, tmp_path: Path) -> None:
    pont.ok("org", "add", "Leeds City Council", "--email", COUNCIL)
    _, first_key = new_recipient_key()
    _, second_key = new_recipient_key()
    request = request_file(tmp_path, "Leeds City Council", COUNCIL, first_key)
    dry = pont("share", "Ada", "--request", str(request), "--dry-run", json_=False)
    assert dry.code == 0, dry
    assert group_fingerprint(key_fingerprint(first_key)) in dry.out
    assert "from now on Pont accepts only this key" in dry.out
    assert pinned_key(pont, "Leeds City Council") is None  # a dry run pins nothing
    assert share(pont, request, tmp_path / "o").code == 0
    other = request_file(tmp_path, "Leeds City Council", COUNCIL, second_key, "other")
    refused = pont("share", "Ada", "--request", str(other), "--dry-run")
    assert refused.code == 1
    assert "key" in refused.err
    assert key_fingerprint(pinned_key(pont, "Leeds City Council")) == key_fingerprint(first_key)


def test_a_request_without_a_key_keeps_the_pinned_one(pont: Pont, tmp_path: Path) -> None:
    _, key = new_recipient_key()
    keyed = request_file(tmp_path, "Leeds City Council", COUNCIL, key)
    assert share(pont, keyed, tmp_path / "a").code == 0
    keyless = request_file(tmp_path, "Leeds City Council", COUNCIL, None, "keyless")
    answered = share(pont, keyless, tmp_path / "b", "--encrypt")
    assert answered.code == 0, answered
    assert [n["reason"] for n in answered.json()["organisation_notices"]] == ["key_not_in_request"]
    assert "sealed" in answered.json()["files"]  # sealed to the pinned key
    assert key_fingerprint(pinned_key(pont, "Leeds City Council")) == key_fingerprint(key)


def test_a_new_name_for_a_known_address_is_shown_not_adopted(pont: Pont, tmp_path: Path) -> None:
    pont.ok("org", "add", "Leeds City Council", "--email", COUNCIL)
    renamed = request_file(tmp_path, "Leeds Council Refunds", COUNCIL, None)
    answered = share(pont, renamed, tmp_path / "o")
    assert answered.code == 0, answered
    (note,) = answered.json()["organisation_notices"]
    assert (note["reason"], note["organisation"], note["detail"]) == (
        "name_differs",
        "Leeds City Council",
        "Leeds Council Refunds",
    )
    text = share(pont, renamed, tmp_path / "p").out
    assert "name_differs" in text  # (JSON) and in words:
    words = pont("share", "Ada", "--request", str(renamed), "--dry-run", json_=False).out
    assert "calls the organisation 'Leeds Council Refunds'" in words
    assert [o["name"] for o in stored(pont)] == ["Leeds City Council"]


def test_a_known_name_at_another_address_is_a_new_organisation_and_warned(
    pont: Pont, tmp_path: Path
) -> None:
    pont.ok("org", "add", "Leeds City Council", "--email", COUNCIL)
    phish = request_file(tmp_path, "Leeds City Council", "leeds.council@mail.example", None)
    answered = share(pont, phish, tmp_path / "o")
    assert answered.code == 0, answered
    (note,) = answered.json()["organisation_notices"]
    assert (note["reason"], note["detail"]) == ("same_name_elsewhere", COUNCIL)
    words = pont("share", "Ada", "--request", str(phish), "--dry-run", json_=False).out
    assert words.startswith("Warning: you already know an organisation called Leeds City Council")
    assert sorted(o["email"] for o in stored(pont)) == ["leeds.council@mail.example", COUNCIL]


def test_a_name_that_is_an_id_never_matches_that_id(pont: Pont, tmp_path: Path) -> None:
    _, key = new_recipient_key()
    pont.ok("org", "add", "Day Centre")
    pont.ok("org", "add", "Leeds City Council", "--email", COUNCIL)
    two = request_file(tmp_path, "2", None, key)
    answered = share(pont, two, tmp_path / "o")
    assert answered.code == 0, answered
    assert [o["name"] for o in stored(pont)] == ["2", "Day Centre", "Leeds City Council"]
    assert pinned_key(pont, "Leeds City Council") is None


def test_org_picks_a_stored_one_and_its_key_is_still_checked(pont: Pont, tmp_path: Path) -> None:
    _, pinned = new_recipient_key()
    _, other = new_recipient_key()
    jwk = tmp_path / "org.jwk"
    jwk.write_text(json.dumps(pinned))
    pont.ok("org", "add", "Leeds City Council", "--email", COUNCIL, "--public-key", str(jwk))
    request = request_file(tmp_path, "Council", "else@mail.example", other)
    refused = share(pont, request, tmp_path / "o", "--org", "1")
    assert refused.code == 1
    assert not (tmp_path / "o").exists()
    accepted = share(pont, request, tmp_path / "o", "--org", "1", "--accept-new-key")
    assert accepted.code == 0, accepted
    assert sorted(n["reason"] for n in accepted.json()["organisation_notices"]) == [
        "email_differs",
        "key_changed",
        "name_differs",
    ]
    (entry,) = pont.ok("ledger")
    assert entry["organisation_name"] == "Leeds City Council"


def test_ambiguous_organisations_are_refused_with_a_way_out(pont: Pont, tmp_path: Path) -> None:
    pont.ok("org", "add", "HMRC", "--email", "post@hmrc.example")
    pont.ok("org", "add", "HMRC Self Assessment", "--email", "post@hmrc.example")
    request = request_file(tmp_path, "HM Revenue", "post@hmrc.example", None)
    refused = share(pont, request, tmp_path / "o")
    assert refused.code == 1
    assert "ambiguous" in refused.err
    assert share(pont, request, tmp_path / "o", "--org", "2").code == 0
