"""Data as wide as clients send, at low probability: every variant appears, every payload is
valid under the strategies' contract, and e-mail addresses are what email-validator accepts."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date
from typing import Any

import email_validator
from hypothesis import Phase, find, settings

from armvalidate import validate_customer
from armvalidate.no import fodselsnummer
from armvalidate.strategies import PayloadFactory, customer_payloads, generate

_INVISIBLE = "\u200b\u200c\u200d\u2060\u200e\u200f\u2067"


def _variants(customer: dict[str, Any]) -> set[str]:
    found = set()
    ssn = customer.get("ssn")
    if isinstance(ssn, str):
        if customer.get("ssnCountry") not in (None, "NO"):
            found.add("foreign ssn")
        else:
            info = fodselsnummer.info(ssn)
            assert info.synthetic in ("tenor", "syntpop") and not info.ambiguous, ssn
            found.add(f"synthetic {info.synthetic}")
            if info.new_format:
                found.add("2032 rule")
    for key in ("emailAddressDocument", "secondaryEmailAddress"):
        for address in customer.get(key) or []:
            local, _, domain = address.rpartition("@")
            if "+" in local:
                found.add("plus address")
            if "xn--" in domain:
                found.add("IDN domain")
            if not local.isascii():
                found.add("Unicode local part")
    if len(str(customer.get("customerNo"))) == 50:
        found.add("customerNo at its maximum")
    for key in ("customerMessage", "stopReminderMemo", "stopDebtCollectionMemo"):
        text = customer.get(key)
        if isinstance(text, str):
            if unicodedata.normalize("NFC", text) != text:
                found.add("NFD text")
            if any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFC", text)):
                found.add("combining mark")
            if any(ch in _INVISIBLE for ch in text):
                found.add("zero-width or bidi")
    return found


def test_every_variant_appears_and_validates_clean() -> None:
    counts: Counter[str] = Counter()
    for operation in ("create", "update"):
        factory = PayloadFactory(seed=11, operation=operation)
        # (generate() numbers the customers itself; the factory draws customerNo)
        payloads = [item.payload for item in generate(2000, seed=11, operation=operation)]
        payloads += [factory() for _ in range(1000)]
        for payload in payloads:
            customer = payload["customer"]
            counts.update(_variants(customer))
            report = validate_customer(
                payload, operation=operation, profile="test", today=date(2025, 1, 1)
            )
            assert report.issues == (), (report, customer)
            for key in ("emailAddressDocument", "secondaryEmailAddress"):
                for address in customer.get(key) or []:
                    # Differential: email-validator accepts it, in exactly this form (the
                    # ASCII form of an internationalised domain).
                    checked = email_validator.validate_email(address, check_deliverability=False)
                    local, _, domain = address.rpartition("@")
                    assert checked.local_part == local
                    assert domain in (checked.domain, checked.ascii_domain)
    expected = {
        "synthetic tenor",
        "synthetic syntpop",
        "2032 rule",
        "foreign ssn",
        "plus address",
        "IDN domain",
        "Unicode local part",
        "customerNo at its maximum",
        "NFD text",
        "combining mark",
        "zero-width or bidi",
    }
    assert expected <= set(counts), counts
    # Low probability: the plain forms stay the rule.
    assert counts["synthetic tenor"] > 10 * counts["synthetic syntpop"]


def test_the_simplest_payload_has_none_of_the_rarer_forms() -> None:
    simplest = settings(database=None, phases=[Phase.generate, Phase.shrink], derandomize=True)
    payload = find(
        customer_payloads(),
        lambda p: "ssn" in p["customer"] and "emailAddressDocument" in p["customer"],
        settings=simplest,
    )
    assert _variants(payload["customer"]) == {"synthetic tenor"}
