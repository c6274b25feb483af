"""A person's details over time: which entry is current, what a move does, what is stale.

One model, used by every path (profile, share, updates, the app):

- Every change of a field entry keeps the old value as a *version*.
- A *single* field has one entry; its latest version is the current value.
- A *list* (a repeatable field such as medicines or bank accounts) has several entries,
  all current.
- A *succession* (home ``address``) has dated entries that follow one another. The entry
  current on a day is the one whose ``from`` is not after it and whose ``to`` (the last
  day there) is not before it; where several overlap, the latest ``from`` wins, then the
  latest entry. Setting a new value without naming an entry is a *move*: see :func:`move`.

``docs/fields.md`` ("Time") says the same in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from vault.catalogue import FieldSpec
from vault.errors import InvalidInput
from vault.model import Field, JSONValue

# The parts of a dated entry that say when, not what: setting an end date in advance does
# not make what an organisation holds wrong (the person still lives there).
_WHEN = ("from", "to")


def is_succession(spec: FieldSpec) -> bool:
    return spec.succession


def is_current(value: JSONValue, today: dt.date) -> bool:
    """Whether a dated value holds on ``today`` (values without dates always hold)."""
    if not isinstance(value, dict):
        return True
    start, end = value.get("from"), value.get("to")
    day = today.isoformat()
    return (not start or str(start) <= day) and (not end or str(end) >= day)


def is_past(value: JSONValue, today: dt.date) -> bool:
    """An entry that has ended (its ``to`` is before today)."""
    end = value.get("to") if isinstance(value, dict) else None
    return bool(end) and str(end) < today.isoformat()


def current_entry(entries: Iterable[Field], today: dt.date) -> Field | None:
    """The current entry of a succession, or None when every entry has ended or not begun."""
    holding = [f for f in entries if is_current(f.value, today)]
    return max(holding, key=lambda f: (_start(f.value), f.entry), default=None)


def current_entries(spec: FieldSpec, entries: Sequence[Field], today: dt.date) -> list[Field]:
    """What "the current value" of a field is: one entry, or every entry of a list."""
    if is_succession(spec):
        found = current_entry(entries, today)
        return [] if found is None else [found]
    if spec.repeatable:
        return list(entries)
    return [f for f in entries if f.entry == 0]


@dataclass(frozen=True)
class Move:
    """What setting a new value of a succession does: write ``value`` to ``entry`` (None:
    a new entry) and, when ``ended`` is set, give that entry ``ended_value``."""

    entry: int | None
    value: dict[str, Any]
    ended: Field | None = None
    ended_value: dict[str, Any] | None = None


def move(current: Field | None, new_value: JSONValue, today: dt.date) -> Move:
    """Plan a move: the new entry starts on its ``from`` (today if not given) and the
    current entry ends the day before. A first address is kept as given.

    A value that has already ended (a past address being recorded) is added as it is and
    ends nothing. The same place again, or a value starting the same day as the current
    entry, corrects that entry. A move that starts before the current entry is refused.
    """
    if not isinstance(new_value, dict):
        raise InvalidInput("value", "not_structured")
    if is_past(new_value, today):
        return Move(None, dict(new_value))
    if current is None or not isinstance(current.value, dict):
        return Move(None, dict(new_value))  # a first address: when it began is the person's to say
    start = str(new_value.get("from") or today.isoformat())
    if same_place(current.value, new_value):
        return Move(current.entry, {**current.value, **new_value})
    if start == _start(current.value):  # set again the day it began: a correction
        return Move(current.entry, {**new_value, "from": start})
    if start < _start(current.value):
        raise InvalidInput(
            f"{current.key}.from", "starts_before_current", str(current.value.get("from", ""))
        )
    last_day = (dt.date.fromisoformat(start) - dt.timedelta(days=1)).isoformat()
    return Move(None, {**new_value, "from": start}, current, {**current.value, "to": last_day})


def same_place(old: JSONValue, new: JSONValue) -> bool:
    """Whether two values say the same thing, leaving out when they hold."""
    return bool(_what(old) == _what(new))


def _what(value: JSONValue) -> JSONValue:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in _WHEN}
    return value


def _start(value: JSONValue) -> str:
    return str(value.get("from") or "") if isinstance(value, dict) else ""


def sent_as_current(sent_value: JSONValue, sent_on: dt.date) -> bool:
    """Whether a value that went out on ``sent_on`` was then the current one (not a past
    entry the person chose to send on purpose)."""
    return not is_past(sent_value, sent_on)
