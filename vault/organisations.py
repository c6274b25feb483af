"""The organisations a person deals with: who they are, where to write, and the public key
an organisation published for encrypted packets (from its request file).

A public key here is only ever used to *encrypt to* the organisation (HPKE, RFC 9180), and
Pont seals with one suite only (:mod:`vault.packets.hpke`: the hybrid ML-KEM-768 + X25519 KEM),
so exactly the key that suite can use is accepted: ``{"kty": "AKP", "alg": "MLKEM768-X25519",
"pub": …}``. Anything else is refused here rather than stored and failing at sealing time.
A JWK carrying private members (AKP's ``priv``, ``d``, RSA's ``p``, ``q`` …) is refused
outright: someone pasted their private key, and storing it would be worse than refusing it.
"""

from __future__ import annotations

import enum
import json
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from vault.database import Database, query, transaction
from vault.errors import InvalidInput, InvalidPacket, NotFound
from vault.model import Clock, timestamp
from vault.packets.hpke import MLKEM_PUBLIC_BYTES, load_recipient_jwk, thumbprint
from vault.packets.jose import b64url_decode
from vault.text import check_name, check_plain
from vault.validate import check_long_text, check_recipient_email

MAX_NAME: Final = 200
MAX_KID: Final = 100
_COLUMNS: Final = "id, uuid, name, email, public_key, notes, created_at"

# Members a private JWK can carry: RFC 7518 §6.2.2, §6.3.2, §6.4 and RFC 8037 §2 (``d``, RSA's
# primes, ``k``), and the AKP key type of the JOSE post-quantum drafts (draft-ietf-cose-dilithium,
# draft-ietf-jose-pqc-kem: ``priv``; ``seed`` as an early spelling of the same secret).
_PRIVATE_MEMBERS: Final = frozenset(
    {"d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv", "seed"}
)
_REQUIRED_MEMBERS: Final = frozenset({"kty", "alg", "pub"})
_OPTIONAL_MEMBERS: Final = frozenset({"kid", "use"})
# What vault.packets.hpke.load_recipient_jwk says, in this module's words.
_HPKE_KEY_REASONS: Final = {
    "sealed_unsupported_key": "unsupported_key",
    "sealed_bad_key": "invalid_key",
}
_X25519_P: Final = 2**255 - 19
# u-coordinates of the X25519 points of small order (RFC 7748 §6.1). The hybrid KEM's X25519
# share with one of them is all zeros, which ``cryptography`` refuses, so sealing to such a key
# always fails ("encapsulation failed"): refuse it up front and say why.
_X25519_SMALL_ORDER: Final = frozenset(
    {
        0,
        1,
        325606250916557431795983626356110631294008115727848805560023387167927233504,
        39382357235489614581723060781553021112529911719440698176882885853963445705823,
        _X25519_P - 1,
    }
)

PUBLIC_KEY_REASONS: Final = frozenset(
    {
        "bad_type",  # not an object of strings
        "private_key",  # carries a private member such as "priv" or "d"
        "unsupported_key",  # not kty AKP with alg MLKEM768-X25519
        "unknown_member",  # a member other than kty, alg, pub, kid, use
        "bad_use",  # "use" present and not "enc"
        "invalid_key",  # "pub" missing, not strict base64url, wrong length, or not a key
        "weak_key",  # its X25519 half is a point of small order
        "bad_kid",  # "kid" blank, too long or holding control characters
    }
)


@dataclass(frozen=True)
class Organisation:
    """An organisation the person deals with. ``public_key`` is a public JWK, or None."""

    id: int
    uuid: str
    name: str
    email: str | None
    public_key: Mapping[str, str] | None
    notes: str
    created_at: str


@dataclass(frozen=True)
class OrganisationChanged:
    organisation: Organisation
    created: bool


class _Keep(enum.Enum):
    """Marks an argument of :meth:`Organisations.update` that is left as it is."""

    KEEP = enum.auto()


KEEP: Final = _Keep.KEEP


class Organisations:
    """The organisations of one open vault."""

    def __init__(self, connection: Database, clock: Clock) -> None:
        self._db = connection
        self._clock = clock

    def add(
        self,
        name: str,
        email: str | None = None,
        public_key: Mapping[str, object] | None = None,
        notes: str = "",
    ) -> OrganisationChanged:
        """Record an organisation. Names need not be unique (two HMRC offices, say)."""
        return self.keep(self.draft(name, email, public_key, notes))

    def draft(
        self,
        name: str,
        email: str | None = None,
        public_key: Mapping[str, object] | None = None,
        notes: str = "",
    ) -> Organisation:
        """An organisation checked as :meth:`add` checks it but not stored (``id`` 0): what a
        preview or a dry run is built for. :meth:`keep` stores it, with the same uuid, so a
        packet prepared for the draft is the packet sent."""
        key_text = _key_text(public_key)
        return Organisation(
            id=0,
            uuid=str(uuid.uuid4()),
            name=check_organisation_name(name),
            email=_clean_email(email),
            public_key=json.loads(key_text) if key_text is not None else None,
            notes=_clean_notes(notes),
            created_at="",
        )

    def keep(self, draft: Organisation) -> OrganisationChanged:
        """Store a :meth:`draft`, once: kept again (a second try at sending), or already
        stored, the stored organisation is returned as it is — except that a known
        organisation made by :meth:`settle` with a key to pin gets that key now."""
        if draft.id:
            stored = self.get(draft.id)
            if draft.public_key is not None and not same_key(stored.public_key, draft.public_key):
                return self.update(draft.id, public_key=draft.public_key)
            return OrganisationChanged(stored, created=False)
        with transaction(self._db):
            rows = query(
                self._db, f"SELECT {_COLUMNS} FROM organisations WHERE uuid = ?", (draft.uuid,)
            )
            if rows:
                return OrganisationChanged(_from_row(rows[0]), created=False)
            cursor = self._db.execute(
                "INSERT INTO organisations (uuid, name, email, public_key, notes, created_at)"
                " VALUES (?,?,?,?,?,?)",
                (
                    draft.uuid,
                    draft.name,
                    draft.email,
                    _key_text(draft.public_key),
                    draft.notes,
                    timestamp(self._clock()),
                ),
            )
            organisation = self.get(int(cursor.lastrowid or 0))
        return OrganisationChanged(organisation, created=True)

    def update(
        self,
        organisation_id: int,
        *,
        name: str | _Keep = KEEP,
        email: str | _Keep | None = KEEP,
        public_key: Mapping[str, object] | _Keep | None = KEEP,
        notes: str | _Keep = KEEP,
    ) -> OrganisationChanged:
        """Change some details; ``None`` clears the email or key, omitted ones are kept."""
        changes: dict[str, str | None] = {}
        if not isinstance(name, _Keep):
            changes["name"] = check_organisation_name(name)
        if not isinstance(email, _Keep):
            changes["email"] = _clean_email(email)
        if not isinstance(public_key, _Keep):
            changes["public_key"] = _key_text(public_key)
        if not isinstance(notes, _Keep):
            changes["notes"] = _clean_notes(notes)
        with transaction(self._db):
            self.get(organisation_id)
            for column, value in changes.items():
                # Column names come from the fixed keys above, never from input.
                self._db.execute(
                    f"UPDATE organisations SET {column} = ? WHERE id = ?",
                    (value, organisation_id),
                )
        return OrganisationChanged(self.get(organisation_id), created=False)

    def get(self, organisation_id: int) -> Organisation:
        rows = query(
            self._db, f"SELECT {_COLUMNS} FROM organisations WHERE id = ?", (organisation_id,)
        )
        if not rows:
            raise NotFound("organisation", str(organisation_id))
        return _from_row(rows[0])

    def all(self) -> list[Organisation]:
        """Every organisation, by name (case-insensitively), then in the order added."""
        rows = query(self._db, f"SELECT {_COLUMNS} FROM organisations ORDER BY id")
        return sorted((_from_row(r) for r in rows), key=lambda o: (o.name.casefold(), o.id))

    def find(self, name_or_id: str) -> Organisation:
        """An organisation by id, uuid, name, or a word of its name no other one has (CLI).

        Raises ``NotFound``, or ``InvalidInput("organisation", "ambiguous")`` when the
        name fits several.
        """
        organisations = self.all()
        for organisation in organisations:
            if name_or_id in (str(organisation.id), organisation.uuid):
                return organisation
        wanted = " ".join(unicodedata.normalize("NFC", name_or_id).split()).casefold()
        exact = [o for o in organisations if o.name.casefold() == wanted]
        by_word = [o for o in organisations if wanted in o.name.casefold().split()]
        for matches in (exact, by_word):
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise InvalidInput("organisation", "ambiguous", name_or_id)
        raise NotFound("organisation", name_or_id)


    # -- who asks -------------------------------------------------------------------

    def recognise(self, claim: Claim, chosen_id: int | None = None) -> Recognised:
        """Which stored organisation ``claim`` is, by :func:`recognise`; ``chosen_id`` is
        one the person picked themselves (``--org``, the app's list)."""
        chosen = self.get(chosen_id) if chosen_id is not None else None
        return recognise(self.all(), claim, chosen)

    def settle(
        self, recognised: Recognised, *, accept_new_key: bool = False, store: bool = False
    ) -> Organisation:
        """The organisation to send to, as :meth:`recognise` found it.

        A key change is refused (``InvalidInput("organisation", "key_changed")``) unless
        the person accepted it. With ``store`` a new organisation is added and a first-seen
        or accepted key is pinned now; without, a :meth:`draft` (or a copy of the known
        organisation carrying that key) is returned, which :meth:`keep` stores.
        """
        if recognised.key_changed and not accept_new_key:
            raise InvalidInput(
                "organisation",
                "key_changed",
                f"pinned {recognised.pinned_fingerprint}, "
                f"this request {recognised.claim_fingerprint}",
            )
        claim, known = recognised.claim, recognised.organisation
        if known is None:
            if store:
                return self.add(claim.name, claim.email, claim.public_key).organisation
            return self.draft(claim.name, claim.email, claim.public_key)
        key = recognised.key_to_pin
        if key is None:
            return known
        if store:
            return self.update(known.id, public_key=key).organisation
        return replace(known, public_key=check_encryption_key(key))


# --- how Pont recognises an organisation (docs/request-format.md) ---------------------------

# What recognising a claim can have to tell the person (Notice.reason).
NOTICE_REASONS: Final = frozenset(
    {
        "key_first_seen",  # a key for an organisation that had none: pinned from now on
        "key_changed",  # not the pinned key: refused unless the person accepts it
        "key_not_in_request",  # no key in the request: the pinned one is kept
        "name_differs",  # the request's name is not the stored one: the stored one is kept
        "email_differs",  # a chosen organisation, another address: the stored one is used
        "same_name_elsewhere",  # another stored organisation has this name, another address
        "key_of_another",  # this key is pinned to another stored organisation
    }
)


@dataclass(frozen=True)
class Claim:
    """Who a request (or what the person typed) says is asking. Nothing here is trusted."""

    name: str
    email: str | None = None
    public_key: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Notice:
    """Something about the organisation the person must be shown before sending.

    ``organisation`` is the stored organisation's name it concerns (the claim's name for a
    new one); ``detail`` the other side of the difference (a name, an address or a key
    fingerprint)."""

    reason: str
    organisation: str
    detail: str = ""


@dataclass(frozen=True)
class Recognised:
    """A claim, cleaned, and the stored organisation it is (None: a new organisation)."""

    claim: Claim
    organisation: Organisation | None
    notices: tuple[Notice, ...]

    def has(self, reason: str) -> bool:
        return any(n.reason == reason for n in self.notices)

    @property
    def key_changed(self) -> bool:
        return self.has("key_changed")

    @property
    def to_confirm(self) -> tuple[Notice, ...]:
        """The notices worth a stop before sending: all but a kept key and the first key
        of a new organisation (which is simply pinned)."""
        return tuple(
            n
            for n in self.notices
            if n.reason != "key_not_in_request"
            and not (n.reason == "key_first_seen" and self.organisation is None)
        )

    @property
    def key_to_pin(self) -> Mapping[str, str] | None:
        """The claim's key when it is new for a known organisation (first seen or changed)."""
        if self.has("key_first_seen") or self.key_changed:
            return self.claim.public_key
        return None

    @property
    def pinned_fingerprint(self) -> str:
        known = self.organisation
        return key_fingerprint(known.public_key) if known and known.public_key else ""

    @property
    def claim_fingerprint(self) -> str:
        key = self.claim.public_key
        return key_fingerprint(key) if key else ""


def recognise(
    known: Sequence[Organisation], claim: Claim, chosen: Organisation | None = None
) -> Recognised:
    """The one rule, for the CLI and the app: which of ``known`` is ``claim``, and what the
    person must be shown. Identity is the email address with the key pinned to it; a name
    alone identifies only a claim without an address; a bare id never (only ``chosen``, the
    person's own pick). See docs/request-format.md, "How Pont recognises an organisation".

    Raises ``InvalidInput("organisation", "ambiguous")`` when the claim fits several.
    """
    clean = _clean_claim(claim)
    match = chosen if chosen is not None else _match(known, clean)
    notices: list[Notice] = []
    if match is None:
        if clean.public_key is not None:
            notices.append(Notice("key_first_seen", clean.name, key_fingerprint(clean.public_key)))
    else:
        notices += _key_notices(match, clean)
        if _name_key(match.name) != _name_key(clean.name):
            notices.append(Notice("name_differs", match.name, clean.name))
        if clean.email is not None and not _same_email(match.email, clean.email):
            notices.append(Notice("email_differs", match.name, clean.email))
    for other in known:
        if match is not None and other.id == match.id:
            continue
        if _name_key(other.name) == _name_key(clean.name):
            notices.append(Notice("same_name_elsewhere", other.name, other.email or ""))
        if clean.public_key is not None and same_key(other.public_key, clean.public_key):
            notices.append(
                Notice("key_of_another", other.name, key_fingerprint(clean.public_key))
            )
    return Recognised(clean, match, tuple(notices))


def key_fingerprint(jwk: Mapping[str, str]) -> str:
    """The SHA-256 thumbprint (RFC 7638 style) of an encryption key: what is pinned."""
    return thumbprint(str(jwk["pub"]))


def same_key(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> bool:
    """The same encryption key (``kid`` and ``use`` aside), or both absent."""
    if a is None or b is None:
        return a is None and b is None
    return key_fingerprint(a) == key_fingerprint(b)


def _match(known: Sequence[Organisation], claim: Claim) -> Organisation | None:
    if claim.email is not None:
        return _one([o for o in known if _same_email(o.email, claim.email)], claim)
    if claim.public_key is not None:
        by_key = [o for o in known if same_key(o.public_key, claim.public_key)]
        if by_key:
            return _one(by_key, claim)
    return _one([o for o in known if _name_key(o.name) == _name_key(claim.name)], claim)


def _one(matches: list[Organisation], claim: Claim) -> Organisation | None:
    """The one match; of several, the one of the claim's name; else ``ambiguous``."""
    if len(matches) > 1:
        matches = [o for o in matches if _name_key(o.name) == _name_key(claim.name)]
        if len(matches) != 1:
            raise InvalidInput("organisation", "ambiguous", claim.email or claim.name)
    return matches[0] if matches else None


def _key_notices(known: Organisation, claim: Claim) -> list[Notice]:
    pinned, offered = known.public_key, claim.public_key
    if offered is None:
        if pinned is None:
            return []
        return [Notice("key_not_in_request", known.name, key_fingerprint(pinned))]
    if pinned is None:
        return [Notice("key_first_seen", known.name, key_fingerprint(offered))]
    if same_key(pinned, offered):
        return []
    return [Notice("key_changed", known.name, key_fingerprint(offered))]


def _clean_claim(claim: Claim) -> Claim:
    key = claim.public_key
    return Claim(
        name=check_organisation_name(claim.name),
        email=_clean_email(claim.email),
        public_key=check_encryption_key(key) if key is not None else None,
    )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _same_email(stored: str | None, offered: str) -> bool:
    return stored is not None and stored.casefold() == offered.casefold()


# --- checks, shared with vault.requests ---------------------------------------------------


def check_organisation_name(name: str, field: str = "name") -> str:
    """An organisation's name: :func:`vault.text.check_name`, at most 200 characters."""
    return check_name(name, field, limit=MAX_NAME)


def check_encryption_key(jwk: object, field: str = "public_key") -> dict[str, str]:
    """Validate a public JWK to encrypt packets to; return it with its members sorted.

    Accepts exactly the key :func:`vault.packets.hpke.seal_packet` can seal to:
    ``{"kty": "AKP", "alg": "MLKEM768-X25519", "pub": <base64url>}`` (the ML-KEM-768
    encapsulation key then the X25519 key, 1216 bytes), optionally with ``kid`` (plain text,
    ≤ 100 characters) and ``use`` ("enc"). There is no other suite to fall back to, so a
    P-256 or X25519 key is ``unsupported_key``. Beyond what ``load_recipient_jwk`` checks, an
    X25519 half that is non-canonical or of small order is refused: sealing to it would fail.
    Raises ``InvalidInput(field, reason)`` with a reason from :data:`PUBLIC_KEY_REASONS`.
    """
    if not isinstance(jwk, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in jwk.items()
    ):
        raise InvalidInput(field, "bad_type", "a JWK is an object of strings")
    members: dict[str, str] = dict(jwk)
    if _PRIVATE_MEMBERS & members.keys():
        raise InvalidInput(field, "private_key", "this is a private key: send only the public key")
    try:
        load_recipient_jwk(members)
    except InvalidPacket as error:
        reason = _HPKE_KEY_REASONS.get(error.reason, "invalid_key")
        raise InvalidInput(field, reason, error.detail) from None
    _check_x25519_half(b64url_decode(members["pub"])[MLKEM_PUBLIC_BYTES:], field)
    unknown = members.keys() - _REQUIRED_MEMBERS - _OPTIONAL_MEMBERS
    if unknown:
        raise InvalidInput(field, "unknown_member", ", ".join(sorted(unknown))[:80])
    if members.get("use", "enc") != "enc":
        raise InvalidInput(field, "bad_use", "use must be enc")
    if "kid" in members:
        try:
            members["kid"] = check_plain(members["kid"], field, limit=MAX_KID)
        except InvalidInput as error:
            raise InvalidInput(field, "bad_kid", error.reason) from None
    return dict(sorted(members.items()))


def _check_x25519_half(x: bytes, field: str) -> None:
    u = int.from_bytes(x, "little")
    if u >= _X25519_P:  # includes a set top bit: RFC 7748 masks it, we want one spelling
        raise InvalidInput(field, "invalid_key", "non-canonical X25519 key")
    if u in _X25519_SMALL_ORDER:
        raise InvalidInput(field, "weak_key", "X25519 point of small order")


def _clean_email(email: str | None) -> str | None:
    if email is None or (isinstance(email, str) and not email.strip()):
        return None
    if not isinstance(email, str):
        raise InvalidInput("email", "bad_type")
    return check_recipient_email(email, "email")


def _clean_notes(notes: str) -> str:
    if not isinstance(notes, str):
        raise InvalidInput("notes", "bad_type")
    if not notes.strip():
        return ""
    return check_long_text(notes, "notes")


def _key_text(public_key: Mapping[str, object] | None) -> str | None:
    if public_key is None:
        return None
    clean = check_encryption_key(public_key)
    return json.dumps(clean, separators=(",", ":"), sort_keys=True)


def _from_row(row: tuple[object, ...]) -> Organisation:
    key_text = row[4]
    public_key = json.loads(key_text) if isinstance(key_text, str) else None
    return Organisation(
        id=int(str(row[0])),
        uuid=str(row[1]),
        name=str(row[2]),
        email=row[3] if isinstance(row[3], str) else None,
        public_key=public_key,
        notes=str(row[5]),
        created_at=str(row[6]),
    )
