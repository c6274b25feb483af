"""The process Pont runs in: no core dumps (issue 10 #12).

A crashed process holding an open vault would leave a core file with the vault's key and
the person's data in it, wherever the system writes cores — readable later by anyone who
can read that folder, and outside every guarantee of the encrypted vault. ``no_core_dumps``
runs first at every start (the app and the command line, ``ui/launch.py``), before anything
is decrypted: the core-file size limit goes to 0 (soft and hard, so a child cannot raise
it back) and, on Linux, the process is marked not dumpable (``prctl(PR_SET_DUMPABLE, 0)``,
as KeePassXC does), which also keeps other processes of the same user from attaching a
debugger (ptrace) or reading its memory through ``/proc``. Windows and macOS: see
docs/threat-model.md ("Limits").
"""

from __future__ import annotations

import contextlib
import sys

PR_SET_DUMPABLE = 4  # <linux/prctl.h>
PR_GET_DUMPABLE = 3


def no_core_dumps() -> None:
    """Forbid core dumps of this process. Never fails: a system without the calls is one
    Pont cannot harden this way, and it starts all the same."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits (see docs/threat-model.md)
        pass
    else:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_DUMPABLE, 0)


def dumpable() -> int | None:
    """``prctl(PR_GET_DUMPABLE)`` on Linux (0 once hardened), else None."""
    if not sys.platform.startswith("linux"):
        return None
    return _prctl(PR_GET_DUMPABLE, 0)


def _prctl(option: int, value: int) -> int | None:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        result = libc.prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        return None
    return int(result) if result >= 0 else None
