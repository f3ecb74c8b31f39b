"""The valid-customer builder shared by the Hypothesis strategies and the seeded fixtures.

:func:`build_customer` makes one customer object from a
:class:`~armvalidate.strategies._picker.Picker`;
:func:`build_payload` wraps it in the request body. A built customer is valid under
``validate_customer(..., profile="test", today=<the same today>)``: no errors, and no warnings
either, as long as the validator's ``today`` is the one given here (a later ``today`` can only
add ``stop.past`` warnings, never an error).

No Hypothesis, no Faker, no wall clock: the same picker choices give the same customer.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final

from armvalidate.contract import CUSTOMER_KEYS
from armvalidate.strategies import _data, _gen
from armvalidate.strategies._picker import Picker

__all__ = [
    "ABSENT",
    "CUSTOMER_KEYS",
    "IDENTITY_KEYS",
    "LATEST_TODAY",
    "Config",
    "build_customer",
    "build_payload",
    "config_for",
]


class _Absent:
    """The override that leaves a key out of the customer object."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __reduce__(self) -> str:
        return "ABSENT"


ABSENT: Final = _Absent()
"""Pass as an override (``customers(ssn=ABSENT)``) to leave that key out."""

IDENTITY_KEYS = frozenset({"ssn", "dateOfBirth", "yearOfBirth"})
_STOPS = (
    ("stopReminderUntil", "stopReminderMemo"),
    ("stopDebtCollectionUntil", "stopDebtCollectionMemo"),
    ("stopInterestCalcUntil", "stopInterestCalcMemo"),
)
_FILLER = " Ærlig Øvre Ås bølge"
_FOREIGN_SSN_COUNTRIES = ("SE", "DK", "FI", "DE", "PL")
_PHONE_FORMATS = ("national", "national", "national", "e164", "spaced", "international")
_ABROAD_PHONE_FORMATS = ("e164", "international")


@dataclass(frozen=True)
class Config:
    """What the builder needs to know about the profile and the day."""

    operation: str = "create"
    today: date = date(2025, 1, 1)
    max_lengths: Mapping[str, int] = field(default_factory=dict)
    code_lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    first_names: tuple[str, ...] = _data.MALE_NAMES + _data.FEMALE_NAMES
    surnames: tuple[str, ...] = _data.SURNAMES
    fuzz_text: bool = False  # Hypothesis: draw arbitrary Unicode for free text sometimes

    def max_len(self, key: str, default: int = 100) -> int:
        return self.max_lengths.get(key, default)

    def codes(self, key: str) -> tuple[str, ...]:
        return self.code_lists.get(key, ())


#: The latest "today" the generators support: birth dates run up to today, and the classic
#: century table (whose individual numbers the generated fødselsnumre use) ends with 2039.
LATEST_TODAY = date(2039, 12, 31)
EARLIEST_TODAY = date(1900, 1, 1)


def today_problem(today: date) -> str | None:
    """Why ``today`` cannot be the generators' "today", or None when it can.

    >>> today_problem(date(2045, 6, 1))[:40]
    'the generators support a today from 1900'
    """
    if EARLIEST_TODAY <= today <= LATEST_TODAY:
        return None
    return (
        f"the generators support a today from {EARLIEST_TODAY} to {LATEST_TODAY}, not {today}: "
        "generated fødselsnumre use the classic century table, which ends with births in 2039 "
        "(numbers for later births follow the 2032 rule and are not generated)"
    )


@lru_cache(maxsize=8)
def _profile_tables(profile_name: str) -> tuple[Mapping[str, int], Mapping[str, tuple[str, ...]]]:
    from armvalidate.profile import get_profile

    profile = get_profile(profile_name)
    return dict(profile.max_lengths), {k: tuple(v) for k, v in profile.code_lists.items()}


def config_for(
    *,
    operation: str = "create",
    today: date = date(2025, 1, 1),
    profile: Any = "test",
    fuzz_text: bool = False,
    first_names: Sequence[str] | None = None,
    surnames: Sequence[str] | None = None,
) -> Config:
    """A :class:`Config` with the maximum lengths and code lists of ``profile``."""
    if isinstance(profile, str):
        max_lengths, code_lists = _profile_tables(profile)
    else:
        max_lengths = dict(profile.max_lengths)
        code_lists = {k: tuple(v) for k, v in profile.code_lists.items()}
    return Config(
        operation=operation,
        today=today,
        max_lengths=max_lengths,
        code_lists=code_lists,
        first_names=tuple(first_names) if first_names else Config.first_names,
        surnames=tuple(surnames) if surnames else Config.surnames,
        fuzz_text=fuzz_text,
    )


def _stretch(p: Picker, text: str, limit: int) -> str:
    """Sometimes pad ``text`` to exactly ``limit`` characters (the boundary); never longer."""
    if len(text) < limit and p.chance(0.04):
        text = (text + _FILLER * (limit // len(_FILLER) + 1))[:limit]
        return text.rstrip() + "." * (limit - len(text.rstrip()))
    return text[:limit]


def _free_text(p: Picker, cfg: Config, key: str, table: Sequence[str]) -> str:
    limit = cfg.max_len(key, 1000)
    if cfg.fuzz_text and p.chance(0.3):
        text = p.text(min(limit, 200))
        if text.strip():
            return text
    return _unicode_forms(p, _stretch(p, p.choice(table), limit), limit)


#: Invisible characters clients paste with text: zero-width space, joiner and non-joiner,
#: word joiner, left-to-right and right-to-left marks, and a right-to-left isolate pair.
_INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f")
_COMBINING = ("\u0301", "\u0300", "\u0308", "\u030a", "\u0327")


def _unicode_forms(p: Picker, text: str, limit: int) -> str:
    """Sometimes (each at low probability; shrinks to the text unchanged) the text in NFD
    (decomposed: "å" as "a" + U+030A), with a combining mark, a zero-width or bidi character,
    or a right-to-left isolate: what copied text brings along. Never longer than ``limit``."""
    if p.chance(0.04):
        decomposed = unicodedata.normalize("NFD", text)
        if len(decomposed) <= limit:
            text = decomposed
    if p.chance(0.03) and len(text) < limit:
        at = p.integer(1, len(text))
        text = text[:at] + p.choice(_COMBINING) + text[at:]
    if p.chance(0.03) and len(text) < limit:
        at = p.integer(1, len(text))
        text = text[:at] + p.choice(_INVISIBLES) + text[at:]
    if p.chance(0.02) and len(text) + 2 <= limit:
        text = "\u2067" + text + "\u2069"
    return text


@lru_cache(maxsize=16)
def _leap_days(today: date) -> tuple[date, ...]:
    return tuple(
        date(year, 2, 29)
        for year in range(1904, today.year + 1, 4)
        if calendar.isleap(year) and date(year, 2, 29) <= today
    )


def _birth_date(p: Picker, today: date) -> date:
    """A birth date from 1900 to today, often on a boundary (29 February, today, 1 January);
    mostly an adult's (18 to 100 years old)."""
    kind = p.integer(0, 9)
    if kind == 7:
        return p.choice(_leap_days(today))
    if kind == 8:
        return today
    if kind == 9:
        return date(p.integer(1900, today.year), 1, 1)
    lo = date(max(1900, today.year - 100), 1, 1)
    hi = max(lo, today - timedelta(days=18 * 365))
    return date.fromordinal(p.integer(lo.toordinal(), hi.toordinal()))


def _stop_date(p: Picker, today: date) -> str:
    """A stop date from today to three years on (today itself is not "in the past")."""
    if p.chance(0.15):
        return today.isoformat()
    return (today + timedelta(days=p.integer(1, 3 * 365))).isoformat()


def _customer_no(p: Picker) -> str:
    form = p.integer(0, 3)
    if form == 0:
        return str(p.integer(1, 99_999_999))
    if form == 1:
        return f"K-{p.integer(1, 999_999):06d}"
    if form == 2:
        return f"{p.integer(10, 99)}{p.integer(0, 99_999):05d}"
    return f"ERP{p.integer(1, 9_999_999)}"


def _company_name(p: Picker, cfg: Config) -> str:
    form = p.integer(0, 3)
    suffix = p.choice(_data.COMPANY_FORMS)
    if form == 0:
        name = f"{p.choice(_data.COMPANY_WORDS)} {p.choice(_data.COMPANY_TRADES)} {suffix}"
    elif form == 1:
        name = f"{p.choice(cfg.surnames)} {p.choice(_data.COMPANY_TRADES)} {suffix}"
    elif form == 2:
        name = f"{p.choice(cfg.surnames)} & {p.choice(cfg.surnames)} {suffix}"
    else:
        name = f"{p.choice(_data.COMPANY_TRADES)} {p.choice(_data.COMPANY_WORDS)} {suffix}"
    return name


def _digipost_id(p: Picker, first: str, last: str) -> str:
    code = "".join(p.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(3))
    return f"{_gen.ascii_fold(first).lower()}.{_gen.ascii_fold(last).lower()}#{code}"


def _rarer_email(p: Picker, address: str) -> str:
    """Sometimes (low probability, shrinks to the address unchanged) a plus-addressed local
    part (``ola+faktura@``) or an internationalised domain in its ASCII (``xn--``) form, both
    of which email-validator accepts unchanged."""
    local, _, domain = address.rpartition("@")
    if p.chance(0.03):
        local = f"{local}+{p.choice(_PLUS_TAGS)}"
    if p.chance(0.03):
        import idna

        domain = f"{idna.encode(p.choice(_gen.IDN_LABELS)).decode('ascii')}.{domain}"
    return f"{local}@{domain}"


_PLUS_TAGS = ("faktura", "arm", "test", "2025")


def _email_list(
    p: Picker, cfg: Config, first: str, last: str, organisation: bool, most: int
) -> list[str]:
    limit = cfg.max_len("emailAddressDocument", 254)
    count = 1 if not p.chance(0.35) else p.integer(2, most)
    out: list[str] = []
    for _ in range(count):
        address = _gen.gen_email(
            p,
            first=first,
            last=last,
            organisation=organisation,
            unicode_local=p.chance(0.03),  # æøå kept in the local part (SMTPUTF8)
        )
        address = _rarer_email(p, address)
        if len(address) <= limit and address not in out:
            out.append(address)
    return out or [f"post@{_data.EMAIL_DOMAINS[0]}"]


def _ssn(
    p: Picker,
    c: dict[str, Any],
    cfg: Config,
    wanted: Any,
    ssn_kinds: Sequence[str] | None,
) -> date | None:
    """Put a synthetic fødselsnummer-family number into ``c``; return its birth date."""
    kinds = ssn_kinds or ("fnr", "fnr", "fnr", "dnr")
    birth: date | None = _birth_date(p, cfg.today)
    kind = p.choice(kinds)
    if kind == "fhnr":
        c["ssn"] = _gen.gen_ssn(p, kinds=("fhnr",), min_ord=0, max_ord=0)
        birth = None
    else:
        assert birth is not None
        synthetic = None if kind == "hnr" else "tenor"
        # Rarer forms, each at low probability (a chance shrinks to False, so the simplest
        # payload keeps the plain Test-Norge number): NHN SyntPop numbers (month + 65), and
        # check digits of the rule for numbers issued from 2032. Never NAV Dolly's month + 40:
        # it is also the form of an H-number, which a real patient may have; ask for those
        # with ssns(kinds=("hnr",), synthetic=None).
        if synthetic is not None and p.chance(0.05):
            synthetic = "syntpop"
        new_rule = p.integer(1, 3) if p.chance(0.05) else 0
        c["ssn"] = _gen.gen_ssn_for_date(
            p, birth, kind=kind, synthetic=synthetic, new_rule=new_rule
        )
    if wanted("ssnCountry", 0.3):
        c["ssnCountry"] = "NO"
    return birth


def build_customer(
    p: Picker,
    cfg: Config,
    overrides: Mapping[str, Any] | None = None,
    *,
    require: Collection[str] = (),
    identity: str | None = None,
    ssn_kinds: Sequence[str] | None = None,
) -> dict[str, Any]:
    """One valid customer object.

    ``overrides`` replace generated values (a Hypothesis strategy is drawn from through the
    picker; :data:`ABSENT` leaves the key out). Overriding one of ``ssn``, ``dateOfBirth``,
    ``yearOfBirth`` leaves out those of the three that are not overridden too (so that they
    cannot disagree). ``require``: keys that must be present and not null. ``identity``:
    ``"consumer"`` or ``"organisation"`` (else drawn). ``ssn_kinds``: the ssn kinds to draw
    (default: fødselsnummer or D-number).
    """
    overrides = overrides or {}
    update = cfg.operation == "update"
    today = cfg.today
    required = set(require)
    required.add("customerNo")
    if not update:
        required.add("name")

    # How full the object is: 0 minimal (required keys only: the fewest choices, so this is
    # where Hypothesis shrinks to), 1-7 mixed (each optional key by chance), 8-9 everything
    # present; update also 10: everything present, and every optional key null.
    density = p.integer(0, 10 if update else 9)
    everything = density >= 8
    minimal = density == 0

    coin = p.chance

    def wanted(key: str, chance: float = 0.5) -> bool:
        if everything or key in required:
            return True
        if minimal:
            return False
        return coin(chance)

    organisation = p.chance(0.3) if identity is None else identity == "organisation"

    c: dict[str, Any] = {}
    c["customerNo"] = _customer_no(p)
    if p.chance(0.03):  # at the profile's maximum length (the boundary)
        limit = cfg.max_len("customerNo", 50)
        c["customerNo"] = (c["customerNo"] + "-" + "9" * limit)[:limit]
    if organisation:
        name = _company_name(p, cfg)
        first, last = p.choice(cfg.first_names), p.choice(cfg.surnames)
    else:
        name, first, last = _gen.gen_person_name(p, cfg.first_names, cfg.surnames)
    if wanted("name", 0.9):
        c["name"] = _stretch(p, name, cfg.max_len("name"))
    if wanted("informalName", 0.3):
        c["informalName"] = name.split(" ")[0] if organisation else first
    abroad = False
    if wanted("postalAddress", 0.8):
        address = _gen.gen_postal_address(p, foreign=0.05)
        # Phone numbers are read in the address's country: abroad, write +47.
        abroad = address["countryCode"] != "NO"
        if not update:
            # On create, empty lines are left out; other keys sometimes too.
            address = {k: v for k, v in address.items() if v != ""}
            if address["countryCode"] == "NO" and not everything and p.chance(0.2):
                del address["countryCode"]
                address.pop("countryText", None)
            elif not everything and p.chance(0.2):
                address.pop("countryText", None)
        limit = cfg.max_len("postalAddress.addressLine1")
        address["addressLine1"] = _stretch(p, address["addressLine1"], limit)
        c["postalAddress"] = address
    if organisation:
        business = [code for code in cfg.codes("customerCategory") if code != "CONS"]
        if business and wanted("customerCategory", 0.6):
            c["customerCategory"] = p.choice(business)
    elif "CONS" in cfg.codes("customerCategory") and wanted("customerCategory", 0.7):
        c["customerCategory"] = "CONS"
    if wanted("emailAddressDocument", 0.7):
        c["emailAddressDocument"] = _email_list(p, cfg, first, last, organisation, 3)
    if wanted("secondaryEmailAddress", 0.2):
        c["secondaryEmailAddress"] = _email_list(p, cfg, first, last, organisation, 2)
    formats = _ABROAD_PHONE_FORMATS if abroad else _PHONE_FORMATS
    if wanted("phoneNo", 0.7):
        c["phoneNo"] = _gen.gen_phone(p, formats=formats)
    if wanted("secondaryPhoneNo", 0.2):
        c["secondaryPhoneNo"] = _gen.gen_phone(p, formats=formats)
    if organisation:
        if wanted("organizationNo", 0.9):
            c["organizationNo"] = _gen.gen_orgnr(p, synthetic=p.chance(0.2))
    else:
        birth: date | None = None
        foreign_ok = not update and ssn_kinds is None and "ssn" not in required
        if wanted("ssn", 0.7):
            if foreign_ok and p.chance(0.03):
                # A foreign national id (ssnCountry other than NO), in the Swedish form
                # YYMMDD-NNNN with the month + 80, a month no country issues: nobody's.
                c["ssnCountry"] = p.choice(_FOREIGN_SSN_COUNTRIES)
                birth = _birth_date(p, today)
                c["ssn"] = (
                    f"{birth.year % 100:02d}{birth.month + 80:02d}{birth.day:02d}-"
                    f"{p.integer(0, 9999):04d}"
                )
            else:
                birth = _ssn(p, c, cfg, wanted, ssn_kinds)
        elif wanted("dateOfBirth", 0.3) or wanted("yearOfBirth", 0.1):
            birth = _birth_date(p, today)
        if birth is not None:
            if wanted("dateOfBirth", 0.6):
                c["dateOfBirth"] = birth.isoformat()
            if wanted("yearOfBirth", 0.4):
                c["yearOfBirth"] = birth.year
    if wanted("customerGroupCode", 0.3):
        c["customerGroupCode"] = p.choice(_data.CUSTOMER_GROUP_CODES)
    if cfg.codes("priceNetOrGross") and wanted("priceNetOrGross", 0.4):
        c["priceNetOrGross"] = p.choice(cfg.codes("priceNetOrGross"))
    if wanted("language", 0.5):
        c["language"] = p.choice(_data.LANGUAGES)
    if wanted("currency", 0.5):
        c["currency"] = p.choice(_data.CURRENCIES)
    if wanted("distribution", 0.4):
        distribution: dict[str, Any] = {}
        if cfg.codes("distribution.type") and (everything or p.chance(0.8)):
            distribution["type"] = p.choice(cfg.codes("distribution.type"))
        if everything or p.chance(0.6):
            distribution["einvoiceCode"] = p.choice((0, 90))
        c["distribution"] = distribution
    if wanted("sellerReference", 0.3):
        c["sellerReference"] = _stretch(
            p, p.choice(_data.REFERENCES), cfg.max_len("sellerReference")
        )
    if wanted("buyerReference", 0.3):
        c["buyerReference"] = _stretch(p, p.choice(_data.REFERENCES), cfg.max_len("buyerReference"))
    if wanted("bankAccountNo", 0.3):
        c["bankAccountNo"] = _gen.gen_account(p)
    for until, memo in _STOPS:
        if wanted(until, 0.15):
            c[until] = _stop_date(p, today)
            if wanted(memo, 0.7):
                c[memo] = _free_text(p, cfg, memo, _data.MEMOS)
    if wanted("efakturaBlockIds", 0.1):
        c["efakturaBlockIds"] = [
            str(p.integer(10_000_000, 99_999_999)) for _ in range(p.integer(1, 3))
        ]
    if wanted("peppolBlockIds", 0.1):
        c["peppolBlockIds"] = [_gen.gen_orgnr(p) for _ in range(p.integer(1, 3))]
    if wanted("digipostBlockIds", 0.1):
        c["digipostBlockIds"] = [
            _digipost_id(p, p.choice(cfg.first_names), p.choice(cfg.surnames))
            for _ in range(p.integer(1, 2))
        ]
    if wanted("dueDays", 0.4):
        c["dueDays"] = p.choice((14, 10, 15, 20, 30, 45, 60, 0, 7, 17, 90))
    if wanted("vatLiable", 0.3):
        c["vatLiable"] = organisation or p.chance(0.1)
    if wanted("limitAmount", 0.2):
        amount = p.integer(0, 500_000)
        c["limitAmount"] = amount * 100 if p.chance(0.6) else amount / 4
    if wanted("discountRate", 0.2):
        c["discountRate"] = p.integer(0, 400) / 8
    if cfg.codes("activeStatusWeb") and wanted("activeStatusWeb", 0.3):
        c["activeStatusWeb"] = p.choice(cfg.codes("activeStatusWeb"))
    if wanted("customerMessage", 0.3):
        c["customerMessage"] = _free_text(p, cfg, "customerMessage", _data.FREE_TEXTS)
    if cfg.codes("options") and wanted("options", 0.2):
        options = cfg.codes("options")
        c["options"] = [options[i] for i in range(len(options)) if i == 0 or p.chance(0.5)]

    if update and density != 8:
        # PUT: null means "leave unchanged"; any optional key may be null.
        for key in list(c):
            if key not in required and (density == 10 or p.chance(0.1)):
                c[key] = None
        if density == 10:
            for key in CUSTOMER_KEYS:
                if key not in c and key not in required:
                    c[key] = None

    if not overrides:
        return c  # built in the order of CUSTOMER_KEYS
    if IDENTITY_KEYS & overrides.keys():
        for key in IDENTITY_KEYS - overrides.keys():
            c.pop(key, None)
        if "ssnCountry" not in overrides and c.get("ssnCountry") not in (None, "NO"):
            c.pop("ssnCountry")  # a foreign country belongs to the drawn foreign ssn only
    in_order = True
    for key, value in overrides.items():
        value = p.resolve(value)
        if value is ABSENT:
            c.pop(key, None)
        else:
            in_order = in_order and key in c
            c[key] = value
    if in_order:  # only existing keys replaced: still in the order of CUSTOMER_KEYS
        return c
    ordered = {key: c[key] for key in CUSTOMER_KEYS if key in c}
    if len(ordered) != len(c):
        ordered.update((key, value) for key, value in c.items() if key not in ordered)
    return ordered


def build_payload(
    p: Picker,
    cfg: Config,
    overrides: Mapping[str, Any] | None = None,
    *,
    metadata: Any = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """The request body ``{"metadata": {"userId": ...}, "customer": {...}}``."""
    if metadata is None:
        meta: Any = {"userId": p.choice(_data.USER_IDS)}
    else:
        meta = p.resolve(metadata)
    customer = build_customer(p, cfg, overrides, **kwargs)
    if meta is ABSENT:
        return {"customer": customer}
    return {"metadata": meta, "customer": customer}
