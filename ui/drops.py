"""Where a file dropped on the window goes: a request file to Share, a packet to Verify,
a confirmation (a credential an organisation signed) to the person shown.

Documents (scans, PDFs) dropped on the profile page are attached there; request, packet and
credential files are not documents, so the profile lets them through to the window.
A credential and a packet are both SD-JWTs (``.sd-jwt``); a credential as an issuer writes
it ends with ``~`` (no key binding, docs/packet-format.md §5.4), a packet never does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

REQUEST = "request"
PACKET = "packet"
CREDENTIAL = "credential"
_PACKET_SUFFIXES = (".sd-jwt", ".jwt", ".sealed.json")
_REQUEST_SUFFIXES = (".json", ".pontrequest")


def kind_of(path: Path) -> str | None:
    """``REQUEST``, ``PACKET`` (a PDF may be one), ``CREDENTIAL``, or None for anything else."""
    name = path.name.lower()
    if name.endswith(".sd-jwt") and _ends_without_key_binding(path):
        return CREDENTIAL
    if name.endswith(_PACKET_SUFFIXES) or name.endswith(".pdf"):
        return PACKET
    if name.endswith(_REQUEST_SUFFIXES):
        return REQUEST
    return None


def _ends_without_key_binding(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            handle.seek(max(path.stat().st_size - 64, 0))
            return handle.read().rstrip().endswith(b"~")
    except OSError:
        return False  # left to the packet check, which says it cannot be read


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file being dragged, or None."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return Path(urls[0].toLocalFile())


def is_not_a_document(mime: QMimeData) -> bool:
    """A request or machine packet file: the profile page leaves it to the window."""
    path = dropped_file(mime)
    return path is not None and kind_of(path) is not None and not path.name.lower().endswith(".pdf")
