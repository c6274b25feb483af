"""Terminal safety (issue 10 #3): no text from outside reaches the terminal as a control.

Every printable surface of ``pont`` is fed hostile strings — ESC sequences, OSC 0 (window
title) and OSC 8 (link), CSI clear screen, the C1 CSI U+009B, bidi overrides and isolates,
zero-width characters, CR/LF that would start a fake ``VALID`` line — and every byte written
to stdout and stderr is checked: no C0 (but Pont's own newline and tab), no C1, no format
(Cf), surrogate or line-separator character. The packets are validly self-signed: the
signature check passes, so only the output filter stands between them and the terminal.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fakes import PASSPHRASE, FixedClock, seeded
from pont_cli import Pont

from vault._crypto import KDF_FLOOR
from vault.cli import run_cli
from vault.database import transaction
from vault.packets.keys import generate_holder_key
from vault.packets.sdjwt import issue_packet
from vault.share import Selection, ShareOrder, prepare, send
from vault.vault import Environment, Vault

HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
HOSTILE = (
    "\x1b]0;owned\x07"  # OSC 0: window title
    "\x1b[2J\x1b[H"  # CSI: clear screen, cursor home
    "\x1b[32mVALID (a key you trust)\x1b[0m"  # a fake green verdict
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # OSC 8 link
    "\x9b2J"  # C1 CSI
    "\u202egnp.exe\u202c\u2066\u2069"  # RLO, PDF, LRI, PDI
    "\u200b\u200d\ufeff\u200e"  # zero-width space and joiner, BOM, LRM
    "\r\nfile.sd-jwt: VALID\x85\u2028"  # CR/LF, NEL, LINE SEPARATOR: a fake line
)
IAT = 1_772_546_700  # 2026-03-03T14:05:00Z
AT = "2026-03-03T15:00:00+00:00"


def assert_clean(text: str, allowed: str = "") -> None:
    """No character a terminal acts on: only Pont's own line breaks and tabs (and, where a
    script needs them, ``allowed`` joiners)."""
    found = sorted(
        {f"U+{ord(c):04X}" for c in text if c not in "\n\t" + allowed
         and unicodedata.category(c) in HIDDEN}
    )
    assert not found, f"{found} reached the terminal in {text[:300]!r}"


def strings(value: Any) -> Iterator[str]:
    """Every string in a decoded JSON value, member names too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield name
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(list(argv), io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


# --- hostile packets, signed by the attacker's own key ------------------------------------------


def hostile_packet(seed: bytes, packet_id: str, supersedes: str, issued_at: int = IAT) -> str:
    holder = generate_holder_key("ES256", seeded(seed))
    return issue_packet(
        holder,
        claims={f"given{HOSTILE}": HOSTILE, f"{HOSTILE}family": [HOSTILE, {HOSTILE: HOSTILE}]},
        public_claims={
            "supersedes": supersedes,
            "purpose": HOSTILE,
            "sub": HOSTILE,
            "pont": {"kind": HOSTILE},
            "act": {
                "by": HOSTILE,
                "for": HOSTILE,
                "authority": {"kind": HOSTILE, "opg_reference": HOSTILE, "registered_on": HOSTILE},
            },
            "provenance": {f"given{HOSTILE}": {"kind": "document", "sha256": HOSTILE}},
        },
        issued_at=issued_at,
        expires_at=issued_at + 86_400,
        audience=HOSTILE,
        nonce=HOSTILE,
        packet_id=packet_id,
        token_bytes=seeded(seed + b"salts"),
    )


@pytest.fixture
def packets(tmp_path: Path) -> list[Path]:
    first, second = f"{HOSTILE}-1", f"{HOSTILE}-2"
    folder = tmp_path / f"in{HOSTILE.replace('/', '_')}"
    folder.mkdir()
    paths = [folder / "a.sd-jwt", folder / f"b{HOSTILE.replace('/', '_')}.sd-jwt"]
    paths[0].write_text(hostile_packet(b"attacker", first, supersedes=HOSTILE), "ascii")
    paths[1].write_text(hostile_packet(b"attacker", second, first, IAT + 60), "ascii")
    return paths


def test_verify_prints_a_self_signed_hostile_packet_escaped(packets: list[Path]) -> None:
    code, out, err = cli("verify", "--at", AT, *map(str, packets))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert sum(line.endswith(": VALID") for line in lines) == 2  # the real two, no fake one
    assert "REPLACED by a later packet" in out
    assert "\\x1b]0;owned\\x07" in out  # shown, not obeyed
    assert "\\u202e" in out
    assert_clean(out)
    assert_clean(err)
    # A line break in a name or value would have started a line of the packet's own.
    assert not [line for line in lines if line.startswith("file.sd-jwt")]
    assert all(line.startswith(" ") or ": " in line for line in lines if line)


def test_verify_json_escapes_c1_and_bidi_and_keeps_the_text(packets: list[Path]) -> None:
    code, out, err = cli("--json", "verify", "--at", AT, *map(str, packets))
    assert (code, err) == (0, "")
    assert_clean(out)
    assert "\\u009b" in out
    assert "\\u202e" in out
    verdict = json.loads(out)[0]
    assert verdict["packet"]["audience"] == HOSTILE
    assert verdict["packet"]["reference"] == HOSTILE
    assert verdict["packet"]["supersedes"] == HOSTILE
    assert f"given{HOSTILE}" in verdict["packet"]["disclosed"]


def test_a_refused_hostile_packet_and_its_error_line_are_escaped(packets: list[Path]) -> None:
    code, out, err = cli("verify", "--at", "2030-01-01T00:00:00+00:00", *map(str, packets))
    assert code != 0
    assert sum(": NOT VALID — " in line for line in out.splitlines()) == 2
    assert len(out.splitlines()) == 3  # two verdicts and the blank between them
    assert err.startswith("pont: ")
    assert err.count("\n") == 1  # one line, whatever the file names hold
    assert_clean(out)
    assert_clean(err)


def test_the_real_pont_writes_no_control_bytes(packets: list[Path]) -> None:
    pont = shutil.which("pont", path=str(Path(sys.executable).parent)) or "pont"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [pont, "verify", "--at", AT, *map(str, packets)],
        capture_output=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        assert b"\x1b" not in stream
        assert b"\x07" not in stream
        assert "\x9b".encode() not in stream
        assert_clean(stream.decode("utf-8"))


# --- requests ----------------------------------------------------------------------------------


def request_file(tmp_path: Path, name: str, **members: Any) -> Path:
    document = {
        "format": "pont-request",
        "version": 1,
        "organisation": {"name": "Leeds City Council", "email": "tax@leeds.example"},
        "purpose": "Council Tax discount",
        "lawful_basis": "public_task",
        "retention": "6 years",
        "reference": "CT-1",
        "fields": [{"key": "givenName", "required": True}],
        **members,
    }
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(
    "members",
    [
        {"organisation": {"name": f"Leeds{HOSTILE}"}},
        {"organisation": {"name": "Leeds", "email": f"tax{HOSTILE}@leeds.example"}},
        {"reference": HOSTILE},
        {"purpose": HOSTILE},
        {HOSTILE: "an unknown member"},
        {"fields": [{"key": f"custom:{HOSTILE}", "required": True}]},
        {"fields": [{"key": "givenName", "required": True, "form": HOSTILE}]},
        {"lawful_basis": HOSTILE},
    ],
)
@pytest.mark.parametrize("json_", [False, True])
def test_request_show_on_a_hostile_request(
    tmp_path: Path, members: dict[str, Any], json_: bool
) -> None:
    path = request_file(tmp_path, "hostile.json", **members)
    code, out, err = cli(*(["--json"] if json_ else []), "request", "show", str(path))
    assert code != 0  # refused at the door, with one line saying why
    assert err.count("\n") == 1
    assert_clean(out)
    assert_clean(err)


def test_request_show_keeps_a_persian_name_as_it_is(tmp_path: Path) -> None:
    name = "شرکت علی‌رضا"
    path = request_file(tmp_path, "fa.json", organisation={"name": name})
    code, out, err = cli("request", "show", str(path))
    assert (code, err) == (0, "")
    assert name in out
    assert_clean(out, allowed="\u200c")


# --- a vault holding hostile text (written by another tool, or before the door rule) ----------


@dataclass
class HostileVault:
    pont: Pont
    person_id: int


@pytest.fixture
def hostile_vault(template_vault: tuple[Path, str], tmp_path: Path) -> HostileVault:
    folder = tmp_path / "vault"
    shutil.copytree(template_vault[0], folder)
    env = Environment(clock=FixedClock(), calibrate=lambda: KDF_FLOOR)
    with Vault.open(folder, PASSPHRASE, env) as vault:
        person = vault.people.add("Ada Lovelace", "owner").person.id
        vault.profiles.set(person, "givenName", "Ada")
        org = vault.organisations.add("Leeds City Council", "tax@leeds.example").organisation.id
        order = ShareOrder(person, org, "Council Tax", (Selection("givenName"),), reference="R1")
        send(vault, prepare(vault, order), tmp_path / "out")
        with transaction(vault.connection) as db:
            db.execute("UPDATE people SET name = ?", (f"Ada{HOSTILE}",))
            db.execute("UPDATE organisations SET name = ?, email = ?", (HOSTILE, HOSTILE))
            db.execute(
                "UPDATE packets SET packet_id = ?, purpose = ?, reference = ?",
                (HOSTILE, HOSTILE, HOSTILE),
            )
    return HostileVault(Pont(folder), person)


@pytest.mark.parametrize(
    "argv",
    [
        ("person", "list"),
        ("person", "show", "1"),
        ("org", "list"),
        ("ledger",),
        ("document", "list"),
    ],
)
@pytest.mark.parametrize("json_", [False, True])
def test_listings_of_hostile_stored_text(
    hostile_vault: HostileVault, argv: tuple[str, ...], json_: bool
) -> None:
    result = hostile_vault.pont(*argv, json_=json_)
    assert (result.code, result.err) == (0, ""), result
    assert_clean(result.out)
    if argv[0] == "document":
        return
    if json_:
        assert any(HOSTILE in text for text in strings(result.json()))  # escaped, not lost
    else:
        assert "\\x1b]0;owned\\x07" in result.out


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("person", "show", HOSTILE),
        ("person", "add", f"Ada{HOSTILE}"),
        ("org", "add", f"Leeds{HOSTILE}"),
        ("org", "add", "Leeds", "--email", f"x@{HOSTILE}.example"),
        ("ledger", "--org", HOSTILE),
        ("field", "set", "1", "givenName", HOSTILE),
        ("verify", f"missing{HOSTILE}.sd-jwt"),
        ("request", "show", HOSTILE),
        ("person", "list", HOSTILE),  # argparse: "unrecognized arguments: …"
        ("person", "authority", "1", HOSTILE),  # argparse: "invalid choice: …"
    ],
)
@pytest.mark.parametrize("json_", [False, True])
def test_error_lines_escape_what_was_given(
    hostile_vault: HostileVault, argv: tuple[str, ...], json_: bool
) -> None:
    result = hostile_vault.pont(*argv, json_=json_)
    assert result.code != 0
    error = result.err.splitlines()[-1]  # argparse prints its usage first
    assert error.startswith("pont")
    assert ": error: " in error or result.err.count("\n") == 1
    assert_clean(result.err)
    assert_clean(result.out)

