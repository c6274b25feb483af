"""Child process for the kill -9 suites (T01, T05, T09). Not a test module.

Protocol (all lines on stdin/stdout, stdout flushed after every line):

* ``kill9 FOLDER``: reads the recovery key, prints ``ready``; waits for ``go TAG``;
  opens the vault, runs ``check()``, prints ``open PROBLEMS``; then commits values of
  10–20,000 bytes to the owner's ``carePlanNotes`` forever, printing ``ack ID ok``
  only after each commit has returned.
* ``sequential FOLDER``: opens, prints ``open``, commits ``T05 n`` values for n = 1, 2, …
  (a 2 ms pause between commits), printing ``running`` after the tenth.
* ``passphrase FOLDER``: reads a line (ignored), prints ``ready``, reads the index i of
  the current passphrase Pi, opens with it, then changes the passphrase along a chain
  P0 → P1 → …, printing
  ``changing i`` before and ``changed i`` after each change of Pi-1 → Pi.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from relhelp import payload

from vault._crypto import KDF_FLOOR
from vault.vault import Environment, Vault


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def chain(i: int) -> str:
    return f"chain passphrase {i} é"


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    recovery = sys.stdin.readline().strip()
    env = Environment(calibrate=lambda: KDF_FLOOR)
    if mode == "kill9":
        say("ready")
        tag = sys.stdin.readline().split()[1]
        vault = Vault.open_with_recovery_key(folder, recovery, env)
        say(f"open {len(vault.check())}")
        owner = vault.people.owner()
        assert owner is not None
        seq = 0
        while True:
            ident = f"{tag}.{seq}"
            vault.profiles.set(owner.id, "carePlanNotes", payload(ident))
            say(f"ack {ident} ok")
            seq += 1
    elif mode == "sequential":
        vault = Vault.open_with_recovery_key(folder, recovery, env)
        owner = vault.people.owner()
        assert owner is not None
        say("open")
        n = 1
        while True:
            vault.profiles.set(owner.id, "accessNeeds", payload(f"T05-{n}", 50, 3000))
            if n == 10:
                say("running")
            n += 1
            time.sleep(0.002)
    elif mode == "passphrase":
        say("ready")
        start = int(sys.stdin.readline())
        vault = Vault.open(folder, chain(start), env)
        say("open")
        i = start + 1
        while True:
            say(f"changing {i}")
            vault.change_passphrase(chain(i - 1), chain(i), kdf=KDF_FLOOR)
            say(f"changed {i}")
            i += 1
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
