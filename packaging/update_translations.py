"""Rewrite the translation catalogues from the code (Qt Linguist ``.ts`` files).

    .venv/bin/python packaging/update_translations.py            # update every .ts from ui/
    .venv/bin/python packaging/update_translations.py --release  # build the .qm files (build.sh)

Every string in ``ui/`` that goes through ``self.tr``, ``ui.i18n.tr`` or ``ui.i18n.noop``
lands in ``resources/translations/pont_<language>.ts``; translators fill those in with
Qt Linguist (``pyside6-linguist``), and ``--release`` compiles them, as they are, with
``pyside6-lrelease`` into the ``.qm`` files the app loads (``ui.i18n.install``). The
source language, English (UK), needs no ``.qm``. ``tests/ui/test_translations.py`` fails
when a ``.ts`` is behind the code.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's ui/, not an installed copy

from ui.i18n import SOURCE_LANGUAGE  # noqa: E402

CATALOGUES = ROOT / "resources" / "translations"
# ui.i18n.noop marks words kept in tables, as Qt's QT_TR_NOOP does
ALIASES = ["-tr-function-alias", "QT_TR_NOOP+=noop"]
# strings gone from the code are dropped; no line numbers, so a .ts changes only when
# the strings do
OPTIONS = ["-no-obsolete", "-locations", "none"]


def tool(name: str) -> str:
    """A Qt tool installed with PySide6, beside this Python."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(ts: Path) -> None:
    """Rewrite ``ts`` from the code: new strings added, gone ones dropped, translations kept."""
    subprocess.run(
        [tool("lupdate"), *ALIASES, *OPTIONS, *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="build the .qm files only")
    args = parser.parse_args()
    for ts in sorted(CATALOGUES.glob("pont_*.ts")):
        if not args.release:
            update(ts)
            print(f"updated {ts.relative_to(ROOT)}")
        elif not ts.stem.endswith(SOURCE_LANGUAGE):  # the source language needs no .qm
            release(ts, ts.with_suffix(".qm"))
            print(f"built {ts.with_suffix('.qm').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
