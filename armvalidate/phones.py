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

Fast path: the number ranges of Norway are compiled once, from phonenumbers' own metadata for
region NO (its general pattern, its leading digits and the pattern and lengths of every number
type, in the order phonenumbers tests them), into one regular expression. A plain 5- or 8-digit
number, or one written with ``+47``, ``(+47)`` or ``0047`` and single spaces or hyphens between
digits, is accepted by that expression without parsing (under another default region, only the
numbers written with ``+47`` or ``(+47)``, which phonenumbers reads alike under any region).
Anything the expression does not accept (invalid numbers, foreign numbers, Svalbard's 79 range,
any other spelling) goes to phonenumbers, which remains the authority. For 8 digits, a table of
3-digit prefixes, derived exactly from that expression at first use, gives its verdict without
running it for all but a few prefixes (:func:`_norway8_table`). :func:`check_phone_slow`
is the library-only path; the test suite checks the two against each other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from armvalidate.no._util import slots_constructor

__all__ = ["PhoneCheck", "check_phone", "check_phone_slow", "sanitized_valid"]

_CACHE_MAX_LENGTH = 64  # longer inputs are never cached


@dataclass(frozen=True, slots=True)
class PhoneCheck:
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


_new_check = slots_constructor(PhoneCheck)  # PhoneCheck(...), without the per-field setattr


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


def check_phone_slow(value: str, region: str = "NO") -> PhoneCheck:
    """Like :func:`check_phone`, but always through phonenumbers: no fast path, no cache.

    >>> check_phone_slow("0047 998 87 766")
    PhoneCheck(ok=True, sanitized='99887766', reason=None, number_type='mobile')
    >>> check_phone_slow("hello").reason
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


# --- the fast path --------------------------------------------------------------------------------

# An optional +47 / (+47) / 0047 prefix, then ASCII digits with at most one space or hyphen
# between two digits; blanks around the whole. Linear: every repetition consumes a digit, and a
# run of digits ends only where a separator or the end follows.
_SHAPE = re.compile(r" *(\+47|\(\+47\)|0047)?[ -]?([0-9]+(?:[ -][0-9]+)*) *")
_FAST_MAX_LENGTH = 40


def _desc_pattern(desc: Any, length: int | None = None) -> str | None:
    """One number description (pattern + possible lengths) as an anchored regex, or None.

    With ``length``, the regex is only ever matched against that many ASCII digits, so the
    possible-lengths test is decided here: None if ``length`` is not a possible length, else the
    pattern without the (then always true) length lookahead.
    """
    if desc is None or not desc.national_number_pattern:
        return None
    lengths = tuple(desc.possible_length or ())
    positive = [n for n in lengths if n > 0]
    if lengths and not positive:
        return None  # phonenumbers' marker for "no numbers of this type"
    pattern = f"(?:{desc.national_number_pattern})\\Z"
    if positive:
        if length is not None:
            return pattern if length in positive else None
        alternatives = "|".join(f"[0-9]{{{n}}}" for n in positive)
        pattern = f"(?=(?:{alternatives})\\Z){pattern}"
    return pattern


@functools.cache
def _norway() -> re.Pattern[str] | None:
    """Compile region NO's number ranges from phonenumbers' metadata into one regex.

    A full match means phonenumbers would resolve the number to region NO and give it the type
    named by ``match.lastgroup``. Returns None (no fast path) if the metadata has a shape this
    code does not reason about.
    """
    return _compile_norway(None)


@functools.cache
def _norway_by_length() -> tuple[re.Pattern[str] | None, ...]:
    """:func:`_norway`'s regex specialised to each length of digits the fast path reads.

    Item ``n`` is for numbers of exactly ``n`` ASCII digits: every length lookahead of
    :func:`_norway`'s regex is decided for that length, so alternatives of other lengths are left
    out and the rest lose a lookahead that would always hold. On ``n`` digits it matches exactly
    when :func:`_norway`'s does, with the same ``lastgroup``; it only runs faster. None where no
    number of that length is in NO's ranges.
    """
    return tuple(_compile_norway(length) for length in range(_FAST_MAX_LENGTH + 1))


def _compile_norway(length: int | None) -> re.Pattern[str] | None:
    """:func:`_norway` (``length`` None) or an item of :func:`_norway_by_length`."""
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


# --- 8-digit numbers: a table of 3-digit prefixes, derived from the 8-digit regex --------------

# A state of the derivation below: the digits each of the 8 positions may still hold, the position
# reached and the name of the last capturing group closed (the regex's ``lastgroup``).
_State = tuple[tuple[frozenset[int], ...], int, "str | None"]
_ALL_DIGITS = frozenset(range(ord("0"), ord("9") + 1))
_TABLE_LENGTH = 8  # the length of number the table is for
_TABLE_PREFIX = 3  # how many leading digits key it
_TABLE_MAX_PATHS = 20_000  # a bigger derivation means metadata of a shape not reasoned about
_UNDECIDED = ""  # the table's "ask the regex" (lastgroup names are identifiers, never empty)


class _Unsupported(Exception):
    """The regex uses a construct :func:`_paths` does not reason about exactly."""


def _sre_modules() -> tuple[Any, Any]:
    """The regex parser and its constants: ``re._parser`` (Python 3.11+) or ``sre_parse``."""
    import importlib

    try:
        return importlib.import_module("re._parser"), importlib.import_module("re._constants")
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse"), importlib.import_module("sre_constants")


def _paths(regex: re.Pattern[str], length: int) -> list[_State]:
    """Every way ``regex.match`` can succeed on ``length`` ASCII digits, in the order it tries them.

    Each way is a state whose sets say which digit each position may hold on that path: a string
    of digits is matched along the path exactly when each of its digits is in its position's set
    (a product of sets, since every construct allowed here tests one position against a set of
    characters, or tests the position reached). The list follows the regex engine's backtracking
    order (alternatives left to right, greedy repeats longest first), so the first path whose sets
    hold a string is the one the engine succeeds on, and its group is ``match.lastgroup``.
    Lookaheads (atomic in ``re``) intersect their sets with the path's without moving it; captures
    inside them, negative or look-behind assertions, unbounded or possibly empty repeats, capturing
    groups with content and anchors other than the string's start and end raise
    :class:`_Unsupported`.
    """
    parser, c = _sre_modules()
    names = {index: name for name, index in regex.groupindex.items()}
    count = 0

    def narrow(state: _State, allowed: frozenset[int]) -> _State | None:
        sets, pos, group = state
        if pos >= length:
            return None
        kept = sets[pos] & allowed
        return ((*sets[:pos], kept, *sets[pos + 1 :]), pos + 1, group) if kept else None

    def char_set(items: Any) -> frozenset[int]:
        chars: set[int] = set()
        negate = False
        for op, av in items:
            if op is c.NEGATE:
                negate = True
            elif op is c.LITERAL:
                chars.add(av)
            elif op is c.RANGE:
                chars.update(range(av[0], av[1] + 1))
            elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
                chars.update(_ALL_DIGITS)
            else:
                raise _Unsupported(op)
        return _ALL_DIGITS - chars if negate else _ALL_DIGITS & chars

    def seq(
        items: Any, i: int, state: _State, then: Callable[[_State], list[_State]]
    ) -> list[_State]:
        nonlocal count
        count += 1
        if count > _TABLE_MAX_PATHS:
            raise _Unsupported("too many paths")
        if i == len(items):
            result: list[_State] = then(state)
            return result
        op, av = items[i]

        def rest(s: _State) -> list[_State]:
            return seq(items, i + 1, s, then)

        if op is c.LITERAL or op is c.NOT_LITERAL or op is c.IN or op is c.ANY:
            if op is c.LITERAL:
                allowed = _ALL_DIGITS & {av}
            elif op is c.NOT_LITERAL:
                allowed = _ALL_DIGITS - {av}
            elif op is c.IN:
                allowed = char_set(av)
            else:
                allowed = _ALL_DIGITS  # "." matches every digit
            moved = narrow(state, allowed)
            return [] if moved is None else rest(moved)
        if op is c.AT:
            if av is c.AT_END_STRING:
                return rest(state) if state[1] == length else []
            if av is c.AT_BEGINNING_STRING:
                return rest(state) if state[1] == 0 else []
            raise _Unsupported(av)
        if op is c.BRANCH:
            found: list[_State] = []
            for alternative in av[1]:
                found += seq(alternative, 0, state, rest)
            return found
        if op is c.SUBPATTERN:
            group, _add_flags, _del_flags, body = av
            if group is None:
                return seq(body, 0, state, rest)
            if len(body):
                raise _Unsupported("capturing group with content")
            return rest((state[0], state[1], names.get(group)))
        if op is c.ASSERT:
            direction, body = av
            if direction != 1:
                raise _Unsupported("look-behind")
            found = []
            for inner in seq(body, 0, state, lambda s: [s]):
                if inner[2] != state[2]:
                    raise _Unsupported("capture in a lookahead")
                found += rest((inner[0], state[1], state[2]))
            return found
        if op is c.MAX_REPEAT or op is c.MIN_REPEAT:
            low, high, body = av
            if high is c.MAXREPEAT:
                raise _Unsupported("unbounded repeat")
            greedy = op is c.MAX_REPEAT

            def repeat(s: _State, done: int) -> list[_State]:
                def again(t: _State) -> list[_State]:
                    if t[1] == s[1]:
                        raise _Unsupported("empty repetition")
                    return repeat(t, done + 1)

                more = seq(body, 0, s, again) if done < high else []
                stop = rest(s) if done >= low else []
                return more + stop if greedy else stop + more

            return repeat(state, 0)
        raise _Unsupported(op)

    parsed = parser.parse(regex.pattern, regex.flags)
    start: _State = ((_ALL_DIGITS,) * length, 0, None)
    return seq(list(parsed), 0, start, lambda s: [s])


def _prefix_verdict(paths: list[_State], prefix: str) -> str | None:
    """The regex's verdict on every number starting with ``prefix``, if it is the same for all.

    The type name (``lastgroup``), None if no such number matches, :data:`_UNDECIDED` if the
    verdict may depend on the digits after the prefix. Exact: the paths are in the engine's order
    (see :func:`_paths`); if the first path that admits the prefix admits every digit after it,
    the engine succeeds along that path on every such number (the paths before admit none of
    them); if no path admits the prefix, it matches none.
    """
    codes = [ord(d) for d in prefix]
    for sets, _pos, group in paths:
        if all(code in allowed for code, allowed in zip(codes, sets[: len(codes)], strict=True)):
            if all(allowed == _ALL_DIGITS for allowed in sets[len(codes) :]):
                return group
            return _UNDECIDED
    return None


@functools.cache
def _norway8_table() -> dict[str, str | None] | None:
    """Verdict of ``_norway_by_length()[8]`` by the first 3 digits: type name, None or undecided.

    Derived at first use from that regex (so from phonenumbers' metadata, never written by hand)
    by :func:`_paths` and :func:`_prefix_verdict`, exactly: a prefix gets a type name (or None)
    only when the regex gives that verdict to all 10^5 numbers starting with it, and
    :data:`_UNDECIDED` otherwise (``810`` and ``453`` today), for which :func:`_fast_read` runs
    the regex. None (no table: always the regex) if the regex has a shape :func:`_paths` does not
    reason about.
    """
    regex = _norway_by_length()[_TABLE_LENGTH]
    if regex is None:
        return None  # pragma: no cover - NO has 8-digit numbers
    try:
        paths = _paths(regex, _TABLE_LENGTH)
        return {
            f"{p:0{_TABLE_PREFIX}d}": _prefix_verdict(paths, f"{p:0{_TABLE_PREFIX}d}")
            for p in range(10**_TABLE_PREFIX)
        }
    except Exception:  # pragma: no cover - today's metadata and Python are supported
        # _Unsupported, RecursionError, or the regex parser (a CPython internal) of another
        # shape on another Python: no table, the regex decides; the table is only for speed.
        return None


# The prefixes that make a number Norwegian whatever the default region: phonenumbers reads a
# leading "+" as the start of a country code and consults the default region only for an
# international dialling prefix (such as "00") or for a number without any prefix.
_PLUS_47 = ("+47", "(+47)")


def _fast_read(value: str, home: bool) -> tuple[str, str] | None:
    """Decide a plain Norwegian number without parsing: ``(digits, type name)`` of a valid one.

    None means "ask phonenumbers". ``home``: the default region is NO. Otherwise only numbers
    written with +47 or (+47) are decided here (the same numbers, read the same way, under any
    default region).

    The digits are those :data:`_SHAPE` reads; the two shortcuts before it only save the regex
    for the commonest spellings and read exactly what it reads. A value that starts and ends
    with an ASCII digit and holds nothing but ASCII digits and single spaces is, for
    :data:`_SHAPE`, an optional ``0047`` (taken whenever a digit or a space and a digit follow,
    which they do here) and then the digits with the spaces removed. ``+47`` followed by such
    digits, or by one space and then such digits, reads as ``+47`` and the digits in the same way.
    """
    if len(value) > _FAST_MAX_LENGTH:
        return None
    digits: str | None
    if value.isdigit() and value.isascii():  # the common case: no regex needed for the shape
        if not home:
            return None
        digits = value[4:] if value.startswith("0047") else value
    elif value.startswith("+47"):
        digits = value[3:].replace(" ", "")
        if not (digits.isdigit() and digits.isascii() and value[-1] != " " and "  " not in value):
            digits = _shape_digits(value, home)
    elif home and value[:1].isdigit() and value[-1:].isdigit() and "  " not in value:
        digits = value.replace(" ", "")
        if not (digits.isdigit() and digits.isascii()):
            digits = _shape_digits(value, home)
        elif value.startswith("0047"):  # (not "004 7": _SHAPE reads no prefix there)
            digits = digits[4:]
    else:
        digits = _shape_digits(value, home)
    if digits is None:
        return None
    if digits.startswith("00"):
        return None  # an international prefix, or leading zeros phonenumbers counts itself
    if len(digits) == _TABLE_LENGTH:
        table = _norway8_table()
        if table is not None:
            kind_by_prefix = table[digits[:_TABLE_PREFIX]]
            if kind_by_prefix != _UNDECIDED:
                return None if kind_by_prefix is None else (digits, kind_by_prefix)
    regex = _norway_by_length()[len(digits)]  # len(digits) <= len(value) <= _FAST_MAX_LENGTH
    if regex is None:
        return None
    match = regex.match(digits)
    if match is None:
        return None
    kind = match.lastgroup
    if kind is None:  # pragma: no cover - every alternative ends in a named group
        return None
    return digits, kind


def _shape_digits(value: str, home: bool) -> str | None:
    """The digits :data:`_SHAPE` reads in ``value``, None if it reads none (or the prefix does not
    make the number Norwegian under another default region)."""
    shape = _SHAPE.fullmatch(value)
    if shape is None or not (home or shape.group(1) in _PLUS_47):
        return None
    digits = shape.group(2)
    if not digits.isdigit():
        digits = digits.replace(" ", "").replace("-", "")
    return digits


def _fast(value: str, home: bool = True) -> PhoneCheck | None:
    """:func:`_fast_read` as a :class:`PhoneCheck`; None means "ask phonenumbers"."""
    read = _fast_read(value, home)
    if read is None:
        return None
    return _new_check(True, read[0], None, read[1])


def sanitized_valid(value: str, region: str = "NO") -> str | None:
    """``check_phone(value, region).sanitized`` if the fast path finds the number valid, else None.

    For a caller that needs only the sanitized form of a valid number (the validation pipeline):
    no :class:`PhoneCheck` is built and no cache is consulted. None means nothing about the
    number: ask :func:`check_phone`.

    >>> sanitized_valid("+47 998 87 766"), sanitized_valid("997755332")
    ('99887766', None)
    """
    read = _fast_read(value, region == "NO" or region.upper() == "NO")
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
    fast = _fast(value, region == "NO" or region.upper() == "NO")
    if fast is not None:
        return fast
    return check_phone_slow(value, region)


_check_cached = functools.lru_cache(maxsize=8192)(_check)
