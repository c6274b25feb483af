"""Issue 11's loop at a terminal: a council confirms what it checked, the bank relies on it.

Every step is the real ``pont`` as a subprocess: the council becomes an issuer, Ada shares her
details with it, it attests, Ada imports the confirmation, shares with her bank, and the bank
runs ``pont verify`` with its trust list and the council's status list. What the bank sees is
read from the verifier's output and the PDF, never from a function's return value. The
negatives are refused with reasons: another issuer's trust list, a value changed after it was
confirmed, an expired or revoked confirmation, a credential bound to another holder, a
tampered packet.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from story_helpers import Terminal, pdftotext

from vault.model import format_date
from vault.packets.jose import b64url_decode, b64url_encode

COUNCIL = "tax@leeds.example"
BANK = "accounts@northern-bank.example"
HOME = {"lines": ["1 Park Row"], "town": "Leeds", "postcode": "LS1 5AB"}
MOVED = {"lines": ["2 New Street"], "town": "Leeds", "postcode": "LS2 7AA"}
URI = "https://leeds.example/status/1"


class Issuer:
    """An organisation's side: no vault, only its key files in its own folder."""

    def __init__(self, terminal: Terminal, name: str, slug: str) -> None:
        self.terminal = terminal
        self.key = terminal.home / f"{slug}.jwk"
        self.entry = terminal.home / f"{slug}.pub.json"
        self.made = self.ok("issuer", "init", "--name", name, "--out", str(self.key))

    def ok(self, *argv: str) -> Any:
        said = self.terminal.run("--json", *argv, passphrase=False)
        assert (said.code, said.err) == (0, ""), said
        return said.json()


def verify(terminal: Terminal, packet: Path, *extra: str) -> tuple[str, dict[str, Any]]:
    """The bank checks a packet: the words it reads, and the ``--json`` per-field data."""
    argv = ("verify", str(packet), "--audience", BANK, "--nonce", "ACC-9", *extra)
    words = terminal.run(*argv, passphrase=False)
    data = terminal.run("--json", *argv, passphrase=False)
    assert (words.code, data.code) == (0, 0), (words, data)
    (verdict,) = data.json()
    return words.out, verdict["packet"]["fields"]


def share(terminal: Terminal, org: str, email: str, ref: str, fields: str, *extra: str) -> Any:
    return terminal.ok_json(
        "share", "Ada", "--fields", fields, "--org", org, "--org-email", email,
        "--purpose", "Open an account" if org != "Leeds City Council" else "Council tax",
        "--reference", ref, "--out", str(terminal.home / ref), *extra,
    )  # fmt: skip


def attest(council: Issuer, packet: str, out: Path, *extra: str) -> Any:
    return council.ok(
        "attest", packet, "--issuer-key", str(council.key), "--fields", "address,birthDate",
        "--derived", "birthDate=over_18", "--audience", COUNCIL, "--out", str(out), *extra,
    )  # fmt: skip


def ada(terminal: Terminal) -> None:
    terminal.ok("person", "add", "Ada Lovelace", "--owner")
    for key, value in (("givenName", "Ada"), ("familyName", "Lovelace")):
        terminal.ok("field", "set", "Ada", key, value)
    terminal.ok("field", "set", "Ada", "birthDate", "1950-03-17")
    terminal.ok("field", "set", "Ada", "address", json.dumps(HOME))


def today() -> str:
    return format_date(datetime.now(UTC).date())


def test_a_council_confirms_and_the_bank_relies_on_it(
    terminal: Terminal, template_vault: tuple[Path, str], tmp_path: Path
) -> None:
    # 1. The council becomes an issuer and keeps a status list; so does an unrelated body.
    council = Issuer(terminal, "Leeds City Council", "leeds")
    other = Issuer(terminal, "Someone Else", "else")
    status = terminal.home / "leeds-status.jwt"
    council.ok(
        "issuer", "status-list", "new", "--issuer-key", str(council.key), "--size", "16",
        "--uri", URI, "--out", str(status),
    )  # fmt: skip
    # 2. Ada shares her details with the council, which checks and confirms them (for 2 days).
    ada(terminal)
    to_council = share(terminal, "Leeds City Council", COUNCIL, "CT-1", "birthDate,address")
    cred = terminal.home / "leeds-confirmation.sd-jwt"
    attest(council, to_council["files"]["sd-jwt"], cred, "--valid-days", "2",
           "--status-list", str(status), "--status-index", "4")  # fmt: skip
    # 3. Ada keeps it.
    imported = terminal.ok("credential", "import", "Ada", str(cred)).out
    assert "Leeds City Council" in imported
    # 4. She shares with her bank: the preview says what goes with it, then it is signed.
    fields = "givenName,birthDate,address"
    preview = terminal.ok(
        "share", "Ada", "--fields", fields, "--form", "birthDate=over_18", "--org",
        "Northern Bank", "--org-email", BANK, "--purpose", "Open an account",
        "--reference", "ACC-9", "--dry-run",
    ).out  # fmt: skip
    assert "Would carry these confirmations:" in preview
    assert f"Home address: confirmed by Leeds City Council on {today()}" in preview
    assert "--no-confirmations" in preview
    sent = share(terminal, "Northern Bank", BANK, "ACC-9", fields, "--form", "birthDate=over_18")
    assert sorted(c["claim"] for c in sent["confirmations"]) == ["address", "birthDate_over_18"]
    packet = Path(sent["files"]["sd-jwt"])
    # 5. The bank verifies with its trust list and the council's status list.
    trust = ("--trust-issuer", str(council.entry), "--status-list", str(status))
    words, per_field = verify(terminal, packet, *trust)
    fingerprint = council.made["fingerprint"]
    confirmed = f"confirmed by Leeds City Council on {today()} (issuer key {fingerprint}, trusted)"
    lines = {line.split(":")[0].strip(): line for line in words.splitlines()}
    assert lines["address"].endswith(f'"town": "Leeds"}} — {confirmed}')
    assert lines["birthDate_over_18"] == f"  birthDate_over_18: true — {confirmed}"
    assert lines["givenName"] == '  givenName: "Ada" (self-declared)'
    assert "it does not mean it is still true" in words
    assert {k: (v["state"], v["reason"]) for k, v in per_field.items()} == {
        "givenName": ("self_declared", None),
        "birthDate_over_18": ("confirmed", None),
        "address": ("confirmed", None),
    }
    checked = per_field["address"]["confirmation"]
    assert (checked["issuer_name"], checked["issuer_trusted"], checked["status"]) == (
        "Leeds City Council",
        True,
        "valid",
    )
    assert checked["confirmed_on"] == datetime.now(UTC).date().isoformat()
    # A trust list file of many issuers works the same.
    trust_list = terminal.home / "trusted.json"
    entries = [json.loads(p.read_text()) for p in (other.entry, council.entry)]
    listed = {"format": "pont-trust-list", "version": 1, "issuers": entries}
    trust_list.write_text(json.dumps(listed))
    words, _ = verify(terminal, packet, "--trust-issuer", str(trust_list))
    assert "birthDate_over_18: true — confirmed by Leeds City Council" in words
    assert "revocation not checked" in words  # no status list given: it says so
    # The PDF the bank got says the same per field (the sender's claim; verify checks it).
    pdf = " ".join(pdftotext(Path(sent["files"]["pdf"])).split())
    assert pdf.count("confirmed by Leeds") == 2
    assert "it does not mean it is still true" in pdf

    # --- the negatives ---------------------------------------------------------------------
    # Another issuer's trust list: not trusted, with the key and the name it claims.
    words, per_field = verify(terminal, packet, "--trust-issuer", str(other.entry))
    assert per_field["address"]["reason"] == "issuer_not_trusted"
    assert (
        "not confirmed: the issuer is not on your trust list — it calls itself"
        f' "Leeds City Council", issuer key {fingerprint}'
    ) in words
    # Expired: three days on, the two-day confirmation no longer counts (the packet still does).
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    words, per_field = verify(terminal, packet, *trust, "--at", later)
    assert per_field["address"]["reason"] == "expired"
    assert "not confirmed: the confirmation has expired (on " in words
    # Tampered: a changed disclosure inside the packet breaks its signature; nothing is shown.
    forged = terminal.home / "forged.sd-jwt"
    forged.write_text(swap_confirmed_address(packet.read_text()))
    refused = terminal.run("verify", str(forged), *trust, passphrase=False)
    assert refused.code == 1
    assert "NOT VALID — bad_signature" in refused.out
    assert "confirmed by" not in refused.out
    # Revoked: the council flips the bit; a bank holding the new list refuses it.
    council.ok("issuer", "revoke", "--status-list", str(status), "--index", "4",
               "--issuer-key", str(council.key))  # fmt: skip
    words, per_field = verify(terminal, packet, *trust)
    assert {k: v["reason"] for k, v in per_field.items()} == {
        "givenName": None,
        "birthDate_over_18": "revoked",
        "address": "revoked",
    }
    assert "not confirmed: the issuer has revoked it" in words
    # Value changed after confirmation: never sent for the new address; still for the rest.
    cred_2 = terminal.home / "leeds-confirmation-2.sd-jwt"
    to_council_2 = share(terminal, "Leeds City Council", COUNCIL, "CT-2", "birthDate,address")
    attest(council, to_council_2["files"]["sd-jwt"], cred_2)
    terminal.ok("credential", "import", "Ada", str(cred_2))
    terminal.ok("field", "set", "Ada", "address", json.dumps(MOVED), "--entry", "0")
    told = terminal.ok_json("update", "Ada", "address", "--out", str(terminal.home / "updates"))
    carried = {r["organisation"]: sorted(c["claim"] for c in r["confirmations"]) for r in told}
    assert carried == {"Leeds City Council": ["birthDate"], "Northern Bank": ["birthDate_over_18"]}
    update = next(r for r in told if r["organisation"] == "Northern Bank")
    _, per_field = verify(terminal, Path(update["files"]["sd-jwt"]), *trust)
    assert per_field["address"]["state"] == "self_declared"
    assert per_field["birthDate_over_18"]["state"] == "confirmed"
    moved = share(terminal, "Northern Bank", BANK, "ACC-9", fields, "--form", "birthDate=over_18")
    assert [c["claim"] for c in moved["confirmations"]] == ["birthDate_over_18"]
    words, per_field = verify(terminal, Path(moved["files"]["sd-jwt"]), *trust)
    assert per_field["address"] == {"state": "self_declared", "reason": None, "confirmation": None}
    assert "2 New Street" in words
    assert per_field["birthDate_over_18"]["state"] == "confirmed"
    # Left out on purpose: nothing carried, everything self-declared.
    plain = share(terminal, "Northern Bank", BANK, "ACC-9", fields, "--no-confirmations")
    assert plain["confirmations"] == []
    _, per_field = verify(terminal, Path(plain["files"]["sd-jwt"]), *trust)
    assert {v["state"] for v in per_field.values()} == {"self_declared"}
    # Bound to another holder: Bob's confirmation, from his own vault, is refused by Ada's.
    bob_vault = tmp_path / "bob-vault"
    shutil.copytree(template_vault[0], bob_vault)
    bob = Terminal(bob_vault, terminal.home)
    ada(bob)  # the same details, but Bob's vault and so Bob's holder key
    to_council_bob = share(bob, "Leeds City Council", COUNCIL, "CT-B", "birthDate,address")
    cred_bob = terminal.home / "bob-confirmation.sd-jwt"
    attest(council, to_council_bob["files"]["sd-jwt"], cred_bob)
    refused = terminal.fails("credential", "import", "Ada", str(cred_bob))
    assert "another person's key" in refused.err


def swap_confirmed_address(packet: str) -> str:
    """The packet with the address disclosure in its confirmation replaced by another one,
    re-encoded so only the signatures can tell."""
    jwt, *rest = packet.split("~")
    header, payload, signature = jwt.split(".")
    claims = json.loads(b64url_decode(payload.encode()))
    for entry in claims["confirmations"]:
        parts = entry["presentation"].split("~")
        for i, part in enumerate(parts[1:-1], start=1):
            salt, name, value = json.loads(b64url_decode(part.encode()))
            if name == "address":
                forged = [salt, name, {**value, "lines": ["10 Downing Street"]}]
                parts[i] = b64url_encode(json.dumps(forged).encode())
        entry["presentation"] = "~".join(parts)
    body = b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    return "~".join([f"{header}.{body}.{signature}", *rest])


def test_verify_option_mistakes_get_one_plain_line(terminal: Terminal) -> None:
    packet = terminal.home / "p.sd-jwt"
    packet.write_text("x")
    bad = terminal.home / "bad.json"
    bad.write_text("{}")
    for argv, said in (
        (("--trust-issuer", "missing.pub.json"), "cannot read the trust file"),
        (("--trust-issuer", str(bad)), "give --trust-issuer an issuer's KEY.pub.json"),
        (("--status-list", "missing.jwt"), "cannot read the status list file"),
        (("--at", "tomorrow"), "--at needs a date and time in ISO 8601"),
    ):
        refused = terminal.fails("verify", str(packet), *argv, passphrase=False)
        assert said.lower() in refused.err.lower(), refused
