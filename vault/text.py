"""One plain-text rule: which characters Pont takes in, and how it shows text from outside.

**In** (:func:`check_plain`, :func:`check_name`): every name and text that is typed or comes
from outside (request files, packets, organisations, people, documents, field values) is
NFC-normalised and refused, as ``control_character`` with the code point as detail, if it
holds a character of category Cc (C0, DEL, C1), Cf (bidi marks, embeddings, overrides and
isolates, zero-width spaces, word joiners, Unicode tags, …), Cs (lone surrogates), Zl or Zp.
The one exception is ZWNJ/ZWJ (U+200C/U+200D) where the joining rules of RFC 5892 Appendix A
allow them: after a virama, or ZWNJ between joining letters. Persian, Arabic and Indic names
need them there (علی‌رضا); anywhere else they only make two names look alike.

**Out** (:func:`shown`, :func:`json_shown`): every character the rule would refuse is written
as an escape (``\\x1b``, ``\\u202e``), so no text from outside can move the cursor, set a
window title, make a link or reorder what a terminal shows.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from vault.errors import InvalidInput

JOINERS: Final = frozenset("\u200c\u200d")
REFUSED_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Trimmed from both ends: ordinary spaces and line ends. Anything else there (U+0085,
# U+2028, a bidi mark) is refused, not trimmed away unseen.
_TRIMMED: Final = " \t\n\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
    "\u2008\u2009\u200a\u202f\u205f\u3000"
# The joining context a joiner needs reaches over a few transparent marks, never far.
_JOIN_WINDOW: Final = 32


# --- in -----------------------------------------------------------------------------------


def check_plain(text: object, field: str, *, limit: int, multiline: bool = False) -> str:
    """Text under the rule: NFC, trimmed, 1 to ``limit`` characters, no hidden character.

    ``multiline`` keeps line breaks (as ``\\n``) and tabs inside. Raises
    ``InvalidInput(field, reason)``: ``bad_type``, ``required``, ``too_long`` or
    ``control_character`` (detail ``U+XXXX``).
    """
    if not isinstance(text, str):
        raise InvalidInput(field, "bad_type")
    clean = unicodedata.normalize("NFC", text)
    if multiline:
        clean = clean.replace("\r\n", "\n").replace("\r", "\n")
    clean = clean.strip(_TRIMMED)
    index = hidden_character(clean, allowed="\n\t" if multiline else "")
    if index is not None:
        raise InvalidInput(field, "control_character", f"U+{ord(clean[index]):04X}")
    if not clean:
        raise InvalidInput(field, "required")
    if len(clean) > limit:
        raise InvalidInput(field, "too_long", str(limit))
    return clean


def check_name(text: object, field: str, *, limit: int) -> str:
    """A name (of a person, an organisation): :func:`check_plain`, runs of spaces made one."""
    # A tab between words (pasted from a table) is a space; after the check only spaces
    # are left to split on.
    spaced = text.replace("\t", " ") if isinstance(text, str) else text
    return " ".join(check_plain(spaced, field, limit=limit).split())


def hidden_character(text: str, allowed: str = "") -> int | None:
    """The index of the first character of ``text`` the rule refuses, or None."""
    for index, char in enumerate(text):
        if char in allowed or unicodedata.category(char) not in REFUSED_CATEGORIES:
            continue
        if char in JOINERS and _joins(text, index):
            continue
        return index
    return None


def _joins(text: str, index: int) -> bool:
    """ZWNJ/ZWJ at ``index`` stands where RFC 5892 Appendix A (CONTEXTJ) allows it."""
    import idna  # only when a joiner is there: its tables are large

    start = max(0, index - _JOIN_WINDOW)
    window = text[start : index + _JOIN_WINDOW + 1]
    try:
        return bool(idna.valid_contextj(window, index - start))
    except (ValueError, idna.IDNAError):  # a neighbour with no Unicode name: unassigned
        return False


# --- out ----------------------------------------------------------------------------------


def shown(text: str, *, newlines: bool = True) -> str:
    """``text`` as it may reach a terminal or a log: hidden characters written as escapes.

    Line breaks and tabs stay when ``newlines`` (Pont's own layout: lines, columns); a value
    from outside that must stay on its line is shown with ``newlines=False``.
    """
    keep = "\n\t" if newlines else ""
    index = hidden_character(text, keep)
    if index is None:
        return text
    out = list(text[:index])
    for position in range(index, len(text)):
        char = text[position]
        hidden = (
            char not in keep
            and unicodedata.category(char) in REFUSED_CATEGORIES
            and not (char in JOINERS and _joins(text, position))
        )
        out.append(_escape(char) if hidden else char)
    return "".join(out)


def json_shown(document: str) -> str:
    """JSON text with every hidden character (C1, bidi, joiners too) as a ``\\u`` escape.

    ``json.dumps`` escapes the C0 controls inside strings, so a raw line break is its own
    indentation and stays; every other hidden character is inside a string, where
    ``\\uXXXX`` (a surrogate pair above U+FFFF) decodes back to the same text.
    """
    if document.isascii():
        return document
    return "".join(
        _json_escape(char)
        if char != "\n" and unicodedata.category(char) in REFUSED_CATEGORIES
        else char
        for char in document
    )


def _escape(char: str) -> str:
    point = ord(char)
    if point <= 0xFF:
        return f"\\x{point:02x}"
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def _json_escape(char: str) -> str:
    point = ord(char)
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"
