"""No command ever prints a traceback: every subcommand, given bad input, ends in ONE line.

The commands are found by walking ``vault.cli.build_parser()``, so a command added later is
covered the day it is added. Each runs as a real ``pont`` process (what a person types) with
bad input of every kind — missing files, garbage files, JSON nested 30,000 deep, words where a
date goes, folders where a file goes, unknown ids and options — and must exit non-zero with
exactly one plain line on stderr, no traceback anywhere, and no "unexpected error": that line
is the mechanism's last resort for a failure nobody classified (``vault/cli_failures.py``), so
meeting it here is a bug to fix at its cause (issue 9 §3, issue 10 #8).

What is bad for one command is fine for another (``person add yesterday`` adds a person
called "yesterday"), so a run that succeeds — status 0, nothing on stderr — passes too; but
every command that needs something must *refuse* some of its bad input, so the error paths
are what is exercised.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from fakes import PASSPHRASE

from vault.cli import build_parser, terminal_output
from vault.cli_failures import BROKEN_PIPE_EXIT, UNEXPECTED
from vault.errors import InvalidInput, NotFound

PONT = Path(sys.executable).parent / "pont"
DEPTH = 30_000
DEEP_JSON = "[" * DEPTH + "]" * DEPTH
COMMON = {"--vault", "--json", "--passphrase-stdin", "--recovery-key-stdin", "-h", "--help"}
# Positionals given a value the vault knows, so that a bad *option* is what is met.
KNOWN = {"person": "Ada", "key": "givenName", "value": "Ada", "text": "Ada", "name": "Ada"}
# Bad input of each kind, for an argument that takes a file, a number or text.
KINDS = ("missing", "garbage", "deep", "date", "folder")
# The kinds a command's options are given (fewer: each run opens the vault, ~0.5 s).
OPTION_KINDS = ("garbage", "deep", "date")


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    parser: argparse.ArgumentParser

    def __str__(self) -> str:
        return " ".join(self.path)

    def arguments(self) -> list[argparse.Action]:
        return [
            action
            for action in self.parser._actions
            if not COMMON & set(action.option_strings)
            and not isinstance(action, argparse._StoreTrueAction | argparse._StoreFalseAction)
        ]


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Command]:
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield Command(path, parser)
    for group in groups:
        for name, child in group.choices.items():
            yield from commands(child, (*path, name))


EVERY_COMMAND = list(commands(build_parser()))


@dataclass
class Files:
    """The bad files, made once: what a path argument is given."""

    folder: Path

    def path(self, kind: str) -> str:
        return str(self.folder / {"missing": "nowhere/file.json", "folder": "a-folder"}.get(
            kind, f"{kind}.json"
        ))


def make_files(folder: Path) -> Files:
    folder.mkdir()
    (folder / "a-folder").mkdir()
    (folder / "garbage.json").write_bytes(b"\x00\xff\xfe garbage %PDF-1.7 {\"a\": \x9b")
    (folder / "deep.json").write_text(DEEP_JSON)
    (folder / "date.json").write_bytes(b"")  # empty
    return Files(folder)


def bad_value(action: argparse.Action, kind: str, files: Files) -> str:
    if action.choices:
        return str(next(iter(action.choices)))  # a valid choice: argparse is not what is tested
    if action.type is Path:
        return files.path(kind)
    if action.type is int:
        return {"missing": "-1", "garbage": "x", "deep": "9" * 40, "date": "1e3"}.get(kind, "0")
    return {
        "missing": "no-such-thing-9z",
        "garbage": "\u202e\x1b[2J\ufeff",
        "deep": DEEP_JSON,
        "date": "yesterday",
        "folder": files.path("folder"),
    }[kind]


def argv_for(command: Command, kind: str, files: Files, *, options: bool) -> list[str]:
    """Positionals bad (or, with ``options``, known) and options bad: one process's argv."""
    argv = list(command.path)
    for action in command.arguments():
        if not action.option_strings:
            known = KNOWN.get(action.dest) if options else None
            argv.append(known or bad_value(action, kind, files))
        elif action.required or (options and not action.choices):
            argv += [action.option_strings[0], bad_value(action, kind, files)]
    return argv


@dataclass
class Run:
    argv: list[str]
    code: int
    out: str
    err: str
    json_: bool = False

    @property
    def refused(self) -> bool:
        return self.code != 0

    def problems(self) -> list[str]:
        found = []
        if "Traceback" in self.out + self.err:
            found.append("a traceback")
        if UNEXPECTED in self.err:
            found.append("an unclassified failure")
        one_line = self.err.startswith("pont: ") and self.err.count("\n") == 1
        if self.refused and not one_line:
            found.append("stderr is not one plain line")
        if not self.refused and self.err:
            found.append("status 0 but something on stderr")
        if self.json_:
            found += self.json_problems()
        return found

    def json_problems(self) -> list[str]:
        """With ``--json``, stdout is one JSON document: the result, or the failure whose
        message is the line on stderr."""
        if not self.out.strip():
            return ["--json but no JSON on stdout"] if self.refused else []
        try:
            document = json.loads(self.out)
        except ValueError:
            return ["--json but stdout is not one JSON document"]
        if isinstance(document, dict) and "error" in document:
            if not self.refused:
                return ["status 0 but a JSON error"]
            if f"pont: {terminal_output(document['message'], one_line=True)}\n" != self.err:
                return ["the JSON error's message is not the line on stderr"]
        return []

    def __str__(self) -> str:
        shown = [a if len(a) < 60 else a[:20] + "…" for a in self.argv]
        return f"pont {' '.join(shown)} → {self.code}\n  stderr: {self.err[-600:]!r}"


def pont(vault: Path, argv: list[str], cwd: Path, *, json_: bool = False) -> Run:
    base = [str(PONT), "--vault", str(vault), "--passphrase-stdin"] + (["--json"] if json_ else [])
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the real keyring
    done = subprocess.run(
        [*base, *argv],
        input=(PASSPHRASE + "\n") * 4,
        capture_output=True,
        text=True,
        errors="replace",
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    return Run(argv, done.returncode, done.stdout, done.stderr, json_)


@pytest.fixture(scope="module")
def owner_vault(template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A vault whose owner is Ada, with a given name: what the known positionals name."""
    folder = tmp_path_factory.mktemp("every") / "vault"
    shutil.copytree(template_vault[0], folder)
    for argv in (["person", "add", "--owner", "Ada"], ["field", "set", "Ada", "givenName", "Ada"]):
        done = pont(folder, argv, folder.parent)
        assert done.code == 0, done
    return folder


def test_the_walk_finds_every_command() -> None:
    names = {str(c) for c in EVERY_COMMAND}
    assert {"init", "person add", "field set", "org add", "verify", "restore"} <= names
    assert {"issuer status-list new", "request show", "credential import"} <= names
    assert len(names) == len(EVERY_COMMAND) >= 39


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=str)
def test_bad_input_ends_in_one_plain_line(
    command: Command, owner_vault: Path, tmp_path: Path
) -> None:
    files = make_files(tmp_path / "files")
    arguments = command.arguments()
    cases = [([*command.path, "--no-such-option"], False)]
    if any(not a.option_strings or a.required for a in arguments):
        cases.append((list(command.path), False))  # what it needs, missing
        cases += [(argv_for(command, k, files, options=False), k == "deep") for k in KINDS]
    if any(a.option_strings and not a.required for a in arguments):
        cases += [(argv_for(command, k, files, options=True), False) for k in OPTION_KINDS]

    def run(number: int, argv: list[str], json_: bool) -> Run:
        vault = tmp_path / f"vault-{number}"  # each run its own copy: runs change vaults
        shutil.copytree(owner_vault, vault)
        return pont(vault, argv, tmp_path, json_=json_)

    with ThreadPoolExecutor(max_workers=2) as pool:  # a shared machine: two at a time
        runs = list(pool.map(run, range(len(cases)), *zip(*cases, strict=True)))
    bad = [f"{run}\n  problems: {', '.join(run.problems())}" for run in runs if run.problems()]
    assert not bad, "\n".join(bad)
    # A filter that matches nothing (``ledger --org x``) is an answer; a thing to act on is not.
    if any(not a.option_strings or a.required for a in arguments):
        assert any(run.refused for run in runs[1:]), f"{command}: no bad value was refused"


# --- the cases the issues name ------------------------------------------------------------------


def test_a_refused_request_names_its_reason_and_member(owner_vault: Path, tmp_path: Path) -> None:
    """Issue 10 #8: not "pont: InvalidPacket" but the code and the member path."""
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"format": "pont-request", "version": 1, "organisation": {}}))
    for argv in (["request", "show", str(request)], ["share", "Ada", "--request", str(request)]):
        run = pont(owner_vault, argv, tmp_path)
        assert run.code != 0
        assert run.err.startswith("pont: refused: request_"), run
        assert "(" in run.err
        assert "InvalidPacket" not in run.err


@pytest.mark.parametrize(
    "argv",
    [
        ["field", "set", "Ada", "homeAddress", DEEP_JSON],
        ["org", "add", "Council", "--public-key", "{deep}"],
        ["verify", "--replay-cache", "{deep}", "{deep}"],
        ["verify", "--at", "yesterday", "{deep}"],
        ["restore", "{backup}"],
    ],
    ids=["field-set", "org-public-key", "replay-cache", "verify-at", "backup-manifest"],
)
def test_deep_json_and_bad_dates_are_one_line(
    argv: list[str], owner_vault: Path, tmp_path: Path
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP_JSON)
    backup = tmp_path / "deep.pontbackup"
    with tarfile.open(backup, "w") as archive:
        manifest = DEEP_JSON.encode()  # under the 64 KiB manifest cap: depth is what is met
        member = tarfile.TarInfo("manifest.json")
        member.size = len(manifest)
        archive.addfile(member, io.BytesIO(manifest))
    filled = [a.format(deep=deep, backup=backup) if a != DEEP_JSON else a for a in argv]
    run = pont(tmp_path / "restored" if argv[0] == "restore" else owner_vault, filled, tmp_path)
    assert run.problems() == [], run


def test_restoring_into_a_link_to_an_empty_folder(owner_vault: Path, tmp_path: Path) -> None:
    backup = tmp_path / "vault.pontbackup"
    assert pont(owner_vault, ["backup", str(backup)], tmp_path).code == 0
    (tmp_path / "empty").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    run = pont(tmp_path / "link", ["restore", str(backup)], tmp_path)
    assert (run.code, run.err) == (0, ""), run
    listed = pont(tmp_path / "link", ["--json", "person", "list"], tmp_path)
    assert [p["name"] for p in json.loads(listed.out)] == ["Ada"]


def test_a_closed_pipe_ends_quietly(owner_vault: Path, tmp_path: Path) -> None:
    """``pont … --json | head``: the reader goes away before Pont writes; no traceback, no
    "Exception ignored" at exit, the status a process killed by SIGPIPE would have."""
    env = {k: v for k, v in os.environ.items() if k != "PONT_VAULT"}
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        done = subprocess.run(
            [str(PONT), "--json", "request", "list"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (BROKEN_PIPE_EXIT, "")


# --- the mechanism, in-process --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "said", "status"),
    [
        (ValueError("Ada's NHS number is 943 476 5919"), f"{UNEXPECTED} (ValueError)", 1),
        (FileNotFoundError(2, "No such file or directory", "/x/letter.pdf"),
         "could not read or write /x/letter.pdf (No such file or directory)", 1),
        (OSError(28, "No space left on device"), "the disk is full", 1),
        (RecursionError("maximum recursion depth exceeded"), "input: too deep", 1),
        (KeyboardInterrupt(), "interrupted", 1),
    ],
    ids=["bug", "missing-file", "disk-full", "too-deep", "interrupt"],
)  # fmt: skip
def test_every_failure_is_one_line_from_one_place(
    raised: BaseException, said: str, status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vault import cli_commands
    from vault.cli import run_cli

    def handler(ctx: object) -> None:
        raise raised

    monkeypatch.setattr(cli_commands, "cmd_person_list", handler)
    out, err = io.StringIO(), io.StringIO()
    assert run_cli(["person", "list"], io.StringIO(""), out, err) == status
    assert err.getvalue().startswith(f"pont: {said}")
    assert err.getvalue().count("\n") == 1
    assert "943" not in err.getvalue()  # a bug's message may hold personal data: never shown


@pytest.mark.parametrize(
    ("raised", "record"),
    [
        (ValueError("Ada's NHS number is 943 476 5919"),
         {"error": "unexpected", "exception": "ValueError"}),
        (FileNotFoundError(2, "No such file or directory", "/x/letter.pdf"),
         {"error": "storage_error", "path": "/x/letter.pdf",
          "reason": "No such file or directory"}),
        (OSError(28, "No space left on device"), {"error": "disk_full"}),
        (InvalidInput("nhsNumber", "check_digit"),
         {"error": "invalid_input", "field": "nhsNumber", "reason": "check_digit", "detail": ""}),
        (NotFound("person", "Bob"), {"error": "not_found", "what": "person", "ident": "Bob"}),
        (KeyboardInterrupt(), {"error": "interrupted"}),
    ],
    ids=["bug", "missing-file", "disk-full", "invalid-input", "not-found", "interrupt"],
)  # fmt: skip
def test_with_json_a_failure_is_json_too(
    raised: BaseException, record: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reason codes a script needs, on stdout; the same plain line on stderr."""
    from vault import cli_commands
    from vault.cli import run_cli

    def handler(ctx: object) -> None:
        raise raised

    monkeypatch.setattr(cli_commands, "cmd_person_list", handler)
    out, err = io.StringIO(), io.StringIO()
    assert run_cli(["--json", "person", "list"], io.StringIO(""), out, err) != 0
    document = json.loads(out.getvalue())
    assert document == {**record, "message": document["message"]}
    assert err.getvalue() == f"pont: {document['message']}\n"
    assert "943" not in out.getvalue()


def test_with_json_a_usage_mistake_is_json_and_a_printed_result_is_not_repeated(
    tmp_path: Path,
) -> None:
    from vault.cli import run_cli

    out, err = io.StringIO(), io.StringIO()
    assert run_cli(["--json", "field", "set"], io.StringIO(""), out, err) == 2
    assert json.loads(out.getvalue())["error"] == "usage"
    assert run_cli(["field", "set", "--", "--json"], io.StringIO(""), out := io.StringIO(),
                   io.StringIO()) == 2  # fmt: skip
    assert out.getvalue() == ""  # after "--" it is a value, not the option
    # verify prints its verdicts, then fails: stdout stays the one document of verdicts.
    garbage = tmp_path / "packet.sd-jwt"
    garbage.write_text("not a packet")
    out, err = io.StringIO(), io.StringIO()
    assert run_cli(["verify", "--json", str(garbage)], io.StringIO(""), out, err) == 1
    assert [v["valid"] for v in json.loads(out.getvalue())] == [False]
    assert err.getvalue().startswith("pont: not valid:")


def test_a_value_beginning_with_a_dash_is_told_how_to_write_it() -> None:
    """A base64url fingerprint may begin with '-': argparse takes it for an option."""
    from vault.cli import run_cli

    err = io.StringIO()
    assert run_cli(["verify", "--trust", "-abcd", "x.sd-jwt"], io.StringIO(""), io.StringIO(),
                   err) == 2  # fmt: skip
    assert "a value that begins with '-' is written --trust=VALUE" in err.getvalue()
    assert err.getvalue().count("\n") == 1


def test_an_argument_that_is_not_text_is_a_usage_mistake() -> None:
    from vault.cli import run_cli

    out, err = io.StringIO(), io.StringIO()
    assert run_cli(["person", "show", "\udcff"], io.StringIO(""), out, err) == 2
    assert err.getvalue() == "pont: argument 3 is not UTF-8 text\n"


def test_a_terminal_that_cannot_show_a_name_gets_it_escaped(
    owner_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ASCII terminal (``PYTHONIOENCODING=ascii``, a C locale elsewhere) and a Persian
    name: the list is printed with the name escaped, not lost to a UnicodeEncodeError."""
    vault = tmp_path / "vault"
    shutil.copytree(owner_vault, vault)
    assert pont(vault, ["person", "add", "علی\u200cرضا"], tmp_path).code == 0
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    listed = pont(vault, ["person", "list"], tmp_path)
    assert (listed.code, listed.err) == (0, ""), listed
    assert "\\u0639\\u0644\\u06cc\\u200c\\u0631\\u0636\\u0627" in listed.out
    missing = pont(vault, ["person", "show", "نه"], tmp_path)
    assert missing.err.startswith("pont: "), missing
    assert missing.err.count("\n") == 1, missing
    assert "\\u0646\\u0647" in missing.err  # the name, escaped, in the plain sentence
    assert missing.err.isascii()
