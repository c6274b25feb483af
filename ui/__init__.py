"""Pont's desktop app (PySide6). Talks to ``vault/`` only through its public API."""
