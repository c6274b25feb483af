"""The file-mode class test (issue 10 #5): every writing command, run into existing folders
of modes 1777 (shared, sticky), 2775 (group, setgid) and 0755, leaves those folders exactly
as they were, makes every folder it creates 0700 and every file it creates 0600.

Commands run through ``pont`` in-process under umask 000, so no mode comes from the umask.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fakes import PASSPHRASE
from pont_cli import Pont

from vault.packets.hpke import new_recipient_key
from vault.requests import RequestedField, new_request
from vault.vault import Vault

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

MODES = {"1777": 0o1777, "2775": 0o2775, "0755": 0o755}
COUNCIL = "tax@council.example"


@contextmanager
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


class Setup:
    """A vault with a person, a document, a request with a key and one disclosure."""

    def __init__(self, folder: Path, work: Path) -> None:
        self.pont = Pont(folder)
        self.work = work
        with Vault.open(folder, PASSPHRASE) as vault:
            ada = vault.people.add("Ada Lovelace", "owner").person.id
            vault.profiles.set_many(
                ada, {"givenName": "Ada", "familyName": "Lovelace", "telephone": "07700 900123"}
            )
            added = vault.documents.add(
                io.BytesIO(b"%PDF-1.4 letter"), "letter.pdf", "application/pdf", ada
            )
            self.attachment = added.attachment.id
        _, key = new_recipient_key()
        request = new_request(
            organisation="Leeds City Council",
            email=COUNCIL,
            public_key=key,
            purpose="Single person discount",
            fields=[RequestedField("givenName", True), RequestedField("telephone", True)],
            lawful_basis="public_task",
            retention="Two years",
            reference="CT-1",
        )
        self.request = work / "request.json"
        self.request.write_bytes(request.to_json())
        shared = self.pont.ok("share", "Ada", "--request", str(self.request), "--out", str(work))
        self.packet_id = shared["packet_id"]
        self.packet = Path(shared["files"]["sd-jwt"])
        self.backup = work / "made-earlier.pontbackup"
        self.pont.ok("backup", str(self.backup))


def run_init(s: Setup, place: Path) -> None:
    init = Pont(place / "new vault")
    result = init("init", "--recovery-kit", str(place / "kit.pdf"), stdin="a passphrase\n")
    assert result.code == 0, result


def run_restore(s: Setup, place: Path) -> None:
    result = Pont(place / "restored")("restore", str(s.backup))
    assert result.code == 0, result


def share(*extra: str) -> Callable[[Setup, Path], None]:
    def run(s: Setup, place: Path) -> None:
        s.pont.ok("share", "Ada", "--request", str(s.request), "--out", str(place), *extra)

    return run


def run_update(s: Setup, place: Path) -> None:
    with Vault.open(s.pont.folder, PASSPHRASE) as vault:
        vault.profiles.set(vault.people.find("Ada").id, "telephone", "07700 900456")
    (done,) = s.pont.ok("update", "Ada", "telephone", "--out", str(place))
    assert done["files"]


def run_request_new(s: Setup, place: Path) -> None:
    s.pont.ok(
        *("request", "new", "--org", "Leeds City Council", "--email", COUNCIL),
        *("--purpose", "Discount", "--field", "givenName", "--retention", "Two years"),
        *("--out", str(place / "r.json"), "--key-out", str(place / "council.key")),
    )


def needs(command: str) -> None:
    """Skip a command this checkout's ``pont`` does not have (yet)."""
    from vault.cli import build_parser

    if command not in dict(_commands(build_parser())):
        pytest.skip(f"no 'pont {command}' here")


def issuer_key(s: Setup, folder: Path) -> Path:
    key = folder / "issuer.jwk"
    s.pont.ok("issuer", "init", "--name", "Leeds City Council", "--out", str(key))
    return key


def status_list(s: Setup, key: Path, path: Path) -> Path:
    uri = "https://council.example/status/1"
    s.pont.ok(
        *("issuer", "status-list", "new", "--issuer-key", str(key), "--size", "16"),
        *("--uri", uri, "--out", str(path)),
    )
    return path


def run_issuer_init(s: Setup, place: Path) -> None:
    needs("issuer init")
    issuer_key(s, place)


def run_status_list_new(s: Setup, place: Path) -> None:
    needs("issuer status-list new")
    status_list(s, issuer_key(s, s.work), place / "status.jwt")


def run_issuer_revoke(s: Setup, place: Path) -> None:
    needs("issuer revoke")
    key = issuer_key(s, s.work)
    listed = status_list(s, key, s.work / "status.jwt")
    kept = place / "status.jwt"  # the list as the organisation keeps it, shared: 0644
    kept.write_bytes(listed.read_bytes())
    kept.chmod(0o644)
    s.pont.ok(
        *("issuer", "revoke", "--status-list", str(kept), "--index", "3"),
        *("--issuer-key", str(key)),
    )
    assert kept.read_bytes() != listed.read_bytes()  # rewritten (as a new 0600 file)


def run_attest(s: Setup, place: Path) -> None:
    needs("attest")
    key = issuer_key(s, s.work)
    s.pont.ok(
        *("attest", str(s.packet), "--issuer-key", str(key), "--fields", "givenName"),
        *("--audience", COUNCIL, "--nonce", "CT-1", "--out", str(place / "ada.cred")),
    )


COMMANDS: dict[str, Callable[[Setup, Path], None]] = {
    "init --recovery-kit": run_init,
    "backup": lambda s, place: s.pont.ok("backup", str(place / "b.pontbackup")),
    "backup into a new folder": lambda s, place: s.pont.ok(
        "backup", str(place / "new" / "deeper" / "b.pontbackup")
    ),
    "restore": run_restore,
    "export-all": lambda s, place: s.pont.ok("export-all", str(place / "all.zip")),
    "share (PDF)": share(),
    "share --encrypt": share("--encrypt"),
    "share --no-email": share("--no-email"),
    "share into a new folder": lambda s, place: s.pont.ok(
        "share", "Ada", "--request", str(s.request), "--out", str(place / "packets")
    ),
    "update": run_update,
    "withdraw": lambda s, place: s.pont.ok("withdraw", s.packet_id, "--out", str(place)),
    "document get": lambda s, place: s.pont.ok(
        "document", "get", str(s.attachment), str(place / "letter.pdf")
    ),
    "request new --key-out": lambda s, place: run_request_new(s, place),
    "ledger --export": lambda s, place: s.pont.ok("ledger", "--export", str(place / "l.json")),
    "issuer init": run_issuer_init,
    "issuer status-list new": run_status_list_new,
    "issuer revoke": run_issuer_revoke,
    "attest": run_attest,
    "verify --replay-cache": lambda s, place: s.pont.ok(
        "verify", str(s.packet), "--audience", COUNCIL, "--replay-cache", str(place / "seen.json")
    ),
}


def tree(root: Path) -> dict[Path, int]:
    return {p: stat.S_IMODE(p.lstat().st_mode) for p in root.rglob("*")}


@pytest.mark.parametrize("mode", MODES.values(), ids=MODES.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_writing_never_changes_a_folder_and_makes_only_private_things(
    vault_folder: Path, tmp_path: Path, command: Callable[[Setup, Path], None], mode: int
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    setup = Setup(vault_folder, work)
    place = tmp_path / "place"
    place.mkdir()
    place.chmod(mode)
    (place / "someone else's.txt").write_text("theirs")
    (place / "someone else's.txt").chmod(0o664)
    before = tree(place)
    with open_umask():
        command(setup, place)
    assert stat.S_IMODE(place.stat().st_mode) == mode  # the sticky / setgid bit included
    after = tree(place)
    assert {p: after[p] for p in before} == before  # nothing that was there changed
    made = {p: m for p, m in after.items() if p not in before}
    assert made, "the command wrote nothing"
    wrong = {
        str(p.relative_to(place)): oct(m)
        for p, m in made.items()
        if m != (0o700 if p.is_dir() else 0o600)
    }
    assert wrong == {}
    assert all(p.is_dir() or p.is_file() for p in made)  # no links, no devices


def test_every_writing_command_is_covered() -> None:
    """A new writing command must be added above: this lists what ``pont`` can write."""
    from vault.cli import build_parser

    writers = set()
    parser = build_parser()
    for name, sub in _commands(parser):
        flags = {a.dest for a in sub._actions}
        paths = {"out", "export", "recovery_kit", "key_out", "replay_cache", "status_list"}
        if flags & paths or name in ("init", "restore"):
            writers.add(name)
    covered = {key.split(" (")[0].split(" --")[0].split(" into")[0] for key in COMMANDS}
    assert len(writers) >= 11  # what there was when this test was written
    assert writers <= covered, sorted(writers - covered)


def _commands(parser: object, prefix: str = "") -> Iterator[tuple[str, object]]:
    import argparse

    for action in parser._actions:  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                yield full, sub
                yield from _commands(sub, full)


def test_the_tree_helper_sees_special_bits(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    (tmp_path / "f").chmod(0o640)
    (tmp_path / "d").mkdir()
    (tmp_path / "d").chmod(0o2775)
    assert tree(tmp_path) == {tmp_path / "f": 0o640, tmp_path / "d": 0o2775}
