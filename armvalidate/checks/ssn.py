"""The ssn field: a number of the fødselsnummer family, its kind, and its date.

ssn.format, ssn.checksum and ssn.date belong to :mod:`armvalidate.no.fodselsnummer`; this
module reports them at ``ssn`` (masked, ``pii=True``) and adds the rules that need the payload
or the profile. When ``ssnCountry`` names another country than Norway and the ssn is no valid
Norwegian number, the ssn is taken to be foreign and none of these rules applies to it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from armvalidate.catalog import Severity, declare
from armvalidate.checks._context import Context, blank
from armvalidate.checks.identifiers import COMPACTED
from armvalidate.exceptions import InvalidValue
from armvalidate.fields import Path
from armvalidate.masking import mask
from armvalidate.no import fodselsnummer

__all__ = ["COUNTRY", "DOB_MISMATCH", "KIND", "SYNTHETIC", "finish_ssn", "note_ssn"]

SYNTHETIC = declare(
    "ssn.synthetic",
    severity=Severity.WARNING,
    summary="ssn is a synthetic test number (Tenor, SyntPop, NAV Dolly).",
    example='"ssn": "17912099997"',
    source="policy",
    ref=(
        "The synthetic ranges are Skatteetaten's Test-Norge/Tenor, Norsk helsenett's "
        "SyntPop and NAV's Dolly; that they do not belong in production data is our "
        "judgement."
    ),
    doc=(
        "Skatteetaten's Test-Norge/Tenor numbers (month + 80), Norsk helsenett's SyntPop "
        "numbers (month + 65) and NAV Dolly D-numbers (day + 40 and month + 40) belong to no "
        "real person. A warning in the production profile (they should not reach production); "
        "nothing in the test profile, or whenever the profile has allow-synthetic = true. The "
        "month + 40 form without a day offset is ambiguous (an H-number or a Dolly person): "
        "see ssn.kind."
    ),
)
KIND = declare(
    "ssn.kind",
    severity=Severity.ERROR,
    summary="ssn is an H- or FH-number (no national id), or a kind the profile does not accept.",
    example='"ssn": "12415641751"',
    source="policy",
    ref=(
        "H-numbers (health organisations) and FH-numbers (Norsk helsenett) are no "
        "national ids (Skatteetaten's Folkeregisteret issues only the fødselsnummer "
        "and the D-number); refusing them by default is our judgement."
    ),
    doc=(
        "Accepted kinds come from the profile (accept-kinds; default fnr and dnr: the "
        "fødselsnummer and the D-number, the two national ids). An H-number (month + 40, a "
        "help number internal to one health organisation) and an FH-number (first digit 8 or "
        "9, Norsk helsenett's help number) are not national ids and must not be sent. The "
        "month + 40 form cannot be told apart from a NAV Dolly test person: without "
        "allow-synthetic (production) it is read as an H-number and reported here; with it "
        "(the test profile) it is read as a Dolly person and accepted."
    ),
)
DOB_MISMATCH = declare(
    "ssn.dob-mismatch",
    severity=Severity.ERROR,
    summary="dateOfBirth (or yearOfBirth) does not match the date inside ssn.",
    example='"ssn": "12015641779", "dateOfBirth": "1956-01-13"',
    source="policy",
    ref=(
        "The birth date inside a fødselsnummer is Skatteetaten's (Folkeregisteret); "
        "that dateOfBirth must agree with it is our cross-field check, not stated by "
        "the docs."
    ),
    doc=(
        "The day and month of dateOfBirth must be those in the ssn (offsets removed); the "
        "year must be the ssn's birth year when its century is known (the individual-number "
        "tables give exactly one possible birth date), else its last two digits must match "
        "the ssn's two-digit year. Without a dateOfBirth, a yearOfBirth is compared the same "
        "way. Reported at dateOfBirth (or yearOfBirth): the ssn passed its check digits, so "
        "the date field is the likely mistake. An error for a fødselsnummer; for a D-number "
        "only a warning (severity 'warning' on that finding), because a D-number's date may "
        "be the date of registration rather than of birth (UDI). A severity override in the "
        "profile applies to both. Not checked for FH-numbers (no date) or for a number of a "
        "kind the profile rejects (ssn.kind)."
    ),
)
COUNTRY = declare(
    "ssn.country",
    severity=Severity.ERROR,
    summary="ssnCountry names another country than NO, but ssn is a valid Norwegian number.",
    example='"ssn": "12015641779", "ssnCountry": "SE"',
    source="policy",
    ref=(
        'The docs show ssnCountry "NO" with a Norwegian number; that another country '
        "contradicts a valid Norwegian number is our judgement."
    ),
    doc=(
        "ssnCountry is optional (absent or empty means a Norwegian number). Given as another "
        "country's code while the ssn passes the fødselsnummer check, the two contradict each "
        "other; reported at ssnCountry. When ssnCountry is another country and the ssn is not "
        "a valid Norwegian number, the ssn is taken to be a foreign id and is not checked."
    ),
)

_KIND_NAMES = {
    "fnr": "a fødselsnummer",
    "dnr": "a D-number",
    "hnr": "an H-number (a health-sector help number, internal to one organisation)",
    "fhnr": "an FH-number (Norsk helsenett's help number)",
}
_SYNTHETIC_NAMES = {
    "tenor": "Skatteetaten's Test-Norge/Tenor (month + 80)",
    "syntpop": "Norsk helsenett's SyntPop (month + 65)",
    "dolly": "NAV Dolly (month + 40)",
}


# made once: a constant message is cheaper to emit (its hash is kept), and this one is common
_SYNTHETIC_MESSAGES = {
    kind: f"ssn is a synthetic test number of {name}: no real person has it"
    for kind, name in _SYNTHETIC_NAMES.items()
}


def note_ssn(ctx: Context, path: Path, value: str, customer: Mapping[str, Any]) -> None:
    """ssn: checked after the pass, once ssnCountry and dateOfBirth are known."""
    ctx.ssn = (path, value)


def finish_ssn(ctx: Context, base: Path, customer: Mapping[str, Any]) -> None:
    """The ssn's rules, once the pass has seen ssnCountry, dateOfBirth and yearOfBirth.

    Everything the number says comes from :func:`~armvalidate.no.fodselsnummer.info`.
    """
    if ctx.ssn is None:
        return
    path, raw = ctx.ssn
    foreign = ctx.ssn_country is not None and ctx.ssn_country != "NO"
    try:
        info = fodselsnummer.info(raw, today=ctx.today)
    except InvalidValue as exc:
        if not foreign:
            ctx.emit_id(
                exc.rule, path, f"ssn: {exc.message}", context=exc.context, value=raw, pii=True
            )
        return
    if foreign:
        _emit_country(ctx, base, customer)
    if not (raw.isdigit() and raw.isascii()):  # eleven ASCII digits are compact already
        number = fodselsnummer.compact(raw)
        ctx.change(path, number)
        ctx.emit(
            COMPACTED,
            path,
            f"ssn is valid but written with separators; send the 11 digits {mask(number)}",
            context={"sanitized": mask(number)},
            value=raw,
            pii=True,
        )
    if not info.date_exists:
        # Skatteetaten's reference validator accepts it (see SsnInfo.date_exists): a warning,
        # not an error, so that no number the issuer's own check accepts is refused here.
        ctx.emit_id(
            fodselsnummer.DATE.id,
            path,
            f"ssn: day {info.day:02d} does not exist in month {info.month:02d}; Skatteetaten's "
            "reference validator accepts the number all the same (its date check rolls the day "
            "over into the next month)",
            context={"day": info.day, "month": info.month},
            value=raw,
            pii=True,
            severity=Severity.WARNING,
        )
    kind, synthetic, ambiguous = info.kind, info.synthetic, info.ambiguous
    day, month, yy = info.day, info.month, info.two_digit_year
    birth_year = None if info.birth_date is None else info.birth_date.year
    tables = ctx.tables
    if ambiguous:
        if tables.allow_synthetic:
            kind = "fnr"  # read as a NAV Dolly test person
        else:
            synthetic = None  # read as an H-number
    if kind not in tables.accept_kinds:
        message = f"ssn is {_KIND_NAMES[kind]}, which is not accepted here"
        if kind in ("hnr", "fhnr"):
            message += "; it is no national id: send the fødselsnummer or D-number"
        if ambiguous:
            message += " (or it is a NAV Dolly test number: the test profile accepts those)"
        ctx.emit(
            KIND,
            path,
            message,
            context={"expected": sorted(tables.accept_kinds), "found": kind},
            value=raw,
            pii=True,
        )
        return
    if synthetic is not None and not tables.allow_synthetic:
        ctx.emit(
            SYNTHETIC,
            path,
            _SYNTHETIC_MESSAGES[synthetic],
            context={"found": synthetic},
            value=raw,
            pii=True,
        )
    if day is not None and month is not None and yy is not None:  # (an FH-number has no date)
        if ctx.dob is not None:
            _check_dob(ctx, base, customer, ctx.dob, kind, day, month, yy, birth_year)
        elif ctx.yob is not None:
            _check_yob(ctx, customer, ctx.yob, kind, yy, birth_year)


def _emit_country(ctx: Context, base: Path, customer: Mapping[str, Any]) -> None:
    ctx.emit(
        COUNTRY,
        (*base, "ssnCountry"),
        f"ssnCountry is {ctx.ssn_country}, but ssn is a valid Norwegian number; expected NO "
        "(or no ssnCountry)",
        context={"expected": "NO", "found": ctx.ssn_country},
        value=customer.get("ssnCountry"),
    )


def _differ(parts: list[str]) -> str:
    """``the day differs``, ``the day and the year differ``, ``the day, the month and ...``.

    >>> _differ(["day"]), _differ(["day", "month", "year"])
    ('the day differs', 'the day, the month and the year differ')
    """
    named = [f"the {part}" for part in parts]
    if len(named) == 1:
        return f"{named[0]} differs"
    return f"{', '.join(named[:-1])} and {named[-1]} differ"


_DNR_NOTE = " (a D-number's date may be its registration date)"


def _check_dob(
    ctx: Context,
    base: Path,
    customer: Mapping[str, Any],
    dob: datetime.date,
    kind: str,
    day: int,
    month: int,
    yy: int,
    birth_year: int | None,
) -> None:
    """dateOfBirth against the ssn's date (``birth_year``: the year of ``info().birth_date``)."""
    year_ok = dob.year == birth_year if birth_year is not None else dob.year % 100 == yy
    if dob.day != day or dob.month != month or not year_ok:
        # The ssn's own date is not quoted: with the two digits a masked ssn shows, it
        # would narrow the number down to a handful. Which parts differ is said instead.
        differs = [
            part
            for part, same in (("day", dob.day == day), ("month", dob.month == month))
            if not same
        ] + ([] if year_ok else ["year"])
        ctx.emit(
            DOB_MISMATCH,
            (*base, "dateOfBirth"),
            f"dateOfBirth {dob.isoformat()} does not match the date in ssn ({_differ(differs)})"
            + (_DNR_NOTE if kind == "dnr" else ""),
            context={"differs": differs, "found": dob.isoformat()},
            value=customer.get("dateOfBirth"),
            severity=Severity.WARNING if kind == "dnr" else None,
        )


def _check_yob(
    ctx: Context,
    customer: Mapping[str, Any],
    yob: tuple[Path, int],
    kind: str,
    yy: int,
    birth_year: int | None,
) -> None:
    """yearOfBirth against the ssn's year, when there is no dateOfBirth."""
    if not blank(customer.get("dateOfBirth")):
        return
    year_path, year = yob
    year_ok = year == birth_year if birth_year is not None else year % 100 == yy
    if not year_ok:
        ctx.emit(
            DOB_MISMATCH,
            year_path,
            f"yearOfBirth {year} does not match the year in ssn"
            + (_DNR_NOTE if kind == "dnr" else ""),
            context={"differs": ["year"], "found": year},
            value=year,
            severity=Severity.WARNING if kind == "dnr" else None,
        )
