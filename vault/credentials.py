"""The person's confirmations: credentials organisations signed, kept in the vault.

Importing checks a credential (SD-JWT VC) before keeping it: the issuer's signature against
the key the credential names, that it is bound (``cnf``) to one of this vault's holder keys,
that it has not expired, and that every confirmed value is the person's current value. Each
confirmed claim is tied to the field entry it was checked against, with a digest of that
value (``basis``): when the person later changes the value, the confirmation no longer
matches and is never presented for the new value (:meth:`Credentials.present`).
"""

from __future__ import annotations

import builtins
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vault.catalogue import load_catalogue
from vault.claims import FULL, parse_claim_name
from vault.database import Database, query, transaction
from vault.derive import derive
from vault.errors import InvalidInput, InvalidPacket, NotFound
from vault.model import Clock, Field, JSONValue, timestamp
from vault.packets.jose import b64url_decode, parse_json
from vault.packets.keys import HolderKey
from vault.packets.sdjwt_vc import VerifiedCredential, present_credential, read_credential

if TYPE_CHECKING:
    from vault.holder_keys import HolderKeys
    from vault.profile import Profiles

_COLUMNS = (
    "id, person_id, holder_key_id, issuer_name, issuer_fingerprint, vct, issued_at,"
    " expires_at, status_uri, status_index, credential, imported_at"
)
_CLAIM_COLUMNS = "credential_id, claim, person_id, key, entry, form, basis"
MAX_CREDENTIAL_FILE = 1 << 20


@dataclass(frozen=True)
class ConfirmedClaim:
    """One claim a credential confirms, and the field entry it was checked against."""

    claim: str
    key: str
    entry: int
    form: str
    value: JSONValue
    basis: str


@dataclass(frozen=True)
class StoredCredential:
    """A credential as kept in the vault. ``text`` is its issuance form, unchanged."""

    id: int
    person_id: int
    holder_key_id: int
    issuer_name: str
    issuer_fingerprint: str
    vct: str
    issued_at: str | None
    expires_at: str | None
    status_uri: str | None
    status_index: int | None
    text: str
    imported_at: str
    claims: tuple[ConfirmedClaim, ...]


@dataclass(frozen=True)
class Confirmation:
    """A stored confirmation of one field entry, judged against its value now.

    ``matches`` is False once the value changed after it was confirmed: it must then be
    shown as no longer matching and never sent. ``expired`` follows the credential's ``exp``.
    """

    credential: StoredCredential
    claim: ConfirmedClaim
    matches: bool
    expired: bool

    @property
    def usable(self) -> bool:
        return self.matches and not self.expired


def value_basis(value: JSONValue) -> str:
    """SHA-256 (hex) of a value's canonical JSON: what a confirmation was checked against."""
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Credentials:
    """Credentials of every person in one open vault."""

    def __init__(
        self, db: Database, clock: Clock, profiles: Profiles, holder_keys: HolderKeys
    ) -> None:
        self._db = db
        self._clock = clock
        self._profiles = profiles
        self._holder_keys = holder_keys

    # -- importing ---------------------------------------------------------------

    def import_credential(self, person_id: int, data: bytes | str) -> StoredCredential:
        """Check and keep a credential for ``person_id``; the same one twice is kept once.

        Raises ``InvalidInput("credential", reason, detail)``: a packet-format reason
        (``bad_signature``, ``disclosure_unreferenced`` …), ``expired``,
        ``bound_to_another_holder``, ``value_mismatch`` or ``unknown_claim``.
        """
        now = self._clock()
        try:
            verified = read_credential(data, now=int(now.timestamp()))
        except InvalidPacket as error:
            raise InvalidInput("credential", error.reason, error.detail) from None
        if verified.expired:
            raise InvalidInput("credential", "expired", f"it expired on {_iso(verified.exp)}")
        holder_key_id = self._holder_key_id(verified)
        claims = [self._checked_claim(person_id, n, v, now) for n, v in verified.disclosed.items()]
        if not claims:
            raise InvalidInput("credential", "nothing_confirmed", "it discloses no field")
        text = verified.credential.serialise()
        existing = query(
            self._db, "SELECT id, person_id FROM credentials WHERE credential = ?", (text,)
        )
        if existing and int(existing[0][1]) != person_id:
            raise InvalidInput("credential", "kept_for_another_person")
        if existing:
            return self.get(int(existing[0][0]))
        with transaction(self._db):
            cursor = self._db.execute(
                f"INSERT INTO credentials ({_COLUMNS}) VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?)",
                _credential_row(person_id, holder_key_id, verified, text, timestamp(now)),
            )
            credential_id = int(cursor.lastrowid or 0)
            self._db.executemany(
                f"INSERT INTO credential_claims ({_CLAIM_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                [
                    (credential_id, c.claim, person_id, c.key, c.entry, c.form, c.basis)
                    for c in claims
                ],
            )
        return self.get(credential_id)

    def _holder_key_id(self, verified: VerifiedCredential) -> int:
        thumbprint = verified.holder.thumbprint
        if thumbprint not in self._holder_keys.fingerprints():
            raise InvalidInput(
                "credential",
                "bound_to_another_holder",
                f"it names key {thumbprint}, which is not one of this vault's",
            )
        rows = query(self._db, "SELECT id FROM holder_keys WHERE thumbprint = ?", (thumbprint,))
        return int(rows[0][0])

    def _checked_claim(
        self, person_id: int, name: str, value: JSONValue, now: datetime
    ) -> ConfirmedClaim:
        """The entry whose current value (in the claim's form) is ``value``, or a refusal."""
        try:
            ref = parse_claim_name(name)
        except InvalidInput as error:
            raise InvalidInput("credential", error.reason, f"{name}: {error.detail}") from None
        for field in self._profiles.entries(person_id, ref.key):
            if ref.entry is not None and field.entry != ref.entry:
                continue
            if _in_form(field, ref.form, now) == value:
                return ConfirmedClaim(
                    name, ref.key, field.entry, ref.form, value, value_basis(field.value)
                )
        raise InvalidInput("credential", "value_mismatch", name)

    # -- reading -----------------------------------------------------------------

    def get(self, credential_id: int) -> StoredCredential:
        rows = query(self._db, f"SELECT {_COLUMNS} FROM credentials WHERE id = ?", (credential_id,))
        if not rows:
            raise NotFound("credential", str(credential_id))
        return self._stored(rows[0])

    def list(self, person_id: int | None = None) -> list[StoredCredential]:
        """Every kept credential (of one person), oldest first."""
        sql = f"SELECT {_COLUMNS} FROM credentials"
        params: tuple[Any, ...] = ()
        if person_id is not None:
            sql += " WHERE person_id = ?"
            params = (person_id,)
        return [self._stored(row) for row in query(self._db, sql + " ORDER BY id", params)]

    def confirmations(
        self, person_id: int, key: str, entry: int = 0
    ) -> builtins.list[Confirmation]:
        """Every stored confirmation of one field entry, each judged against its value now."""
        rows = query(
            self._db,
            "SELECT DISTINCT credential_id FROM credential_claims"
            " WHERE person_id = ? AND key = ? AND entry = ? ORDER BY credential_id",
            (person_id, key, entry),
        )
        now = self._clock()
        out = []
        for (credential_id,) in rows:
            stored = self.get(int(credential_id))
            for claim in stored.claims:
                if claim.key == key and claim.entry == entry:
                    matches = self._matches(person_id, claim, now)
                    out.append(Confirmation(stored, claim, matches, _expired(stored, now)))
        return out

    def person_confirmations(self, person_id: int) -> builtins.list[Confirmation]:
        """Every stored confirmation of one person's fields, each judged against its value now."""
        rows = query(
            self._db,
            "SELECT DISTINCT key, entry FROM credential_claims WHERE person_id = ?"
            " ORDER BY key, entry",
            (person_id,),
        )
        return [c for key, entry in rows for c in self.confirmations(person_id, key, int(entry))]

    def usable_confirmations(
        self, person_id: int, key: str, entry: int = 0, form: str = FULL
    ) -> builtins.list[Confirmation]:
        """The usable (matching, unexpired) confirmations of an entry in ``form``, newest
        first."""
        usable = [
            c
            for c in self.confirmations(person_id, key, entry)
            if c.usable and c.claim.form == form
        ]
        return sorted(
            usable, key=lambda c: (c.credential.issued_at or "", c.credential.id), reverse=True
        )

    def confirmation_for(
        self, person_id: int, key: str, entry: int = 0, form: str = FULL
    ) -> Confirmation | None:
        """The newest usable (matching, unexpired) confirmation of an entry in ``form``."""
        return next(iter(self.usable_confirmations(person_id, key, entry, form)), None)

    # -- presenting --------------------------------------------------------------

    def present(
        self,
        stored: StoredCredential,
        claims: Sequence[str],
        *,
        audience: str,
        nonce: str,
        issued_at: int,
    ) -> str:
        """The presentation of ``claims`` for one recipient, signed by the bound holder key.

        Refuses (``InvalidInput(claim, "no_longer_matching")``) a claim whose field changed
        since it was confirmed, and an expired credential: a confirmation is never sent for
        a value it did not confirm.
        """
        now = self._clock()
        if _expired(stored, now):
            raise InvalidInput("credential", "expired", f"it expired on {stored.expires_at}")
        by_name = {c.claim: c for c in stored.claims}
        for name in claims:
            claim = by_name.get(name)
            if claim is None:
                raise InvalidInput(name, "not_in_credential")
            if not self._matches(stored.person_id, claim, now):
                raise InvalidInput(name, "no_longer_matching", "the value changed since")
        holder = self._holder_keys.by_id(stored.holder_key_id).key
        return present_stored(
            stored,
            claims,
            audience=audience,
            nonce=nonce,
            holder=holder,
            issued_at=issued_at,
            now=int(now.timestamp()),
        )

    def carried(
        self,
        person_id: int,
        wanted: Sequence[tuple[str, str, int, str]],
        *,
        holder_key_id: int | None = None,
    ) -> builtins.list[tuple[str, Confirmation]]:
        """Which confirmation each of ``wanted`` would carry: ``(packet claim, field key,
        entry, form)`` of the fields a share sends. The newest usable one per field (bound to
        ``holder_key_id`` when given, the key that will sign); fields without one are left
        out."""
        out = []
        for packet_claim, key, entry, form in wanted:
            found = next(
                (
                    c
                    for c in self.usable_confirmations(person_id, key, entry, form)
                    if holder_key_id is None or c.credential.holder_key_id == holder_key_id
                ),
                None,
            )
            if found is not None:
                out.append((packet_claim, found))
        return out

    def confirmations_claim(
        self,
        person_id: int,
        wanted: Sequence[tuple[str, str, int, str]],
        *,
        audience: str,
        nonce: str,
        issued_at: int,
        holder_key_id: int | None = None,
    ) -> builtins.list[dict[str, Any]]:
        """The packet's ``confirmations`` claim (docs/packet-format.md §5.7) for ``wanted``
        (as :meth:`carried` chooses them).

        Each field with a usable confirmation is presented once per credential, with only
        those disclosures and a KB-JWT for this recipient; the others are left out (they go
        self-declared). An empty list means nothing is confirmed.
        """
        chosen: dict[int, tuple[StoredCredential, dict[str, str]]] = {}
        for packet_claim, found in self.carried(person_id, wanted, holder_key_id=holder_key_id):
            _, claims = chosen.setdefault(found.credential.id, (found.credential, {}))
            claims[packet_claim] = found.claim.claim
        return [
            {
                "claims": mapping,
                "presentation": self.present(
                    stored,
                    sorted(set(mapping.values())),
                    audience=audience,
                    nonce=nonce,
                    issued_at=issued_at,
                ),
            }
            for _, (stored, mapping) in sorted(chosen.items())
        ]

    # -- internals ---------------------------------------------------------------

    def _matches(self, person_id: int, claim: ConfirmedClaim, now: datetime) -> bool:
        """Whether the entry still has the value it had when confirmed, and — for a less
        revealing form such as ``over_18``, which can change with the date — the confirmed
        form of it."""
        try:
            field = self._profiles.get(person_id, claim.key, claim.entry)
        except NotFound:
            return False
        if value_basis(field.value) != claim.basis:
            return False
        return claim.form == FULL or _in_form(field, claim.form, now) == claim.value

    def _stored(self, row: Any) -> StoredCredential:
        claims = query(
            self._db,
            f"SELECT {_CLAIM_COLUMNS} FROM credential_claims WHERE credential_id = ?"
            " ORDER BY claim",
            (row[0],),
        )
        values = _disclosed_values(row[10])
        return StoredCredential(
            int(row[0]),
            int(row[1]),
            int(row[2]),
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            None if row[9] is None else int(row[9]),
            row[10],
            row[11],
            tuple(
                ConfirmedClaim(c[1], c[3], int(c[4]), c[5], values.get(c[1]), c[6]) for c in claims
            ),
        )


def read_credential_file(path: Path) -> bytes:
    """A credential file's bytes (what ``import_credential`` takes), at most 1 MiB."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CREDENTIAL_FILE + 1)
    except OSError as error:
        raise InvalidInput("file", "unreadable", f"{path}: {error.strerror}") from None
    if len(data) > MAX_CREDENTIAL_FILE:
        raise InvalidInput("credential", "too_large")
    return data.strip()


def present_stored(
    stored: StoredCredential,
    claims: Sequence[str],
    *,
    audience: str,
    nonce: str,
    holder: HolderKey,
    issued_at: int,
    now: int,
) -> str:
    """``<issuer-jwt>~<only these disclosures>~<KB-JWT>``; no check of the person's values."""
    try:
        verified = read_credential(stored.text, now=now)
    except InvalidPacket as error:  # it verified when imported; the vault would be damaged
        raise InvalidInput("credential", error.reason, error.detail) from None
    return present_credential(
        verified, holder, claims=claims, audience=audience, nonce=nonce, issued_at=issued_at
    )


def _in_form(field: Field, form: str, now: datetime) -> JSONValue:
    if form == FULL:
        return field.value
    try:
        return derive(load_catalogue().spec_for(field.key), field.value, form, now.date())
    except InvalidInput:
        return None


def _credential_row(
    person_id: int, holder_key_id: int, verified: VerifiedCredential, text: str, now: str
) -> tuple[Any, ...]:
    status = verified.status
    return (
        person_id,
        holder_key_id,
        verified.issuer_name or "(no name given)",
        verified.issuer.thumbprint,
        verified.vct,
        _iso(verified.iat),
        _iso(verified.exp),
        None if status is None else status.uri,
        None if status is None else status.idx,
        text,
        now,
    )


def _disclosed_values(text: str) -> dict[str, JSONValue]:
    values: dict[str, JSONValue] = {}
    for part in text.split("~")[1:-1]:
        _salt, name, value = parse_json(b64url_decode(part))
        values[name] = value
    return values


def _expired(stored: StoredCredential, now: datetime) -> bool:
    return stored.expires_at is not None and stored.expires_at <= timestamp(now)


def _iso(seconds: int | None) -> str | None:
    return None if seconds is None else timestamp(datetime.fromtimestamp(seconds, UTC))
