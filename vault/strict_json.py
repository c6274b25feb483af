"""Strict JSON for everything Pont reads from outside (packets, requests, key files).

Python's ``json`` accepts duplicate member names (last wins), ``NaN``/``Infinity``, numbers
that overflow to infinity and lone surrogates; parsers that disagree on such input are
an exploit, not a nit. ``parse`` refuses all of them and raises ``JsonRejected`` with a
short reason that each caller turns into its own error code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vault.errors import InvalidInput

REASONS = ("bad_utf8", "syntax", "duplicate_key", "invalid_number", "too_deep", "lone_surrogate")

# I-JSON (RFC 7493): integers a JavaScript verifier can read exactly.
MAX_SAFE_INTEGER = 2**53 - 1


class JsonRejected(Exception):
    """``reason`` is one of ``REASONS``; ``detail`` says where, for people."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def parse(data: bytes, *, max_depth: int, max_integer: int = MAX_SAFE_INTEGER) -> Any:
    """Parse UTF-8 JSON text strictly; the top-level value counts as depth 1."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise JsonRejected("bad_utf8", "not UTF-8") from None
    decoder = _decoder(max_integer)
    try:
        value = decoder.decode(text)
        # Cheap pre-checks keep the tree walk off the common path.
        deep = data.count(b"[") + data.count(b"{") > max_depth
        escaped = b"\\u" in data
        if deep or escaped:
            _check_tree(value, 1, max_depth, escaped)
    except RecursionError:
        raise JsonRejected("too_deep", f"nesting deeper than {max_depth}") from None
    except JsonRejected:
        raise
    except ValueError as error:  # JSONDecodeError, or int() refusing a huge literal
        raise JsonRejected("syntax", str(error)[:120]) from None
    return value


def read_file(path: Path, *, field: str, max_bytes: int, max_depth: int, rejected: str) -> Any:
    """A JSON file from outside (a key, a replay cache), read the one strict way: at most
    ``max_bytes``, then :func:`parse`. Every failure is ``InvalidInput(field, …)``: the file
    cannot be read (``unreadable``), is too large (``too_large``) or is not strict JSON
    (``rejected``, the caller's reason code)."""
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise InvalidInput(field, "unreadable", f"{path}: {error.strerror}") from None
    if len(data) > max_bytes:
        raise InvalidInput(field, "too_large", f"over {max_bytes} bytes")
    try:
        return parse(data, max_depth=max_depth)
    except JsonRejected as error:
        raise InvalidInput(field, rejected, error.detail) from None


def _decoder(max_integer: int) -> json.JSONDecoder:
    digits = len(str(max_integer))

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        members = dict(items)
        if len(members) != len(items):
            seen: set[str] = set()
            for name, _ in items:
                if name in seen:
                    raise JsonRejected("duplicate_key", f"member {name[:40]!a} appears twice")
                seen.add(name)
        return members

    def constant(name: str) -> Any:
        raise JsonRejected("invalid_number", f"{name} is not JSON")

    def floating(text: str) -> float:
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise JsonRejected("invalid_number", "number overflows to infinity")
        return value

    def integer(text: str) -> int:
        if len(text.lstrip("-")) > digits or abs(int(text)) > max_integer:
            raise JsonRejected("invalid_number", "integer out of range")
        return int(text)

    return json.JSONDecoder(
        object_pairs_hook=pairs, parse_constant=constant, parse_float=floating, parse_int=integer
    )


def _check_tree(value: Any, depth: int, max_depth: int, surrogates: bool) -> None:
    if isinstance(value, dict | list):
        if depth > max_depth:
            raise JsonRejected("too_deep", f"nesting deeper than {max_depth}")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if surrogates and isinstance(key, str):
                _check_text(key)
            _check_tree(item, depth + 1, max_depth, surrogates)
    elif surrogates and isinstance(value, str):
        _check_text(value)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise JsonRejected("lone_surrogate", "string holds a lone surrogate") from None
