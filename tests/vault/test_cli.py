"""``pont`` on the command line: every command, its JSON, and its exit codes."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.backends.fail
import pypdf
import pytest
from fakes import PASSPHRASE
from jaraco.classes import properties

from vault.cli import EXIT_CODES, build_parser, run_cli, terminal_output
from vault.vault import KEYS, Vault

NEW_PASSPHRASE = "a new and longer passphrase"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli(argv: list[str], stdin: str = "") -> Result:
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(argv, io.StringIO(stdin), out, err)
    return Result(code, out.getvalue(), err.getvalue())


def one_line_error(result: Result) -> str:
    """One plain line on stderr; stdout empty or, with --json, the same failure as JSON (or
    what ``check`` found in a damaged vault)."""
    if result.out and result.code != EXIT_CODES["damaged"]:
        said = terminal_output(result.json()["message"], one_line=True)
        assert result.err == f"pont: {said}\n", result
    assert result.err.startswith("pont: ")
    assert result.err.endswith("\n")
    assert result.err.count("\n") == 1, result.err
    return result.err


class Pont:
    """Runs commands against one vault folder, feeding the passphrase on stdin."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, *argv: str, stdin: str | None = None, json_: bool = True) -> Result:
        base = ["--vault", str(self.folder), "--passphrase-stdin"] + (["--json"] if json_ else [])
        return cli([*base, *argv], PASSPHRASE + "\n" if stdin is None else stdin)

    def ok(self, *argv: str, stdin: str | None = None) -> Any:
        result = self(*argv, stdin=stdin)
        assert (result.code, result.err) == (0, ""), result
        return result.json()


@pytest.fixture
def pont(vault_folder: Path) -> Pont:
    return Pont(vault_folder)


@pytest.fixture
def untrusted_keyring() -> Iterator[None]:
    original = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(original)


class SecretServiceDouble(keyring.backend.KeyringBackend):
    """An in-memory keyring that Pont takes for the Secret Service (the CLI has no other seam)."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test double: never chosen by keyring's auto-detection")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def __str__(self) -> str:
        return "SecretServiceDouble"

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.items[(service, username)]


SecretServiceDouble.__module__ = "keyring.backends.SecretService"
SecretServiceDouble.__qualname__ = "Keyring"


@pytest.fixture
def trusted_keyring() -> Iterator[SecretServiceDouble]:
    original = keyring.get_keyring()
    double = SecretServiceDouble()
    keyring.set_keyring(double)
    try:
        yield double
    finally:
        keyring.set_keyring(original)


# -- vault commands ---------------------------------------------------------------------


def test_init(tmp_path: Path) -> None:
    # The one test that runs the real Argon2id calibration (about a second).
    folder = tmp_path / "new"
    kit = tmp_path / "kit.pdf"
    argv = ["--vault", str(folder), "--passphrase-stdin", "--json", "init", "--recovery-kit"]
    result = cli([*argv, str(kit)], "my new passphrase\n")
    assert (result.code, result.err) == (0, "")
    data = result.json()
    assert data["vault"] == str(folder)
    assert len(data["recovery_key"]) == 39
    text = "".join(pypdf.PdfReader(kit).pages[0].extract_text().split())
    assert data["recovery_key"] in text
    with Vault.open(folder, "my new passphrase") as vault:
        assert vault.vault_id == data["vault_id"]
    with Vault.open_with_recovery_key(folder, data["recovery_key"]) as vault:
        assert vault.vault_id == data["vault_id"]


def test_init_refuses_existing_and_empty(pont: Pont, tmp_path: Path) -> None:
    keys = (pont.folder / KEYS).read_bytes()
    result = pont("init")
    assert result.code == EXIT_CODES["error"]
    assert "already exists" in one_line_error(result)
    assert (pont.folder / KEYS).read_bytes() == keys
    empty = cli(["--vault", str(tmp_path / "x"), "--passphrase-stdin", "init"], "\n")
    assert empty.code == EXIT_CODES["error"]
    one_line_error(empty)
    assert not (tmp_path / "x" / KEYS).exists()


def test_init_text_output_shows_the_recovery_key_once(tmp_path: Path) -> None:
    # The second (and last) test allowed to calibrate.
    result = cli(["--vault", str(tmp_path / "v"), "--passphrase-stdin", "init"], "pass word\n")
    assert result.code == 0
    assert "Recovery key" in result.out
    key_lines = [line.strip() for line in result.out.splitlines() if line.count("-") == 7]
    assert len(key_lines) == 1
    assert "pass word" not in result.out


def test_check(pont: Pont) -> None:
    assert pont.ok("check") == {"ok": True, "problems": []}
    text = pont("check", json_=False)
    assert (text.code, text.out) == (0, "The vault is healthy.\n")


def test_check_finds_damage(pont: Pont) -> None:
    with Vault.open(pont.folder, PASSPHRASE) as vault:
        ada = vault.people.add("Ada Lovelace", "owner").person.id
        vault.documents.add(io.BytesIO(os.urandom(200_000)), "scan.png", "image/png", ada)
    database = pont.folder / "vault.db"
    data = bytearray(database.read_bytes())
    assert len(data) > 4096 * 40
    data[4096 * 30 + 500] ^= 0x01  # inside the document's pages, not the schema
    database.write_bytes(bytes(data))
    result = pont("check")
    assert result.code == EXIT_CODES["damaged"]
    one_line_error(result)
    assert result.json()["ok"] is False


def test_passphrase_change(pont: Pont) -> None:
    # (Runs the real calibration once, as the CLI offers no KDF choice.)
    result = pont("passphrase", "change", stdin=f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert (result.code, result.json()) == (0, {"changed": True})
    assert pont("person", "list").code == EXIT_CODES["wrong_secret"]
    assert pont.ok("person", "list", stdin=NEW_PASSPHRASE + "\n") == []


def test_passphrase_change_with_wrong_old(pont: Pont) -> None:
    keys = (pont.folder / KEYS).read_bytes()
    result = pont("passphrase", "change", stdin=f"wrong\n{NEW_PASSPHRASE}\n")
    assert result.code == EXIT_CODES["wrong_secret"]
    one_line_error(result)
    assert (pont.folder / KEYS).read_bytes() == keys


def test_recover(pont: Pont, recovery_key: str) -> None:
    argv = ["--vault", str(pont.folder), "--recovery-key-stdin", "--json", "recover"]
    result = cli(argv, f"{recovery_key.lower()}\n{NEW_PASSPHRASE}\n")
    assert (result.code, result.json()) == (0, {"changed": True})
    assert pont("person", "list").code == EXIT_CODES["wrong_secret"]
    assert pont.ok("person", "list", stdin=NEW_PASSPHRASE + "\n") == []
    # The command says "Your recovery key still works."
    again = cli(argv, f"{recovery_key}\nyet another passphrase\n")
    assert again.code == 0, again.err


def test_recover_with_wrong_key(pont: Pont, recovery_key: str) -> None:
    wrong = ("B" if recovery_key[0] != "B" else "C") + recovery_key[1:]
    argv = ["--vault", str(pont.folder), "--recovery-key-stdin", "recover"]
    result = cli(argv, f"{wrong}\n{NEW_PASSPHRASE}\n")
    assert result.code == EXIT_CODES["wrong_secret"]
    assert "recovery key" in one_line_error(result)
    garbled = cli(argv, "not a key\nx\n")
    assert garbled.code == EXIT_CODES["error"]
    one_line_error(garbled)


@pytest.mark.usefixtures("untrusted_keyring")
def test_remember_refuses_an_untrusted_keyring(pont: Pont) -> None:
    keys = (pont.folder / KEYS).read_bytes()
    for command in ("remember", "forget"):
        result = pont(command)
        assert result.code == EXIT_CODES["error"]
        assert "keyring" in one_line_error(result)
    assert (pont.folder / KEYS).read_bytes() == keys


def test_remember_and_forget(pont: Pont, trusted_keyring: SecretServiceDouble) -> None:
    data = pont.ok("remember")
    assert data["remembered"] is True
    assert len(trusted_keyring.items) == 1
    # no --passphrase-stdin and nothing on stdin: the remembered device key unlocks
    unattended = cli(["--vault", str(pont.folder), "--json", "person", "list"])
    assert (unattended.code, unattended.err) == (0, "")
    assert unattended.json() == []
    assert pont.ok("forget") == {"forgotten": 1}
    unattended = cli(["--vault", str(pont.folder), "person", "list"])
    assert unattended.code == EXIT_CODES["error"]
    one_line_error(unattended)


@pytest.mark.usefixtures("untrusted_keyring")
def test_no_passphrase_source(pont: Pont) -> None:
    result = cli(["--vault", str(pont.folder), "person", "list"], PASSPHRASE + "\n")
    assert result.code == EXIT_CODES["error"]
    assert "passphrase" in one_line_error(result)
    missing_line = pont("person", "list", stdin="")
    assert missing_line.code == EXIT_CODES["error"]
    one_line_error(missing_line)


def test_backup_and_restore(pont: Pont, tmp_path: Path) -> None:
    pont.ok("person", "add", "Ada Lovelace", "--owner")
    backup = tmp_path / "b.pontbackup"
    info = pont.ok("backup", str(backup))
    assert info["path"] == str(backup)
    assert info["size"] == backup.stat().st_size
    assert info["created_at"] == info["created_at"][:19] + "Z"

    elsewhere = Pont(tmp_path / "restored")
    assert elsewhere.ok("restore", str(backup)) == {
        "restored": str(elsewhere.folder),
        "previous_moved_to": None,
    }
    assert [p["name"] for p in elsewhere.ok("person", "list")] == ["Ada Lovelace"]

    pont.ok("person", "add", "Charles Babbage")
    refused = pont("restore", str(backup))
    assert refused.code == EXIT_CODES["error"]
    one_line_error(refused)
    assert len(pont.ok("person", "list")) == 2

    replaced = pont.ok("restore", str(backup), "--replace")
    moved = Path(replaced["previous_moved_to"])
    assert moved.parent == pont.folder.parent
    assert [p["name"] for p in pont.ok("person", "list")] == ["Ada Lovelace"]
    assert len(Pont(moved).ok("person", "list")) == 2


def test_restore_damaged_backup(pont: Pont, tmp_path: Path) -> None:
    backup = tmp_path / "b.pontbackup"
    pont.ok("backup", str(backup))
    backup.write_bytes(backup.read_bytes()[:5000])
    result = Pont(tmp_path / "restored")("restore", str(backup))
    assert result.code == EXIT_CODES["damaged"]
    assert "backup" in one_line_error(result)
    assert not (tmp_path / "restored").exists()


def test_restore_with_recovery_key(pont: Pont, tmp_path: Path, recovery_key: str) -> None:
    backup = tmp_path / "b.pontbackup"
    pont.ok("backup", str(backup))
    target = tmp_path / "restored"
    argv = ["--vault", str(target), "--recovery-key-stdin", "restore", str(backup)]
    assert cli(argv, recovery_key + "\n").code == 0
    assert Pont(target).ok("person", "list") == []


def test_export_all(pont: Pont, tmp_path: Path) -> None:
    pont.ok("person", "add", "Ada Lovelace", "--owner")
    pont.ok("field", "set", "Ada", "familyName", "Lovelace")
    out = tmp_path / "export.zip"
    assert pont.ok("export-all", str(out)) == {
        "people": 1,
        "fields": 1,
        "documents": 0,
        "organisations": 0,
        "packets": 0,
    }
    text = pont("export-all", str(out), json_=False)
    assert text.code == 0
    assert "not encrypted" in text.out


# -- people -----------------------------------------------------------------------------


def test_person_commands(pont: Pont) -> None:
    owner = pont.ok("person", "add", "Ada Lovelace", "--owner")
    assert (owner["name"], owner["role"]) == ("Ada Lovelace", "owner")
    mum = pont.ok("person", "add", "Anne Milbanke")
    assert mum["role"] == "relative"
    assert [p["name"] for p in pont.ok("person", "list")] == ["Ada Lovelace", "Anne Milbanke"]
    listing = pont("person", "list", json_=False)
    assert listing.out.splitlines() == [
        f"{owner['id']}\towner\tAda Lovelace",
        f"{mum['id']}\trelative\tAnne Milbanke",
    ]
    second_owner = pont("person", "add", "Someone", "--owner")
    assert second_owner.code == EXIT_CODES["error"]
    one_line_error(second_owner)

    authority = pont.ok(
        "person",
        "authority",
        "Anne",
        "lpa_property_finance",
        "--registered-on",
        "2024-03-01",
        "--access-code-expires",
        "2026-12-01",
    )
    assert authority["kind"] == "lpa_property_finance"
    assert authority["details"] == {
        "registered_on": "2024-03-01",
        "access_code_expires": "2026-12-01",
    }
    shown = pont.ok("person", "show", "Anne Milbanke")
    assert shown["person"]["id"] == mum["id"]
    assert shown["authority"]["kind"] == "lpa_property_finance"
    assert shown["fields"] == []
    text = pont("person", "show", "Anne", json_=False)
    assert text.out.startswith("Anne Milbanke (relative")
    assert "lpa_property_finance" in text.out


def test_empty_person_list_in_text(pont: Pont) -> None:
    assert pont("person", "list", json_=False).out == "Nobody yet.\n"


def test_bad_authority_date(pont: Pont) -> None:
    pont.ok("person", "add", "Anne Milbanke")
    result = pont("person", "authority", "Anne", "other", "--registered-on", "soon")
    assert result.code == EXIT_CODES["error"]
    assert "not a date" in one_line_error(result)


# -- fields -----------------------------------------------------------------------------


def test_field_commands(pont: Pont) -> None:
    ada = pont.ok("person", "add", "Ada Lovelace", "--owner")["id"]
    first = pont.ok("field", "set", "Ada", "familyName", "Byron")
    assert (first["version"], first["changed"]) == (1, True)
    pont.ok("field", "set", "Ada", "familyName", "Lovelace")
    same = pont("field", "set", "Ada", "familyName", "Lovelace", json_=False)
    assert same.out == "No change (same value).\n"
    address = pont.ok(
        "field",
        "set",
        "Ada",
        "address",
        '{"lines": ["12 St James\'s Square"], "town": "London", "postcode": "sw1y 4jh"}',
    )
    assert address["entry"] == 0

    got = pont.ok("field", "get", "Ada", "familyName")
    assert (got["value"], got["version"], got["person_id"]) == ("Lovelace", 2, ada)
    assert pont("field", "get", "Ada", "familyName", json_=False).out == "Lovelace\n"

    history = pont.ok("field", "history", "Ada", "familyName")
    assert [v["value"] for v in history] == ["Byron", "Lovelace"]
    text = pont("field", "history", "Ada", "familyName", json_=False).out.splitlines()
    assert [line.split("\t")[0] for line in text] == ["v1", "v2"]

    listed = pont.ok("field", "list", "Ada")
    assert [(f["key"], f["entry"]) for f in listed] == [("address", 0), ("familyName", 0)]
    assert listed[0]["value"]["postcode"] == "SW1Y 4JH"

    hits = pont.ok("field", "search", "lond")
    assert [(h["key"], h["person_id"]) for h in hits] == [("address", ada)]
    assert pont.ok("field", "search", '"AND OR NEAR(') == []

    pont.ok("field", "set", "Ada", "medications", "Aspirin")
    added = pont("field", "set", "Ada", "medications", "Statin", json_=False).out
    assert added.startswith("Added medications[1].")
    assert "pont field remove Ada medications --entry N" in added
    removed = pont.ok("field", "remove", "Ada", "medications", "--entry", "0")
    assert (removed["entry"], removed["removed"]) == (0, True)
    assert [f["value"] for f in pont.ok("field", "list", "Ada") if f["key"] == "medications"] == [
        "Statin"
    ]
    assert [v["value"] for v in pont.ok("field", "history", "Ada", "medications")] == [
        "Aspirin",
        None,
    ]


def test_field_errors(pont: Pont) -> None:
    pont.ok("person", "add", "Ada Lovelace", "--owner")
    for argv, code in (
        (["field", "set", "Ada", "birthDate", "yesterday-ish"], EXIT_CODES["error"]),
        (["field", "set", "Ada", "address", "{not json"], EXIT_CODES["error"]),
        (["field", "set", "Ada", "noSuchKey", "x"], EXIT_CODES["error"]),
        (["field", "get", "Ada", "familyName"], EXIT_CODES["not_found"]),
        (["field", "get", "Nobody", "familyName"], EXIT_CODES["not_found"]),
        (["field", "set", "Ada", "familyName", "X", "--document", "99"], EXIT_CODES["not_found"]),
    ):
        result = pont(*argv)
        assert result.code == code, (argv, result)
        one_line_error(result)


def test_field_catalogue(pont: Pont) -> None:
    everything = pont.ok("field", "catalogue")
    keys = {s["key"] for s in everything}
    assert {"familyName", "address", "nhsNumber"} <= keys
    identity = pont.ok("field", "catalogue", "--category", "identity")
    assert identity
    assert {s["category"] for s in identity} == {"identity"}
    text = pont("field", "catalogue", "--category", "identity", json_=False)
    assert "familyName" in text.out


# -- documents ------------------------------------------------------------------------------


def test_document_commands(pont: Pont, tmp_path: Path) -> None:
    pont.ok("person", "add", "Ada Lovelace", "--owner")
    mum = pont.ok("person", "add", "Anne Milbanke")["id"]
    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.4 passport scan" * 1000)
    added = pont.ok("document", "add", "Ada", str(scan), "--field", "passportNumber")
    attachment = added["attachment"]
    assert added["deduplicated"] is False
    assert attachment["name"] == "passport.pdf"
    assert attachment["field_key"] == "passportNumber"
    assert attachment["document"]["media_type"] == "application/pdf"
    again = pont.ok("document", "add", "Anne", str(scan))
    assert again["deduplicated"] is True

    assert [a["id"] for a in pont.ok("document", "list")] == [
        attachment["id"],
        again["attachment"]["id"],
    ]
    assert [a["person_id"] for a in pont.ok("document", "list", "Anne")] == [mum]

    out = tmp_path / "out.pdf"
    assert pont.ok("document", "get", str(attachment["id"]), str(out)) == {"saved": str(out)}
    assert out.read_bytes() == scan.read_bytes()

    backed = pont.ok(
        "field", "set", "Ada", "familyName", "Lovelace", "--document", str(attachment["id"])
    )
    assert backed["changed"]
    field = pont.ok("field", "get", "Ada", "familyName")
    assert (field["provenance"], field["document_id"]) == (
        "document",
        attachment["document"]["id"],
    )

    missing = pont("document", "add", "Ada", str(tmp_path / "nope.pdf"))
    assert missing.code == EXIT_CODES["error"]
    one_line_error(missing)
    no_attachment = pont("document", "get", "42", str(tmp_path / "x.pdf"))
    assert no_attachment.code == EXIT_CODES["not_found"]
    one_line_error(no_attachment)


# -- errors and plumbing -----------------------------------------------------------------------


def test_exit_codes(pont: Pont, tmp_path: Path) -> None:
    wrong = pont("person", "list", stdin="not the passphrase\n")
    assert wrong.code == EXIT_CODES["wrong_secret"] == 3
    assert "wrong passphrase" in one_line_error(wrong)

    nowhere = Pont(tmp_path / "nowhere")("person", "list")
    assert nowhere.code == EXIT_CODES["not_found"] == 5
    one_line_error(nowhere)

    person = pont("person", "show", "Nobody")
    assert person.code == EXIT_CODES["not_found"]
    one_line_error(person)

    keys = pont.folder / KEYS
    keys.write_bytes(keys.read_bytes().replace(b'"lanes": 4', b'"lanes": 5'))
    damaged = pont("person", "list")
    assert damaged.code == EXIT_CODES["damaged"] == 4
    assert "key file" in one_line_error(damaged)


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["no-such-command"]).code == EXIT_CODES["usage"] == 2
    assert cli(["person"]).code == EXIT_CODES["usage"]
    wrong = cli(["field", "get", "Ada", "familyName", "--entry", "first"])
    assert wrong.code == 2
    # One line, on the stream the caller gave (not the process's), naming the help to read.
    assert wrong.err == (
        "pont: argument --entry: not a whole number: 'first' (see: pont field get --help)\n"
    )
    helped = cli(["--help"])
    assert helped.code == 0
    assert "usage:" in helped.out
    assert capsys.readouterr() == ("", "")


def test_options_after_the_command(pont: Pont) -> None:
    argv = ["person", "list", "--vault", str(pont.folder), "--passphrase-stdin", "--json"]
    result = cli(argv, PASSPHRASE + "\n")
    assert (result.code, result.json()) == (0, [])


def command_names(handler_module: str) -> set[str]:
    """Every ``pont`` command (``"field set"``, ``"check"``) whose handler lives in a module."""
    parser = build_parser()
    found: set[str] = set()

    def walk(prefix: str, parser: argparse.ArgumentParser) -> None:
        handler = parser.get_default("handler")
        if handler is not None and handler.__module__ == handler_module:
            found.add(prefix.strip())
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(f"{prefix} {name}", sub)

    walk("", parser)
    return found


def every_option() -> set[tuple[str, str]]:
    """``(command, option)`` for every option of every ``pont`` command."""
    found: set[tuple[str, str]] = set()

    def walk(prefix: str, parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(f"{prefix} {name}", sub)
            else:
                found.update((prefix.strip(), option) for option in action.option_strings)

    walk("", build_parser())
    return found


SECRET_WORDS = ("passphrase", "password", "access-code", "recovery-key", "secret", "pin")


def test_no_secret_is_ever_taken_as_an_argument() -> None:
    """Arguments show in ``ps`` and shell history: every secret comes from stdin or a prompt."""
    options = every_option()
    secrets = {(c, o) for c, o in options if any(word in o for word in SECRET_WORDS)}
    assert ("person authority", "--access-code-stdin") in secrets
    dates = {(c, o) for c, o in secrets if o.endswith("-expires")}  # when a secret ends, not it
    assert {(c, o) for c, o in secrets - dates if not o.endswith("-stdin")} == set()


def test_every_command_is_covered() -> None:
    """Fails when a core command is added without a test here (the list mirrors this file)."""
    covered = {
        "init", "person add", "person list", "person show", "person authority", "field set",
        "field get", "field history", "field remove", "field list", "field search",
        "field catalogue",
        "document add", "document list", "document get", "passphrase change", "recover",
        "remember", "forget", "check", "backup", "restore", "export-all",
    }  # fmt: skip
    assert command_names("vault.cli_commands") == covered


def test_installed_entry_point(vault_folder: Path) -> None:
    bin_dir = Path(sys.executable).parent
    pont = shutil.which("pont", path=str(bin_dir))
    assert pont is not None, f"no pont script in {bin_dir}"
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    argv = [pont, "--vault", str(vault_folder), "--passphrase-stdin", "--json", "person", "list"]
    done = subprocess.run(
        argv,
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == []
    wrong = subprocess.run(
        argv, input="nope\n", capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert wrong.returncode == 3
    assert wrong.stderr.startswith("pont: ")
    assert wrong.stderr.count("\n") == 1
    assert json.loads(wrong.stdout)["error"] == "wrong_passphrase"  # with --json, a record
