"""Story fixtures: a person at a terminal, running the real ``pont`` as a subprocess.

Stories check what the *recipient* gets: every packet a story sends is opened with
``pont verify --json`` (and, for PDFs, with poppler's ``pdftotext``) and the values in
it are read, never what a function returned.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from story_helpers import Terminal


@pytest.fixture
def terminal(vault_folder: Path, tmp_path: Path) -> Terminal:
    """A vault (the template, at the KDF floor) and an empty folder to work in."""
    home = tmp_path / "home"
    home.mkdir()
    return Terminal(vault_folder, home)
