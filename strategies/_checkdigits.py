"""Check digits for the Norwegian identifiers, written independently of ``armvalidate.no``.

The generators compute their own check digits (so that a bug in the validator cannot hide a bug
in the generator, and the other way round). Pure functions on ASCII digit strings; no hypothesis.

>>> fnr_check_digits("120156417")  # the API docs' 12015641779
('7', '9')
>>> fnr_check_digits("179120999")  # Test-Norge's example 17912099997 (month + 80)
('9', '7')
>>> fnr_check_digits("010101003")  # K1 would be 10: never issued
(None, None)
>>> orgnr_check_digit("98484225")
'2'
>>> kontonr_check_digit("8601111794")
'7'
>>> kid_check_digit("1234567", "mod10"), kid_check_digit("1234567", "mod11")
('4', '4')
"""

from __future__ import annotations

from operator import mul

__all__ = [
    "FNR_W1",
    "FNR_W2",
    "classic_individual_ranges",
    "fnr_check_digits",
    "fnr_check_digits_2032",
    "kid_check_digit",
    "kontonr_check_digit",
    "orgnr_check_digit",
]

FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ORGNR_W = (3, 2, 7, 6, 5, 4, 3, 2)
_KONTONR_W = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _mod11(digits: str, weights: tuple[int, ...]) -> int:
    """``11 - (Σ w·d mod 11)``, with 11 → 0 (10 stays 10: "never issued").

    ``digits`` holds ASCII digits, as many as ``weights``; the sum runs over the byte values
    (``ord(d) = d + 48``) and takes off ``48 · Σw`` once, which keeps the loop in C.
    """
    total: int = sum(map(mul, weights, digits.encode("ascii"))) - 48 * sum(weights)
    return (11 - total % 11) % 11


def fnr_check_digits(first9: str) -> tuple[str | None, str | None]:
    """The classic check digits K1, K2 of a fødselsnummer-family number, or ``(None, None)``.

    ``None`` means no classic number exists with these nine digits (K1 or K2 would be 10): such
    individual numbers are skipped, never issued.
    """
    k1 = _mod11(first9, FNR_W1)
    if k1 == 10:
        return None, None
    k2 = _mod11(first9 + str(k1), FNR_W2)
    if k2 == 10:
        return None, None
    return str(k1), str(k2)


def fnr_check_digits_2032(first9: str, remainder: int) -> tuple[str | None, str | None]:
    """Check digits K1, K2 under the rule for numbers issued from 2032: ``ΣW1·d mod 11`` over
    digits 1-10 is ``remainder`` (1, 2 or 3: a number valid only under the new rule), and
    ``ΣW2·d ≡ 0 (mod 11)`` as before. ``(None, None)`` when K1 or K2 would be 10.

    >>> fnr_check_digits_2032("179299999", 2)  # a synthetic (month + 80) number
    ('5', '9')
    """
    if remainder not in (1, 2, 3):
        raise ValueError("remainder must be 1, 2 or 3")
    classic = _mod11(first9, FNR_W1)  # the K1 making the sum ≡ 0; W1 ends with weight 1
    k1 = (classic + remainder) % 11
    if k1 == 10:
        return None, None
    k2 = _mod11(first9 + str(k1), FNR_W2)
    if k2 == 10:
        return None, None
    return str(k1), str(k2)


def orgnr_check_digit(first8: str) -> str | None:
    """The organisasjonsnummer check digit (weights 3 2 7 6 5 4 3 2), or None if it would be 10."""
    k = _mod11(first8, _ORGNR_W)
    return None if k == 10 else str(k)


def kontonr_check_digit(first10: str) -> str | None:
    """The kontonummer check digit (weights 5 4 3 2 7 6 5 4 3 2), or None if it would be 10."""
    k = _mod11(first10, _KONTONR_W)
    return None if k == 10 else str(k)


def kid_check_digit(base: str, algorithm: str) -> str:
    """The KID check character for ``base``: Luhn for ``"mod10"``; for ``"mod11"`` weights
    2..7 from the right, 11 → ``"0"``, 10 → ``"-"``."""
    total = 0
    if algorithm == "mod10":
        for i, c in enumerate(reversed(base)):
            d = ord(c) - 48
            if i % 2 == 0:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        return str((10 - total % 10) % 10)
    for i, c in enumerate(reversed(base)):
        total += (2 + i % 6) * (ord(c) - 48)
    k = 11 - total % 11
    return "0" if k == 11 else "-" if k == 10 else str(k)


def classic_individual_ranges(year: int) -> tuple[tuple[int, int], ...]:
    """The individual numbers (inclusive ranges) the classic century table gives ``year``.

    >>> classic_individual_ranges(1956)
    ((0, 499), (900, 999))
    >>> classic_individual_ranges(2010)
    ((500, 999),)
    """
    if 1854 <= year <= 1899:
        return ((500, 749),)
    if 1900 <= year <= 1939:
        return ((0, 499),)
    if 1940 <= year <= 1999:
        return ((0, 499), (900, 999))
    if 2000 <= year <= 2039:
        return ((500, 999),)
    raise ValueError(f"the classic table has no individual numbers for {year}")
