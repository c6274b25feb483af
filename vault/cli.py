"""``pont``: the command line, a thin layer over the core's public API.

Secrets never come from arguments: ``--passphrase-stdin`` / ``--recovery-key-stdin``
read one line each from standard input (a prompt is used on a terminal). Every
command prints plain text, or JSON with ``--json``. Failure: one plain line on stderr
and a non-zero exit status (see ``EXIT_CODES``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from vault.errors import (
    DiskFull,
    EngineNotEncrypted,
    InvalidInput,
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
        if self.args.json:
            json.dump(_plain(data), self.stdout, indent=2, ensure_ascii=False)
            self.stdout.write("\n")
        else:
            self.stdout.write((text() if callable(text) else text) + "\n")


def run_cli(argv: Sequence[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    context = Context(args, stdin, stdout, stderr)
    try:
        args.handler(context)
    except PontError as error:
        stderr.write(f"pont: {describe(error)}\n")
        return exit_code(error)
    except KeyboardInterrupt:
        stderr.write("pont: interrupted; nothing was changed by the step that was running\n")
        return EXIT_CODES["error"]
    return 0


def exit_code(error: PontError) -> int:
    if isinstance(error, WrongPassphrase):
        return EXIT_CODES["wrong_secret"]
    if isinstance(error, VaultDamaged):
        return EXIT_CODES["damaged"]
    if isinstance(error, NotFound | VaultNotFound):
        return EXIT_CODES["not_found"]
    return EXIT_CODES["error"]


# Mistakes a person makes in the simple way, said with how to go on. The reason code stays in
# --json; every other reason is said as "field: reason (detail)".
ADVICE = {
    ("notice", "already_sent"): (
        "a notice about this packet was already sent on {detail}; add --again to send another"
    ),
    ("credential", "bound_to_another_holder"): (
        "this confirmation is for another person's key ({detail}); nothing was kept"
    ),
    ("credential", "value_mismatch"): (
        "the value confirmed differs from your record: {detail}; nothing was kept"
    ),
    ("trust_list", "unreadable"): "cannot read the trust file {detail}; check the path",
    ("trust_list", "format"): (
        "{detail}: give --trust-issuer an issuer's KEY.pub.json or a pont-trust-list file"
    ),
    ("status_list", "unreadable"): "cannot read the status list file {detail}; check the path",
    ("at", "format"): "--at needs a date and time in ISO 8601, e.g. 2026-03-03T14:05:00Z",
}


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
            if (field, reason) in ADVICE:
                return ADVICE[field, reason].format(detail=detail)
            return f"{field}: {reason.replace('_', ' ')}" + (f" ({detail})" if detail else "")
        case NotFound(what=what, ident=ident):
            return f"no {what} {ident}"
    return type(error).__name__


def build_parser() -> argparse.ArgumentParser:
    from vault import cli_commands

    parser = argparse.ArgumentParser(
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
