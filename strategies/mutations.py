"""Labelled invalid payloads: one fault each, made from a valid payload by a mutation of a rule.

:data:`MUTATIONS` maps a rule id of the catalog (``armvalidate.rules()``) to the mutations that
break it: a wrong check digit, an impossible date, a 12-digit account number, an e-mail without
``@``, an unknown currency, a misspelled key, a wrong type, a missing required key ... Every
rule whose default severity is error has at least one, except the few no payload can reach
(:data:`UNREACHABLE`, with the reason); the test suite enumerates the catalog and proves it.
Warning rules have mutations too, for callers who ask for them by id.

:func:`invalid_customer_payloads` is the Hypothesis strategy. Each example is an
:class:`InvalidPayload` with ``.payload``, ``.expected_rules`` (a frozenset of rule ids) and a
readable ``.description``; it has been re-validated with ``validate_customer(...,
profile="test", today=...)``, which reported exactly the expected rules: every one of them, and
nothing else. Shrinking keeps the fault, since every shrunk example is re-validated too.

The registry itself needs no Hypothesis: :mod:`armvalidate.strategies.fixtures` drives the same
mutations
with a seeded ``random.Random``.

>>> from hypothesis import Phase, find, settings
>>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
>>> accounts = invalid_customer_payloads(rules=["account.format"])
>>> example = find(accounts, lambda e: True, settings=simplest)
>>> sorted(example.expected_rules), example.description.split(" has ")[0]
(['account.format'], 'bankAccountNo')
>>> example.validate().rules == example.expected_rules
True
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from armvalidate.checks import (
    batch,
    category,
    codes,
    contact,
    dates,
    identifiers,
    lengths,
    limits,
    numbers,
    postal,
    ssn,
    update,
)
from armvalidate.checks import structure as schema
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr
from armvalidate.strategies import _data, _gen
from armvalidate.strategies._checkdigits import classic_individual_ranges, fnr_check_digits
from armvalidate.strategies._customer import Config, build_payload, today_problem
from armvalidate.strategies._picker import Picker

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from armvalidate.report import Report

__all__ = [
    "MUTATIONS",
    "UNREACHABLE",
    "InvalidPayload",
    "Mutation",
    "MutationContext",
    "apply_mutation",
    "cover_each_rule",
    "examples_of_each_rule",
    "invalid_customer_payloads",
    "mutation_rules",
]

_DEFAULT_TODAY = date(2025, 1, 1)


@dataclass(frozen=True)
class MutationContext:
    """What a mutation may need besides the payload and the picker."""

    operation: str
    today: date
    cfg: Config


MutateFn = Callable[[dict[str, Any], Picker, MutationContext], "str | Any"]


@dataclass(frozen=True)
class Mutation:
    """One way to break one rule.

    ``apply(payload, picker, context)`` changes a deep copy of a valid request body in place
    and returns a readable description; a mutation that replaces the whole body (JSON text, a
    batch body) returns ``(description, new_payload)``. ``expected`` are the rules the fault
    triggers (usually just ``rule``). The base payload is drawn with ``needs`` present,
    ``identity`` ("consumer"/"organisation") and ``ssn_kinds`` when given. ``fixture`` is
    False for faults that are no JSON object (text, NaN, 33 nested arrays) and for the
    FH-number (which has no synthetic form): the fixture files leave those out. ``batch``
    mutations produce a batch body, checked with ``validate_batch``. ``synthetic`` is False
    for a mutation that puts a personal number with no synthetic form (an FH-number) into the
    payload: it is drawn only when its rule is named.
    """

    rule: str
    name: str
    apply: MutateFn = field(repr=False)
    expected: frozenset[str]
    needs: frozenset[str] = frozenset()
    identity: str | None = None
    ssn_kinds: tuple[str, ...] | None = None
    operations: frozenset[str] = frozenset({"create", "update"})
    fixture: bool = True
    batch: bool = False
    synthetic: bool = True


MUTATIONS: dict[str, tuple[Mutation, ...]] = {}
"""Rule id -> the mutations that break it (see :func:`mutation_rules`)."""

UNREACHABLE: Mapping[str, str] = {
    kid.FORMAT.id: "no field of the customer object holds a KID",
    kid.CHECKSUM.id: "no field of the customer object holds a KID",
    limits.UNPROCESSABLE.id: "reported only when a check itself fails: a bug, never a payload",
}
"""Error rules of the catalog that no customer payload can trigger, and why."""


def _mutation(
    rule: Any,
    *,
    also: Iterable[Any] = (),
    needs: Collection[str] = (),
    identity: str | None = None,
    ssn_kinds: Sequence[str] | None = None,
    operations: Collection[str] = ("create", "update"),
    fixture: bool = True,
    batch: bool = False,
    synthetic: bool = True,
) -> Callable[[MutateFn], MutateFn]:
    """Register the decorated function as a mutation of ``rule`` (a catalog ``Rule``)."""

    def register(fn: MutateFn) -> MutateFn:
        mutation = Mutation(
            rule=rule.id,
            name=f"{rule.id}:{fn.__name__.lstrip('_')}",
            apply=fn,
            expected=frozenset({rule.id, *(r.id for r in also)}),
            needs=frozenset(needs),
            identity=identity,
            ssn_kinds=tuple(ssn_kinds) if ssn_kinds else None,
            operations=frozenset(operations),
            fixture=fixture,
            batch=batch,
            synthetic=synthetic,
        )
        MUTATIONS[rule.id] = (*MUTATIONS.get(rule.id, ()), mutation)
        return fn

    return register


def mutation_rules(
    *, operation: str | None = None, severity: str | None = None, fixture: bool | None = None
) -> tuple[str, ...]:
    """The rule ids that have a mutation, sorted; filter by ``operation`` (``"create"``,
    ``"update"``), by the rule's default ``severity`` (``"error"``, ``"warning"``) and by
    ``fixture`` suitability. Handy for ``pytest.mark.parametrize`` (one test per rule, where
    ``st.sampled_from`` over the rules would favour the first).

    >>> "ssn.checksum" in mutation_rules(severity="error")
    True
    """
    from armvalidate import get_rule

    out = []
    for rule_id, mutations in MUTATIONS.items():
        if severity is not None and get_rule(rule_id).severity.value != severity:
            continue
        usable = [
            m
            for m in mutations
            if (operation is None or operation in m.operations)
            and (fixture is None or m.fixture == fixture)
        ]
        if usable:
            out.append(rule_id)
    return tuple(sorted(out))


# ----------------------------------------------------------------------------------- helpers


def _c(payload: dict[str, Any]) -> dict[str, Any]:
    customer: dict[str, Any] = payload["customer"]
    return customer


def _other_digit(p: Picker, digit: str) -> str:
    return str((int(digit) + p.integer(1, 9)) % 10)


def _birth(customer: Mapping[str, Any], today: date) -> date:
    """The birth date of the base customer (from dateOfBirth when it is there)."""
    value = customer.get("dateOfBirth")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return date(1980, 6, 15) if today.year > 1998 else today


def _drop_identity_dates(customer: dict[str, Any]) -> None:
    customer.pop("dateOfBirth", None)
    customer.pop("yearOfBirth", None)


def _norwegian_address(p: Picker, ctx: MutationContext, customer: dict[str, Any]) -> dict[str, Any]:
    """The customer's postal address, replaced by a Norwegian one if it is foreign or null."""
    address = customer.get("postalAddress")
    if not isinstance(address, dict) or address.get("countryCode", "NO") != "NO":
        address = _gen.gen_postal_address(p)
        if ctx.operation == "create":
            address = {k: v for k, v in address.items() if v != ""}
        customer["postalAddress"] = address
    return address


def _present(customer: Mapping[str, Any], keys: Iterable[str]) -> list[str]:
    return [k for k in keys if customer.get(k) is not None]


# ------------------------------------------------------------------------------------- ssn


@_mutation(fodselsnummer.FORMAT, needs={"ssn"}, identity="consumer")
def _ssn_wrong_length(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["ssn"]
    if p.chance(0.5):
        c["ssn"] = value[:-1]
        return "ssn has 10 digits (the last check digit cut off)"
    c["ssn"] = value + str(p.integer(0, 9))
    return "ssn has 12 digits (a digit appended to a valid number)"


@_mutation(fodselsnummer.FORMAT, needs={"ssn"}, identity="consumer")
def _ssn_letter(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    position = p.integer(0, 10)
    letter = p.choice("OIlSBx")
    c["ssn"] = c["ssn"][:position] + letter + c["ssn"][position + 1 :]
    return f"ssn has the letter {letter!r} at position {position + 1} instead of a digit"


@_mutation(fodselsnummer.CHECKSUM, needs={"ssn"}, identity="consumer")
def _ssn_check_digit(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["ssn"]
    c["ssn"] = value[:-1] + _other_digit(p, value[-1])
    return "ssn has a wrong second check digit (the last digit changed)"


@_mutation(fodselsnummer.CHECKSUM, needs={"ssn"}, identity="consumer")
def _ssn_transposed(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["ssn"]
    # Swap the two check digits when they differ, else change the last one.
    if value[9] != value[10]:
        c["ssn"] = value[:9] + value[10] + value[9]
        return "ssn has its two check digits swapped"
    c["ssn"] = value[:-1] + _other_digit(p, value[-1])
    return "ssn has a wrong second check digit (the last digit changed)"


# Dates no validator accepts. (A day 29-31 beyond its month's end, such as 31 April, is only a
# warning: Skatteetaten's reference validator accepts such numbers; see SsnInfo.date_exists.)
_IMPOSSIBLE_DATES = ((32, 1), (0, 5), (35, 7), (0, 12), (15, 13), (15, 0))


@_mutation(fodselsnummer.DATE, needs={"ssn"}, identity="consumer")
def _ssn_impossible_date(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    day, month = p.choice(_IMPOSSIBLE_DATES)
    d_number = p.chance(0.3)
    year = _birth(c, ctx.today).year
    digits_day = day + (40 if d_number else 0)
    prefix = f"{digits_day:02d}{month + 80:02d}{year % 100:02d}"
    (lo, hi), *_ = classic_individual_ranges(year)
    individual = p.integer(lo, hi)
    while True:
        base = f"{prefix}{individual:03d}"
        k1, k2 = fnr_check_digits(base)
        if k1 is not None and k2 is not None:
            break
        individual = lo + (individual + 1 - lo) % (hi - lo + 1)
    c["ssn"] = base + k1 + k2
    _drop_identity_dates(c)
    kind = "D-number" if d_number else "fødselsnummer"
    return (
        f"ssn is a synthetic {kind} with right check digits for a date that does not exist "
        f"(day {day:02d}, month {month:02d})"
    )


# FH-numbers have no synthetic form, so a drawn one could be a real patient's: the fixture
# files and the default invalid_customer_payloads() (which promise synthetic numbers only)
# leave this mutation out; it is drawn only for invalid_customer_payloads(["ssn.kind"]).
@_mutation(ssn.KIND, needs={"ssn"}, identity="consumer", fixture=False, synthetic=False)
def _ssn_fh_number(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    c["ssn"] = _gen.gen_ssn(p, kinds=("fhnr",), min_ord=1, max_ord=1)
    return "ssn is an FH-number (Norsk helsenett's help number), not a national id"


@_mutation(ssn.DOB_MISMATCH, needs={"ssn", "dateOfBirth"}, ssn_kinds=("fnr",), identity="consumer")
def _dob_other_day(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    birth = date.fromisoformat(c["dateOfBirth"])
    first = date(birth.year, 1, 1).toordinal()
    last = min(date(birth.year, 12, 31), ctx.today).toordinal()
    if last - first >= 1:
        other = p.integer(first, last - 1)
        if other >= birth.toordinal():
            other += 1
        c["dateOfBirth"] = date.fromordinal(other).isoformat()
        return "dateOfBirth is another day of the birth year than the date in the ssn"
    new = birth.replace(year=birth.year - 1, day=min(birth.day, 28))
    c["dateOfBirth"] = new.isoformat()
    if c.get("yearOfBirth") is not None:
        c["yearOfBirth"] = new.year
    return "dateOfBirth (and yearOfBirth) are a year before the date in the ssn"


@_mutation(ssn.DOB_MISMATCH, needs={"ssn", "yearOfBirth"}, ssn_kinds=("fnr",), identity="consumer")
def _yob_other_year(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    c.pop("dateOfBirth", None)
    year = c["yearOfBirth"]
    c["yearOfBirth"] = year - p.integer(1, 30) if year > 1930 else year + p.integer(1, 30)
    return "yearOfBirth (without dateOfBirth) is not the birth year in the ssn"


@_mutation(ssn.COUNTRY, needs={"ssn"}, identity="consumer")
def _ssn_foreign_country(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    country = p.choice(("SE", "DK", "FI", "DE", "PL", "GB", "US"))
    c["ssnCountry"] = country
    return f"ssnCountry is {country} while ssn is a valid Norwegian number"


@_mutation(identifiers.COMPACTED, needs={"ssn"}, identity="consumer")
def _ssn_spaced(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["ssn"]
    c["ssn"] = f"{value[:6]} {value[6:]}" if p.chance(0.5) else f"{value[:6]}-{value[6:]}"
    return "ssn is written with a separator (DDMMYY IIIKK)"


# ------------------------------------------------------------------------------------ dates


@_mutation(dates.YEAR_MISMATCH, needs={"dateOfBirth", "yearOfBirth"}, identity="consumer")
def _yob_disagrees(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    year = date.fromisoformat(c["dateOfBirth"]).year
    c["yearOfBirth"] = year - p.integer(1, 40)
    return "yearOfBirth is not the year of dateOfBirth"


#: Date-relative faults are put this far ahead: a fault must stay a fault on any day.
_FAR_FUTURE = date(3000, 1, 1)


@_mutation(dates.DOB_RANGE, needs={"dateOfBirth"}, identity="consumer")
def _dob_future(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    for key in ("ssn", "ssnCountry", "yearOfBirth"):
        c.pop(key, None)
    # Far in the future (year 3000 or later), so that the fault holds whatever day the payload
    # is validated on, not just before the strategy's `today` catches up with it.
    c["dateOfBirth"] = (_FAR_FUTURE + timedelta(days=p.integer(0, 3650))).isoformat()
    return "dateOfBirth is far in the future"


@_mutation(dates.DOB_RANGE, needs={"dateOfBirth"}, identity="consumer")
def _dob_too_old(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    for key in ("ssn", "ssnCountry", "yearOfBirth"):
        c.pop(key, None)
    day = date(1853, 12, 31) - timedelta(days=p.integer(0, 60000))
    c["dateOfBirth"] = day.isoformat()
    return "dateOfBirth is before 1854"


@_mutation(dates.DOB_RANGE, needs={"yearOfBirth"}, identity="consumer")
def _yob_future(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    for key in ("ssn", "ssnCountry", "dateOfBirth"):
        c.pop(key, None)
    c["yearOfBirth"] = _FAR_FUTURE.year + p.integer(0, 100)
    return "yearOfBirth is far in the future"


_BAD_DATES = (
    "{d:%d.%m.%Y}",
    "{d:%Y%m%d}",
    "{d:%Y-%m-%d}T00:00:00",
    "{d:%Y/%m/%d}",
    "{d.year}-{d.month}-{d.day}x",
    "{d.year}-02-30",
    "{d.year}-13-01",
    "{d.year}-04-31",
    " {d:%Y-%m-%d}",
    "0000-01-01",
)


@_mutation(dates.DATE_FORMAT)
def _stop_date_format(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    present = _present(c, ("stopReminderUntil", "stopDebtCollectionUntil", "stopInterestCalcUntil"))
    key = (
        p.choice(present)
        if present
        else p.choice(("stopReminderUntil", "stopDebtCollectionUntil", "stopInterestCalcUntil"))
    )
    day = ctx.today + timedelta(days=p.integer(1, 700))
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    c[key] = p.choice(_BAD_DATES).format(d=day)
    return f"{key} is not a YYYY-MM-DD date that exists"


@_mutation(dates.DATE_FORMAT, needs={"dateOfBirth"}, identity="consumer")
def _dob_format(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    birth = date.fromisoformat(c["dateOfBirth"])
    c.pop("ssn", None)
    c.pop("ssnCountry", None)
    c.pop("yearOfBirth", None)
    c["dateOfBirth"] = p.choice(_BAD_DATES[:5]).format(d=birth)
    return "dateOfBirth is not written YYYY-MM-DD"


@_mutation(dates.STOP_PAST)
def _stop_in_past(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    key = p.choice(("stopReminderUntil", "stopDebtCollectionUntil", "stopInterestCalcUntil"))
    c[key] = (ctx.today - timedelta(days=p.integer(1, 1000))).isoformat()
    return f"{key} is in the past"


@_mutation(dates.MEMO_WITHOUT_DATE, operations=("create",))
def _memo_without_date(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    until, memo = p.choice(
        (
            ("stopReminderUntil", "stopReminderMemo"),
            ("stopDebtCollectionUntil", "stopDebtCollectionMemo"),
            ("stopInterestCalcUntil", "stopInterestCalcMemo"),
        )
    )
    c.pop(until, None)
    c[memo] = p.choice(_data.MEMOS)
    return f"{memo} is given without {until}"


# ------------------------------------------------------------------ orgnr, account, peppol


@_mutation(orgnr.FORMAT, needs={"organizationNo"}, identity="organisation")
def _orgnr_length(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["organizationNo"]
    if p.chance(0.5):
        c["organizationNo"] = value[:-1]
        return "organizationNo has 8 digits"
    c["organizationNo"] = value + str(p.integer(0, 9))
    return "organizationNo has 10 digits"


@_mutation(orgnr.CHECKSUM, needs={"organizationNo"}, identity="organisation")
def _orgnr_check_digit(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["organizationNo"]
    c["organizationNo"] = value[:-1] + _other_digit(p, value[-1])
    return "organizationNo has a wrong check digit"


@_mutation(identifiers.PEPPOL_ORGNR)
def _peppol_bad(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    good = _gen.gen_orgnr(p)
    bad = good[:-1] + _other_digit(p, good[-1])
    ids = [i for i in (c.get("peppolBlockIds") or []) if isinstance(i, str)]
    ids.insert(p.integer(0, len(ids)), bad)
    c["peppolBlockIds"] = ids
    return "peppolBlockIds holds an organisation number with a wrong check digit"


@_mutation(kontonr.FORMAT, needs={"bankAccountNo"})
def _account_12_digits(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    c["bankAccountNo"] += str(p.integer(0, 9))
    return "bankAccountNo has 12 digits (an extra digit after a valid account number)"


@_mutation(kontonr.FORMAT, needs={"bankAccountNo"})
def _account_10_digits(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    c["bankAccountNo"] = c["bankAccountNo"][:-1]
    return "bankAccountNo has 10 digits (the check digit missing)"


@_mutation(kontonr.CHECKSUM, needs={"bankAccountNo"})
def _account_check_digit(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = c["bankAccountNo"]
    right = int(value[-1])
    start = p.integer(1, 9)
    for step in range(9):  # one of the nine other digits at most makes a fødselsnummer
        wrong = f"{value[:-1]}{(right + (start + step - 1) % 9 + 1) % 10}"
        if not _gen.looks_like_fodselsnummer(wrong):
            break
    c["bankAccountNo"] = wrong
    return "bankAccountNo has a wrong check digit"


@_mutation(identifiers.ACCOUNT_IBAN, needs={"bankAccountNo"})
def _account_as_iban(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    bban = c["bankAccountNo"]
    check = 98 - int(bban + "232400") % 97  # N=23, O=24, then "00"
    c["bankAccountNo"] = f"NO{check:02d}{bban}"
    return "bankAccountNo is written as an IBAN"


# ------------------------------------------------------------------------ e-mail, phone

_BAD_EMAILS = (
    ("{local}{domain}", "has no @"),
    ("{local}@@{domain}", "has two @"),
    ("{local}@", "has nothing after the @"),
    ("@{domain}", "has nothing before the @"),
    ("{local}@localhost", "has no dot in the domain"),
    ("{local}..x@{domain}", "has two dots in a row"),
    (".{local}@{domain}", "starts with a dot"),
    ("{local}@{domain_}_x.no", "has an underscore in the domain"),
    ("{local}@-{domain}", "has a domain starting with a hyphen"),
    ("{local}(x)@{domain}", "has brackets in the local part"),
    ("", "is empty"),
)


@_mutation(contact.EMAIL_INVALID)
def _email_invalid(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    key = p.choice(("emailAddressDocument", "secondaryEmailAddress"))
    addresses = [a for a in (c.get(key) or []) if isinstance(a, str)]
    good = _gen.gen_email(p, first=p.choice(_data.FEMALE_NAMES), last=p.choice(_data.SURNAMES))
    local, domain = good.split("@")
    template, what = p.choice(_BAD_EMAILS)
    bad = template.format(local=local, domain=domain, domain_=domain.split(".")[0])
    index = p.integer(0, len(addresses))
    addresses.insert(index, bad)
    c[key] = addresses
    return f"{key}[{index}] {what}"


@_mutation(contact.EMAIL_SANITIZED)
def _email_needs_sanitizing(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    good = _gen.gen_email(p, first=p.choice(_data.MALE_NAMES), last=p.choice(_data.SURNAMES))
    local, domain = good.split("@")
    form = p.integer(0, 3)
    if form == 0:
        bad, what = f"{local}@ {domain}", "a space after the @"
    elif form == 1:
        bad, what = f"{local}@{domain.upper()}", "an upper-case domain"
    elif form == 2:
        bad, what = f"mailto:{good}", "a mailto: prefix"
    else:
        bad, what = f"{good}.", "a trailing dot"
    c["emailAddressDocument"] = [
        bad,
        *[a for a in c.get("emailAddressDocument") or [] if a != good],
    ]
    return f"emailAddressDocument[0] has {what} (the server sanitizes it)"


@_mutation(contact.PHONE_INVALID)
def _phone_invalid(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    key = p.choice(("phoneNo", "secondaryPhoneNo"))
    address = c.get("postalAddress")
    if isinstance(address, dict) and address.get("countryCode") not in (None, "", "NO"):
        address["countryCode"] = "NO"
        address["countryText"] = "Norway"
        address["postalCode"], address["cityName"] = "0150", "OSLO"
    form = p.integer(0, 2)
    if form == 0:
        c[key], what = f"{p.choice('49')}{p.integer(0, 99_999_999):08d}", "9 digits"
    elif form == 1:
        c[key], what = f"{p.integer(1000, 9999)}", "4 digits"
    else:
        c[key], what = f"1{p.integer(0, 9_999_999):07d}", "8 digits starting with 1"
    return f"{key} is no valid Norwegian number ({what})"


# ------------------------------------------------------------------------------ codes


@_mutation(codes.CURRENCY_UNKNOWN)
def _currency_unknown(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    value = p.choice(("NKR", "N0K", "EURO", "KR", "KRONER", "US$", "XYZ"))
    _c(payload)["currency"] = value
    return f"currency {value!r} is no ISO 4217 code"


@_mutation(codes.LANGUAGE_UNKNOWN)
def _language_unknown(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    value = p.choice(("nor", "norsk", "xx", "n0", "english", "zz", "no-NO"))
    _c(payload)["language"] = value
    return f"language {value!r} is no ISO 639-1 code"


@_mutation(codes.COUNTRY_UNKNOWN, needs={"postalAddress"})
def _country_unknown(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    address = c["postalAddress"]
    value = p.choice(("NOR", "XX", "UK", "Norge", "N0", "EU"))
    address["countryCode"] = value
    return f"postalAddress.countryCode {value!r} is no ISO 3166-1 alpha-2 code"


@_mutation(codes.COUNTRY_TEXT, needs={"postalAddress"})
def _country_text(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    address = _norwegian_address(p, ctx, c)
    address["countryCode"] = "NO"
    address["countryText"] = p.choice(("Sverige", "Sweden", "Danmark", "Germany", "Finland"))
    return f"countryText {address['countryText']!r} names another country than NO"


@_mutation(codes.CODE_UNKNOWN)
def _code_unknown(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    key = p.choice(("priceNetOrGross", "activeStatusWeb", "options"))
    value = p.choice(("X", "Unknown", "NoSuchCode", "Z9"))
    c[key] = [value] if key == "options" else value
    return f"{key} {value!r} is in no code list of the profile"


# ---------------------------------------------------------------------- postal address


@_mutation(postal.FORMAT, needs={"postalAddress"})
def _postcode_format(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    address = _norwegian_address(p, ctx, c)
    code = address.get("postalCode") or "0150"
    form = p.integer(0, 3)
    if form == 0:
        address["postalCode"], what = code[1:], "3 digits (the leading zero lost)"
    elif form == 1:
        address["postalCode"], what = code + str(p.integer(0, 9)), "5 digits"
    elif form == 2:
        address["postalCode"], what = "O" + code[1:], "a letter O instead of a zero"
    else:
        address["postalCode"], what = f"NO-{code}", "a country prefix"
    return f"postalAddress.postalCode has {what}"


@_mutation(postal.UNKNOWN, needs={"postalAddress"})
def _postcode_unknown(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    address = _norwegian_address(p, ctx, c)
    known = {code for code, _, _ in _gen.postal_places()}
    code = p.integer(0, 9999)
    while f"{code:04d}" in known or not _unregistered(f"{code:04d}"):
        code = (code + 1) % 10000
    address["postalCode"] = f"{code:04d}"
    address.pop("cityName", None)
    if ctx.operation == "update":
        address["cityName"] = ""
    return f"postalAddress.postalCode {code:04d} is not in Bring's register"


def _unregistered(code: str) -> bool:
    from armvalidate import postcodes

    return postcodes.lookup(code) is None


@_mutation(postal.CITY_MISMATCH, needs={"postalAddress"})
def _city_mismatch(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    address = _norwegian_address(p, ctx, c)
    places = _gen.postal_places()
    own = str(address.get("cityName", "")).casefold()
    start = p.integer(0, len(places) - 1)
    for step in range(len(places)):  # scan on from a drawn place: no retry loop to shrink
        city = places[(start + step) % len(places)][1]
        if city.casefold() != own and not _same_city(address.get("postalCode"), city):
            break
    address["cityName"] = city
    return f"postalAddress.cityName is not the post town of {address.get('postalCode')}"


def _same_city(code: Any, city: str) -> bool:
    from armvalidate import postcodes

    return bool(isinstance(code, str) and postcodes.city_matches(code, city))


# ---------------------------------------------------------------------- category, update


@_mutation(
    category.IDENTITY, needs={"organizationNo"}, operations=("create",), identity="organisation"
)
def _company_as_consumer(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    _c(payload)["customerCategory"] = "CONS"
    return "customerCategory is CONS (a consumer) but the customer has an organizationNo, no ssn"


@_mutation(update.PARTIAL_ADDRESS, needs={"postalAddress"}, operations=("update",))
def _partial_address(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    address = _norwegian_address(p, ctx, c)
    keep = [k for k in address if p.chance(0.5)] or ["addressLine1"]
    if len(keep) == len(address):
        keep = keep[1:]
    c["postalAddress"] = {k: address[k] for k in keep}
    return (
        f"the update sends postalAddress without {', '.join(k for k in address if k not in keep)}"
    )


# --------------------------------------------------------------------- lengths, numbers

_LONG_KEYS = (
    "name", "informalName", "customerNo", "customerMessage", "sellerReference",
    "buyerReference", "customerGroupCode",
)  # fmt: skip


@_mutation(lengths.MAX)
def _too_long(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    key = p.choice(_LONG_KEYS)
    limit = ctx.cfg.max_len(key, 100)
    base = str(c.get(key) or p.choice(_data.SURNAMES))
    extra = p.integer(1, 20)
    c[key] = (base + " Ødegård" * (limit // 8 + 3))[: limit + extra]
    return f"{key} has {limit + extra} characters; the profile allows {limit}"


@_mutation(numbers.NOT_FINITE, fixture=False)
def _not_finite(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    # NaN, or +Infinity for the amount: a negative infinity (or one above 100 percent) would
    # break number.range too, which is a second finding.
    key, value = p.choice(
        (("limitAmount", math.nan), ("discountRate", math.nan), ("limitAmount", math.inf))
    )
    _c(payload)[key] = value
    return f"{key} is {value} (JSON has no NaN or Infinity)"


@_mutation(numbers.RANGE)
def _negative_number(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    key = p.choice(("dueDays", "limitAmount", "discountRate"))
    if key == "discountRate" and p.chance(0.5):
        c[key] = 100 + p.integer(1, 900) / 4
        return "discountRate is above 100 percent"
    c[key] = -p.integer(1, 1000)
    return f"{key} is negative"


@_mutation(schema.RANGE, fixture=False)
def _integer_out_of_range(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    value = p.choice((2**31, 2**63, 10**20))
    if p.chance(0.5):
        c["dueDays"] = value
        return f"dueDays is {value}, more than a 32-bit integer holds"
    distribution = c.get("distribution")
    c["distribution"] = {**(distribution if isinstance(distribution, dict) else {})}
    c["distribution"]["einvoiceCode"] = value
    return f"einvoiceCode is {value}, more than a 32-bit integer holds"


@_mutation(lengths.MAX_ITEMS, fixture=False)
def _too_many_entries(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    count = p.integer(101, 300)
    _c(payload)["efakturaBlockIds"] = [f"{i:04d}" for i in range(count)]
    return f"efakturaBlockIds has {count} entries"


# ---------------------------------------------------------------------------- schema

_WRONG_TYPES: tuple[tuple[str, Callable[[Any], Any], str], ...] = (
    ("yearOfBirth", lambda v: str(v), "a string"),
    ("dueDays", lambda v: f"{v}", "a string"),
    ("dueDays", lambda v: v + 0.5, "a fraction"),
    ("vatLiable", lambda v: "true" if v else "false", "a string"),
    ("vatLiable", lambda v: int(v), "a number"),
    ("limitAmount", lambda v: f"{v}", "a string"),
    ("customerNo", lambda v: int("".join(ch for ch in v if ch.isdigit()) or "1"), "a number"),
    ("phoneNo", lambda v: int("".join(ch for ch in v if ch.isdigit())), "a number"),
    ("emailAddressDocument", lambda v: v[0], "a string instead of a list"),
    ("emailAddressDocument", lambda v: [*v, None], "a list holding null"),
    ("postalAddress", lambda v: ", ".join(str(x) for x in v.values() if x), "a string"),
    ("distribution", lambda v: [v], "a list"),
    ("name", lambda v: [v], "a list"),
)


@_mutation(schema.TYPE)
def _wrong_type(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    candidates = [t for t in _WRONG_TYPES if c.get(t[0]) is not None and _type_ok(t[0], c)]
    if not candidates:
        c["dueDays"] = "30"
        return "dueDays is a string, not an integer"
    key, change, what = p.choice(candidates)
    c[key] = change(c[key])
    return f"{key} is {what}"


def _type_ok(key: str, c: Mapping[str, Any]) -> bool:
    if key == "emailAddressDocument":
        return bool(c[key])
    if key == "postalAddress":
        return any(c[key].values())
    if key == "phoneNo":
        return any(ch.isdigit() for ch in c[key])
    return True


@_mutation(schema.REQUIRED)
def _missing_customer_no(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    form = p.integer(0, 2)
    if form == 0:
        del c["customerNo"]
        return "customerNo is missing"
    if form == 1:
        c["customerNo"] = None
        return "customerNo is null"
    c["customerNo"] = p.choice(("", " ", "   "))
    return "customerNo is blank"


@_mutation(schema.REQUIRED, operations=("create",))
def _missing_name(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    if p.chance(0.5):
        del c["name"]
        return "name is missing on create"
    c["name"] = p.choice(("", " ", None))
    return "name is empty or null on create"


_MISSPELLINGS = {
    "emailAddressDocument": ("emailAdressDocument", "EmailAddressDocument", "email"),
    "secondaryEmailAddress": ("secondaryEmail", "secondaryEmailAdress"),
    "phoneNo": ("phone", "phoneNumber", "PhoneNo", "phone_no"),
    "informalName": ("informal_name", "informalname"),
    "dateOfBirth": ("dateofBirth", "birthDate", "date_of_birth"),
    "currency": ("Currency", "currencyCode"),
    "language": ("lang", "languageCode"),
    "bankAccountNo": ("bankAccount", "bankAccountNumber", "accountNumber"),
    "customerMessage": ("message", "customerMsg"),
    "dueDays": ("duedays", "due_days"),
    "sellerReference": ("sellerRef", "sellersReference"),
}


@_mutation(schema.UNKNOWN_FIELD)
def _misspelled_key(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    present = [k for k in _MISSPELLINGS if k in c]
    if present and p.chance(0.8):
        key = p.choice(present)
        wrong = p.choice(_MISSPELLINGS[key])
        c[wrong] = c.pop(key)
        return f"the key {key} is misspelled {wrong}"
    where = p.integer(0, 2)
    if where == 0 or not isinstance(c.get("postalAddress"), dict):
        wrong = p.choice(("comment", "note", "email2", "mobile", "customerType"))
        c[wrong] = p.choice(("x", "Ring før levering"))
        return f"the customer has an unknown key {wrong}"
    if where == 1:
        wrong = p.choice(("zipCode", "postcode", "city", "country", "addressLine4"))
        c["postalAddress"][wrong] = "x"
        return f"postalAddress has an unknown key {wrong}"
    meta = payload.setdefault("metadata", {})
    if not isinstance(meta, dict):
        payload["metadata"] = meta = {}
    wrong = p.choice(("user", "userID", "user_id", "timestamp"))
    meta[wrong] = "TestUser"
    return f"metadata has an unknown key {wrong}"


@_mutation(schema.UNKNOWN_FIELD, also=(schema.REQUIRED,), operations=("create",))
def _misspelled_name(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    c = _c(payload)
    wrong = p.choice(("Name", "nmae", "fullName", "customerName"))
    c[wrong] = c.pop("name")
    return f"the required key name is misspelled {wrong}"


_READ_ONLY = (
    ("clientNo", 2218),
    ("accountNo", 500002),
    ("organizationNoScheme", "0192"),
    ("registrationStatusCode", "FICTITIOUS"),
    ("postalReturnStatus", "RETURNED"),
)


@_mutation(schema.READ_ONLY)
def _read_only_key(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    key, value = p.choice(_READ_ONLY)
    _c(payload)[key] = value
    return f"the customer sends the read-only key {key} (a GET answer fed back)"


@_mutation(schema.JSON, fixture=False)
def _not_json(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> tuple[str, Any]:
    text = json.dumps(payload, ensure_ascii=False)
    form = p.integer(0, 3)
    if form == 0:
        cut = p.integer(1, len(text) - 1)
        return "the JSON text is cut off", text[:cut]
    if form == 1:
        return "the JSON text has a trailing comma", text[:-1] + ",}"
    if form == 2:
        return "the payload is a JSON array, not an object", [payload]
    return "the payload is JSON text with single quotes", text.replace('"', "'")


@_mutation(limits.TOO_LARGE, fixture=False)
def _too_large(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> tuple[str, Any]:
    text = json.dumps(payload, ensure_ascii=False)
    size = (1 << 20) + p.integer(1, 1000)
    return "the JSON text is larger than 1 MiB", text + " " * (size - len(text.encode()))


@_mutation(limits.TOO_DEEP, fixture=False)
def _too_deep(payload: dict[str, Any], p: Picker, ctx: MutationContext) -> str:
    depth = 33 + p.integer(0, 20)
    nested: Any = "x"
    for _ in range(depth):
        nested = [nested]
    _c(payload)["options"] = nested
    return f"options nests {depth} arrays"


@_mutation(batch.DUPLICATE_CUSTOMER_NO, batch=True)
def _duplicate_customer_no(
    payload: dict[str, Any], p: Picker, ctx: MutationContext
) -> tuple[str, Any]:
    first = _c(payload)
    others = [build_payload(p, ctx.cfg, identity=None)["customer"] for _ in range(p.integer(1, 3))]
    customers = [first, *others]
    limit = ctx.cfg.max_len("customerNo", 50)
    seen = {str(first["customerNo"]).strip().casefold()}
    for i, other in enumerate(others, 1):
        while str(other["customerNo"]).strip().casefold() in seen:
            suffix = f"-{i}"
            other["customerNo"] = f"{str(other['customerNo'])[: limit - len(suffix)]}{suffix}"
            i += len(customers)
        seen.add(str(other["customerNo"]).strip().casefold())
    twin = copy.deepcopy(customers[p.integer(0, len(customers) - 1)])
    number = str(twin["customerNo"])
    padded = f" {number} " if len(number) + 2 <= limit else number
    twin["customerNo"] = p.choice((number, number.lower(), padded))
    at = len(customers)
    customers.append(twin)
    body = {"metadata": payload.get("metadata") or {"userId": "TestUser"}, "customers": customers}
    return f"customers[{at}] repeats an earlier customerNo", body


# ------------------------------------------------------------------------- the examples


_REPR_LIMIT = 300


@dataclass(frozen=True, repr=False)
class InvalidPayload:
    """A labelled invalid payload: one fault, the rules it triggers, and what it is.

    ``payload`` is usually a request body dict (JSON text, a list or a batch body for the
    faults that need one: see ``batch``); ``expected_rules`` are the rule ids the validator
    reports for it (all of them, and only them); ``rule`` is the rule the mutation was made for.
    """

    payload: Any
    expected_rules: frozenset[str]
    description: str
    rule: str
    mutation: str
    operation: str = "create"
    today: date = _DEFAULT_TODAY
    batch: bool = False

    def __repr__(self) -> str:
        # Short, whatever the payload (an input.too-large payload is over 1 MiB of text).
        payload = repr(self.payload)
        if len(payload) > _REPR_LIMIT:
            payload = f"{payload[:_REPR_LIMIT]}... ({len(payload):,} characters)"
        return (
            f"InvalidPayload(rule={self.rule!r}, expected_rules={sorted(self.expected_rules)!r}, "
            f"description={self.description!r}, operation={self.operation!r}, "
            f"payload={payload})"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis' pretty printer (falsifying examples) would print every field in full.
        printer.text(repr(self))

    def validate(self, *, profile: Any = "test") -> Report:
        """Validate the payload as the strategy did (``validate_batch`` for a batch body)."""
        import armvalidate.validate as v

        if self.batch:
            return v.validate_batch(
                self.payload, operation=self.operation, profile=profile, today=self.today
            )
        return v.validate_customer(
            self.payload, operation=self.operation, profile=profile, today=self.today
        )


def apply_mutation(
    p: Picker, mutation: Mutation, ctx: MutationContext, base: dict[str, Any] | None = None
) -> InvalidPayload:
    """Draw a valid base payload fit for ``mutation`` (or use a deep copy of ``base``), apply
    the mutation, and label the result. No validation here: :func:`check` does that."""
    if base is None:
        payload = build_payload(
            p,
            ctx.cfg,
            require=mutation.needs,
            identity=mutation.identity,
            ssn_kinds=mutation.ssn_kinds,
        )
    else:
        payload = copy.deepcopy(base)
    result = mutation.apply(payload, p, ctx)
    if isinstance(result, tuple):
        description, payload = result
    else:
        description = result
    return InvalidPayload(
        payload=payload,
        expected_rules=mutation.expected,
        description=description,
        rule=mutation.rule,
        mutation=mutation.name,
        operation=ctx.operation,
        today=ctx.today,
        batch=mutation.batch,
    )


def check(example: InvalidPayload) -> bool:
    """Whether the validator reports exactly ``example.expected_rules`` (all and only)."""
    return example.validate().rules == example.expected_rules


class _NoMutation(ValueError):
    pass


def _select(
    rules: Iterable[str] | None, operation: str, *, fixture_only: bool = False
) -> tuple[Mutation, ...]:
    """The mutations to draw from: for ``rules=None`` those of every error rule (single
    request bodies, synthetic personal numbers only), else every mutation of the named rules
    for ``operation``."""
    from armvalidate import get_rule

    if rules is None:
        return tuple(
            m
            for rule_id in sorted(MUTATIONS)
            if get_rule(rule_id).severity.value == "error"
            for m in MUTATIONS[rule_id]
            if operation in m.operations
            and not m.batch
            and m.synthetic
            and (m.fixture or not fixture_only)
        )
    if isinstance(rules, str):
        raise _NoMutation(f"rules={rules!r} must be a collection of rule ids, not a string")
    chosen: list[Mutation] = []
    for rule_id in dict.fromkeys(rules):
        if rule_id not in MUTATIONS:
            reason = UNREACHABLE.get(
                rule_id, "it is not in the catalog, or is a warning without one"
            )
            raise _NoMutation(f"no mutation is registered for rule {rule_id!r}: {reason}")
        usable = [m for m in MUTATIONS[rule_id] if operation in m.operations]
        if not usable:
            raise _NoMutation(f"rule {rule_id!r} has no mutation for operation={operation!r}")
        chosen.extend(usable)
    return tuple(chosen)


def _by_rule(mutations: Iterable[Mutation]) -> tuple[tuple[str, ...], dict[str, list[Mutation]]]:
    by_rule: dict[str, list[Mutation]] = {}
    for m in mutations:
        by_rule.setdefault(m.rule, []).append(m)
    return tuple(sorted(by_rule)), by_rule


class _FixtureMutator:
    """Invalid payloads for :func:`armvalidate.strategies.fixtures.generate`: a rule, then one of
    its
    mutations, uniformly. Not re-validated (the fixtures must be fast): the test suite proves
    every mutation exact over many seeds, and ``verify=True`` re-validates each one anyway."""

    def __init__(self, operation: str, today: date, cfg: Config, *, verify: bool = False) -> None:
        self.ctx = MutationContext(operation=operation, today=today, cfg=cfg)
        self.rule_ids, self.by_rule = _by_rule(_select(None, operation, fixture_only=True))
        self.verify = verify

    def make(self, p: Picker, overrides: Mapping[str, Any]) -> InvalidPayload:
        for _ in range(20):
            mutation = p.choice(self.by_rule[p.choice(self.rule_ids)])
            base = build_payload(
                p,
                self.ctx.cfg,
                overrides,
                require=mutation.needs,
                identity=mutation.identity,
                ssn_kinds=mutation.ssn_kinds,
            )
            result = mutation.apply(base, p, self.ctx)
            description, payload = result if isinstance(result, tuple) else (result, base)
            example = InvalidPayload(
                payload=payload,
                expected_rules=mutation.expected,
                description=description,
                rule=mutation.rule,
                mutation=mutation.name,
                operation=self.ctx.operation,
                today=self.ctx.today,
            )
            if not self.verify or check(example):
                return example
        raise RuntimeError("no mutation gave its expected rules 20 times in a row")


def invalid_customer_payloads(
    rules: Iterable[str] | None = None,
    operation: str = "create",
    *,
    today: date = _DEFAULT_TODAY,
) -> SearchStrategy[InvalidPayload]:
    """Labelled invalid payloads (:class:`InvalidPayload`), exactly one fault each.

    ``rules=None`` draws faults of every error rule that has a mutation for a single request
    body; pass rule ids to choose (warning rules and ``batch.duplicate-customer-no``, whose
    payload is a batch body, only when named). Each example is made from a valid
    :func:`~armvalidate.strategies.payloads.customer_payloads` body and re-validated with
    ``validate_customer(payload, operation=operation, profile="test", today=today)``: the
    report's rules are exactly ``expected_rules``.

    Note that ``st.sampled_from`` over rules favours the first one when shrinking; to test every
    rule, parametrize over :func:`mutation_rules` and call this with one rule each.

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> missing = invalid_customer_payloads(["schema.required"], "update")
    >>> e = find(missing, lambda e: True, settings=simplest)
    >>> e.payload["customer"], e.description
    ({}, 'customerNo is missing')
    """
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument

    if operation not in ("create", "update"):
        raise InvalidArgument(f"operation={operation!r} must be 'create' or 'update'")
    if type(today) is not date:
        raise InvalidArgument(f"today={today!r} must be a datetime.date")
    problem = today_problem(today)
    if problem is not None:
        raise InvalidArgument(f"today={today}: {problem}")
    try:
        mutations = _select(rules, operation)
    except _NoMutation as exc:
        raise InvalidArgument(str(exc)) from None
    from armvalidate.strategies._draw import DrawPicker
    from armvalidate.strategies.payloads import _config

    ctx = MutationContext(operation=operation, today=today, cfg=_config(operation, today, "test"))
    rule_ids, by_rule = _by_rule(mutations)

    @st.composite
    def _invalid(draw: st.DrawFn) -> InvalidPayload:
        from hypothesis import assume

        p = DrawPicker(draw)
        mutation = p.choice(by_rule[p.choice(rule_ids)])
        example = apply_mutation(p, mutation, ctx)
        assume(check(example))
        return example

    return _invalid()


def examples_of_each_rule(
    rules: Iterable[str] | None = None,
    operation: str = "create",
    *,
    seed: int | str = 0,
    today: date = _DEFAULT_TODAY,
) -> tuple[InvalidPayload, ...]:
    """One labelled invalid payload per rule (seeded, no Hypothesis): the rules of
    :func:`invalid_customer_payloads` with the same ``rules`` and ``operation``, in rule-id order.

    A run of 100 examples of ``invalid_customer_payloads()`` covers only some of the rules
    (Hypothesis favours simple choices and repeats them); use these as explicit examples, or
    :func:`cover_each_rule`, to meet every rule in every run.

    >>> examples = examples_of_each_rule(["ssn.checksum", "email.invalid"])
    >>> [e.rule for e in examples], all(check(e) for e in examples)
    (['email.invalid', 'ssn.checksum'], True)
    """
    from armvalidate.strategies.fixtures import InvalidPayloadFactory

    if rules is None:
        rules = _by_rule(_select(None, operation))[0]
    factory = InvalidPayloadFactory(rules, seed=seed, operation=operation, reference_date=today)
    return tuple(factory() for _ in factory.rules)


def cover_each_rule(
    rules: Iterable[str] | None = None,
    operation: str = "create",
    *,
    seed: int | str = 0,
    today: date = _DEFAULT_TODAY,
) -> Callable[[Any], Any]:
    """A decorator adding ``@hypothesis.example`` for each rule (see
    :func:`examples_of_each_rule`) to a ``@given`` test with one argument, so that every run
    meets every rule at least once, before the drawn examples::

        @given(invalid_customer_payloads())
        @cover_each_rule()
        def test_client_rejects(example): ...
    """
    from hypothesis import example as hypothesis_example

    examples = examples_of_each_rule(rules, operation, seed=seed, today=today)

    def decorate(test: Any) -> Any:
        for item in reversed(examples):
            test = hypothesis_example(item)(test)
        return test

    return decorate
