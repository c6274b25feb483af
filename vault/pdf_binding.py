"""A received PDF bound to its signed packet: one packet inside, pages drawn from it (issue 10 #4).

Pont draws a PDF's pages deterministically from the packet (``vault.page``), so ``pont
verify`` draws them again from the packet it has just verified and compares every page with
the received one object by object: content streams, fonts and their glyph data, resources,
page boxes (also those a page inherits) and annotations. Only what signing adds may differ:
the invisible, zero-area signature widget. A page that differs is ``pdf_pages_mismatch``; a PDF
that Pont did not write is ``pdf_layout_unsupported`` (its packet file can still be checked
alone). A PDF must carry exactly one packet: one file specification with one embedded file,
named ``packet.sd-jwt`` in the attachments name tree; anything more is ``pdf_extra_packet``.

Work is bounded: at most ``MAX_OBJECTS`` objects are looked at and ``MAX_PAGES`` pages drawn,
and a packet with more text than the received pages could hold is not laid out at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from vault.errors import InvalidPacket
from vault.packets.pdf import ATTACHMENT_NAME, PacketSummary, layout_pdf
from vault.page import summary_of

if TYPE_CHECKING:
    from vault.packets.sdjwt import VerifiedPacket

PONT_CREATOR = "Pont personal data vault"  # what vault.packets.pdf writes as /Creator
MAX_OBJECTS = 200_000
MAX_PAGES = 500
MAX_CHARACTERS_PER_PAGE = 20_000  # an A4 page at 10 pt holds about 5,000
_MAX_DEPTH = 64
_BACK_LINKS = frozenset({"/Parent", "/P"})  # point back up the tree: not what a page shows
_STREAM_CODING = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL"})  # data compared decoded
_PROXY = generic.EncryptedObjAccess.PROXY
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


# -- one packet ------------------------------------------------------------------------


def packet_attachment(reader: PdfFileReader) -> bytes:
    """The bytes of the one packet the PDF carries; refuses none (``pdf_no_packet``) and
    more than one file anywhere in the file (``pdf_extra_packet``)."""
    specs, files = _embedded_files(reader)
    if len(specs) > 1 or len(files) > 1:
        raise InvalidPacket("pdf_extra_packet", f"{max(len(specs), len(files))} attached files")
    entries = _attachment_entries(reader)
    if len(entries) > 1:
        raise InvalidPacket("pdf_extra_packet", f"{len(entries)} attachments are named")
    if not entries or entries[0][0] != ATTACHMENT_NAME or not files:
        raise InvalidPacket("pdf_no_packet", f"no attachment named {ATTACHMENT_NAME}")
    stream = _get(_mapping(_get(_mapping(entries[0][1]), "/EF")), "/F")
    if not isinstance(stream, generic.StreamObject):
        raise InvalidPacket("pdf_no_packet", f"no attachment named {ATTACHMENT_NAME}")
    return bytes(stream.data)


def _attachment_entries(reader: PdfFileReader) -> list[tuple[str, Any]]:
    names = _mapping(_get(_mapping(_get(reader.root, "/Names")), "/EmbeddedFiles"))
    if "/Kids" in names:  # Pont writes one flat list; a tree of lists can hide entries
        raise InvalidPacket("pdf_extra_packet", "the attachments are in a name tree")
    pairs = _get(names, "/Names")
    if not isinstance(pairs, generic.ArrayObject) or len(pairs) % 2:
        return []
    return [(str(pairs[i]), pairs.raw_get(i + 1)) for i in range(0, len(pairs), 2)]


def _embedded_files(reader: PdfFileReader) -> tuple[list[object], set[object]]:
    """Every file specification that embeds a file, and every embedded file stream, in
    every object of the file (also those inside object streams and direct objects)."""
    specs: list[object] = []
    files: set[object] = set()
    budget = _Budget()
    for ref in _live_refs(reader, budget):
        top = _resolve(reader.get_object(ref))  # type: ignore[no-untyped-call]
        if isinstance(top, generic.StreamObject) and _get(top, "/Type") == "/EmbeddedFile":
            files.add((ref.idnum, ref.generation))
        for holder in _dictionaries(top, budget):
            if "/EF" in holder:
                specs.append(holder)
                ef = _mapping(_resolve(holder.raw_get("/EF")))
                files.update(_target(ef.raw_get(key)) for key in ef)
    return specs, files


def _live_refs(reader: PdfFileReader, budget: _Budget) -> Iterator[generic.Reference]:
    seen: set[tuple[int, int]] = set()
    for revision in range(reader.xrefs.total_revisions):
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            if (ref.idnum, ref.generation) not in seen:
                budget.spend()
                seen.add((ref.idnum, ref.generation))
                yield ref


def _dictionaries(obj: Any, budget: _Budget, depth: int = 0) -> Iterator[generic.DictionaryObject]:
    """The dictionaries within one object, not following references to others."""
    budget.spend()
    if depth > _MAX_DEPTH:
        raise InvalidPacket("pdf_malformed", "objects nest too deep")
    if isinstance(obj, generic.DecryptedObjectProxy):
        # Only containers are opened: strings stay encrypted (some, like a signature's
        # value, are not encrypted at all and would not decrypt).
        if not isinstance(obj.raw_object, generic.DictionaryObject | generic.ArrayObject):
            return
        obj = obj.decrypted
    if isinstance(obj, generic.DictionaryObject):
        yield obj
        for key in obj:
            yield from _dictionaries(obj.raw_get(key, _PROXY), budget, depth + 1)
    elif isinstance(obj, generic.ArrayObject):
        for index in range(len(obj)):
            yield from _dictionaries(obj.raw_get(index, _PROXY), budget, depth + 1)


def _target(obj: Any) -> object:
    if isinstance(obj, generic.IndirectObject):
        return (obj.idnum, obj.generation)
    return id(obj)  # a direct object (not valid for a stream, but still one more file)


# -- the pages -------------------------------------------------------------------------


def check_pages(reader: PdfFileReader, packet: VerifiedPacket, machine: bytes) -> None:
    """The received pages must be the pages Pont draws from ``packet``, exactly."""
    received = _page_list(reader, signed=True)
    if _creator(reader) != PONT_CREATOR:
        raise InvalidPacket("pdf_layout_unsupported", "this PDF was not made by Pont")
    summary = summary_of(packet)
    if _text_size(summary) > MAX_CHARACTERS_PER_PAGE * len(received):
        # Not even laid out: the received pages could not hold this much text.
        raise InvalidPacket("pdf_pages_mismatch", "the pages cannot hold the packet's text")
    expected_pdf = _layout(summary, machine, datetime.fromtimestamp(packet.iat, UTC))
    expected = _page_list(PdfFileReader(BytesIO(expected_pdf), strict=False), signed=False)
    if received != expected:
        raise InvalidPacket("pdf_pages_mismatch", _difference(received, expected))


def _layout(summary: PacketSummary, machine: bytes, issued: datetime) -> bytes:
    """The pages Pont draws; a packet Pont cannot draw was never sent in a PDF by Pont."""
    from fpdf.errors import FPDFException

    try:
        return layout_pdf(summary, machine, now=issued)
    except (FPDFException, ValueError):  # e.g. a table row taller than a page
        detail = "Pont cannot draw pages for this packet"
        raise InvalidPacket("pdf_pages_mismatch", detail) from None


def _text_size(summary: PacketSummary) -> int:
    fields = sum(len(f.label) + len(f.value) + len(f.provenance) for f in summary.fields)
    texts = [v for v in vars(summary).values() if isinstance(v, str)]
    return fields + sum(map(len, texts)) + sum(map(len, summary.consent_lines))


def _difference(received: list[Any], expected: list[Any]) -> str:
    if len(received) != len(expected):
        return f"{len(received)} pages where the packet makes {len(expected)}"
    first = next(i for i, (a, b) in enumerate(zip(received, expected, strict=True)) if a != b)
    return f"page {first + 1} does not show what the signed packet says"


def _creator(reader: PdfFileReader) -> str:
    info = _mapping(_get(reader.trailer_view, "/Info"))
    creator = _get(info, "/Creator")
    return str(creator) if isinstance(creator, str) else ""


def _page_list(reader: PdfFileReader, *, signed: bool) -> list[Any]:
    canon = _Canonical()
    pages: list[Any] = []
    for page, inherited in _pages(_get(reader.root, "/Pages"), {}, canon.budget, 0):
        if len(pages) >= MAX_PAGES:
            raise InvalidPacket("pdf_layout_unsupported", f"more than {MAX_PAGES} pages")
        shown = {key: page.raw_get(key) for key in page if key not in ("/Annots", *_BACK_LINKS)}
        for key, value in inherited.items():
            shown.setdefault(key, value)
        annots = _items(_get(page, "/Annots"))
        if signed:
            annots = [a for a in annots if not _signature_widget(_resolve(a))]
        pages.append((canon.mapping(shown), tuple(canon.value(a) for a in annots)))
    return pages


def _pages(
    node: Any, inherited: dict[str, Any], budget: _Budget, depth: int
) -> Iterator[tuple[generic.DictionaryObject, dict[str, Any]]]:
    budget.spend()
    if not isinstance(node, generic.DictionaryObject) or depth > _MAX_DEPTH:
        raise InvalidPacket("pdf_malformed", "the page tree cannot be read")
    if _get(node, "/Type") == "/Page":
        yield node, inherited
        return
    passed = dict(inherited)
    passed.update({key: node.raw_get(key) for key in _INHERITED if key in node})
    for kid in _items(_get(node, "/Kids")):
        yield from _pages(_resolve(kid), passed, budget, depth + 1)


def _signature_widget(annot: Any) -> bool:
    """What signing adds: a signature field's widget with a zero-area rectangle (drawn nowhere)."""
    if not isinstance(annot, generic.DictionaryObject) or _get(annot, "/Subtype") != "/Widget":
        return False
    rect = _get(annot, "/Rect")
    if _get(annot, "/FT") != "/Sig" or not isinstance(rect, generic.ArrayObject) or len(rect) != 4:
        return False
    corners = [rect[index] for index in range(4)]
    if not all(isinstance(c, int | Decimal) and not isinstance(c, bool) for c in corners):
        return False
    return bool(corners[0] == corners[2] or corners[1] == corners[3])


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_OBJECTS

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise InvalidPacket("pdf_layout_unsupported", "the PDF has too many objects")


class _Canonical:
    """A comparable copy of a PDF object graph: references resolved (once each), stream
    data decoded, back-links left out, cycles marked. Object numbers never matter."""

    def __init__(self) -> None:
        self.budget = _Budget()
        self._done: dict[tuple[int, int], Any] = {}
        self._open: set[tuple[int, int]] = set()

    def value(self, obj: Any, depth: int = 0) -> Any:
        self.budget.spend()
        if depth > _MAX_DEPTH:
            raise InvalidPacket("pdf_malformed", "objects nest too deep")
        obj = _decrypted(obj)
        if not isinstance(obj, generic.IndirectObject):
            return self._direct(obj, depth)
        ref = (obj.idnum, obj.generation)
        if ref in self._open:
            return ("cycle",)
        if ref not in self._done:
            self._open.add(ref)
            self._done[ref] = self._direct(_resolve(obj), depth)
            self._open.discard(ref)
        return self._done[ref]

    def mapping(
        self, items: dict[str, Any], depth: int = 0, skip: frozenset[str] = _BACK_LINKS
    ) -> Any:
        return tuple(
            sorted(
                ((str(k), self.value(v, depth + 1)) for k, v in items.items() if k not in skip),
                key=lambda item: item[0],
            )
        )

    def _direct(self, obj: Any, depth: int) -> Any:
        if isinstance(obj, generic.StreamObject):
            entries = self.mapping(
                {k: obj.raw_get(k) for k in obj}, depth, _BACK_LINKS | _STREAM_CODING
            )
            return ("stream", entries, _data(obj))
        if isinstance(obj, generic.DictionaryObject):
            return ("dict", self.mapping({k: obj.raw_get(k) for k in obj}, depth))
        if isinstance(obj, generic.ArrayObject):
            return ("array", tuple(self.value(obj.raw_get(i), depth + 1) for i in range(len(obj))))
        if isinstance(obj, generic.NameObject):
            return ("name", str(obj))
        if isinstance(obj, generic.TextStringObject | generic.ByteStringObject):
            return ("string", bytes(obj.original_bytes))
        if isinstance(obj, generic.BooleanObject):
            return ("bool", bool(obj))
        if isinstance(obj, int | Decimal):
            return ("number", Decimal(obj))
        return ("other", type(obj).__name__)


def _data(stream: generic.StreamObject) -> bytes:
    try:
        return bytes(stream.data)
    except (PdfError, NotImplementedError, ValueError):  # cannot be one of ours, so no match
        return b"\x00undecodable"


def _items(obj: Any) -> list[Any]:
    resolved = _resolve(obj)
    if not isinstance(resolved, generic.ArrayObject):
        return []
    return [resolved.raw_get(i) for i in range(len(resolved))]


def _resolve(obj: Any) -> Any:
    obj = _decrypted(obj)
    if isinstance(obj, generic.IndirectObject):
        obj = obj.get_object()  # type: ignore[no-untyped-call]
    return _decrypted(obj)


def _get(mapping: generic.DictionaryObject, key: str) -> Any:
    """``mapping[key]`` resolved, or None: ``dict.get`` would return a bare reference."""
    return _resolve(mapping.raw_get(key)) if key in mapping else None


def _decrypted(obj: Any) -> Any:
    return obj.decrypted if isinstance(obj, generic.DecryptedObjectProxy) else obj


def _mapping(obj: Any) -> generic.DictionaryObject:
    resolved = _resolve(obj)
    if isinstance(resolved, generic.DictionaryObject):
        return resolved
    return generic.DictionaryObject()  # type: ignore[no-untyped-call]
