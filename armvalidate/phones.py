"""Phone numbers: valid as `phonenumbers <https://pypi.org/project/phonenumbers/>`_ says.

A number is valid when ``phonenumbers.is_valid_number`` accepts it after parsing with the default
region (``"NO"`` unless told otherwise), so all the ways Norwegians write a number are accepted:
``99 88 77 66``, ``998 87 766``, ``+47 998 87 766``, ``0047 99887766``, ``(+47) 99887766``.
The sanitized form is the national significant number for a +47 number (``99887766``, the form
the ARM docs use) and E.164 for a foreign one (``+46701234567``).

>>> check_phone("+47 998 87 766")
PhoneCheck(ok=True, sanitized='99887766', reason=None, number_type='mobile')
>>> check_phone("0046 70 123 45 67")
PhoneCheck(ok=True, sanitized='+46701234567', reason=None, number_type='mobile')
>>> check_phone("997755332").reason
'wrong length: +47 numbers have 5 or 8 digits, this one has 9'
>>> check_phone("22 12 34 56").number_type
'fixed_line'

Pre-check: the number ranges of Norway are compiled once, from phonenumbers' own metadata for
region NO (its general pattern, its leading digits and the pattern and lengths of every number
type, in the order phonenumbers tests them), into one regular expression per length of number.
A plain 5- or 8-digit number, or one written with ``+47``, ``(+47)`` or ``0047`` and single
spaces or hyphens between digits, that the expression accepts is valid without parsing (under
another default region, only the numbers written with ``+47`` or ``(+47)``, which phonenumbers
reads alike under any region). Anything it does not accept (invalid numbers, foreign numbers,
Svalbard's 79 range, any other spelling) goes to phonenumbers, which decides. The test suite
compares the results with phonenumbers itself.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

__all__ = ["PhoneCheck", "check_phone", "sanitized_valid"]

_CACHE_MAX_LENGTH = 64  # longer inputs are never cached


class PhoneCheck(NamedTuple):
    """The verdict on one phone number.

    ``ok``: whether phonenumbers considers it a valid number. ``sanitized``: the canonical form
    (national significant number for +47, E.164 otherwise, `` ext. N`` appended when the input
    carried an extension), ``None`` when invalid. ``reason``: why it is invalid. ``number_type``:
    phonenumbers' ``PhoneNumberType`` in lower case (``"mobile"``, ``"fixed_line"``, ``"voip"``,
    ``"toll_free"``, ``"uan"`` ...), ``None`` when invalid.
    """

    ok: bool
    sanitized: str | None
    reason: str | None
    number_type: str | None


# --- the authority: phonenumbers ------------------------------------------------------------------

_PARSE_REASONS = {
    0: "no valid country code: write a foreign number with + and its country code",
    1: "not a phone number",
    2: "too short after the international prefix",
    3: "too short to be a phone number",
    4: "too long to be a phone number",
}


@functools.cache
def _type_names() -> dict[int, str]:
    from phonenumbers import PhoneNumberType

    return {v: k.lower() for k, v in vars(PhoneNumberType).items() if k.isupper()}


def _lengths_text(lengths: tuple[int, ...]) -> str:
    shown = [str(n) for n in sorted(set(lengths)) if n > 0]
    if len(shown) <= 1:
        return "".join(shown) or "no"
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def _invalid_reason(number: Any) -> str:
    import phonenumbers
    from phonenumbers import ValidationResult

    cc = number.country_code
    nsn = phonenumbers.national_significant_number(number)
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        return f"unknown country code +{cc}"
    if possible in (
        ValidationResult.TOO_SHORT,
        ValidationResult.TOO_LONG,
        ValidationResult.INVALID_LENGTH,
    ):
        region = phonenumbers.region_code_for_country_code(cc)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(cc, region)
        if metadata is not None and metadata.general_desc is not None:
            lengths = _lengths_text(tuple(metadata.general_desc.possible_length))
            return f"wrong length: +{cc} numbers have {lengths} digits, this one has {len(nsn)}"
        return f"wrong length for +{cc}"  # pragma: no cover - metadata always has a general desc
    region = phonenumbers.region_code_for_number(number) or (
        phonenumbers.region_code_for_country_code(cc)
    )
    return f"not in any number range allocated for +{cc} ({region})"


def _check_by_library(value: str, region: str) -> PhoneCheck:
    """The verdict of phonenumbers (what the pre-check does not decide).

    >>> _check_by_library("0047 998 87 766", "NO")
    PhoneCheck(ok=True, sanitized='99887766', reason=None, number_type='mobile')
    >>> _check_by_library("hello", "NO").reason
    'not a phone number'
    """
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region.upper())
        if not phonenumbers.is_valid_number(number):
            return PhoneCheck(False, None, _invalid_reason(number), None)
        kind = _type_names().get(phonenumbers.number_type(number), "unknown")
        if number.country_code == 47:
            sanitized = phonenumbers.national_significant_number(number)
        else:
            sanitized = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException as exc:
        reason = _PARSE_REASONS.get(exc.error_type, "not a phone number")
        return PhoneCheck(False, None, reason, None)
    except Exception as exc:  # never raise for a str, whatever the library does
        reason = f"phonenumbers could not process the number ({type(exc).__name__})"
        return PhoneCheck(False, None, reason, None)
    if number.extension:
        sanitized = f"{sanitized} ext. {number.extension}"
    return PhoneCheck(True, sanitized, None, kind)


# --- the pre-check --------------------------------------------------------------------------------

# An optional +47 / (+47) / 0047 prefix, then ASCII digits with at most one space or hyphen
# between two digits; blanks around the whole. Linear: every repetition consumes a digit, and a
# run of digits ends only where a separator or the end follows.
_SHAPE = re.compile(r" *(\+47|\(\+47\)|0047)?[ -]?([0-9]+(?:[ -][0-9]+)*) *")
_PRE_CHECK_MAX_LENGTH = 40


def _desc_pattern(desc: Any, length: int) -> str | None:
    """One number description (pattern + possible lengths) as a regex anchored at the end, for
    numbers of exactly ``length`` ASCII digits; None if no number of that length has it.

    phonenumbers tests a description by its possible lengths and its pattern; the length is
    decided here, once, so only the pattern is left to match.
    """
    if desc is None or not desc.national_number_pattern:
        return None
    lengths = tuple(desc.possible_length or ())
    positive = [n for n in lengths if n > 0]
    if lengths and not positive:
        return None  # phonenumbers' marker for "no numbers of this type"
    if positive and length not in positive:
        return None
    return f"(?:{desc.national_number_pattern})\\Z"


@functools.cache
def _norway() -> tuple[re.Pattern[str] | None, ...]:
    """Region NO's number ranges, compiled from phonenumbers' metadata: item ``n`` is the regex
    for numbers of exactly ``n`` ASCII digits (None where no such number is in NO's ranges).

    A full match means phonenumbers would resolve the number to region NO and give it the type
    named by ``match.lastgroup``.
    """
    return tuple(_compile_norway(length) for length in range(_PRE_CHECK_MAX_LENGTH + 1))


def _compile_norway(length: int) -> re.Pattern[str] | None:
    """An item of :func:`_norway`; None also if the metadata has a shape this code does not
    reason about (then phonenumbers decides every number)."""
    import phonenumbers

    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(47, ())
    meta = phonenumbers.PhoneMetadata.metadata_for_region("NO")
    if not regions or regions[0] != "NO" or meta is None or meta.country_code != 47:
        return None  # pragma: no cover
    general = _desc_pattern(meta.general_desc, length)
    if general is None:
        return None
    # phonenumbers' _number_type_helper order; fixed line and mobile are special-cased after.
    ordered = [
        "premium_rate",
        "toll_free",
        "shared_cost",
        "voip",
        "personal_number",
        "pager",
        "uan",
        "voicemail",
    ]
    alternatives: list[str] = []
    for name in ordered:
        pattern = _desc_pattern(getattr(meta, name), length)
        if pattern is not None:
            alternatives.append(f"{pattern}(?P<{name}>)")
    fixed = _desc_pattern(meta.fixed_line, length)
    mobile = _desc_pattern(meta.mobile, length)
    if fixed is not None:
        if meta.same_mobile_and_fixed_line_pattern:
            alternatives.append(f"{fixed}(?P<fixed_line_or_mobile>)")
        else:
            if mobile is not None:
                alternatives.append(f"(?={fixed}){mobile}(?P<fixed_line_or_mobile>)")
            alternatives.append(f"{fixed}(?P<fixed_line>)")
    if mobile is not None and not meta.same_mobile_and_fixed_line_pattern:
        alternatives.append(f"{mobile}(?P<mobile>)")
    if not alternatives:
        return None
    # Region resolution (phonenumbers' _region_code_for_number_from_list): NO comes first for +47,
    # so a number is NO's if NO's leading digits match its start (or, without leading digits, if
    # it has a type in NO, which the alternatives require anyway).
    leading = f"(?=(?:{meta.leading_digits}))" if meta.leading_digits else ""
    return re.compile(f"{leading}(?={general})(?:{'|'.join(alternatives)})")


# The prefixes that make a number Norwegian whatever the default region: phonenumbers reads a
# leading "+" as the start of a country code and consults the default region only for an
# international dialling prefix (such as "00") or for a number without any prefix.
_PLUS_47 = ("+47", "(+47)")


def _pre_check(value: str, home: bool) -> tuple[str, str] | None:
    """Decide a plain Norwegian number without parsing: ``(digits, type name)`` of a valid one.

    None means "ask phonenumbers". ``home``: the default region is NO. Otherwise only numbers
    written with +47 or (+47) are decided here (the same numbers, read the same way, under any
    default region). The digits are those :data:`_SHAPE` reads; the type is the name of the
    group of :func:`_norway`'s regex that matches them.
    """
    if len(value) > _PRE_CHECK_MAX_LENGTH:
        return None
    if value.isdigit() and value.isascii():  # (what _SHAPE reads in plain digits, without it)
        if not home:
            return None  # no +47 prefix
        digits = value[4:] if value.startswith("0047") and len(value) > 4 else value
    else:
        shape = _SHAPE.fullmatch(value)
        if shape is None or not (home or shape.group(1) in _PLUS_47):
            return None
        digits = shape.group(2)
        if not digits.isdigit():
            digits = digits.replace(" ", "").replace("-", "")
    if digits.startswith("00"):
        return None  # an international prefix, or leading zeros phonenumbers counts itself
    regex = _norway()[len(digits)]  # len(digits) <= len(value) <= _PRE_CHECK_MAX_LENGTH
    if regex is None:
        return None
    match = regex.match(digits)
    if match is None or match.lastgroup is None:  # (every alternative ends in a named group)
        return None
    return digits, match.lastgroup


def sanitized_valid(value: str, region: str = "NO") -> str | None:
    """``check_phone(value, region).sanitized`` if the pre-check finds the number valid, else None.

    For a caller that needs only the sanitized form of a valid number (the validation pipeline):
    no :class:`PhoneCheck` is built and no cache is consulted. None means nothing about the
    number: ask :func:`check_phone`.

    >>> sanitized_valid("+47 998 87 766"), sanitized_valid("997755332")
    ('99887766', None)
    """
    read = _pre_check(value, region == "NO" or region.upper() == "NO")
    return None if read is None else read[0]


def check_phone(value: str, region: str = "NO") -> PhoneCheck:
    """Check a phone number, parsed with ``region`` as the default region (case-insensitive).

    Never raises for a ``str``. Results for short inputs are cached (bounded).

    >>> check_phone("99887766")
    PhoneCheck(ok=True, sanitized='99887766', reason=None, number_type='mobile')
    >>> check_phone("(+47) 800 12 345").number_type
    'toll_free'
    >>> check_phone("+47 79 12 34 56")  # Svalbard shares +47
    PhoneCheck(ok=True, sanitized='79123456', reason=None, number_type='fixed_line')
    >>> check_phone("070 123 45 67", region="se").sanitized
    '+46701234567'
    >>> check_phone("").ok
    False
    """
    if len(value) <= _CACHE_MAX_LENGTH:
        return _check_cached(value, region)
    return _check(value, region)


def _check(value: str, region: str) -> PhoneCheck:
    read = _pre_check(value, region == "NO" or region.upper() == "NO")
    if read is not None:
        return PhoneCheck(True, read[0], None, read[1])
    return _check_by_library(value, region)


_check_cached = functools.lru_cache(maxsize=8192)(_check)
