"""Plain words for packets: less revealing forms, over-asking warnings, ledger statuses.

No "SD-JWT", no "HPKE": a person sees what is sent, to whom, and why Pont warns.
"""

from __future__ import annotations

from ui.i18n import noop, tr
from vault.catalogue import FieldSpec, load_catalogue
from vault.model import AUTHORITY_PHRASES, PROPERTY_ONLY
from vault.over_asking import OverAsk

FORM_LABELS = {
    "full": noop("Send it in full"),
    "over_16": noop("Just say I'm over 16"),
    "over_18": noop("Just say I'm over 18"),
    "over_65": noop("Just say I'm over 65"),
    "age_band": noop("Just my age band (like 25–34)"),
    "birth_year": noop("Just my year of birth"),
    "initial": noop("Just my initial"),
    "uk_or_irish": noop("Just say whether I'm British or Irish"),
    "last_4_digits": noop("Only the last 4 digits"),
    "last_4_characters": noop("Only the last 4 characters"),
    "postcode_district": noop("Only the first half of the postcode"),
    "postcode_only": noop("Only the postcode"),
    "town_only": noop("Only the town"),
    "country_only": noop("Only the country"),
    "bank_name_only": noop("Only the bank's name"),
    "has_any": noop("Just say whether I have any"),
    "count": noop("Just how many"),
    "count_adults": "Just how many adults",
}

STATUS_WORDS = {
    "active": noop("Active"),
    "superseded": noop("Replaced by an update"),
    "withdrawn": noop("Consent withdrawn"),
    "expired": "Expired",
}

KIND_WORDS = {
    "disclosure": noop("Information"),
    "update": noop("Update"),
    "withdrawal": noop("Notice: consent withdrawn"),
    "erasure": noop("Notice: please erase"),
    "access": noop("Notice: copy requested"),
    "objection": "Notice: objection",
}


def form_label(form: str) -> str:
    return tr(FORM_LABELS.get(form, form.replace("_", " ")))


def in_sentence(label: str) -> str:
    """ "Date of birth" → "date of birth"; "NHS number" stays as it is."""
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def over_ask_text(warning: OverAsk, spec: FieldSpec, kind_label: str | None) -> str:
    """One plain sentence beside a field asked for beyond the usual need."""
    what = in_sentence(spec.label)
    kind = kind_label or tr("this kind of")
    match warning.reason:
        case "not_typically_needed":
            return (
                tr("%1 requests don't usually need your %2.")
                .replace("%1", kind)
                .replace("%2", what)
            )
        case "special_category":
            return tr(
                "This is health or other sensitive information. Only send it if you know "
                "why they need it."
            )
        case "sensitive":
            return tr("This is sensitive, and %1 requests don't usually need it.").replace(
                "%1", kind
            )
        case "less_revealing_form_available":
            form = form_label(warning.form or "full")
            return tr("Usually “%1” is enough — you can choose it.").replace("%1", form)
        case "no_special_category_condition":
            return tr(
                "They have not said which legal condition lets them ask for this "
                "sensitive information."
            )
    return tr("They may be asking for more than they need.")


def blocked_reason(spec: FieldSpec, authority_kind: str) -> str | None:
    """Why a field may not be sent for a relative under this authority (None: it may)."""
    if spec.category == "health" and authority_kind in PROPERTY_ONLY:
        phrase = AUTHORITY_PHRASES[authority_kind]
        return tr("Not allowed: %1 does not cover health information.").replace("%1", phrase)
    return None


def acting_sentence(person_name: str, authority_kind: str | None) -> str:
    """ "You are acting for Mary Smith under a Lasting Power of Attorney for …"."""
    if authority_kind is None:
        return tr(
            "You are acting for %1, but no authority is recorded yet. Add it on the "
            "People page before sending anything."
        ).replace("%1", person_name)
    phrase = AUTHORITY_PHRASES.get(authority_kind, authority_kind)
    return tr("You are acting for %1 under %2.").replace("%1", person_name).replace("%2", phrase)


def status_words(status: str) -> str:
    return tr(STATUS_WORDS.get(status, status))


def kind_words(kind: str) -> str:
    return tr(KIND_WORDS.get(kind, kind))


def claim_label(name: str) -> str:
    """A disclosed claim's name in words: ``birthDate_over_18`` → "Date of birth (over 18)"."""
    catalogue = load_catalogue()
    base, _, rest = name.partition("_")
    if base not in catalogue:
        return name
    form, entry = _form_and_entry(rest)
    extra = [form.replace("_", " ")] if form else []
    if entry is not None:
        extra.append(tr("entry %1").replace("%1", str(entry + 1)))
    label = catalogue.get(base).label
    return f"{label} ({', '.join(extra)})" if extra else label


def _form_and_entry(rest: str) -> tuple[str, int | None]:
    if not rest or rest in FORM_LABELS:
        return rest, None
    if rest.isdigit():
        return "", int(rest)
    head, _, tail = rest.rpartition("_")
    if head in FORM_LABELS and tail.isdigit():
        return head, int(tail)
    return rest, None
