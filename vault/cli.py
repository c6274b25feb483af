"""``pont``: the command line, a thin layer over the core's public API.

Secrets never come from arguments: ``--passphrase-stdin`` / ``--recovery-key-stdin``
read one line each from standard input (a prompt is used on a terminal). Every
command prints plain text, or JSON with ``--json``. Failure: one plain line on stderr
and a non-zero exit status (see ``EXIT_CODES``), with ``--json`` also ``{"error": KIND,
...reason codes, "message": LINE}`` on stdout, whatever the input: usage mistakes,
environment errors and bugs are said at one place (``run_cli``, ``vault/cli_failures.py``),
never as a traceback. A reader that goes away (``pont … | head``) ends it quietly, with
status 141 as for a process killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from vault import cli_failures as failures
from vault import explain
from vault.errors import (
    DiskFull,
    EngineNotEncrypted,
    InvalidInput,
    InvalidPacket,
    KeyringUnavailable,
    NotFound,
    PontError,
    StorageError,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)
from vault.locations import default_vault_folder
from vault.text import json_shown, shown

EXIT_CODES = {"error": 1, "usage": 2, "wrong_secret": 3, "damaged": 4, "not_found": 5}
# Files the desktop may hand to ``pont`` (packaging/linux/org.pont.Pont.mime.xml).


class Secrets:
    """Reads secrets from stdin (one per line) or a terminal prompt; never from argv."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO) -> None:
        self._from_stdin = args.passphrase_stdin or args.recovery_key_stdin
        self._stdin = stdin

    def read(self, prompt: str) -> str:
        if self._from_stdin:
            line = self._stdin.readline()
            if not line:
                raise InvalidInput("stdin", "missing_line", prompt)
            return line.rstrip("\r\n")
        if self._stdin.isatty():
            import getpass  # only on a terminal; not loaded on the desktop path (P11)

            return getpass.getpass(f"{prompt}: ")
        raise InvalidInput("passphrase", "stdin_required")

    def read_secret(self, prompt: str) -> str:
        """A secret that is not the passphrase: the next line of stdin when secrets come from
        stdin (or this command asked for it there), else a prompt on a terminal."""
        if not self._from_stdin and self._stdin.isatty():
            import getpass

            return getpass.getpass(f"{prompt}: ")
        return self.read_line(prompt)

    def read_line(self, prompt: str) -> str:
        """A secret that only ever comes from stdin (e.g. a PDF password)."""
        line = self._stdin.readline()
        if not line:
            raise InvalidInput("stdin", "missing_line", prompt)
        return line.rstrip("\r\n")


class Context:
    def __init__(
        self,
        args: argparse.Namespace,
        stdin: TextIO,
        stdout: TextIO,
        stderr: TextIO | None = None,
    ) -> None:
        self.args = args
        self.folder = Path(args.vault) if args.vault else default_vault_folder()
        self.secrets = Secrets(args, stdin)
        self.stdout = stdout
        self.stderr = stderr
        self.emitted = False  # the command's result has been printed

    def unlock(self) -> Any:
        """Open the vault: recovery key, passphrase, remembered device, prompt — in that order."""
        from vault.device import system_device_keys
        from vault.vault import Vault

        if self.args.recovery_key_stdin:
            return self.opened(
                Vault.open_with_recovery_key(self.folder, self.secrets.read("Recovery key"))
            )
        if not self.args.passphrase_stdin:
            try:
                return self.opened(Vault.open_with_device(self.folder, system_device_keys()))
            except KeyringUnavailable:
                pass
        return self.opened(Vault.open(self.folder, self.secrets.read("Passphrase")))

    def unlock_with(self, passphrase: str) -> Any:
        from vault.vault import Vault

        return self.opened(Vault.open(self.folder, passphrase))

    def opened(self, vault: Any) -> Any:
        """Say once, on stderr, that opening made the vault's folder and files private."""
        if vault.tightened and self.stderr is not None:
            self.stderr.write(
                "pont: the vault's folder or files could be read by others (as a copy, an "
                "unzip or a sync client leaves them); they are now private to you\n"
            )
        return vault

    def pdf_password(self) -> str | None:
        """The one-off PDF password, read from stdin after any passphrase, when asked for."""
        if not getattr(self.args, "pdf_password_stdin", False):
            return None
        return self.secrets.read_line("PDF password")

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        self.emitted = True
        if self.args.json:
            self.stdout.write(json_output(data) + "\n")
        else:
            self.stdout.write(terminal_output(text() if callable(text) else text) + "\n")


def run_cli(argv: Sequence[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Run one command. Whatever the input, the result is its output or ONE line on stderr
    (with ``--json``, also the failure as JSON on stdout, its kind and reason codes, unless
    the command printed its JSON result already: stdout holds one JSON document)."""
    started: list[Context] = []  # the command's context, once its arguments are read
    try:
        return _run(argv, stdin, stdout, stderr, started)
    except BrokenPipeError:  # the reader went away (``pont … | head``): stop quietly
        failures.close_broken_pipe(stdout)
        return failures.BROKEN_PIPE_EXIT
    except (Exception, KeyboardInterrupt) as error:  # the last line of defence
        failure = failed(error)
        # The one place an error is printed; its words may quote outside text.
        stderr.write(f"pont: {terminal_output(failure.line, one_line=True)}\n")
        if failures.wants_json(argv) and not any(ctx.emitted for ctx in started):
            try:
                stdout.write(json_output(failure.record()) + "\n")
                stdout.flush()
            except BrokenPipeError:
                failures.close_broken_pipe(stdout)
        return failure.code


@dataclasses.dataclass(frozen=True)
class Failure:
    """How a command failed: the plain line, the exit status, and for ``--json`` the kind
    (``usage``, ``interrupted``, ``unexpected`` or the core error's class in snake case)
    with the error's reason codes."""

    line: str
    code: int
    kind: str
    codes: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        return {"error": self.kind, **self.codes, "message": self.line}


def failed(error: BaseException) -> Failure:
    """The failure any exception is (see vault/cli_failures.py)."""
    if isinstance(error, failures.UsageError):
        return Failure(str(error), EXIT_CODES["usage"], "usage")
    if isinstance(error, KeyboardInterrupt):
        line = "interrupted; nothing was changed by the step that was running"
        return Failure(line, EXIT_CODES["error"], "interrupted")
    core = error if isinstance(error, PontError) else failures.as_core_error(error)
    if core is None:  # a bug: its class only, never its message (personal data)
        exception = {"exception": type(error).__name__}
        return Failure(failures.unexpected(error), EXIT_CODES["error"], "unexpected", exception)
    codes = {name: value for name, value in vars(core).items() if not name.startswith("_")}
    return Failure(describe(core), exit_code(core), failures.snake_case(type(core).__name__), codes)


def _run(
    argv: Sequence[str], stdin: TextIO, stdout: TextIO, stderr: TextIO, started: list[Context]
) -> int:
    failures.escape_unencodable(stdout, stderr)
    failures.check_arguments(list(argv))
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    failures.quiet_library_logs()
    started.append(Context(args, stdin, stdout, stderr))
    args.handler(started[0])
    stdout.flush()  # a closed pipe is met here, not in the interpreter's last flush
    return 0


def exit_code(error: PontError) -> int:
    if isinstance(error, WrongPassphrase):
        return EXIT_CODES["wrong_secret"]
    if isinstance(error, VaultDamaged):
        return EXIT_CODES["damaged"]
    if isinstance(error, NotFound | VaultNotFound):
        return EXIT_CODES["not_found"]
    return EXIT_CODES["error"]


def describe(error: PontError) -> str:
    """One plain-language line for a core error."""
    match error:
        case WrongRecoveryKey():
            return "that recovery key does not open this vault; nothing was changed"
        case WrongPassphrase():
            return "wrong passphrase; nothing was changed"
        case VaultDamaged(part=part, reason=reason):
            return f"the vault's {part} is damaged ({reason}); restore it from a backup"
        case VaultNotFound(path=path):
            return f"there is no vault at {path} (create one with: pont init)"
        case VaultExists(path=path):
            return f"a vault already exists at {path}; nothing was overwritten"
        case VaultTooNew():
            return "this vault was made by a newer version of Pont; please update Pont"
        case VaultLocked():
            return "the vault is locked"
        case EngineNotEncrypted():
            return "SQLCipher is not available, so Pont refuses to store anything unencrypted"
        case DiskFull():
            return "the disk is full; nothing was lost, free some space and try again"
        case StorageError(path=path, reason=reason):
            return f"could not read or write {path} ({reason})"
        case KeyringUnavailable(reason=reason):
            return f"this device's keyring cannot be used ({reason}); use your passphrase"
        case InvalidInput(field=field, reason=reason, detail=detail):
            return explain.invalid_input(field, reason, detail)  # the words for each reason
        case NotFound(what=what, ident=ident):
            return explain.not_found(what, ident)
        case InvalidPacket(reason=reason, detail=detail):
            # The reason code and member path that docs/request-format.md promises.
            return f"refused: {reason}" + (f" ({detail})" if detail else "")
    return type(error).__name__


def build_parser() -> argparse.ArgumentParser:
    from vault import cli_commands

    parser = failures.OneLineParser(
        prog="pont",
        description="Pont: your personal data vault. Run without arguments for the app.",
    )
    parser.add_argument("--vault", default=os.environ.get("PONT_VAULT"), help="vault folder")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--passphrase-stdin", action="store_true", help="read passphrase(s) from stdin"
    )
    parser.add_argument(
        "--recovery-key-stdin", action="store_true", help="read the recovery key from stdin"
    )
    cli_commands.register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    return parser


# --- the one output filter: what reaches a terminal -------------------------------------------


def terminal_output(text: str, *, one_line: bool = False) -> str:
    """Every line Pont prints: text from outside (a packet, a request, an error's detail)
    cannot act on the terminal, its control, bidi and format characters are shown escaped
    (``\\x1b``, ``\\u202e``). An error is one line, so a line break in it is escaped too."""
    return shown(text, newlines=not one_line)


def json_output(data: Any) -> str:
    """``--json``: C0 escaped by JSON itself, C1, bidi and format characters as ``\\u``."""
    return json_shown(json.dumps(_plain(data), indent=2, ensure_ascii=False))


def _plain(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, Path):
        return str(value)
    return value
