"""Pont's core: the encrypted vault, keys, people and profiles, packets. No Qt here."""
