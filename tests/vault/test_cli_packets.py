"""``pont org / request / share / update / withdraw / ledger / verify`` on the command line."""

from __future__ import annotations

import io
import json
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from fakes import PASSPHRASE
from pdftext import tool

from vault.cli import run_cli
from vault.packets import jose
from vault.packets.hpke import new_recipient_key
from vault.vault import Vault

PDF_PASSWORD = "read-it-out-loud"
COUNCIL = "tax@council.example"
HOME = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Pont:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, *argv: str, stdin: str | None = None, json_: bool = True) -> Result:
        base = ["--vault", str(self.folder), "--passphrase-stdin"] + (["--json"] if json_ else [])
        out, err = io.StringIO(), io.StringIO()
        feed = PASSPHRASE + "\n" if stdin is None else stdin
        code = run_cli([*base, *argv], io.StringIO(feed), out, err)
        return Result(code, out.getvalue(), err.getvalue())

    def ok(self, *argv: str, stdin: str | None = None) -> Any:
        result = self(*argv, stdin=stdin)
        assert (result.code, result.err) == (0, ""), result
        return result.json()



@pytest.fixture
def pont(vault_folder: Path) -> Pont:
    with Vault.open(vault_folder, PASSPHRASE) as vault:
        ada = vault.people.add("Ada Lovelace", "owner").person.id
        vault.profiles.set_many(
            ada,
            {
                "givenName": "Ada",
                "familyName": "Lovelace",
                "birthDate": "1950-03-17",
                "telephone": "07700 900123",
                "councilTaxReference": "CTR-556677",
            },
        )
        vault.profiles.set(ada, "address", HOME)
    return Pont(vault_folder)


def set_field(folder: Path, key: str, value: object) -> None:
    with Vault.open(folder, PASSPHRASE) as vault:
        vault.profiles.set(vault.people.find("Ada").id, key, value, entry=0)


def share_template(pont: Pont, out: Path, *extra: str) -> Any:
    return pont.ok(
        "share",
        "Ada",
        "--template",
        "council-tax-single-person-discount",
        "--org",
        "Leeds City Council",
        "--org-email",
        COUNCIL,
        "--reference",
        "CT-1",
        "--out",
        str(out),
        *extra,
    )


def verify(pont: Pont, *argv: str, stdin: str = "") -> Result:
    return pont("verify", *argv, stdin=stdin)


# --- organisations and requests -----------------------------------------------------------------


def test_org_add_and_list(pont: Pont, tmp_path: Path) -> None:
    _, public = new_recipient_key()
    jwk_file = tmp_path / "org.jwk"
    jwk_file.write_text(json.dumps(public))
    added = pont.ok(
        "org", "add", "Leeds City Council", "--email", COUNCIL, "--public-key", str(jwk_file)
    )
    assert added["name"] == "Leeds City Council"
    assert added["email"] == COUNCIL
    assert added["public_key"] == dict(sorted(public.items()))
    pont.ok("org", "add", "Park Row Surgery")
    listed = pont.ok("org", "list")
    assert [(o["name"], o["email"]) for o in listed] == [
        ("Leeds City Council", COUNCIL),
        ("Park Row Surgery", None),
    ]
    text = pont("org", "list", json_=False)
    assert "Park Row Surgery\t-" in text.out
    bad = tmp_path / "bad.jwk"
    bad.write_text("[1, 2]")
    assert pont("org", "add", "X", "--public-key", str(bad)).code == 1
    # A P-256 key: Pont could never seal to it, so it is refused, not stored.
    p256 = tmp_path / "p256.jwk"
    p256_key = ec.generate_private_key(ec.SECP256R1()).public_key()
    p256.write_text(json.dumps(jose.public_jwk(p256_key)))
    refused = pont("org", "add", "X", "--public-key", str(p256))
    assert refused.code == 1
    assert "unsupported" in refused.err


def test_request_list_and_show_as_text(pont: Pont) -> None:
    listed = pont("request", "list", json_=False)
    assert listed.code == 0
    ids = [line.split("\t")[0] for line in listed.out.splitlines()]
    assert len(ids) == 12
    assert {"gp-registration", "council-tax-single-person-discount"} <= set(ids)
    shown = pont("request", "show", "gp-registration", json_=False)
    assert shown.code == 0
    assert "Register with a GP practice" in shown.out
    assert "  givenName\n" in shown.out
    assert "  email (optional)" in shown.out
    assert pont("request", "show", "no-such-template").code == 5


def test_request_list_and_show_as_json(pont: Pont) -> None:
    """BUG: ``--json`` crashes with a TypeError traceback: ``vault.cli._plain`` does not turn
    the template's ``typical_need`` (a frozenset) into a list."""
    listed = pont.ok("request", "list")
    assert len(listed) == 12
    gp = next(t for t in listed if t["id"] == "gp-registration")
    assert "givenName" in gp["typical_need"]
    shown = pont.ok("request", "show", "gp-registration")
    assert shown["id"] == "gp-registration"


def test_request_new_and_show_the_file(pont: Pont, tmp_path: Path) -> None:
    path = tmp_path / "request.json"
    made = pont.ok(
        "request", "new", "--org", "Leeds City Council", "--email", COUNCIL,
        "--purpose", "Single person discount", "--field", "givenName",
        "--field", "birthDate:over_18", "--field", "telephone:optional",
        "--retention", "Two years", "--reference", "CT-77", "--out", str(path),
    )  # fmt: skip
    assert made == {"request": str(path), "key": None}
    document = json.loads(path.read_text("utf-8"))
    assert document["organisation"]["name"] == "Leeds City Council"
    shown = pont.ok("request", "show", str(path))
    assert shown["reference"] == "CT-77"
    assert [(f["key"], f["required"], f["form"]) for f in shown["fields"]] == [
        ("givenName", True, None),
        ("birthDate", True, "over_18"),
        ("telephone", False, None),
    ]


def test_request_new_with_an_encryption_key(pont: Pont, tmp_path: Path) -> None:
    """BUG: ``pont request new --key-out`` makes an MLKEM768-X25519 (AKP) key, which the
    request validator (``check_encryption_key``) refuses: the command always fails."""
    made = pont.ok(
        "request", "new", "--org", "Sealed Council", "--email", COUNCIL,
        "--purpose", "Single person discount", "--field", "givenName",
        "--retention", "Two years", "--out", str(tmp_path / "r.json"),
        "--key-out", str(tmp_path / "council.key"),
    )  # fmt: skip
    assert made["key"] == str(tmp_path / "council.key")
    assert (
        json.loads((tmp_path / "r.json").read_text())["organisation"]["public_key"]["kty"] == "AKP"
    )


def test_share_encrypted_to_a_request_key_then_verify_with_the_key(
    pont: Pont, tmp_path: Path
) -> None:
    """Journey 5 end to end: blocked by the key-type bug above (request new --key-out)."""
    request = tmp_path / "r.json"
    key = tmp_path / "council.key"
    pont.ok(
        "request", "new", "--org", "Sealed Council", "--email", COUNCIL,
        "--purpose", "Single person discount", "--field", "givenName",
        "--retention", "Two years", "--out", str(request), "--key-out", str(key),
    )  # fmt: skip
    shared = pont.ok(
        "share", "Ada", "--request", str(request), "--encrypt", "--out", str(tmp_path / "o")
    )
    assert set(shared["files"]) == {"sealed", "email"}
    sealed = shared["files"]["sealed"]
    opened = verify(pont, "--audience", COUNCIL, "--key", str(key), sealed)
    assert opened.code == 0, opened
    assert opened.json()[0]["container"] == "sealed"
    assert opened.json()[0]["packet"]["disclosed"] == {"givenName": "Ada"}
    assert verify(pont, "--audience", COUNCIL, sealed).code == 1


# --- share --------------------------------------------------------------------------------------


def test_share_with_a_template(pont: Pont, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shared = share_template(pont, out)
    assert set(shared["files"]) == {"pdf", "sd-jwt", "email"}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        Path(p).name for p in shared["files"].values()
    )
    result = verify(pont, "--audience", COUNCIL, "--nonce", "CT-1", shared["files"]["sd-jwt"])
    assert result.code == 0, result
    (verdict,) = result.json()
    assert verdict["valid"] is True
    assert verdict["packet"]["packet_id"] == shared["packet_id"]
    assert set(verdict["packet"]["disclosed"]) == {
        "givenName",
        "familyName",
        "address",
        "councilTaxReference",
    }
    listed = pont.ok("org", "list")
    assert [(o["name"], o["email"]) for o in listed] == [("Leeds City Council", COUNCIL)]
    # The same organisation is found again, not added twice.
    share_template(pont, tmp_path / "again")
    assert len(pont.ok("org", "list")) == 1


def test_share_with_include_and_form(pont: Pont, tmp_path: Path) -> None:
    shared = share_template(
        pont, tmp_path / "o", "--include", "telephone", "--form", "address=postcode_district"
    )
    (verdict,) = verify(pont, shared["files"]["sd-jwt"]).json()
    assert verdict["packet"]["disclosed"] == {
        "givenName": "Ada",
        "familyName": "Lovelace",
        "address_postcode_district": "LS1",
        "councilTaxReference": "CTR-556677",
        "telephone": "+447700900123",
    }
    assert pont("share", "Ada", "--fields", "givenName", "--org", "X", "--purpose", "p",
                "--form", "birthDate", "--out", str(tmp_path)).code == 1  # fmt: skip


def test_share_with_a_request_file(pont: Pont, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    pont.ok(
        "request", "new", "--org", "Northern Bank", "--email", "kyc@bank.example",
        "--purpose", "Open an account", "--field", "givenName", "--field", "birthDate:over_18",
        "--field", "telephone:optional", "--retention", "Five years", "--lawful-basis",
        "legal_obligation", "--reference", "KYC-9", "--out", str(request),
    )  # fmt: skip
    shared = pont.ok("share", "Ada", "--request", str(request), "--out", str(tmp_path / "o"))
    result = verify(pont, "--audience", "kyc@bank.example", "--nonce", "KYC-9",
                    shared["files"]["pdf"])  # fmt: skip
    assert result.code == 0, result
    packet = result.json()[0]["packet"]
    assert packet["disclosed"] == {"givenName": "Ada", "birthDate_over_18": True}
    assert packet["purpose"] == "Open an account"
    (entry,) = pont.ok("ledger")
    assert entry["reference"] == "KYC-9"
    assert entry["organisation_name"] == "Northern Bank"


def test_share_with_fields_org_and_purpose(pont: Pont, tmp_path: Path) -> None:
    shared = pont.ok(
        "share", "Ada", "--fields", "givenName, birthDate", "--form", "birthDate=over_65",
        "--org", "Day Centre", "--purpose", "Lunch club", "--no-email", "--out", str(tmp_path),
    )  # fmt: skip
    assert set(shared["files"]) == {"pdf", "sd-jwt"}
    (verdict,) = verify(pont, "--audience", "Day Centre", shared["files"]["sd-jwt"]).json()
    assert verdict["packet"]["disclosed"] == {"givenName": "Ada", "birthDate_over_65": True}
    missing = pont("share", "Ada", "--fields", "givenName", "--org", "Day Centre")
    assert missing.code == 1
    assert "purpose" in missing.err


def test_missing_required_fields_are_named(pont: Pont, tmp_path: Path) -> None:
    result = pont(
        "share", "Ada", "--template", "dvla-change-of-address", "--org", "DVLA", "--out",
        str(tmp_path / "o"),
    )  # fmt: skip
    assert result.code == 1
    assert "drivingLicenceNumber" in result.err
    assert "givenName" not in result.err
    assert not (tmp_path / "o").exists()


def test_dry_run_signs_nothing_and_writes_nothing(pont: Pont, tmp_path: Path) -> None:
    """BUG (last assertion): ``cmd_share`` adds the organisation (and may store its key)
    through ``_organisation`` before it looks at ``--dry-run``."""
    out = tmp_path / "o"
    result = pont(
        "share", "Ada", "--template", "council-tax-single-person-discount", "--org",
        "Leeds City Council", "--out", str(out), "--dry-run", json_=False,
    )  # fmt: skip
    assert result.code == 0, result
    assert "Would send:" in result.out
    assert "Last name: Lovelace" in result.out
    assert "1950" not in result.out
    assert not out.exists()
    assert pont.ok("ledger") == []
    data = pont.ok(
        "share", "Ada", "--template", "council-tax-single-person-discount", "--org",
        "Leeds City Council", "--out", str(out), "--dry-run",
    )  # fmt: skip
    assert set(data["would_send"]) == {"givenName", "familyName", "address", "councilTaxReference"}
    assert "cnf" not in data["public"]
    with Vault.open(pont.folder, PASSPHRASE) as vault:
        assert vault.holder_keys.fingerprints() == []  # no key was made, nothing signed
        assert vault.ledger.count() == 0
        # A dry run changes nothing in the vault either.
        assert vault.organisations.all() == []


@pytest.mark.poppler
def test_pdf_password_from_stdin(pont: Pont, tmp_path: Path) -> None:
    """Stdin carries the passphrase line, then the PDF password line.

    BUG: ``cmd_share`` reads the PDF password before unlocking, so it takes the passphrase
    line as the password and the password line as the passphrase."""
    result = pont(
        "share", "Ada", "--fields", "givenName", "--org", "Day Centre", "--purpose", "Lunch",
        "--pdf-password-stdin", "--out", str(tmp_path),
        stdin=f"{PASSPHRASE}\n{PDF_PASSWORD}\n",
    )  # fmt: skip
    assert result.code == 0, result
    pdf = result.json()["files"]["pdf"]
    opened = subprocess.run([tool("pdftotext"), "-upw", PDF_PASSWORD, pdf, "-"],
                            capture_output=True, text=True, check=False, timeout=60)  # fmt: skip
    assert opened.returncode == 0
    assert "Ada" in opened.stdout
    locked = subprocess.run([tool("pdftotext"), pdf, "-"], capture_output=True, text=True,
                            check=False, timeout=60)  # fmt: skip
    assert locked.returncode != 0
    good = verify(pont, "--pdf-password-stdin", pdf, stdin=f"{PDF_PASSWORD}\n")
    assert good.code == 0, good
    assert verify(pont, pdf).json()[0]["reason"] == "pdf_password_required"


# --- verify ------------------------------------------------------------------------------------


def test_verify_exit_codes_json_trust_replay_and_at(pont: Pont, tmp_path: Path) -> None:
    shared = share_template(pont, tmp_path / "o")
    packet = shared["files"]["sd-jwt"]
    good = verify(pont, packet)
    assert good.code == 0
    (data,) = good.json()
    assert set(data) == {
        "source", "valid", "reason", "detail", "container", "superseded_by", "replayed", "at",
        "packet",
    }  # fmt: skip
    assert set(data["packet"]) == {
        "packet_id", "kind", "audience", "reference", "issued_at", "expires_at",
        "signer_fingerprint", "signer_trusted", "supersedes", "purpose", "acting", "notice",
        "disclosed", "provenance", "fields",
    }  # fmt: skip
    assert (data["source"], data["valid"], data["reason"]) == (packet, True, None)
    fingerprint = data["packet"]["signer_fingerprint"]
    # --trust=FP: a fingerprint is base64url and may start with "-".
    trusted = verify(pont, f"--trust={fingerprint}", packet).json()[0]
    assert trusted["packet"]["signer_trusted"] is True
    untrusted = verify(pont, "--trust", "not-this-one", packet)
    assert untrusted.json()[0]["packet"]["signer_trusted"] is False
    assert untrusted.code == 1  # --trust lists the only keys accepted
    # Wrong audience: invalid, exit 1, the reason on stderr and in the JSON.
    wrong = verify(pont, "--audience", "someone@else.example", packet)
    assert wrong.code == 1
    assert wrong.json()[0]["reason"] == "audience_mismatch"
    assert "audience_mismatch" in wrong.err
    # --at: after the expiry it is invalid; a naive time is read as UTC.
    later = (datetime.now(UTC) + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%S")
    expired = verify(pont, "--at", later, packet)
    assert (expired.code, expired.json()[0]["reason"]) == (1, "expired")
    # --replay-cache: the second presentation is refused.
    cache = tmp_path / "seen.json"
    assert verify(pont, "--replay-cache", str(cache), packet).code == 0
    replay = verify(pont, "--replay-cache", str(cache), shared["files"]["pdf"])
    assert replay.code == 1
    assert replay.json()[0]["replayed"] is True
    assert list(json.loads(cache.read_text())) == [shared["packet_id"]]
    # Many files: one bad one makes the exit status non-zero.
    junk = tmp_path / "junk.sd-jwt"
    junk.write_bytes(b"not a packet")
    both = verify(pont, packet, str(junk))
    assert both.code == 1
    assert [v["valid"] for v in both.json()] == [True, False]
    plain = verify(pont, packet, stdin="")
    assert plain.code == 0


def test_verify_text_output(pont: Pont, tmp_path: Path) -> None:
    shared = share_template(pont, tmp_path / "o")
    result = pont("verify", shared["files"]["pdf"], json_=False, stdin="")
    assert result.code == 0
    assert ": VALID" in result.out
    assert f"for {COUNCIL}, reference CT-1" in result.out
    assert 'familyName: "Lovelace"' in result.out
    # No reference given: the text says so, as the page does, not the packet id it answers.
    unasked = pont.ok("share", "Ada", "--fields", "telephone", "--org", "Day Centre",
                      "--purpose", "Lunch", "--out", str(tmp_path / "b"))  # fmt: skip
    said = pont("verify", unasked["files"]["sd-jwt"], json_=False, stdin="").out
    assert ", reference (none given)" in said
    assert unasked["packet_id"] not in said.split("reference")[1].splitlines()[0]


# --- ledger, update, withdraw --------------------------------------------------------------------


def test_ledger_listing_filters_and_export(pont: Pont, tmp_path: Path) -> None:
    council = share_template(pont, tmp_path / "a")
    pont.ok("share", "Ada", "--fields", "telephone", "--org", "Day Centre", "--purpose", "Lunch",
            "--out", str(tmp_path / "b"))  # fmt: skip
    entries = pont.ok("ledger")
    assert [e["organisation_name"] for e in entries] == ["Day Centre", "Leeds City Council"]
    assert [e["packet_id"] for e in pont.ok("ledger", "--org", "Leeds City Council")] == [
        council["packet_id"]
    ]
    assert len(pont.ok("ledger", "--person", "Ada")) == 2
    assert [e["organisation_name"] for e in pont.ok("ledger", "--field", "telephone")] == [
        "Day Centre"
    ]
    assert pont.ok("ledger", "--field", "nhsNumber") == []
    text = pont("ledger", json_=False)
    assert "active\tdisclosure\tLeeds City Council" in text.out
    exported = tmp_path / "ledger.json"
    assert pont.ok("ledger", "--export", str(exported))["exported"] == 2
    data = json.loads(exported.read_text("utf-8"))
    assert {e["packet_id"] for e in data} >= {council["packet_id"]}
    assert pont("ledger", "--org", "Nobody").code == 5


def test_update_dry_run_then_real(pont: Pont, tmp_path: Path) -> None:
    first = share_template(pont, tmp_path / "a")
    assert pont.ok("update", "Ada", "address", "--dry-run") == []
    set_field(pont.folder, "address", {**HOME, "lines": ["9 Kirkgate"]})
    planned = pont.ok("update", "Ada", "address", "--dry-run")
    assert [(p["organisation"], p["replaces"]) for p in planned] == [
        ("Leeds City Council", first["packet_id"])
    ]
    assert planned[0]["would_send"]["address"]["lines"] == ["9 Kirkgate"]
    assert len(pont.ok("ledger")) == 1
    done = pont.ok("update", "Ada", "address", "--out", str(tmp_path / "u"))
    assert len(done) == 1
    assert done[0]["replaces"] == first["packet_id"]
    result = verify(pont, done[0]["files"]["sd-jwt"], first["files"]["sd-jwt"])
    assert result.code == 0, result
    update, original = result.json()
    assert update["packet"]["supersedes"] == first["packet_id"]
    assert original["superseded_by"] == done[0]["packet_id"]
    statuses = {e["packet_id"]: e["status"] for e in pont.ok("ledger")}
    assert statuses == {first["packet_id"]: "superseded", done[0]["packet_id"]: "active"}
    text = pont("update", "Ada", "address", "--dry-run", json_=False)
    assert "already hold its current value" in text.out


@pytest.mark.parametrize("kind", ["withdrawal", "erasure", "access", "objection"])
def test_withdraw_kinds(pont: Pont, tmp_path: Path, kind: str) -> None:
    first = share_template(pont, tmp_path / "a")
    notice = pont.ok("withdraw", first["packet_id"], "--kind", kind, "--out", str(tmp_path / "n"))
    (verdict,) = verify(pont, notice["files"]["sd-jwt"]).json()
    assert verdict["packet"]["kind"] == kind
    assert verdict["packet"]["disclosed"] == {}
    statuses = {e["packet_id"]: e["status"] for e in pont.ok("ledger")}
    expected = "withdrawn" if kind in ("withdrawal", "erasure") else "active"
    assert statuses[first["packet_id"]] == expected
    assert pont("withdraw", "no-such-packet", "--out", str(tmp_path)).code == 5
