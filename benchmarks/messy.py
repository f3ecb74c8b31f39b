"""A messy corpus: customer payloads shaped like a real ERP export, not like our own fixtures.

The clean corpus (``benchmarks.corpus``) is the project's own fixtures: valid customers with a
tenth carrying one labelled fault. Real exports are messier, and every finding costs the
validator time, so a benchmark on clean data alone flatters it. This generator starts from the
same fixtures (realistic names, synthetic fødselsnumre) and then damages them the way ERP data
is damaged, each with its own probability (all seeded: the same seed gives the same corpus):

- every record gets a Norwegian address whose postcode and city come from a name generator:
  half of them a real postcode with its own town, a quarter a real postcode with another
  record's town (mismatch), a quarter four random digits and a made-up town (mostly unknown);
- phone numbers written the ways people type them (spaces, dots, ``+47``, ``0047``, a
  ``Tlf:`` label), a quarter of them invalid (too short, too long, an unallocated range);
- organisation and personal numbers with typos (one digit changed, two swapped);
- dates of birth with day and month swapped, customer category codes outside the known
  list, stale stop dates, e-mail addresses with
  stray spaces or a missing top-level domain, account numbers in the dotted display form or
  with a digit too many.

The shares are chosen so that about one record in seven has an error and there are about two
findings per record under the production profile (``python benchmarks/messy.py`` prints them).

>>> payloads = list(messy_payloads(50, seed=1))
>>> len(payloads), all("customer" in p for p in payloads)
(50, True)
>>> payloads == list(messy_payloads(50, seed=1))
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.corpus import REFERENCE_DATE, fixture_payloads

__all__ = ["messy_payloads", "stats"]

_POSTCODES = Path(__file__).resolve().parents[1] / "armvalidate" / "data" / "postcodes.tsv"

_SYLLABLES = (
    "ber", "vik", "dal", "stad", "nes", "heim", "rud", "sand", "by", "fjord", "holm", "lia",
    "mo", "øy", "strand", "åsen", "bakk", "li", "torp", "vang",
)  # fmt: skip


def _register() -> list[tuple[str, str]]:
    """(postcode, town) pairs of the postcode register shipped with armvalidate."""
    pairs = []
    for line in _POSTCODES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0].isdigit():
            pairs.append((fields[0], fields[1]))
    return pairs


def _town(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _typed_phone(rng: random.Random) -> str:
    """A phone number as a person types it; a quarter of them invalid."""
    if rng.random() < 0.25:
        bad = rng.choice(
            (
                str(rng.randint(1_000_000, 9_999_999)),  # seven digits
                str(rng.randint(100_000_000, 999_999_999)),  # nine digits
                "1" + str(rng.randint(1_000_000, 9_999_999)),  # unallocated range
                "0" + str(rng.randint(1_000_000, 9_999_999)),  # a trunk prefix Norway has not
            )
        )
        return bad
    digits = str(rng.choice((4, 9))) + str(rng.randint(1_000_000, 9_999_999))
    return rng.choice(
        (
            digits,
            f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}",
            f"{digits[:3]} {digits[3:5]} {digits[5:]}",
            f"+47 {digits[:3]} {digits[3:5]} {digits[5:]}",
            f"0047{digits}",
            f"+47{digits}",
            f"{digits[:3]}.{digits[3:5]}.{digits[5:]}",
            f"Tlf: {digits}",
        )
    )


def _typo(rng: random.Random, number: str) -> str:
    """One digit changed, or two neighbours swapped (the common keying errors)."""
    if len(number) < 2:
        return number
    chars = list(number)
    i = rng.randrange(len(chars) - 1)
    if rng.random() < 0.5 and chars[i] != chars[i + 1]:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i] = str((int(chars[i]) + rng.randint(1, 9)) % 10) if chars[i].isdigit() else "7"
    return "".join(chars)


def _mess(customer: dict[str, Any], rng: random.Random, register: list[tuple[str, str]]) -> None:
    address = dict(customer.get("postalAddress") or {})
    roll = rng.random()
    if roll < 0.5:
        code, town = rng.choice(register)
    elif roll < 0.75:
        code, town = rng.choice(register)[0], rng.choice(register)[1]
    else:
        code, town = f"{rng.randint(0, 9999):04d}", _town(rng)
    address.update(
        addressLine1=address.get("addressLine1") or f"{_town(rng)}veien {rng.randint(1, 99)}",
        postalCode=code,
        cityName=town if rng.random() < 0.8 else town.upper(),
        countryCode="NO",
    )
    customer["postalAddress"] = address
    for key in ("phoneNo", "secondaryPhoneNo"):
        if key in customer or rng.random() < 0.5:
            customer[key] = _typed_phone(rng)
    if "organizationNo" in customer and rng.random() < 0.15:
        customer["organizationNo"] = _typo(rng, str(customer["organizationNo"]))
    if "ssn" in customer and rng.random() < 0.08:
        customer["ssn"] = _typo(rng, str(customer["ssn"]))
    if "dateOfBirth" in customer and rng.random() < 0.03:  # day and month keyed the US way
        year, month, day = str(customer["dateOfBirth"]).split("-")
        if int(day) <= 12 and day != month:
            customer["dateOfBirth"] = f"{year}-{day}-{month}"
    if rng.random() < 0.06:
        customer["customerCategory"] = rng.choice(("PRIV", "B2B", "cons ", "Privat", "KONS"))
    if rng.random() < 0.10:
        customer["stopReminderUntil"] = REFERENCE_DATE.replace(
            year=REFERENCE_DATE.year - rng.randint(1, 4)
        ).isoformat()
        customer["stopReminderMemo"] = "Avtalt med kunden"
    emails = list(customer.get("emailAddressDocument") or [])
    if emails and rng.random() < 0.08:
        local, _, domain = emails[0].partition("@")
        emails[0] = rng.choice((f"{local} @{domain}", f"{local}@{domain.split('.')[0]}"))
        customer["emailAddressDocument"] = emails
    if "bankAccountNo" in customer and rng.random() < 0.10:
        account = str(customer["bankAccountNo"])
        customer["bankAccountNo"] = rng.choice(
            (f"{account[:4]}.{account[4:6]}.{account[6:]}", account + str(rng.randint(0, 9)))
        )


def messy_payloads(count: int, *, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` messy request bodies (seeded; see the module docstring)."""
    rng = random.Random(seed)
    register = _register()
    for payload in fixture_payloads(count, seed=seed, invalid_ratio=0.0):
        _mess(payload["customer"], rng, register)
        yield payload


def stats(count: int = 2000, *, seed: int = 1) -> dict[str, float]:
    """Share of records with an error and findings per record under the production profile."""
    from armvalidate import validate_customer

    errors = findings = 0
    for payload in messy_payloads(count, seed=seed):
        report = validate_customer(payload, profile="production", today=REFERENCE_DATE)
        errors += not report.ok
        findings += len(report)
    return {
        "records": count,
        "error_share": errors / count,
        "findings_per_record": findings / count,
    }


if __name__ == "__main__":  # pragma: no cover - a report for people
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    print(stats())
