"""T17 negative kit: named malformed packets, each rejected with its own reason code.

Every vector starts from one valid packet built by ``Forge`` (which re-signs whatever it
is given, so each mutation isolates exactly one fault) and changes one thing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fakes import seeded

from vault.errors import InvalidPacket
from vault.packets import jose, keys, sdjwt

IAT = 1_700_000_000
EXP = IAT + 30 * 86400
NOW = IAT + 3600
AUD = "https://council.example/tax"
NONCE = "CT-2024-0042"


ES = keys.generate_holder_key("ES256", seeded(b"kit-es"))
ES_OTHER = keys.generate_holder_key("ES256", seeded(b"kit-es-other"))
ED = keys.generate_holder_key("Ed25519", seeded(b"kit-ed"))


def _b64(data: bytes) -> str:
    return jose.b64url_encode(data)


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("ascii")


def _disclosure(salt: bytes, name: Any, value: Any) -> str:
    return _b64(_json([_b64(salt), name, value]))


BASE_DISCLOSURES = [
    _disclosure(bytes([i]) * 16, name, value)
    for i, (name, value) in enumerate(
        [
            ("given_name", "Ann"),
            ("family_name", "Example"),
            ("birthdate", "1970-01-01"),
            ("address", {"postcode": "AB1 2CD", "street": "1 High St"}),
        ],
        start=1,
    )
]

DEL = object()


@dataclass
class Forge:
    """Assembles a packet from parts, signing whatever it is given."""

    key: keys.HolderKey = ES
    kb_key: keys.HolderKey | None = None
    header: dict[str, Any] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    disclosures: list[str] = field(default_factory=lambda: list(BASE_DISCLOSURES))
    sd: list[Any] | None = None
    kb_header: dict[str, Any] = field(default_factory=dict)
    kb_payload: dict[str, Any] = field(default_factory=dict)
    header_edit: Callable[[bytes], bytes] = lambda b: b
    payload_edit: Callable[[bytes], bytes] = lambda b: b
    kb_header_edit: Callable[[bytes], bytes] = lambda b: b
    kb_payload_edit: Callable[[bytes], bytes] = lambda b: b
    sig_edit: Callable[[bytes, bytes], str] | None = None
    kb_sig_edit: Callable[[bytes, bytes], str] | None = None
    jwt_edit: Callable[[str], str] = lambda s: s
    kb_edit: Callable[[str], str] = lambda s: s
    presented_edit: Callable[[str], str] = lambda s: s
    post: Callable[[bytes], Any] = lambda b: b
    verify_kwargs: dict[str, Any] = field(
        default_factory=lambda: {"now": NOW, "audience": AUD, "nonce": NONCE}
    )

    def _merge(self, base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        out = dict(base)
        for k, v in changes.items():
            if v is DEL:
                out.pop(k, None)
            else:
                out[k] = v
        return out

    def _jws(
        self,
        key: keys.HolderKey,
        header: bytes,
        payload: bytes,
        sig_edit: Callable[[bytes, bytes], str] | None,
    ) -> str:
        signing_input = (_b64(header) + "." + _b64(payload)).encode()
        sig = jose.sign(key.private_key, signing_input)
        sig_b64 = sig_edit(signing_input, sig) if sig_edit else _b64(sig)
        return signing_input.decode() + "." + sig_b64

    def build(self) -> Any:
        jwk = dict(self.key.public_jwk)
        sd = self.sd if self.sd is not None else sorted(sdjwt.digest(d) for d in self.disclosures)
        payload = self._merge(
            {
                "_sd": sd,
                "_sd_alg": "sha-256",
                "cnf": {"jwk": jwk},
                "exp": EXP,
                "iat": IAT,
                "iss": jose.thumbprint_uri(jose.jwk_thumbprint(jwk)),
                "jti": "pkt-1",
                "purpose": "council tax single-person discount",
            },
            self.payload,
        )
        header = self._merge({"alg": self.key.alg, "typ": "dc+sd-jwt"}, self.header)
        jwt = self.jwt_edit(
            self._jws(
                self.key,
                self.header_edit(_json(header)),
                self.payload_edit(_json(payload)),
                self.sig_edit,
            )
        )
        presented = self.presented_edit(jwt + "~" + "".join(d + "~" for d in self.disclosures))
        kb_key = self.kb_key or self.key
        kb_payload = self._merge(
            {"aud": AUD, "iat": IAT, "nonce": NONCE, "sd_hash": sdjwt.digest(presented)},
            self.kb_payload,
        )
        kb_header = self._merge({"alg": kb_key.alg, "typ": "kb+jwt"}, self.kb_header)
        kb = self.kb_edit(
            self._jws(
                kb_key,
                self.kb_header_edit(_json(kb_header)),
                self.kb_payload_edit(_json(kb_payload)),
                self.kb_sig_edit,
            )
        )
        return self.post((presented + kb).encode("ascii"))


# --- mutation helpers -----------------------------------------------------------------------

Mutation = Callable[[Forge], None]


def setf(**changes: Any) -> Mutation:
    def apply(f: Forge) -> None:
        for k, v in changes.items():
            setattr(f, k, v)

    return apply


def pay(**changes: Any) -> Mutation:
    return lambda f: f.payload.update(changes)


def hdr(**changes: Any) -> Mutation:
    return lambda f: f.header.update(changes)


def kbp(**changes: Any) -> Mutation:
    return lambda f: f.kb_payload.update(changes)


def kbh(**changes: Any) -> Mutation:
    return lambda f: f.kb_header.update(changes)


def post(fn: Callable[[bytes], Any]) -> Mutation:
    return setf(post=fn)


def both(*ms: Mutation) -> Mutation:
    def apply(f: Forge) -> None:
        for m in ms:
            m(f)

    return apply


def replace_in(attr: str, old: bytes, new: bytes) -> Mutation:
    def edit(b: bytes) -> bytes:
        assert old in b, (old, b)
        return b.replace(old, new, 1)

    return setf(**{attr: edit})


def add_disclosures(*encoded: str, referenced: bool = True) -> Mutation:
    def apply(f: Forge) -> None:
        f.disclosures = [*f.disclosures, *encoded]
        if not referenced:
            f.sd = sorted(sdjwt.digest(d) for d in BASE_DISCLOSURES)

    return apply


def verify_with(**kwargs: Any) -> Mutation:
    return lambda f: f.verify_kwargs.update(kwargs)


def nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


def _flip_last_char(b64: str) -> str:
    return b64[:-2] + ("A" if b64[-2] != "A" else "B") + b64[-1]


def _sig_flip(_si: bytes, sig: bytes) -> str:
    return _b64(bytes([sig[0] ^ 1]) + sig[1:])


def _sig_other_key(key: keys.HolderKey) -> Callable[[bytes, bytes], str]:
    return lambda si, _sig: _b64(jose.sign(key.private_key, si))


def _sig_der(si: bytes, _sig: bytes) -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    assert isinstance(ES.private_key, ec.EllipticCurvePrivateKey)
    return _b64(ES.private_key.sign(si, ec.ECDSA(hashes.SHA256())))


def _post_presented_change(fn: Callable[[list[bytes]], list[bytes]]) -> Mutation:
    """Change the serialised parts after everything was signed."""
    return post(lambda b: b"~".join(fn(b.split(b"~"))))


def _weak_ed_jwk(encoding: bytes) -> Mutation:
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": _b64(encoding)}
    return both(
        setf(key=ED), pay(cnf={"jwk": jwk}, iss=jose.thumbprint_uri(jose.jwk_thumbprint(jwk)))
    )


_ED_P = 2**255 - 19
_Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022


def _ed_enc(y: int, sign: int) -> bytes:
    return (y | (sign << 255)).to_bytes(32, "little")


SMALL_ORDER = {
    f"{label}_sign{s}": _ed_enc(y, s)
    for label, y in [
        ("identity", 1),
        ("minus_one", _ED_P - 1),
        ("order4", 0),
        ("order8_a", _Y8),
        ("order8_b", _ED_P - _Y8),
        ("noncanonical_p", _ED_P),
        ("noncanonical_p_plus_1", _ED_P + 1),
    ]
    for s in (0, 1)
}


def _p256_jwk(**changes: str) -> Mutation:
    jwk = dict(ES.public_jwk)
    jwk.update(changes)
    return pay(cnf={"jwk": jwk})


_P = 2**256 - 2**224 + 2**192 + 2**96 - 1


def _coord_plus_one(name: str) -> str:
    value = int.from_bytes(jose.b64url_decode(ES.public_jwk[name]), "big")
    return _b64(((value + 1) % _P).to_bytes(32, "big"))


_KB_OF_OTHER_PACKET = Forge(payload={"jti": "pkt-2"}).build().decode().rsplit("~", 1)[1]


def _parts(token: str) -> list[str]:
    return token.split(".")


def _noncanonical_nth(token: str, n: int) -> str:
    """Make the n-th part's last base64url character carry non-zero unused bits."""
    parts = _parts(token)
    part = parts[n]
    if len(part) % 4 == 0:
        part = part[:-4]  # drop a full quantum to get a remainder, then spoil it
        part = part + "AAB"
    else:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        idx = alphabet.index(part[-1])
        part = part[:-1] + alphabet[idx | 1]
    parts[n] = part
    return ".".join(parts)


def _bad_length_nth(token: str, n: int) -> str:
    """Give the n-th part a length no base64url string can have (4k + 1)."""
    parts = _parts(token)
    part = parts[n]
    parts[n] = part + "A" if len(part) % 4 == 0 else part[: len(part) - len(part) % 4 + 1]
    return ".".join(parts)


def _swap_payload(token: str, changes: dict[str, Any] | None) -> str:
    """Keep the signature but replace the payload (re-serialised, optionally changed)."""
    h, p, s = _parts(token)
    payload = json.loads(jose.b64url_decode(p))
    if changes:
        payload.update(changes)
    return ".".join([h, _b64(json.dumps(payload).encode()), s])


def _swap_header(token: str) -> str:
    h, p, s = _parts(token)
    return ".".join([_b64(json.dumps(json.loads(jose.b64url_decode(h))).encode()), p, s])


def _reinsert_disclosures(packet: bytes) -> bytes:
    jwt, kb = packet.split(b"~")
    return b"~".join([jwt, *(d.encode() for d in BASE_DISCLOSURES), kb])


# --- the kit --------------------------------------------------------------------------------

KIT: list[tuple[str, Mutation, str]] = [
    # input framing (T16: transport damage must fail cleanly)
    ("crlf_appended", post(lambda b: b + b"\r\n"), "invalid_characters"),
    ("lf_appended", post(lambda b: b + b"\n"), "invalid_characters"),
    (
        "cr_lf_wrapped_76",
        post(lambda b: b"\r\n".join(b[i : i + 76] for i in range(0, len(b), 76))),
        "invalid_characters",
    ),
    (
        "lf_wrapped_64",
        post(lambda b: b"\n".join(b[i : i + 64] for i in range(0, len(b), 64))),
        "invalid_characters",
    ),
    ("leading_space", post(lambda b: b" " + b), "invalid_characters"),
    ("trailing_space", post(lambda b: b + b" "), "invalid_characters"),
    ("tab_inside", post(lambda b: b[:40] + b"\t" + b[40:]), "invalid_characters"),
    ("nul_byte", post(lambda b: b + b"\x00"), "invalid_characters"),
    ("non_ascii_bytes", post(lambda b: b + "é".encode()), "invalid_characters"),
    ("non_ascii_text", post(lambda b: b.decode() + "é"), "invalid_characters"),
    ("utf8_bom_prefix", post(lambda b: b"\xef\xbb\xbf" + b), "invalid_characters"),
    ("utf16_encoded", post(lambda b: b.decode().encode("utf-16")), "invalid_characters"),
    ("empty_input", post(lambda b: b""), "invalid_characters"),
    ("padding_on_part", post(lambda b: b.replace(b".", b"=.", 1)), "invalid_characters"),
    (
        "std_base64_plus",
        post(lambda b: b.replace(b"-", b"+") if b"-" in b else b + b"+"),
        "invalid_characters",
    ),
    ("oversized_bytes", post(lambda b: b + b"A" * (1 << 20)), "too_large"),
    ("oversized_text", post(lambda b: b.decode() + "A" * (1 << 20)), "too_large"),
    (
        "too_many_disclosures",
        add_disclosures(*[_disclosure(i.to_bytes(16, "big"), f"c{i}", i) for i in range(1030)]),
        "too_large",
    ),
    # serialisation
    ("no_tilde_bare_jwt", post(lambda b: b.split(b"~")[0]), "malformed_serialization"),
    ("leading_tilde", post(lambda b: b"~" + b), "malformed_serialization"),
    ("empty_disclosure_slot", post(lambda b: b.replace(b"~", b"~~", 1)), "malformed_serialization"),
    ("stripped_key_binding", post(lambda b: b[: b.rindex(b"~") + 1]), "missing_key_binding"),
    ("trailing_tilde_after_kb", post(lambda b: b + b"~"), "missing_key_binding"),
    ("truncated_to_first_tilde", post(lambda b: b[: b.index(b"~") + 1]), "missing_key_binding"),
    ("truncated_inside_jwt", post(lambda b: b[: b.index(b"~") // 2]), "malformed_serialization"),
    ("truncated_kb_one_char", post(lambda b: b[:-1]), "bad_base64url"),
    ("truncated_kb_two_chars", post(lambda b: b[:-2]), "kb_bad_signature"),
    ("truncated_kb_signature", post(lambda b: b[: b.rindex(b".") + 1]), "kb_malformed_jws"),
    (
        "truncated_kb_to_header",
        post(lambda b: b[: b.rindex(b"~") + 1] + b.rsplit(b"~", 1)[1].split(b".")[0]),
        "kb_malformed_jws",
    ),
    ("trailing_garbage_char", post(lambda b: b + b"A"), "kb_bad_signature"),
    ("trailing_garbage_dot", post(lambda b: b + b".e30"), "kb_malformed_jws"),
    ("trailing_garbage_part", post(lambda b: b + b"~Zm9v"), "bad_base64url"),
    # issuer-signed JWT structure and encoding
    ("jwt_two_parts", setf(jwt_edit=lambda s: s.rsplit(".", 1)[0]), "malformed_jws"),
    ("jwt_four_parts", setf(jwt_edit=lambda s: s + ".e30"), "malformed_jws"),
    ("jwt_empty_signature", setf(jwt_edit=lambda s: s.rsplit(".", 1)[0] + "."), "malformed_jws"),
    ("jwt_empty_header", setf(jwt_edit=lambda s: s[s.index(".") :]), "malformed_jws"),
    ("header_bad_length", setf(jwt_edit=lambda s: _bad_length_nth(s, 0)), "bad_base64url"),
    ("payload_bad_length", setf(jwt_edit=lambda s: _bad_length_nth(s, 1)), "bad_base64url"),
    ("signature_bad_length", setf(jwt_edit=lambda s: _bad_length_nth(s, 2)), "bad_base64url"),
    ("header_noncanonical_b64", setf(jwt_edit=lambda s: _noncanonical_nth(s, 0)), "bad_base64url"),
    ("payload_noncanonical_b64", setf(jwt_edit=lambda s: _noncanonical_nth(s, 1)), "bad_base64url"),
    (
        "signature_noncanonical_b64",
        setf(jwt_edit=lambda s: _noncanonical_nth(s, 2)),
        "bad_base64url",
    ),
    ("header_is_array", setf(header_edit=lambda b: b"[" + b + b"]"), "malformed_jws"),
    ("header_is_string", setf(header_edit=lambda b: b'"ES256"'), "malformed_jws"),
    ("payload_is_array", setf(payload_edit=lambda b: b"[" + b + b"]"), "malformed_jws"),
    ("payload_is_null", setf(payload_edit=lambda b: b"null"), "malformed_jws"),
    ("header_invalid_utf8", setf(header_edit=lambda b: b[:-1] + b',"x":"\xff"}'), "json_bad_utf8"),
    (
        "payload_overlong_utf8",
        setf(payload_edit=lambda b: b[:-1] + b',"x":"\xc0\xaf"}'),
        "json_bad_utf8",
    ),
    ("header_syntax", setf(header_edit=lambda b: b[:-1]), "json_syntax"),
    ("header_trailing_data", setf(header_edit=lambda b: b + b"{}"), "json_syntax"),
    ("header_bom", setf(header_edit=lambda b: "\ufeff".encode() + b), "json_syntax"),
    (
        "payload_single_quotes",
        setf(payload_edit=lambda b: b.replace(b'"jti"', b"'jti'")),
        "json_syntax",
    ),
    ("payload_trailing_comma", setf(payload_edit=lambda b: b[:-1] + b",}"), "json_syntax"),
    ("payload_comment", setf(payload_edit=lambda b: b"/*x*/" + b), "json_syntax"),
    (
        "payload_control_char",
        setf(payload_edit=lambda b: b.replace(b"pkt-1", b"pkt\x01")),
        "json_syntax",
    ),
    ("payload_empty_part", setf(payload_edit=lambda b: b""), "malformed_jws"),
    ("payload_only_whitespace", setf(payload_edit=lambda b: b" "), "json_syntax"),
    # duplicate keys
    (
        "header_duplicate_alg",
        replace_in("header_edit", b'{"alg":"ES256"', b'{"alg":"none","alg":"ES256"'),
        "json_duplicate_key",
    ),
    (
        "header_duplicate_typ",
        replace_in("header_edit", b'"typ"', b'"typ":"JWT","typ"'),
        "json_duplicate_key",
    ),
    (
        "payload_duplicate_iss",
        replace_in("payload_edit", b'"iss"', b'"iss":"x","iss"'),
        "json_duplicate_key",
    ),
    (
        "payload_duplicate_escaped_key",
        replace_in("payload_edit", b'"jti"', b'"\\u006ati":"y","jti"'),
        "json_duplicate_key",
    ),
    (
        "payload_duplicate_sd",
        replace_in("payload_edit", b'"_sd"', b'"_sd":[],"_sd"'),
        "json_duplicate_key",
    ),
    (
        "payload_duplicate_nested",
        replace_in("payload_edit", b'"cnf":{', b'"cnf":{"jwk":{},'),
        "json_duplicate_key",
    ),
    # numbers
    (
        "payload_nan",
        replace_in("payload_edit", b'"exp":', b'"x":NaN,"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_infinity",
        replace_in("payload_edit", b'"exp":', b'"x":Infinity,"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_minus_infinity",
        replace_in("payload_edit", b'"exp":', b'"x":-Infinity,"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_1e400",
        replace_in("payload_edit", b'"exp":', b'"x":1E400,"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_minus_1e400",
        replace_in("payload_edit", b'"exp":', b'"x":-1e400,"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_int_2_pow_53",
        replace_in("payload_edit", b'"exp":', b'"x":9007199254740992,"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_int_400_digits",
        replace_in("payload_edit", b'"exp":', b'"x":' + b"9" * 400 + b',"exp":'),
        "json_invalid_number",
    ),
    (
        "payload_exp_huge",
        setf(payload_edit=lambda b: b.replace(str(EXP).encode(), b"1" + b"0" * 5000)),
        "json_invalid_number",
    ),
    # strings
    ("payload_lone_high_surrogate", pay(purpose="\ud800"), "json_lone_surrogate"),
    ("payload_lone_low_surrogate", pay(purpose="x\udc00y"), "json_lone_surrogate"),
    ("payload_lone_surrogate_key", pay(**{"\udbff": 1}), "json_lone_surrogate"),
    (
        "payload_escaped_lone_surrogate",
        replace_in("payload_edit", b'"pkt-1"', b'"\\uD83D"'),
        "json_lone_surrogate",
    ),
    (
        "payload_raw_surrogate_bytes",
        replace_in("payload_edit", b'"pkt-1"', b'"\xed\xa0\x80"'),
        "json_bad_utf8",
    ),
    # depth
    ("payload_depth_33", pay(purpose=nested(32)), "json_too_deep"),
    ("payload_depth_5000", setf(payload_edit=lambda b: b"[" * 5000 + b"]" * 5000), "json_too_deep"),
    # header rules
    ("alg_none", hdr(alg="none"), "alg_not_allowed"),
    ("alg_None", hdr(alg="None"), "alg_not_allowed"),
    ("alg_NONE", hdr(alg="NONE"), "alg_not_allowed"),
    (
        "alg_none_empty_signature",
        both(hdr(alg="none"), setf(sig_edit=lambda si, s: "")),
        "malformed_jws",
    ),
    ("alg_HS256", hdr(alg="HS256"), "alg_not_allowed"),
    ("alg_RS256", hdr(alg="RS256"), "alg_not_allowed"),
    ("alg_PS256", hdr(alg="PS256"), "alg_not_allowed"),
    ("alg_ES384", hdr(alg="ES384"), "alg_not_allowed"),
    ("alg_ES256K", hdr(alg="ES256K"), "alg_not_allowed"),
    ("alg_EdDSA", hdr(alg="EdDSA"), "alg_not_allowed"),
    ("alg_lowercase", hdr(alg="es256"), "alg_not_allowed"),
    ("alg_missing", hdr(alg=DEL), "alg_not_allowed"),
    ("alg_number", hdr(alg=256), "alg_not_allowed"),
    ("alg_array", hdr(alg=["ES256"]), "alg_not_allowed"),
    ("header_crit", hdr(crit=["exp"]), "unsupported_header"),
    ("header_jwk", hdr(jwk=dict(ES_OTHER.public_jwk)), "unsupported_header"),
    ("header_jku", hdr(jku="https://evil.example/keys"), "unsupported_header"),
    ("header_x5c", hdr(x5c=["AAAA"]), "unsupported_header"),
    ("header_b64_false", hdr(b64=False), "unsupported_header"),
    ("header_kid_number", hdr(kid=1), "unsupported_header"),
    ("typ_missing", hdr(typ=DEL), "wrong_typ"),
    ("typ_jwt", hdr(typ="JWT"), "wrong_typ"),
    ("typ_kb_jwt", hdr(typ="kb+jwt"), "wrong_typ"),
    ("typ_vc_sd_jwt", hdr(typ="vc+sd-jwt"), "wrong_typ"),
    ("typ_example_sd_jwt", hdr(typ="example+sd-jwt"), "wrong_typ"),
    ("typ_uppercase", hdr(typ="DC+SD-JWT"), "wrong_typ"),
    ("typ_number", hdr(typ=1), "wrong_typ"),
    ("alg_swap_ed25519_header_es256_key", hdr(alg="Ed25519"), "alg_key_mismatch"),
    ("alg_swap_es256_header_ed25519_key", both(setf(key=ED), hdr(alg="ES256")), "alg_key_mismatch"),
    # signature
    ("signature_bit_flip", setf(sig_edit=_sig_flip), "bad_signature"),
    ("signature_other_key", setf(sig_edit=_sig_other_key(ES_OTHER)), "bad_signature"),
    ("signature_der_encoded", setf(sig_edit=_sig_der), "bad_signature"),
    ("signature_all_zero", setf(sig_edit=lambda si, s: _b64(bytes(64))), "bad_signature"),
    ("signature_65_bytes", setf(sig_edit=lambda si, s: _b64(s + b"\x00")), "bad_signature"),
    (
        "signature_r_equals_n",
        setf(
            sig_edit=lambda si, s: _b64(
                (0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551).to_bytes(
                    32, "big"
                )
                + s[32:]
            )
        ),
        "bad_signature",
    ),
    ("signature_ed25519_flip", both(setf(key=ED), setf(sig_edit=_sig_flip)), "bad_signature"),
    (
        "payload_changed_after_signing",
        setf(jwt_edit=lambda s: _swap_payload(s, {"exp": EXP * 2})),
        "bad_signature",
    ),
    (
        "header_reserialised_after_signing",
        setf(jwt_edit=lambda s: _swap_header(s)),
        "bad_signature",
    ),
    (
        "signed_other_payload_bytes",
        setf(payload_edit=lambda b: b + b" ", jwt_edit=lambda s: _swap_payload(s, None)),
        "bad_signature",
    ),
    # holder key in cnf
    ("cnf_missing", pay(cnf=DEL), "missing_claim"),
    ("cnf_not_object", pay(cnf="x"), "invalid_claim"),
    ("cnf_extra_member", pay(cnf={"jwk": dict(ES.public_jwk), "kid": "1"}), "invalid_claim"),
    ("cnf_jwk_missing", pay(cnf={"jkt": "abc"}), "invalid_claim"),
    ("cnf_jwk_private_d", _p256_jwk(d=_b64(bytes(32))), "invalid_key"),
    ("cnf_jwk_kid_member", _p256_jwk(kid="k1"), "invalid_key"),
    ("cnf_jwk_invalid_curve_point", _p256_jwk(y=_coord_plus_one("y")), "invalid_key"),
    ("cnf_jwk_x_not_on_curve", _p256_jwk(x=_coord_plus_one("x")), "invalid_key"),
    ("cnf_jwk_x_31_bytes", _p256_jwk(x=_b64(bytes(31))), "invalid_key"),
    ("cnf_jwk_x_33_bytes", _p256_jwk(x=_b64(bytes(33))), "invalid_key"),
    ("cnf_jwk_x_ge_p", _p256_jwk(x=_b64(_P.to_bytes(32, "big"))), "invalid_key"),
    ("cnf_jwk_x_not_b64", _p256_jwk(x="!!"), "invalid_key"),
    ("cnf_jwk_crv_p384", _p256_jwk(crv="P-384"), "invalid_key"),
    ("cnf_jwk_kty_rsa", pay(cnf={"jwk": {"kty": "RSA", "n": "AQAB", "e": "AQAB"}}), "invalid_key"),
    ("cnf_jwk_not_object", pay(cnf={"jwk": "key"}), "invalid_key"),
    ("cnf_jwk_number_member", _p256_jwk(x=1), "invalid_key"),  # type: ignore[arg-type]
    ("cnf_ed25519_noncanonical_y", _weak_ed_jwk(_ed_enc(_ED_P + 2, 0)), "invalid_key"),
    ("cnf_ed25519_off_curve", _weak_ed_jwk(_ed_enc(2, 0)), "invalid_key"),
    (
        "cnf_ed25519_31_bytes",
        both(
            setf(key=ED), pay(cnf={"jwk": {"crv": "Ed25519", "kty": "OKP", "x": _b64(bytes(31))}})
        ),
        "invalid_key",
    ),
    *[
        (f"cnf_ed25519_small_order_{name}", _weak_ed_jwk(enc), "weak_key")
        for name, enc in SMALL_ORDER.items()
    ],
    # registered claims
    ("iss_missing", pay(iss=DEL), "missing_claim"),
    ("iss_other_string", pay(iss="https://issuer.example"), "issuer_mismatch"),
    ("iss_other_key", pay(iss=jose.thumbprint_uri(ES_OTHER.thumbprint)), "issuer_mismatch"),
    ("iss_number", pay(iss=7), "invalid_claim"),
    ("jti_missing", pay(jti=DEL), "missing_claim"),
    ("jti_number", pay(jti=1), "invalid_claim"),
    ("jti_empty", pay(jti=""), "invalid_claim"),
    ("iat_missing", pay(iat=DEL), "missing_claim"),
    ("exp_missing", pay(exp=DEL), "missing_claim"),
    ("iat_string", pay(iat=str(IAT)), "invalid_claim"),
    ("exp_float", pay(exp=EXP + 0.5), "invalid_claim"),
    ("exp_bool", pay(exp=True), "invalid_claim"),
    ("iat_negative", pay(iat=-1), "invalid_claim"),
    ("exp_before_iat", pay(exp=IAT - 1), "invalid_claim"),
    ("exp_equals_iat", pay(exp=IAT), "invalid_claim"),
    ("sd_alg_sha512", pay(_sd_alg="sha-512"), "sd_alg_unsupported"),
    ("sd_alg_uppercase", pay(_sd_alg="SHA-256"), "sd_alg_unsupported"),
    ("sd_alg_number", pay(_sd_alg=256), "sd_alg_unsupported"),
    ("expired", verify_with(now=EXP + 301), "expired"),
    ("expired_at_skew_boundary", verify_with(now=EXP + 300), "expired"),
    ("expired_zero_skew", verify_with(now=EXP, skew=0), "expired"),
    ("iat_in_future", verify_with(now=IAT - 301), "not_yet_valid"),
    ("nbf_in_future", pay(nbf=NOW + 3600), "not_yet_valid"),
    ("nbf_string", pay(nbf="soon"), "invalid_claim"),
    # disclosures
    ("disclosure_bad_length", add_disclosures("A" * 21), "bad_base64url"),
    ("disclosure_noncanonical", add_disclosures("W11"), "bad_base64url"),
    ("disclosure_object", add_disclosures(_b64(_json({"salt": "x"}))), "disclosure_malformed"),
    (
        "disclosure_four_elements",
        add_disclosures(_b64(_json([_b64(bytes(16)), "a", 1, 2]))),
        "disclosure_malformed",
    ),
    (
        "disclosure_one_element",
        add_disclosures(_b64(_json([_b64(bytes(16))]))),
        "disclosure_malformed",
    ),
    ("disclosure_empty_array", add_disclosures(_b64(b"[]")), "disclosure_malformed"),
    ("disclosure_string", add_disclosures(_b64(b'"x"')), "disclosure_malformed"),
    (
        "disclosure_salt_number",
        add_disclosures(_b64(_json([12345, "a", 1]))),
        "disclosure_malformed",
    ),
    (
        "disclosure_salt_not_b64",
        add_disclosures(_b64(_json(["not base64 at all!!!!!!", "a", 1]))),
        "disclosure_malformed",
    ),
    (
        "disclosure_salt_15_bytes",
        add_disclosures(_disclosure(bytes(15), "a", 1)),
        "disclosure_salt_short",
    ),
    ("disclosure_salt_empty", add_disclosures(_b64(_json(["", "a", 1]))), "disclosure_salt_short"),
    (
        "disclosure_name_number",
        add_disclosures(_b64(_json([_b64(bytes(16)), 7, 1]))),
        "disclosure_malformed",
    ),
    (
        "disclosure_name_null",
        add_disclosures(_b64(_json([_b64(bytes(16)), None, 1]))),
        "disclosure_malformed",
    ),
    (
        "disclosure_name_sd",
        add_disclosures(_disclosure(b"\x09" * 16, "_sd", [])),
        "disclosure_forbidden_name",
    ),
    (
        "disclosure_name_ellipsis",
        add_disclosures(_disclosure(b"\x09" * 16, "...", "x")),
        "disclosure_forbidden_name",
    ),
    *[
        (
            f"disclosure_reserved_{n}",
            add_disclosures(_disclosure(b"\x0a" * 16, n, "x")),
            "disclosure_reserved_claim",
        )
        for n in ("iss", "cnf", "exp", "aud", "nbf", "_sd_alg")
    ],
    (
        "disclosure_overwrites_plain_claim",
        add_disclosures(_disclosure(b"\x0b" * 16, "purpose", "marketing")),
        "claim_overwrite",
    ),
    (
        "disclosure_same_name_twice",
        add_disclosures(_disclosure(b"\x0c" * 16, "given_name", "Bob")),
        "claim_overwrite",
    ),
    ("disclosure_duplicate", add_disclosures(BASE_DISCLOSURES[0]), "disclosure_duplicate"),
    (
        "disclosure_unreferenced",
        add_disclosures(_disclosure(b"\x0d" * 16, "extra", 1), referenced=False),
        "disclosure_unreferenced",
    ),
    (
        "disclosure_not_in_sd",
        setf(sd=sorted(sdjwt.digest(d) for d in BASE_DISCLOSURES[1:])),
        "disclosure_unreferenced",
    ),
    (
        "disclosure_digest_of_reserialised_json",
        setf(
            sd=sorted(
                [sdjwt.digest(d) for d in BASE_DISCLOSURES[1:]]
                + [
                    sdjwt.digest(
                        _b64(json.dumps([_b64(b"\x01" * 16), "given_name", "Ann"]).encode())
                    )
                ]
            )
        ),
        "disclosure_unreferenced",
    ),
    (
        "disclosure_value_duplicate_key",
        add_disclosures(_b64(b'["' + _b64(bytes(16)).encode() + b'","a",{"k":1,"k":2}]')),
        "json_duplicate_key",
    ),
    (
        "disclosure_value_nan",
        add_disclosures(_b64(b'["' + _b64(bytes(16)).encode() + b'","a",NaN]')),
        "json_invalid_number",
    ),
    (
        "disclosure_value_lone_surrogate",
        add_disclosures(_b64(b'["' + _b64(bytes(16)).encode() + b'","a","\\udfff"]')),
        "json_lone_surrogate",
    ),
    (
        "disclosure_invalid_utf8",
        add_disclosures(_b64(b'["' + _b64(bytes(16)).encode() + b'","a","\xfe"]')),
        "json_bad_utf8",
    ),
    (
        "disclosure_value_too_deep",
        add_disclosures(_disclosure(b"\x0e" * 16, "deep", nested(32))),
        "json_too_deep",
    ),
    (
        "digest_listed_twice",
        setf(sd=sorted(sdjwt.digest(d) for d in BASE_DISCLOSURES) * 2),
        "digest_duplicate",
    ),
    (
        "digest_top_and_nested",
        pay(purpose={"_sd": [sdjwt.digest(BASE_DISCLOSURES[0])]}),
        "digest_duplicate",
    ),
    (
        "decoy_listed_twice",
        setf(sd=[*sorted(sdjwt.digest(d) for d in BASE_DISCLOSURES), "a" * 43, "a" * 43]),
        "digest_duplicate",
    ),
    ("sd_not_array", setf(sd="abc"), "sd_malformed"),  # type: ignore[arg-type]
    (
        "sd_contains_number",
        setf(sd=[*sorted(sdjwt.digest(d) for d in BASE_DISCLOSURES), 1]),
        "sd_malformed",
    ),
    ("ellipsis_in_object", pay(purpose={"...": "abc"}), "sd_malformed"),
    ("ellipsis_element_extra_member", pay(purpose=[{"...": "abc", "x": 1}]), "sd_malformed"),
    ("ellipsis_element_number", pay(purpose=[{"...": 5}]), "sd_malformed"),
    (
        "array_disclosure_in_sd",
        add_disclosures(_b64(_json([_b64(b"\x0f" * 16), "value"]))),
        "disclosure_malformed",
    ),
    (
        "object_disclosure_in_array",
        both(
            add_disclosures(_disclosure(b"\x10" * 16, "k", "v"), referenced=False),
            pay(purpose=[{"...": sdjwt.digest(_disclosure(b"\x10" * 16, "k", "v"))}]),
        ),
        "disclosure_malformed",
    ),
    # key binding JWT
    ("kb_alg_none", kbh(alg="none"), "kb_alg_not_allowed"),
    ("kb_alg_HS256", kbh(alg="HS256"), "kb_alg_not_allowed"),
    ("kb_alg_EdDSA", kbh(alg="EdDSA"), "kb_alg_not_allowed"),
    ("kb_alg_missing", kbh(alg=DEL), "kb_alg_not_allowed"),
    ("kb_typ_missing", kbh(typ=DEL), "kb_wrong_typ"),
    ("kb_typ_jwt", kbh(typ="JWT"), "kb_wrong_typ"),
    ("kb_typ_sd_jwt", kbh(typ="dc+sd-jwt"), "kb_wrong_typ"),
    ("kb_header_crit", kbh(crit=["aud"]), "kb_unsupported_header"),
    ("kb_header_jwk", kbh(jwk=dict(ES_OTHER.public_jwk)), "kb_unsupported_header"),
    ("kb_alg_swap", kbh(alg="Ed25519"), "kb_alg_key_mismatch"),
    ("kb_signed_by_ed25519_key", setf(kb_key=ED), "kb_alg_key_mismatch"),
    ("kb_signed_by_other_key", setf(kb_key=ES_OTHER), "kb_bad_signature"),
    ("kb_signature_flip", setf(kb_sig_edit=_sig_flip), "kb_bad_signature"),
    ("kb_signature_all_zero", setf(kb_sig_edit=lambda si, s: _b64(bytes(64))), "kb_bad_signature"),
    (
        "kb_payload_changed_after_signing",
        setf(kb_edit=lambda s: _swap_payload(s, {"aud": "https://other.example"})),
        "kb_bad_signature",
    ),
    ("kb_two_parts", setf(kb_edit=lambda s: s.rsplit(".", 1)[0]), "kb_malformed_jws"),
    ("kb_header_array", setf(kb_header_edit=lambda b: b"[" + b + b"]"), "kb_malformed_jws"),
    ("kb_payload_array", setf(kb_payload_edit=lambda b: b"[" + b + b"]"), "kb_malformed_jws"),
    (
        "kb_payload_duplicate_aud",
        replace_in("kb_payload_edit", b'"aud"', b'"aud":"x","aud"'),
        "json_duplicate_key",
    ),
    (
        "kb_payload_nan",
        replace_in("kb_payload_edit", b'"iat":', b'"x":NaN,"iat":'),
        "json_invalid_number",
    ),
    ("kb_payload_bad_b64", setf(kb_edit=lambda s: _noncanonical_nth(s, 1)), "bad_base64url"),
    ("kb_missing_aud", kbp(aud=DEL), "kb_missing_claim"),
    ("kb_missing_nonce", kbp(nonce=DEL), "kb_missing_claim"),
    ("kb_missing_iat", kbp(iat=DEL), "kb_missing_claim"),
    ("kb_missing_sd_hash", kbp(sd_hash=DEL), "kb_missing_claim"),
    ("kb_aud_array", kbp(aud=[AUD]), "kb_invalid_claim"),
    ("kb_aud_empty", kbp(aud=""), "kb_invalid_claim"),
    ("kb_nonce_number", kbp(nonce=42), "kb_invalid_claim"),
    ("kb_iat_string", kbp(iat=str(IAT)), "kb_invalid_claim"),
    ("kb_iat_float", kbp(iat=IAT + 0.5), "kb_invalid_claim"),
    ("kb_sd_hash_number", kbp(sd_hash=1), "kb_invalid_claim"),
    ("kb_sd_hash_wrong", kbp(sd_hash=sdjwt.digest(b"x")), "kb_sd_hash_mismatch"),
    ("kb_sd_hash_without_trailing_tilde", setf(), "kb_sd_hash_mismatch"),
    (
        "kb_sd_hash_over_jwt_only",
        setf(
            presented_edit=lambda s: s.split("~")[0] + "~", post=lambda b: _reinsert_disclosures(b)
        ),
        "kb_sd_hash_mismatch",
    ),
    ("kb_sd_hash_sha512", setf(), "kb_sd_hash_mismatch"),
    (
        "disclosure_dropped_after_binding",
        _post_presented_change(lambda p: [p[0], *p[2:]]),
        "kb_sd_hash_mismatch",
    ),
    (
        "disclosures_reordered_after_binding",
        _post_presented_change(lambda p: [p[0], p[2], p[1], *p[3:]]),
        "kb_sd_hash_mismatch",
    ),
    ("kb_from_other_packet", setf(kb_edit=lambda s: _KB_OF_OTHER_PACKET), "kb_sd_hash_mismatch"),
    ("issuer_jwt_as_kb", setf(), "kb_wrong_typ"),
    ("kb_iat_in_future", kbp(iat=NOW + 301), "kb_iat_future"),
    ("kb_iat_before_issue", kbp(iat=IAT - 301), "kb_iat_before_issue"),
    ("kb_iat_negative", kbp(iat=-5), "kb_invalid_claim"),
    # audience and nonce (T18)
    ("forwarded_to_other_org", verify_with(audience="https://bank.example"), "audience_mismatch"),
    ("audience_case_differs", verify_with(audience=AUD.upper()), "audience_mismatch"),
    ("audience_trailing_slash", verify_with(audience=AUD + "/"), "audience_mismatch"),
    ("nonce_other_request", verify_with(nonce="CT-2024-0043"), "nonce_mismatch"),
    ("nonce_prefix", verify_with(nonce=NONCE[:-1]), "nonce_mismatch"),
]


def _special(forge: Forge, name: str) -> None:
    """Vectors whose construction needs the rest of the packet."""
    if name == "kb_sd_hash_without_trailing_tilde":
        base = Forge()
        presented = base.build().decode().rsplit("~", 1)[0]
        forge.kb_payload = {"sd_hash": sdjwt.digest(presented)}
    elif name == "kb_sd_hash_sha512":
        presented = Forge().build().decode().rsplit("~", 1)[0] + "~"
        forge.kb_payload = {"sd_hash": _b64(hashlib.sha512(presented.encode()).digest())}
    elif name == "issuer_jwt_as_kb":
        jwt = Forge().build().decode().split("~")[0]
        forge.kb_edit = lambda s: jwt


KIT_IDS = [name for name, _, _ in KIT]


def test_kit_is_large_and_unique() -> None:
    assert len(KIT) >= 120
    assert len(set(KIT_IDS)) == len(KIT_IDS)


def test_every_reason_code_has_a_vector() -> None:
    assert {reason for _, _, reason in KIT} == sdjwt.REASON_CODES


def test_base_packet_verifies() -> None:
    forge = Forge()
    result = sdjwt.verify_packet(forge.build(), **forge.verify_kwargs)
    assert result.disclosed["given_name"] == "Ann"
    assert result.claims == {"purpose": "council tax single-person discount"}


@pytest.mark.parametrize(("name", "mutation", "reason"), KIT, ids=KIT_IDS)
def test_negative_vector(name: str, mutation: Mutation, reason: str) -> None:
    forge = Forge()
    mutation(forge)
    _special(forge, name)
    packet = forge.build()
    with pytest.raises(InvalidPacket) as caught:
        sdjwt.verify_packet(packet, **forge.verify_kwargs)
    assert caught.value.reason == reason, caught.value.detail
