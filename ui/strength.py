"""The passphrase strength rule lives in the core (``vault/strength.py``) so the app and the
command line judge a new passphrase the same way; the app's screens import it from here."""

from vault.strength import STRONG_FROM, WEAK_BELOW, Strength, estimate_bits, strength

__all__ = ["STRONG_FROM", "WEAK_BELOW", "Strength", "estimate_bits", "strength"]
