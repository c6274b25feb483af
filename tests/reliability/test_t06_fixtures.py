"""T06: every committed fixture vault opens (migrated on a copy) with its known contents;
the deliberately broken fixtures are refused with the right error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from relhelp import figure

from vault.errors import VaultDamaged, WrongPassphrase
from vault.schema import SCHEMA_VERSION
from vault.vault import Vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VERSIONS = sorted(FIXTURES.glob("vault-schema-*.json"))


def copy_of(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.mark.parametrize("record", VERSIONS, ids=[p.stem for p in VERSIONS])
def test_t06_fixture_vault_opens_with_known_values(
    record: Path, tmp_path: Path, record_property
) -> None:
    facts = json.loads(record.read_text(encoding="utf-8"))
    known = facts["known"]
    folder = copy_of(record.stem, tmp_path)
    original = (FIXTURES / record.stem / "vault.db").read_bytes()
    with Vault.open(folder, facts["passphrase"]) as vault:
        assert vault.check() == []
        people = {p.name: p for p in vault.people.all()}
        owner, relative = people[known["owner"]], people[known["relative"]]
        assert owner.role == "owner"
        assert relative.role == "relative"
        for person, fields in (
            (owner, known["owner_fields"]),
            (relative, known["relative_fields"]),
        ):
            for key, values in fields.items():
                assert vault.profiles.get(person.id, key).value == values[-1]
                assert [v.value for v in vault.profiles.history(person.id, key)] == values
        authority = vault.people.authority(relative.id)
        assert authority is not None
        assert authority.kind == known["authority"]["kind"]
        assert authority.details == known["authority"]["details"]
        (attachment,) = vault.documents.attachments(relative.id)
        assert attachment.name == known["document"]["name"]
        assert (
            len(b"".join(vault.documents.chunks(attachment.document.id)))
            == (known["document"]["size"])
        )
        if "organisation" in known:  # schema 2: organisations and holder keys
            (org,) = vault.organisations.all()
            assert (org.name, org.email) == tuple(known["organisation"].values())
            assert vault.holder_keys.fingerprints() == [known["holder_key"]]
        assert vault.credentials.list() == []  # schema 3 added credentials: there, and empty
        migrated_to = vault.connection.execute("PRAGMA user_version").fetchone()[0]
    with Vault.open_with_recovery_key(folder, facts["recovery_key"]) as again:
        assert again.check() == []
    assert (FIXTURES / record.stem / "vault.db").read_bytes() == original  # never touched
    figure(
        record_property,
        "T06",
        fixture=record.stem,
        opened=1,
        migrated=f"{record.stem.rsplit('-', 1)[1]}->{migrated_to}",
        check="empty",
    )
    assert migrated_to == SCHEMA_VERSION


def test_t06_broken_fixtures_are_refused(tmp_path: Path, record_property) -> None:
    facts = json.loads(VERSIONS[0].read_text(encoding="utf-8"))
    corrupt = copy_of("broken-corrupt-keyfile", tmp_path)
    with pytest.raises(VaultDamaged) as damaged:
        Vault.open(corrupt, facts["passphrase"])
    assert (damaged.value.part, damaged.value.reason) == ("key file", "checksum")
    wrong = copy_of("broken-wrong-vault-keyfile", tmp_path)
    with pytest.raises(WrongPassphrase):
        Vault.open(wrong, facts["passphrase"])
    with pytest.raises(VaultDamaged) as foreign:
        Vault.open(wrong, "another vault's passphrase")
    assert foreign.value.part == "database"
    figure(record_property, "T06b", broken=2, refused=2, misclassified=0)
