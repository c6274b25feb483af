"""No input ever ends in a traceback: the command line's failures that are not core errors.

A core error (``PontError``) is said by ``vault.cli.describe``. Everything else is handled
here, once, for every command: argparse's usage errors become one line (not a usage block),
errors of the environment (a missing file, a full disk, nesting too deep to read) are turned
into the core error that says them, a closed pipe (``pont … | head``) ends quietly, and a bug
is named by its class only — its message may hold personal data — and asks to be reported.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
from collections.abc import Sequence
from typing import NoReturn, TextIO

from vault.errors import DiskFull, InvalidInput, PontError, StorageError

# The exit status of a process killed by SIGPIPE (128 + 13), as ``pont … | head`` expects.
BROKEN_PIPE_EXIT = 141
# The start of the line for a failure nobody classified: the every-command test looks for it.
UNEXPECTED = "unexpected error"


class UsageError(Exception):
    """The arguments do not fit the command; ``str()`` is the one line to print."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line naming the help to read (sub-parsers inherit it)."""

    def error(self, message: str) -> NoReturn:
        needs = re.match(r"argument (\S+): expected one argument$", message)
        if needs:  # also what a value beginning with "-" (a fingerprint can) runs into
            option = max(needs[1].split("/"), key=len)
            message += f"; a value that begins with '-' is written {option}=VALUE"
        raise UsageError(f"{message} (see: {self.prog} --help)")


def wants_json(argv: Sequence[str]) -> bool:
    """Whether ``--json`` was asked for: as argparse reads it, an option token before ``--``
    (also when the arguments did not parse, so a usage error is JSON too)."""
    for argument in argv:
        if argument == "--":
            return False
        if argument == "--json":
            return True
    return False


def snake_case(name: str) -> str:
    """``WrongPassphrase`` → ``wrong_passphrase``: an error's kind in ``--json``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def check_arguments(argv: list[str]) -> None:
    """Refuse an argument that is not text (bytes the system could not decode as UTF-8)."""
    for position, argument in enumerate(argv, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"argument {position} is not UTF-8 text") from None


def as_core_error(error: BaseException) -> PontError | None:
    """The core error that says an environment failure, or None for a bug."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull()
        where = error.filename if error.filename is not None else "a file"
        return StorageError(str(where), error.strerror or type(error).__name__)
    if isinstance(error, RecursionError):
        return InvalidInput("input", "too_deep", "nested too deeply to read")
    if isinstance(error, UnicodeDecodeError):
        return InvalidInput("input", "not_utf8", "the text read is not UTF-8")
    if isinstance(error, MemoryError):
        return InvalidInput("input", "too_large", "not enough memory to read it")
    return None


def unexpected(error: BaseException) -> str:
    """The line for a bug: the class only, never the message (it may hold personal data)."""
    return (
        f"{UNEXPECTED} ({type(error).__name__}); nothing more is shown so no personal data "
        "is printed. Please report it with the command you ran"
    )


def escape_unencodable(*streams: TextIO) -> None:
    """A terminal that cannot show a character (an ASCII or Latin-1 locale, a pipe with
    ``PYTHONIOENCODING=ascii``) gets it as ``\\u0639``, not a crash after the work is done."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def quiet_library_logs() -> None:
    """Libraries' log records never reach the terminal: pyHanko logs a changed PDF as a
    warning *with its traceback*, and records may quote outside data. The verdict says it."""
    import logging

    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # so logging's last-resort stderr is not used


def close_broken_pipe(stdout: TextIO) -> None:
    """The reader went away: point stdout at /dev/null so the final flush says nothing."""
    try:
        descriptor = stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's StringIO): nothing will be flushed at exit
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)
