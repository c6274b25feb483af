"""The recovery key and the printable recovery kit.

The recovery key is 160 random bits shown once as eight groups of four letters and
digits (RFC 4648 base32, which has no 0/1/8 to confuse with O/I/B). It opens the vault
when the passphrase is forgotten. The kit is a one-page PDF with the key and plain
instructions; it holds no personal data.
"""

from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path

from vault.atomic import REAL_OPS, FileOps, write_atomic
from vault.errors import InvalidInput

SECRET_BYTES = 20
_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
GROUP = 4


def format_recovery_key(secret: bytes) -> str:
    """``ABCD-EFGH-…``: 32 base32 characters in groups of four."""
    text = base64.b32encode(secret).decode("ascii")
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse_recovery_key(text: str) -> bytes:
    """Read a typed recovery key: case, spaces and dashes do not matter."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != SECRET_BYTES * 8 // 5:
        raise InvalidInput("recovery_key", "length")
    if any(ch not in _ALPHABET for ch in cleaned):
        raise InvalidInput("recovery_key", "format")
    return base64.b32decode(cleaned)


def recovery_kit_pdf(recovery_key: str, vault_id: str, created: datetime) -> bytes:
    """A one-page PDF with the recovery key and what to do with it."""
    from fpdf import FPDF  # imported here: only creating a kit needs it

    pdf = FPDF(format="A4")
    pdf.set_title("Pont recovery kit")
    pdf.set_creator("Pont")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 22)
    pdf.cell(0, 14, "Pont recovery kit", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 12)
    pdf.multi_cell(0, 7, _KIT_INTRO, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("courier", "B", 20)
    pdf.multi_cell(0, 12, recovery_key, border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        f"Vault: {vault_id}\nMade: {created.strftime('%d %B %Y')}\n\n{_KIT_STEPS}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def save_recovery_kit(
    path: Path, recovery_key: str, vault_id: str, created: datetime, ops: FileOps = REAL_OPS
) -> None:
    """Write the kit PDF atomically with owner-only permissions."""
    write_atomic(path, recovery_kit_pdf(recovery_key, vault_id, created), ops)


_KIT_INTRO = (
    "This key opens your Pont vault if you forget your passphrase. Anyone who has it and a "
    "copy of your vault can read everything in it, so keep it as safely as a passport: "
    "printed and locked away, not in email or a cloud folder."
)

_KIT_STEPS = (
    "If you forget your passphrase:\n"
    "1. Open Pont and choose 'Use recovery key' (or run: pont recover).\n"
    "2. Type the key above. Dashes and capitals do not matter.\n"
    "3. Choose a new passphrase.\n\n"
    "Printing this page may leave a copy in the printer's queue; delete the file once printed."
)
