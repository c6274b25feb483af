"""``pont issuer / attest / credential`` on the command line, and the loop as a subprocess chain."""

from __future__ import annotations

import email
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE

from vault.cli import run_cli
from vault.confirmations import load_trust_files, verify_credential_presentation
from vault.packets.sdjwt_vc import read_credential
from vault.vault import Vault

HOME = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}
COUNCIL = "tax@leeds.example"
FIELDS = "givenName,familyName,birthDate,address,email"


class Cli:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        base = ["--vault", str(self.folder), "--passphrase-stdin", "--json"]
        code = run_cli([*base, *argv], io.StringIO(PASSPHRASE + "\n"), out, err)
        return code, out.getvalue(), err.getvalue()

    def ok(self, *argv: str) -> Any:
        code, out, err = self(*argv)
        assert (code, err) == (0, ""), err
        return json.loads(out)

    def refused(self, *argv: str) -> str:
        """One plain line on stderr (never a traceback); stdout, with --json, the failure."""
        code, out, err = self(*argv)
        assert code == 1
        assert err.startswith("pont: ")
        assert err.count("\n") == 1
        assert f"pont: {json.loads(out)['message']}\n" == err
        return err


def seed_person(folder: Path) -> None:
    with Vault.open(folder, PASSPHRASE) as vault:
        ada = vault.people.add("Ada Lovelace", "owner").person.id
        vault.profiles.set_many(
            ada,
            {
                "givenName": "Ada",
                "familyName": "Lovelace",
                "birthDate": "1950-03-17",
                "email": "ada@example.org",
            },
        )
        vault.profiles.set(ada, "address", HOME)


@pytest.fixture
def cli(vault_folder: Path) -> Cli:
    seed_person(vault_folder)
    return Cli(vault_folder)


@pytest.fixture
def packet(cli: Cli, tmp_path: Path) -> Path:
    shared = cli.ok(
        "share",
        "Ada",
        "--fields",
        FIELDS,
        "--org",
        "Leeds City Council",
        "--org-email",
        COUNCIL,
        "--purpose",
        "Council tax",
        "--reference",
        "CT-1",
        "--out",
        str(tmp_path / "sent"),
    )
    return Path(shared["files"]["sd-jwt"])


@pytest.fixture
def leeds(cli: Cli, tmp_path: Path) -> Path:
    key = tmp_path / "leeds.jwk"
    cli.ok(
        "issuer", "init", "--name", "Leeds City Council", "--contact", COUNCIL, "--out", str(key)
    )
    return key


def test_issuer_init_writes_a_private_key_and_its_public_entry(cli: Cli, tmp_path: Path) -> None:
    made = cli.ok("issuer", "init", "--name", "DVLA", "--out", str(tmp_path / "dvla.jwk"))
    private, public = tmp_path / "dvla.jwk", tmp_path / "dvla.pub.json"
    assert made["public_entry"] == str(public)
    for path in (private, public):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = json.loads(private.read_text())
    entry = json.loads(public.read_text())
    assert key["d"]
    assert "d" not in entry["key"]
    assert (entry["name"], entry["fingerprint"]) == ("DVLA", made["fingerprint"])
    assert load_trust_files([public])[0].fingerprint == made["fingerprint"]
    err = cli.refused("issuer", "init", "--name", "DVLA", "--out", str(private))
    assert "exists" in err
    assert "control character" in cli.refused(
        "issuer", "init", "--name", "DV\u202eLA", "--out", str(tmp_path / "x.jwk")
    )


def test_attest_confirms_disclosed_fields_and_drafts_the_reply(
    cli: Cli, packet: Path, leeds: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cred.sd-jwt"
    made = cli.ok(
        "attest",
        str(packet),
        "--issuer-key",
        str(leeds),
        "--fields",
        "address,birthDate",
        "--derived",
        "birthDate=over_18",
        "--audience",
        COUNCIL,
        "--valid-days",
        "30",
        "--out",
        str(out),
    )
    assert made["confirmed"] == {
        "address": {**HOME, "country": "GB"},
        "birthDate": "1950-03-17",
        "birthDate_over_18": True,
    }
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    read = read_credential(out.read_bytes(), now=int(datetime.now(UTC).timestamp()))
    assert read.disclosed == made["confirmed"]
    assert read.holder.thumbprint == made["holder_fingerprint"]
    assert read.exp is not None
    assert read.iat is not None
    assert read.exp - read.iat == 30 * 86400
    draft = email.message_from_bytes(Path(made["email"]).read_bytes())
    assert draft["To"] == "ada@example.org"
    assert draft["Subject"] == "Confirmation of your details from Leeds City Council"
    body, attachment = [p for p in draft.walk() if not p.is_multipart()]
    text = body.get_payload(decode=True).decode()
    assert "it does not mean they are still true later" in text
    assert attachment.get_filename() == "cred.sd-jwt"
    assert attachment.get_payload(decode=True) == out.read_bytes()


def test_attest_refuses_what_it_cannot_confirm(
    cli: Cli, packet: Path, leeds: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cred.sd-jwt"
    base = ("attest", str(packet), "--issuer-key", str(leeds), "--out", str(out))
    assert "not disclosed" in cli.refused(*base, "--fields", "nhsNumber")
    assert "audience mismatch" in cli.refused(
        *base, "--fields", "address", "--audience", "other@org.example"
    )
    tampered = tmp_path / "tampered.sd-jwt"
    jwt, first, *rest = packet.read_text().split("~")
    tampered.write_text("~".join([jwt, first[:-2] + ("AA" if first[-2:] != "AA" else "BB"), *rest]))
    err = cli.refused(
        "attest",
        str(tampered),
        "--issuer-key",
        str(leeds),
        "--fields",
        "address",
        "--out",
        str(out),
    )
    assert err.startswith("pont: packet: ")
    assert "nothing was confirmed" in err
    assert "not confirmed" in cli.refused(
        *base, "--fields", "address", "--derived", "birthDate=over_18"
    )
    unknown = cli.refused(*base, "--fields", "birthDate", "--derived", "birthDate=over_99")
    assert "has no form “over_99”" in unknown
    assert "over_18" in unknown  # the forms it does have
    assert "incomplete" in cli.refused(*base, "--fields", "address", "--status-index", "1")
    assert not out.exists()  # nothing refused was written


def test_status_lists_revoke_and_suspend(
    cli: Cli, packet: Path, leeds: Path, tmp_path: Path
) -> None:
    lst = tmp_path / "status.jwt"
    cli.ok(
        "issuer",
        "status-list",
        "new",
        "--issuer-key",
        str(leeds),
        "--size",
        "8",
        "--uri",
        "https://leeds.example/s/1",
        "--out",
        str(lst),
    )
    out = tmp_path / "cred.sd-jwt"
    base = (
        "attest",
        str(packet),
        "--issuer-key",
        str(leeds),
        "--fields",
        "address",
        "--status-list",
        str(lst),
        "--out",
        str(out),
    )
    assert "out of range" in cli.refused(*base, "--status-index", "8")
    cli.ok(*base, "--status-index", "2")
    read = read_credential(out.read_bytes(), now=int(datetime.now(UTC).timestamp()))
    assert read.status is not None
    assert (read.status.idx, read.status.uri) == (2, "https://leeds.example/s/1")
    revoke = (
        "issuer",
        "revoke",
        "--status-list",
        str(lst),
        "--issuer-key",
        str(leeds),
        "--index",
        "2",
    )
    assert cli.ok(*revoke)["status"] == "revoked"
    assert "stays revoked" in cli.refused(*revoke, "--status", "valid")
    assert "in use" in cli.refused(*base, "--status-index", "2")
    cli.ok(*revoke[:-1], "3", "--status", "suspended")
    cli.ok(*revoke[:-1], "3", "--status", "valid")
    other = tmp_path / "other.jwk"
    cli.ok("issuer", "init", "--name", "Someone Else", "--out", str(other))
    assert "wrong issuer" in cli.refused(
        "issuer", "revoke", "--status-list", str(lst), "--issuer-key", str(other), "--index", "1"
    )


def test_credential_import_and_list(cli: Cli, packet: Path, leeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "cred.sd-jwt"
    cli.ok(
        "attest",
        str(packet),
        "--issuer-key",
        str(leeds),
        "--fields",
        "address,email",
        "--out",
        str(out),
    )
    stored = cli.ok("credential", "import", "Ada", str(out))
    assert stored["issuer_name"] == "Leeds City Council"
    rows = cli.ok("credential", "list", "Ada")
    assert sorted((r["claim"], r["matches"], r["expired"]) for r in rows) == [
        ("address", True, False),
        ("email", True, False),
    ]
    cli.ok("field", "set", "Ada", "email", "ada@new.example")
    code, text, _ = Cli.__call__(cli, "credential", "list")
    assert code == 0
    changed = {r["claim"]: r["matches"] for r in json.loads(text)}
    assert changed == {"address": True, "email": False}
    # the text form says so in plain words
    out_text, err_text = io.StringIO(), io.StringIO()
    run_cli(
        ["--vault", str(cli.folder), "--passphrase-stdin", "credential", "list"],
        io.StringIO(PASSPHRASE + "\n"),
        out_text,
        err_text,
    )
    assert "NO LONGER MATCHING" in out_text.getvalue()
    assert "confirmed by Leeds City Council on" in out_text.getvalue()
    bad = tmp_path / "bad.sd-jwt"
    bad.write_text(out.read_text().replace("~", "~x", 1))
    assert cli.refused("credential", "import", "Ada", str(bad)).startswith("pont: credential: ")


def test_every_issuer_command_is_covered() -> None:
    from test_cli import command_names

    assert command_names("vault.cli_issuer") == {
        "issuer init",
        "issuer status-list new",
        "issuer revoke",
        "attest",
        "credential import",
        "credential list",
    }


# --- the loop, as a person and two organisations would run it -----------------------------------


def run(argv: list[str], stdin: str = "") -> dict[str, Any] | list[Any]:
    pont = shutil.which("pont", path=str(Path(sys.executable).parent))
    assert pont is not None
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    done = subprocess.run(
        [pont, "--json", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    parsed: dict[str, Any] | list[Any] = json.loads(done.stdout)
    return parsed


def test_story_issuer_attest_import_present_verify(vault_folder: Path, tmp_path: Path) -> None:
    seed_person(vault_folder)
    person = ["--vault", str(vault_folder), "--passphrase-stdin"]
    secret = PASSPHRASE + "\n"
    # 1. the council becomes an issuer and keeps a status list
    key, lst = tmp_path / "leeds.jwk", tmp_path / "leeds-status.jwt"
    run(["issuer", "init", "--name", "Leeds City Council", "--out", str(key)])
    run(
        [
            "issuer",
            "status-list",
            "new",
            "--issuer-key",
            str(key),
            "--size",
            "100",
            "--uri",
            "https://leeds.example/status/1",
            "--out",
            str(lst),
        ]
    )
    # 2. Ada sends the council her details; it checks them and confirms what it checked
    shared = run(
        [
            *person,
            "share",
            "Ada",
            "--fields",
            FIELDS,
            "--org",
            "Leeds City Council",
            "--org-email",
            COUNCIL,
            "--purpose",
            "Council tax",
            "--out",
            str(tmp_path / "sent"),
        ],
        secret,
    )
    assert isinstance(shared, dict)
    cred = tmp_path / "leeds-confirmation.sd-jwt"
    run(
        [
            "attest",
            shared["files"]["sd-jwt"],
            "--issuer-key",
            str(key),
            "--fields",
            "address,birthDate",
            "--derived",
            "birthDate=over_18",
            "--status-list",
            str(lst),
            "--status-index",
            "4",
            "--audience",
            COUNCIL,
            "--out",
            str(cred),
        ]
    )
    # 3. Ada keeps it
    run([*person, "credential", "import", "Ada", str(cred)], secret)
    rows = run([*person, "credential", "list", "Ada"], secret)
    assert sorted(r["claim"] for r in rows) == ["address", "birthDate", "birthDate_over_18"]
    assert all(r["matches"] for r in rows)
    # 4. the next organisation gets only "over 18, confirmed by the council" (phase 2 will put
    #    this inside the packet; the functions are the ones it will call)
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        (stored,) = vault.credentials.list()
        now = int(datetime.now(UTC).timestamp())
        text = vault.credentials.present(
            stored, ["birthDate_over_18"], audience="bank@bank.example", nonce="B-1", issued_at=now
        )
        holder = vault.holder_keys.by_id(stored.holder_key_id).key.thumbprint
    checks = {
        "trusted_issuers": load_trust_files([tmp_path / "leeds.pub.json"]),
        "now": datetime.now(UTC),
        "audience": "bank@bank.example",
        "nonce": "B-1",
        "holder_thumbprint": holder,
    }
    confirmed = verify_credential_presentation(text, status_lists=[lst.read_bytes()], **checks)
    assert (confirmed.issuer_name, confirmed.status) == ("Leeds City Council", "valid")
    assert [(c.claim, c.value, c.confirmed) for c in confirmed.claims] == [
        ("birthDate_over_18", True, True)
    ]
    # 5. the council revokes it; a verifier holding the new list refuses it
    run(["issuer", "revoke", "--status-list", str(lst), "--index", "4", "--issuer-key", str(key)])
    revoked = verify_credential_presentation(text, status_lists=[lst.read_bytes()], **checks)
    assert revoked.status == "revoked"
    assert [c.reason for c in revoked.claims] == ["revoked"]
    # 6. Ada moves: the address confirmation no longer matches
    run(
        [
            *person,
            "field",
            "set",
            "Ada",
            "address",
            json.dumps({"lines": ["2 New Street"], "town": "Leeds", "postcode": "LS2 7AA"}),
            "--entry",
            "0",
        ],
        secret,
    )
    after = {r["claim"]: r["matches"] for r in run([*person, "credential", "list"], secret)}
    assert after == {"address": False, "birthDate": True, "birthDate_over_18": True}


@pytest.mark.poppler
def test_attest_accepts_the_signed_pdf_too(cli: Cli, leeds: Path, tmp_path: Path) -> None:
    shared = cli.ok(
        "share",
        "Ada",
        "--fields",
        "givenName,birthDate",
        "--org",
        "DVLA",
        "--org-email",
        "dvla@dvla.example",
        "--purpose",
        "Licence",
        "--out",
        str(tmp_path / "sent"),
    )
    made = cli.ok(
        "attest",
        shared["files"]["pdf"],
        "--issuer-key",
        str(leeds),
        "--fields",
        "birthDate",
        "--out",
        str(tmp_path / "c.sd-jwt"),
    )
    assert made["confirmed"] == {"birthDate": "1950-03-17"}
    assert made["packet_id"] == shared["packet_id"]
