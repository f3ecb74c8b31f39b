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

Pre-check: the number ranges of Norway's calling code +47 are compiled once, from phonenumbers'
own metadata for the regions sharing it (NO and Svalbard's SJ: their general patterns, leading
digits and the pattern and lengths of every number type, in the order phonenumbers tests them),
into one regular expression per length of number that also names the verdict: valid and of
which type, or invalid and why, in the words phonenumbers' answer gives ("not in any number range
allocated for +47 (NO)", "wrong length: +47 numbers have 5 or 8 digits, this one has 9"). Plain
digits, or digits written with ``+47``, ``(+47)`` or ``0047``, single spaces, hyphens or dots
between digits, and a label before them (``Tlf: ``, ``Mob ``, ``tel:``), are decided without
parsing when phonenumbers provably reads the same digits from them (under another default
region, only the numbers written with ``+47`` or ``(+47)``, which it reads alike under any
region). Anything else (foreign numbers, other spellings, digits it may read as an international
prefix or a country code, very short or long ones) goes to phonenumbers, which decides. The test
suite compares the results with phonenumbers itself.

>>> check_phone("Tlf: 491.23.456").reason
'not in any number range allocated for +47 (NO)'
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

__all__ = ["PhoneCheck", "check_phone", "sanitized_valid", "verdict"]

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


def _wrong_length_text(cc: int, lengths: tuple[int, ...], length: int) -> str:
    return (
        f"wrong length: +{cc} numbers have {_lengths_text(lengths)} digits, this one has {length}"
    )


def _unallocated_text(cc: int, region: str) -> str:
    return f"not in any number range allocated for +{cc} ({region})"


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
            lengths = tuple(metadata.general_desc.possible_length)
            return _wrong_length_text(cc, lengths, len(nsn))
        return f"wrong length for +{cc}"  # pragma: no cover - metadata always has a general desc
    region = phonenumbers.region_code_for_number(number) or (
        phonenumbers.region_code_for_country_code(cc)
    )
    return _unallocated_text(cc, region)


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

# An optional label (a word of ASCII letters, then an optional "." or ":" and blanks), an optional
# +47 / (+47) / 0047 prefix, then ASCII digits with at most one space, hyphen or dot between two
# digits; blanks around the whole. Linear: the label's letters, the prefix and the digits are
# disjoint, every repetition consumes a letter or a digit, and a run of digits ends only where a
# separator or the end follows.
_SHAPE = re.compile(r" *(?:[A-Za-z]+[.:]? *)?(\+47|\(\+47\)|0047)?[ -]?([0-9]+(?:[ .-][0-9]+)*) *")
_PRE_CHECK_MAX_LENGTH = 40

# The lengths of a national number for which the pre-check gives the wrong-length reason (when no
# region of the calling code has numbers of that length). phonenumbers parses national numbers of
# 2 to 17 digits and reads text as a number only from three digits on (or two alone); 3 to 15
# (E.164's most) lies within both, and the rest of the lengths are left to phonenumbers.
_WRONG_LENGTHS = range(3, 16)


class _Verdicts(NamedTuple):
    """The pre-check for national numbers of one length: ``regex`` matches every such number
    (ASCII digits) and the name of its last group, ``match.lastgroup``, is the key of the
    verdict in ``verdicts``: ``(True, type name)`` or ``(False, reason)``."""

    regex: re.Pattern[str]
    verdicts: dict[str, tuple[bool, str]]


def _desc_pattern(desc: Any, length: int) -> str | None:
    """One number description (pattern + possible lengths) as a regex anchored at the end, for
    numbers of exactly ``length`` ASCII digits; None if no number of that length has it.

    phonenumbers tests a description by its possible lengths and its pattern
    (``_is_number_matching_desc``); the length is decided here, once, so only the pattern is left
    to match.
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


def _typed(meta: Any, length: int, tag: str) -> str | None:
    """A region's number types for numbers of ``length`` digits as one regex, the alternatives
    in the order phonenumbers' ``_number_type_helper`` tests them, each ending in an empty group
    named ``tag`` + the type's name; None if no number of that length has a type there."""
    general = _desc_pattern(meta.general_desc, length)
    if general is None:
        return None
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
            alternatives.append(f"{pattern}(?P<{tag}{name}>)")
    # fixed line and mobile are special-cased after the others.
    fixed = _desc_pattern(meta.fixed_line, length)
    mobile = _desc_pattern(meta.mobile, length)
    same = meta.same_mobile_and_fixed_line_pattern
    if fixed is not None:
        if same:
            alternatives.append(f"{fixed}(?P<{tag}fixed_line_or_mobile>)")
        else:
            if mobile is not None:
                alternatives.append(f"(?={fixed}){mobile}(?P<{tag}fixed_line_or_mobile>)")
            alternatives.append(f"{fixed}(?P<{tag}fixed_line>)")
    if mobile is not None and not same:
        alternatives.append(f"{mobile}(?P<{tag}mobile>)")
    if not alternatives:
        return None
    return f"(?={general})(?:{'|'.join(alternatives)})"


@functools.cache
def _norway() -> tuple[_Verdicts | None, ...]:
    """The pre-check for the national numbers of Norway's calling code +47, compiled from
    phonenumbers' metadata: item ``n`` decides the numbers of exactly ``n`` digits (None: ask
    phonenumbers).

    +47 is shared by several regions (NO and Svalbard's SJ). For a number of a length some region
    has, the regex follows phonenumbers' ``region_code_for_number`` and ``is_valid_number``: the
    first region of the calling code whose leading digits match the start of the number (a region
    without leading digits: whose number types include it) is the number's region; the number is
    valid if one of that region's number types includes it, else it is invalid, "not in any
    number range allocated for +47 (REGION)"; REGION is the main region of +47
    (``region_code_for_country_code``) when no region claims the number. A number of a length no
    region has is of the wrong length.
    """
    return _compile_norway()


def _compile_norway() -> tuple[_Verdicts | None, ...]:
    """:func:`_norway`'s table; every item None if the metadata has a shape this code does not
    reason about (then phonenumbers decides every number)."""
    import phonenumbers

    undecided: tuple[_Verdicts | None, ...] = (None,) * (_PRE_CHECK_MAX_LENGTH + 1)
    cc = 47
    regions = tuple(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()))
    metas: list[Any] = [phonenumbers.PhoneMetadata.metadata_for_region(c) for c in regions]
    main = phonenumbers.region_code_for_country_code(cc)
    home: Any = phonenumbers.PhoneMetadata.metadata_for_region("NO")
    if (
        not regions
        or main != "NO"
        or home is None
        or home.international_prefix != "00"  # what the pre-check reads as 0047
        or home.national_prefix_for_parsing  # a prefix phonenumbers would strip from the digits
        or any(m is None or m.country_code != cc or m.general_desc is None for m in metas)
    ):
        return undecided  # pragma: no cover - not the case in phonenumbers' metadata
    general = home.general_desc
    lengths = tuple(general.possible_length)
    local = tuple(general.possible_length_local_only)
    every_length = {n for meta in metas for n in meta.general_desc.possible_length}

    table: list[_Verdicts | None] = []
    for length in range(_PRE_CHECK_MAX_LENGTH + 1):
        if length in lengths and length not in local:
            table.append(_compile_length(cc, regions, metas, main, length))
        elif length in _WRONG_LENGTHS and length not in every_length and length not in local:
            reason = _wrong_length_text(cc, lengths, length)
            table.append(_Verdicts(re.compile("(?P<w>)"), {"w": (False, reason)}))
        else:
            table.append(None)
    return tuple(table)


def _compile_length(
    cc: int, regions: tuple[str, ...], metas: list[Any], main: str, length: int
) -> _Verdicts:
    """An item of :func:`_norway` for a length the main region's numbers have."""
    branches: list[str] = []
    for i, meta in enumerate(metas):
        typed = _typed(meta, length, f"r{i}_")
        if meta.leading_digits is None:  # the region claims the numbers its types include
            if typed is not None:
                branches.append(typed)
        else:  # the region claims the numbers its leading digits match, valid or not
            claimed = f"(?P<r{i}_>)" if typed is None else f"{typed}|(?P<r{i}_>)"
            branches.append(f"(?=(?:{meta.leading_digits}))(?:{claimed})")
    branches.append("(?P<none>)")  # no region claims the number
    regex = re.compile("|".join(branches))
    verdicts: dict[str, tuple[bool, str]] = {}
    for name in regex.groupindex:
        index, _, kind = name[1:].partition("_")
        if name == "none":
            verdicts[name] = (False, _unallocated_text(cc, main))
        elif kind:
            verdicts[name] = (True, kind)
        else:
            verdicts[name] = (False, _unallocated_text(cc, regions[int(index)]))
    return _Verdicts(regex, verdicts)


# The prefixes that make a number Norwegian whatever the default region: phonenumbers reads a
# leading "+" as the start of a country code and consults the default region only for an
# international dialling prefix (such as "00") or for a number without any prefix.
_PLUS_47 = ("+47", "(+47)")


@functools.cache
def _keeps_country_code() -> tuple[re.Pattern[str], int]:
    """When phonenumbers keeps a leading 47 of a number written without a prefix under region NO
    as part of the national number: when NO's general pattern matches the whole and it is not
    longer than NO's numbers (``_maybe_extract_country_code`` strips it otherwise, if what
    remains matches the pattern or the whole is too long). Returns the pattern and the length.
    """
    import phonenumbers

    meta: Any = phonenumbers.PhoneMetadata.metadata_for_region("NO")
    general = meta.general_desc  # (every region's metadata has one)
    return re.compile(f"(?:{general.national_number_pattern})\\Z"), max(general.possible_length)


def _read(value: str, home: bool) -> str | None:
    """The national number phonenumbers reads from ``value``, for +47 numbers the pre-check reads
    the same way; None: ask phonenumbers.

    ``home``: the default region is NO. Otherwise only numbers written with +47 or (+47) are read
    (the same numbers, read the same way, under any default region). phonenumbers starts reading
    at the first "+" or digit (``_extract_possible_number``), so a label of ASCII letters before
    it is skipped, and it drops the separators between the digits. Digits starting with 00 are
    left to it (an international prefix, or leading zeros it counts itself), and so are digits
    written without a prefix that start with 47 and that it may read as the country code.
    """
    if len(value) > _PRE_CHECK_MAX_LENGTH:
        return None
    if value.isdigit() and value.isascii():  # (what _SHAPE reads in plain digits, without it)
        if not home:
            return None  # no +47 prefix
        prefixed = value[:4] == "0047" and len(value) > 4
        digits = value[4:] if prefixed else value
    else:
        shape = _SHAPE.fullmatch(value)
        if shape is None:
            return None
        prefix, digits = shape.groups()
        if not (home or prefix in _PLUS_47):
            return None
        prefixed = prefix is not None
        if " " in digits:  # (the separators _SHAPE lets between the digits)
            digits = digits.replace(" ", "")
        if "." in digits:
            digits = digits.replace(".", "")
        if "-" in digits:
            digits = digits.replace("-", "")
    if digits[:2] == "00":
        return None
    if not prefixed and digits[:2] == "47":
        general, longest = _keeps_country_code()
        if len(digits) > longest or general.match(digits) is None:
            return None
    return digits


def _pre_check(value: str, home: bool) -> tuple[str, bool, str] | None:
    """Decide a +47 number without parsing: ``(digits, True, type name)`` for a valid number,
    ``(digits, False, reason)`` for an invalid one, as phonenumbers would; None: ask it.

    The digits are those :func:`_read` reads; the verdict is the one of :func:`_norway`'s item
    for their length named by the group that matches them.
    """
    digits = _read(value, home)
    if digits is None:
        return None
    decide = _norway()[len(digits)]  # len(digits) <= len(value) <= _PRE_CHECK_MAX_LENGTH
    if decide is None:
        return None
    match = decide.regex.match(digits)
    if match is None or match.lastgroup is None:  # (every branch ends in a named group)
        return None  # pragma: no cover
    ok, text = decide.verdicts[match.lastgroup]
    return digits, ok, text


def sanitized_valid(value: str, region: str = "NO") -> str | None:
    """``check_phone(value, region).sanitized`` if the pre-check finds the number valid, else None.

    No :class:`PhoneCheck` is built and no cache is consulted. None means nothing about the
    number: ask :func:`check_phone`.

    >>> sanitized_valid("+47 998 87 766"), sanitized_valid("997755332")
    ('99887766', None)
    """
    read = _pre_check(value, region == "NO" or region.upper() == "NO")
    return read[0] if read is not None and read[1] else None


def verdict(value: str, region: str = "NO") -> tuple[bool, str]:
    """:func:`check_phone`'s verdict from one reading of the number: ``(True, sanitized form)``
    for a valid number, ``(False, reason)`` for an invalid one.

    For the validation pipeline: a number the pre-check decides is read once and no
    :class:`PhoneCheck` is built; any other goes to phonenumbers (cached as in
    :func:`check_phone`) without being read again.

    >>> verdict("+47 998 87 766"), verdict("997755332")
    ((True, '99887766'), (False, 'wrong length: +47 numbers have 5 or 8 digits, this one has 9'))
    >>> verdict("0046 70 123 45 67")
    (True, '+46701234567')
    """
    read = _pre_check(value, region == "NO" or region.upper() == "NO")
    if read is not None:
        digits, ok, text = read
        return (True, digits) if ok else (False, text)
    result = _library(value, region)
    if result.ok:
        return True, value if result.sanitized is None else result.sanitized
    return False, result.reason or "not a phone number"


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
    if read is None:
        return _library(value, region)
    digits, ok, text = read
    return PhoneCheck(True, digits, None, text) if ok else PhoneCheck(False, None, text, None)


def _library(value: str, region: str) -> PhoneCheck:
    """:func:`_check_by_library`, cached for short inputs."""
    if len(value) <= _CACHE_MAX_LENGTH:
        return _library_cached(value, region)
    return _check_by_library(value, region)


_check_cached = functools.lru_cache(maxsize=8192)(_check)
_library_cached = functools.lru_cache(maxsize=8192)(_check_by_library)
