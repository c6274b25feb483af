"""Reading a packet's PDF back as its recipient would: poppler's pdftotext, page by page.

A field value is read from its own column: pdftotext's crop box (``-x -y -W -H``, points at
72 dpi) over the fields table's Value column of every page, so the Evidence column and the
footers cannot interleave with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

MM = 72 / 25.4
# The fields table: left margin 18 mm, text width 174 mm; Value is 26 % → 70 % of it.
VALUE_COLUMN = (18 + 0.26 * 174, 0.44 * 174)
ABOVE_FOOTER = 297 - 16  # the footer line is drawn 14 mm above the page's bottom edge


def tool(name: str) -> str:
    """A poppler binary, or skip (locally) / fail (CI) when it is missing."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (poppler-utils) is required in CI")
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def pages(path: Path, options: tuple[str, ...] = ()) -> int:
    info = subprocess.run([tool("pdfinfo"), *options, str(path)], capture_output=True,
                          text=True, check=True, timeout=60).stdout  # fmt: skip
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def text_of(path: Path, *crop: float, page: int | None = None,
            options: tuple[str, ...] = ()) -> str:  # fmt: skip
    """pdftotext of the file (or one page), optionally of a box ``x, y, w, h`` in mm."""
    args = [tool("pdftotext"), *options]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if crop:
        x, y, w, h = (str(round(v * MM)) for v in crop)
        args += ["-x", x, "-y", y, "-W", w, "-H", h]
    done = subprocess.run([*args, str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    return done.stdout


def value_column(path: Path) -> str:
    """The Value column of every page, top to bottom, without its repeated heading.

    ``-layout`` keeps each drawn line as it is: in reading order pdftotext would join a line
    ending in "-" to the next and drop the hyphen (a cut id would read without it).
    """
    x, width = VALUE_COLUMN
    texts = [text_of(path, x, 0, width, ABOVE_FOOTER, page=n, options=("-layout",))
             for n in range(1, pages(path) + 1)]  # fmt: skip
    lines = [logical(line).strip() for text in texts for line in text.splitlines()]
    return "\n".join(line for line in lines if line != "Value")


def logical(line: str) -> str:
    """pdftotext wraps right-to-left lines in embedding marks (U+202A/B … U+202C)."""
    return line.translate(dict.fromkeys(map(ord, "\u202a\u202b\u202c")))


def squeeze(text: str) -> str:
    """``text`` without any whitespace: a cut word reads as one again."""
    return "".join(text.split())


def words(text: str) -> str:
    """``text`` with every run of whitespace (line breaks too) as one space."""
    return " ".join(text.split())
