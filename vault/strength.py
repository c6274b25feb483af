"""An honest passphrase strength estimate: length, kinds of characters, common choices.

It says "weak", "fair" or "strong" and never claims more than it can know. There is
no upper limit on length. One rule for every new passphrase, in the app (its strength
meter) and at the command line (``pont init``, ``passphrase change``, ``recover``): a weak
one is refused (:func:`require_not_weak`).
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from enum import Enum

from vault.errors import InvalidInput

# A short list of the most common passwords and words people build them from.
_COMMON = frozenset(
    [
        "password",
        "passw0rd",
        "p@ssw0rd",
        "letmein",
        "welcome",
        "qwerty",
        "qwertyuiop",
        "asdfgh",
        "azerty",
        "abc123",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "111111",
        "000000",
        "iloveyou",
        "monkey",
        "dragon",
        "football",
        "baseball",
        "sunshine",
        "princess",
        "trustno1",
        "master",
        "shadow",
        "superman",
        "admin",
        "login",
        "starwars",
        "whatever",
        "freedom",
        "charlie",
        "secret",
        "summer",
        "winter",
        "london",
        "liverpool",
        "chelsea",
        "arsenal",
        "manchester",
        "hello",
        "hello123",
        "pontvault",
        "pont",
        "changeme",
        "default",
        "computer",
    ]
)
WEAK_BELOW = 45.0
STRONG_FROM = 70.0


class Strength(Enum):
    WEAK = "weak"
    FAIR = "fair"
    STRONG = "strong"


def estimate_bits(passphrase: str) -> float:
    """A rough guessing-effort estimate in bits; common and repetitive choices score low."""
    text = unicodedata.normalize("NFC", passphrase)
    if not text:
        return 0.0
    if _is_common(text):
        return 10.0
    per_character = math.log2(_alphabet(text))
    return per_character * _effective_length(text)


def strength(passphrase: str) -> Strength:
    bits = estimate_bits(passphrase)
    if bits < WEAK_BELOW:
        return Strength.WEAK
    if bits < STRONG_FROM:
        return Strength.FAIR
    return Strength.STRONG


def require_not_weak(passphrase: str) -> None:
    """Refuse an empty (``required``) or weak (``weak``) new passphrase."""
    if not passphrase:
        raise InvalidInput("passphrase", "required")
    if strength(passphrase) is Strength.WEAK:
        raise InvalidInput("passphrase", "weak")


def _is_common(text: str) -> bool:
    folded = text.casefold()
    stripped = folded.rstrip("0123456789!?. ")
    return folded in _COMMON or stripped in _COMMON


def _alphabet(text: str) -> int:
    size = 0
    if any(c.islower() for c in text):
        size += 26
    if any(c.isupper() for c in text):
        size += 26
    if any(c.isdigit() for c in text):
        size += 10
    if any(c.isascii() and not c.isalnum() for c in text):
        size += 33
    if any(not c.isascii() for c in text):
        size += 100
    return max(size, 2)


def _effective_length(text: str) -> float:
    """Repeats and runs like ``aaaa`` or ``1234`` count for little."""
    length = 1.0
    for previous, char in itertools.pairwise(text):
        step = ord(char) - ord(previous)
        length += 0.25 if step in (-1, 0, 1) else 1.0
    distinct = len(set(text))
    return min(length, distinct * 3.0)
