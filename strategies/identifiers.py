"""Hypothesis strategies for Norwegian identifiers and contact data.

Every strategy computes its own check digits (independently of ``armvalidate.no``), checks its
keyword arguments when it is called (``hypothesis.errors.InvalidArgument``), and shrinks towards
the simplest value. :func:`ssns` draws synthetic Test-Norge numbers unless told otherwise, so a
generated fødselsnummer can never be a real person's.

The examples below use :func:`hypothesis.find`, which returns the simplest (fully shrunk) value
satisfying a condition, so they are the same on every run:

>>> from hypothesis import Phase, find, settings
>>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
>>> find(ssns(), lambda s: True, settings=simplest)
'01810000186'
>>> find(org_numbers(), lambda s: True, settings=simplest)
'900000006'
>>> find(kids(algorithm="mod11"), lambda k: True, settings=simplest)
'00'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from armvalidate.strategies import _data, _gen
from armvalidate.strategies._draw import DrawPicker

__all__ = [
    "DEFAULT_TODAY",
    "account_numbers",
    "emails",
    "kids",
    "org_numbers",
    "phone_numbers",
    "postal_addresses",
    "ssns",
]

#: The fixed "today" the strategies use by default (never the wall clock).
DEFAULT_TODAY = date(2025, 1, 1)

_SYNTHETIC = (None, "tenor", "dolly", "syntpop")
_MIN_BIRTH = date(1854, 1, 1)
_MAX_BIRTH = date(2039, 12, 31)


def _check_choices(name: str, value: Any, allowed: Sequence[Any]) -> tuple[Any, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name}={value!r} must be a sequence, e.g. a tuple")
    if not value:
        raise InvalidArgument(f"{name} must not be empty")
    for item in value:
        if item not in allowed:
            raise InvalidArgument(
                f"{name} contains {item!r}; allowed: {', '.join(map(repr, allowed))}"
            )
    return tuple(dict.fromkeys(value))


def _check_date(name: str, value: Any) -> date:
    if not isinstance(value, date) or type(value) is not date:
        raise InvalidArgument(f"{name}={value!r} must be a datetime.date")
    return value


def ssns(
    *,
    kinds: Sequence[str] = ("fnr", "dnr"),
    synthetic: str | None = "tenor",
    min_date: date = date(1900, 1, 1),
    max_date: date = DEFAULT_TODAY,
) -> SearchStrategy[str]:
    """Eleven-digit numbers of the fødselsnummer family, valid under the classic rules.

    ``kinds``: any of ``"fnr"`` (plain date), ``"dnr"`` (D-number: day + 40), and, only with
    ``synthetic=None``, ``"hnr"`` (H-number: month + 40) and ``"fhnr"`` (FH-number: first digit
    8 or 9, no date). ``synthetic``: ``"tenor"`` (Test-Norge, month + 80; the default),
    ``"dolly"`` (NAV, month + 40), ``"syntpop"`` (NHN, month + 65), or ``None`` for ordinary
    numbers, which may belong to real people: ask for them explicitly. The birth date lies in
    ``min_date..max_date`` (within 1854..2039, the classic century table); the individual number
    agrees with the classic table for the birth year; individual numbers whose check digits
    would be 10 are skipped.

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(ssns(kinds=("dnr",)), lambda s: True, settings=simplest)  # day+40, month+80
    '41810000099'
    >>> ordinary = ssns(synthetic=None, min_date=date(1956, 1, 12))
    >>> find(ordinary, lambda s: True, settings=simplest)
    '12015600096'
    """
    kinds = _check_choices("kinds", kinds, _gen.SSN_KINDS)
    if synthetic not in _SYNTHETIC:
        raise InvalidArgument(f"synthetic={synthetic!r} must be one of {_SYNTHETIC!r}")
    if synthetic is not None and ({"hnr", "fhnr"} & set(kinds)):
        raise InvalidArgument(
            "H- and FH-numbers have no synthetic form; pass synthetic=None to draw them"
        )
    min_date = _check_date("min_date", min_date)
    max_date = _check_date("max_date", max_date)
    if not _MIN_BIRTH <= min_date <= max_date <= _MAX_BIRTH:
        raise InvalidArgument(
            f"need {_MIN_BIRTH} <= min_date <= max_date <= {_MAX_BIRTH} (the classic century "
            f"table), got min_date={min_date}, max_date={max_date}"
        )
    lo, hi = min_date.toordinal(), max_date.toordinal()

    @st.composite
    def _ssns(draw: st.DrawFn) -> str:
        return _gen.gen_ssn(
            DrawPicker(draw), kinds=kinds, synthetic=synthetic, min_ord=lo, max_ord=hi
        )

    return _ssns()


def org_numbers(*, synthetic: bool = False) -> SearchStrategy[str]:
    """Nine-digit organisation numbers with a valid mod-11 check digit.

    Leading 8 or 9 like the numbers in use (``synthetic=False``), or leading 2 or 3 like
    Test-Norge's synthetic organisations (``synthetic=True``).

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(org_numbers(synthetic=True), lambda s: True, settings=simplest)
    '200000005'
    """
    if not isinstance(synthetic, bool):
        raise InvalidArgument(f"synthetic={synthetic!r} must be a bool")

    @st.composite
    def _org_numbers(draw: st.DrawFn) -> str:
        return _gen.gen_orgnr(DrawPicker(draw), synthetic=synthetic)

    return _org_numbers()


def account_numbers() -> SearchStrategy[str]:
    """Eleven-digit Norwegian account numbers (kontonummer): a bank register number, account
    group and customer part, and the mod-11 check digit (never 10).

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(account_numbers(), lambda s: True, settings=simplest)
    '15030000002'
    """

    @st.composite
    def _account_numbers(draw: st.DrawFn) -> str:
        return _gen.gen_account(DrawPicker(draw))

    return _account_numbers()


def kids(
    *,
    algorithm: str = "mod10",
    min_length: int = 2,
    max_length: int = 25,
    length: int | None = None,
) -> SearchStrategy[str]:
    """KID payment references of ``min_length..max_length`` characters (or exactly ``length``)
    whose last character is the MOD10 (Luhn) or MOD11 check character; a MOD11 KID ends in
    ``-`` when the check would be 10.

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(kids(), lambda k: True, settings=simplest)
    '00'
    >>> kid = find(kids(algorithm="mod11", length=7), lambda k: k[-1] == "-", settings=simplest)
    >>> len(kid), kid[-1]
    (7, '-')
    """
    if algorithm not in ("mod10", "mod11"):
        raise InvalidArgument(f"algorithm={algorithm!r} must be 'mod10' or 'mod11'")
    if length is not None:
        min_length = max_length = length
    for name, value in (("min_length", min_length), ("max_length", max_length)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidArgument(f"{name}={value!r} must be an int")
    if not 2 <= min_length <= max_length <= 25:
        raise InvalidArgument(
            f"need 2 <= min_length <= max_length <= 25, got {min_length}..{max_length}"
        )

    @st.composite
    def _kids(draw: st.DrawFn) -> str:
        return _gen.gen_kid(
            DrawPicker(draw), algorithm=algorithm, min_length=min_length, max_length=max_length
        )

    return _kids()


def _names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """First names and surnames: ours (with æøå first for shrinking), plus Faker's no_NO lists."""
    first: tuple[str, ...] = _data.MALE_NAMES + _data.FEMALE_NAMES
    last: tuple[str, ...] = _data.SURNAMES
    try:
        from faker.providers.person.no_NO import Provider
    except ImportError:  # pragma: no cover - faker is in the strategies extra
        return first, last
    first += tuple(Provider.first_names_male) + tuple(Provider.first_names_female)
    last += tuple(Provider.last_names)
    return tuple(dict.fromkeys(first)), tuple(dict.fromkeys(last))


def emails(
    *,
    domains: Sequence[str] = _data.EMAIL_DOMAINS,
    idn: bool = False,
    unicode_local: bool = False,
) -> SearchStrategy[str]:
    """Realistic ASCII e-mail addresses of Norwegian people: ``kari.nordmann@example.com``.

    The default ``domains`` are all under ``example.com``/``.org``/``.net`` (reserved by RFC
    2606), so generated test data never reaches a real mailbox. ``idn=True`` puts an
    internationalised label in front of the domain (``ola@blåbær.example.com``; a validator
    sanitizes it to the ``xn--`` form); ``unicode_local=True`` keeps æøå in the local part
    (``kåre.ødegård@...``, which needs SMTPUTF8).

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(emails(), lambda e: True, settings=simplest)
    'ola.nordmann@example.com'
    """
    if isinstance(domains, str) or not isinstance(domains, Sequence) or not domains:
        raise InvalidArgument(f"domains={domains!r} must be a non-empty sequence of domains")
    if not all(isinstance(d, str) and "." in d and "@" not in d for d in domains):
        raise InvalidArgument(f"domains={domains!r} must hold domain names like 'example.com'")
    for name, value in (("idn", idn), ("unicode_local", unicode_local)):
        if not isinstance(value, bool):
            raise InvalidArgument(f"{name}={value!r} must be a bool")
    domains = tuple(domains)
    first_names, surnames = _names()

    @st.composite
    def _emails(draw: st.DrawFn) -> str:
        p = DrawPicker(draw)
        _, first, last = _gen.gen_person_name(p, first_names, surnames)
        return _gen.gen_email(
            p, first=first, last=last, domains=domains, idn=idn, unicode_local=unicode_local
        )

    return _emails()


def phone_numbers(
    *,
    kinds: Sequence[str] = _gen.PHONE_KINDS,
    formats: Sequence[str] = ("national",),
) -> SearchStrategy[str]:
    """Valid Norwegian phone numbers (libphonenumber's mobile and fixed-line ranges).

    ``kinds``: ``"mobile"`` (4x/9x) and/or ``"fixed_line"``. ``formats``: ``"national"``
    (``99887766``, the API docs' form), ``"spaced"`` (``99 88 77 66`` / ``998 87 766``),
    ``"e164"`` (``+4799887766``), ``"international"`` (``+47 998 87 766``), ``"00"``
    (``004799887766``).

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> find(phone_numbers(formats=("e164",)), lambda n: True, settings=simplest)
    '+4790000000'
    """
    kinds = _check_choices("kinds", kinds, _gen.PHONE_KINDS)
    formats = _check_choices("formats", formats, _gen.PHONE_FORMATS)

    @st.composite
    def _phone_numbers(draw: st.DrawFn) -> str:
        return _gen.gen_phone(DrawPicker(draw), kinds=kinds, formats=formats)

    return _phone_numbers()


def postal_addresses(*, foreign: bool = False) -> SearchStrategy[dict[str, str]]:
    """Postal address objects (the API's ``postalAddress``) with every key present.

    Norwegian addresses pair a real postcode with its own city from Bring's register
    (``armvalidate.postcodes``; Faker's ``no_NO`` postcodes are random and never match their
    city); post-box codes get a ``Postboks`` line. Lines 2 and 3 are often ``""``. With
    ``foreign=True`` some addresses are in other countries (Sweden, Germany ...).

    >>> from hypothesis import Phase, find, settings
    >>> simplest = settings(database=None, phases=[Phase.generate, Phase.shrink])
    >>> address = find(postal_addresses(), lambda a: True, settings=simplest)
    >>> address["countryCode"], len(address["postalCode"])
    ('NO', 4)
    """
    if not isinstance(foreign, bool):
        raise InvalidArgument(f"foreign={foreign!r} must be a bool")

    @st.composite
    def _postal_addresses(draw: st.DrawFn) -> dict[str, str]:
        result: dict[str, str] = _gen.gen_postal_address(
            DrawPicker(draw), foreign=0.2 if foreign else 0.0
        )
        return result

    return _postal_addresses()
