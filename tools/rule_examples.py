"""Why each rule exists, with a bad and a good example: one table, for the documentation.

The rule reference of the documentation is generated from :func:`armvalidate.rules` and this
table (``tools/rule_docs.py``), and the test suite runs every example
(``tests/test_rule_examples.py``): the bad one must produce its rule, the good one must not. A
rule of the catalog without an entry here fails the tests, unless it is in :data:`NO_EXAMPLE`
with the reason.

Payloads are bare customer objects unless ``call`` says otherwise; every example is validated
with ``today`` = :data:`TODAY` and the ``production`` profile changed by ``profile`` (a
``[tool.armvalidate]`` table). It lives outside the package: the package's code names a rule
only through its ``Rule`` object (``tests/test_catalog.py``), and nothing here is needed at run
time.

>>> EXAMPLES["ssn.checksum"].bad["ssn"]
'12015641778'
>>> sorted(NO_EXAMPLE)
['input.unprocessable']
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["EXAMPLES", "NO_EXAMPLE", "TODAY", "RuleExample", "run_example"]

TODAY = datetime.date(2025, 6, 1)
"""The date every example is validated on (stop dates and birth dates compare with it)."""


@dataclass(frozen=True)
class RuleExample:
    """``bad`` breaks the rule, ``good`` is the same data put right.

    ``call`` is ``"customer"`` (:func:`armvalidate.validate_customer`; a ``str`` payload is JSON
    text), ``"batch"`` (:func:`armvalidate.validate_batch`) or ``"kid"``
    (:func:`armvalidate.no.kid.validate` on a string: no payload field holds a KID).
    """

    why: str
    bad: Any
    good: Any
    call: Literal["customer", "batch", "kid"] = "customer"
    operation: Literal["create", "update"] = "create"
    profile: Mapping[str, Any] = field(default_factory=dict)


def _c(**fields: Any) -> dict[str, Any]:
    """A bare customer with the required keys and ``fields``."""
    return {"customerNo": "1001", "name": "Kari Nordmann", **fields}


def _address(**fields: Any) -> dict[str, Any]:
    return _c(postalAddress=fields)


_FULL_ADDRESS = {
    "addressLine1": "Storgata 1",
    "addressLine2": "",
    "addressLine3": "",
    "postalCode": "0150",
    "cityName": "Oslo",
    "countryText": "Norge",
    "countryCode": "NO",
}

EXAMPLES: dict[str, RuleExample] = {
    "account.checksum": RuleExample(
        "A mistyped digit almost always breaks the MOD11 check digit. ARM stores the number as "
        "given, and a refund sent to a wrong account is hard to get back.",
        _c(bankAccountNo="86011117948"),
        _c(bankAccountNo="86011117947"),
    ),
    "account.format": RuleExample(
        "A Norwegian account number has exactly 11 digits; anything else is a typo, a foreign "
        "number in the wrong field, or two fields run together.",
        _c(bankAccountNo="815013665841"),
        _c(bankAccountNo="86011117947"),
    ),
    "account.iban": RuleExample(
        "The API takes the 11-digit account number. An IBAN is accepted by armvalidate "
        "(its check digits are verified), and the sanitized payload carries the 11 digits.",
        _c(bankAccountNo="NO9386011117947"),
        _c(bankAccountNo="86011117947"),
    ),
    "batch.duplicate-customer-no": RuleExample(
        "customerNo is the key of a customer: the second one of a batch overwrites the first.",
        {"customers": [_c(), {"customerNo": "1001", "name": "Ola Nordmann"}]},
        {"customers": [_c(), {"customerNo": "1002", "name": "Ola Nordmann"}]},
        call="batch",
    ),
    "category.identity": RuleExample(
        "A consumer is identified by a fødselsnummer, a business by an organisation number; the "
        "other combination usually means the category or the identifier is wrong.",
        _c(customerCategory="CONS", organizationNo="984842252"),
        _c(customerCategory="CONS", ssn="12015641779"),
    ),
    "code.unknown": RuleExample(
        "Code lists are per ARM client; a value outside yours is probably a typo or a code of "
        "another system. Set your lists in the profile's code-lists.",
        _c(customerCategory="PRIVATE"),
        _c(customerCategory="CONS"),
    ),
    "country.text-mismatch": RuleExample(
        "Letters are addressed with countryText, while rules and routing use countryCode: when "
        "they disagree, one of them is wrong.",
        _address(countryText="Sweden", countryCode="NO"),
        _address(countryText="Norge", countryCode="NO"),
    ),
    "country.unknown": RuleExample(
        "Only ISO 3166-1 alpha-2 codes are countries; UK, for one, is not (the code is GB).",
        _address(countryCode="UK"),
        _address(countryCode="GB"),
    ),
    "currency.unknown": RuleExample(
        "Invoices are issued in this currency; an unknown code (NKR) is rejected further on.",
        _c(currency="NKR"),
        _c(currency="NOK"),
    ),
    "date.format": RuleExample(
        "The API's dates are ISO 8601 (YYYY-MM-DD); a Norwegian 12.01.1956 is not read as a "
        "date at all.",
        _c(dateOfBirth="12.01.1956"),
        _c(dateOfBirth="1956-01-12"),
    ),
    "dob.range": RuleExample(
        "Nobody is born in the future, or before 1854 (the oldest possible fødselsnummer).",
        _c(dateOfBirth="2999-01-01"),
        _c(dateOfBirth="1956-01-12"),
    ),
    "dob.year-mismatch": RuleExample(
        "Two fields say when the customer was born; when they disagree, one is wrong.",
        _c(dateOfBirth="1956-01-12", yearOfBirth=1965),
        _c(dateOfBirth="1956-01-12", yearOfBirth=1956),
    ),
    "email.invalid": RuleExample(
        "Invoices and reminders go to this address; one that cannot exist means post that "
        "never arrives.",
        _c(emailAddressDocument=["ola.nordmann@firma"]),
        _c(emailAddressDocument=["ola.nordmann@firma.no"]),
    ),
    "email.sanitized": RuleExample(
        "The server cleans the address (spaces, mailto:, case of the domain) and stores "
        "something else than was sent; send the clean form to keep both sides equal.",
        _c(emailAddressDocument=["owea@ testarmrest.no"]),
        _c(emailAddressDocument=["owea@testarmrest.no"]),
    ),
    "identifier.compacted": RuleExample(
        "Identifiers are compared as digits; separators make the same number look different "
        "to systems that compare strings.",
        _c(organizationNo="984 842 252"),
        _c(organizationNo="984842252"),
    ),
    "input.too-deep": RuleExample(
        "Deeply nested JSON costs memory and time for nothing (no field of a customer nests "
        "more than three levels); the record is not checked at all. The example lowers the "
        "limit with the profile's limits.max-depth (default 32).",
        _c(options=[[["NoUpdatePostalReturn"]]]),
        _c(options=["NoUpdatePostalReturn"]),
        profile={"limits": {"max-depth": 3}},
    ),
    "input.too-large": RuleExample(
        "A record of megabytes is no customer; it is refused before it is parsed. The example "
        "lowers the limit with the profile's limits.max-bytes (default 1 MiB).",
        '{"customerNo": "1001", "name": "Kari Nordmann", "customerMessage": "' + "x" * 80 + '"}',
        '{"customerNo": "1001", "name": "Kari Nordmann"}',
        profile={"limits": {"max-bytes": 100}},
    ),
    "kid.checksum": RuleExample(
        "The bank matches payments by KID; a wrong check digit makes the bank reject the "
        "payment or book it to nobody. (No customer field holds a KID: this rule is for "
        "armvalidate.no.kid.)",
        "1234567898",
        "1234567897",
        call="kid",
    ),
    "kid.format": RuleExample(
        "A KID is digits only (MOD11 may end in '-'), within the length agreed with the bank.",
        "12A4",
        "1234567897",
        call="kid",
    ),
    "language.unknown": RuleExample(
        "Letters are written in this language; the API takes ISO 639-1 codes (no, nb, nn, en), "
        "not the three-letter nor.",
        _c(language="nor"),
        _c(language="no"),
    ),
    "length.max": RuleExample(
        "A value too long for the field is cut or refused downstream. The example sets the "
        "maximum with the profile's max-lengths (default for name: 100).",
        _c(name="Kari Nordmann-Hansen"),
        _c(name="Kari"),
        profile={"max-lengths": {"name": 10}},
    ),
    "length.max-items": RuleExample(
        "A list longer than any real customer needs (100 entries) is a runaway export, and "
        "bounds the work spent on one record.",
        _c(emailAddressDocument=[f"kari{i}@example.no" for i in range(101)]),
        _c(emailAddressDocument=["kari@example.no"]),
    ),
    "number.not-finite": RuleExample(
        "NaN and Infinity are no JSON numbers; many serializers write them anyway, and the "
        "server cannot store them.",
        '{"customerNo": "1001", "name": "Kari Nordmann", "limitAmount": NaN}',
        '{"customerNo": "1001", "name": "Kari Nordmann", "limitAmount": 5000}',
    ),
    "number.range": RuleExample(
        "A discount over 100 % or a negative credit limit is accepted by the server and then "
        "does strange things to invoices.",
        _c(discountRate=150),
        _c(discountRate=15),
    ),
    "orgnr.checksum": RuleExample(
        "A mistyped organisation number usually breaks its MOD11 check digit, and invoices "
        "then name another company, or none.",
        _c(organizationNo="984842253"),
        _c(organizationNo="984842252"),
    ),
    "orgnr.format": RuleExample(
        "An organisation number has exactly 9 digits.",
        _c(organizationNo="98484225"),
        _c(organizationNo="984842252"),
    ),
    "orgnr.synthetic": RuleExample(
        "Numbers starting with 2 or 3 are Test-Norge's synthetic organisations: test data "
        "that should not reach production (the test profile accepts them).",
        _c(organizationNo="310000108"),
        _c(organizationNo="984842252"),
    ),
    "peppol.orgnr": RuleExample(
        "Blocking e-invoices for an organisation that cannot exist blocks nothing.",
        _c(peppolBlockIds=["987654321"]),
        _c(peppolBlockIds=["984842252"]),
    ),
    "phone.invalid": RuleExample(
        "SMS reminders go to this number; a Norwegian number has 8 digits (5 for a few services).",
        _c(secondaryPhoneNo="997755332"),
        _c(secondaryPhoneNo="99775533"),
    ),
    "postcode.city-mismatch": RuleExample(
        "Post is routed by postcode, people read the city: when they disagree, letters go astray.",
        _address(postalCode="0150", cityName="Bergen"),
        _address(postalCode="0150", cityName="Oslo"),
    ),
    "postcode.format": RuleExample(
        "A Norwegian postcode has four digits; a lost leading zero (150 for 0150) is the usual "
        "cause, from a spreadsheet that took it for a number.",
        _address(postalCode="150"),
        _address(postalCode="0150"),
    ),
    "postcode.unknown": RuleExample(
        "A postcode that does not exist cannot be delivered to (the register shipped may be "
        "out of date, hence a warning).",
        _address(postalCode="1234", cityName="Oslo"),
        _address(postalCode="0150", cityName="Oslo"),
    ),
    "schema.json": RuleExample(
        "Text that is no JSON object cannot be a request body; nothing else is checked.",
        '{"customerNo": "1001", "name": "Kari Nordmann"',
        '{"customerNo": "1001", "name": "Kari Nordmann"}',
    ),
    "schema.range": RuleExample(
        "dueDays and einvoiceCode are stored as 32-bit integers: a larger number is cut or "
        "refused (a timestamp or an account number in the wrong column, usually).",
        _c(dueDays=2**31),
        _c(dueDays=30),
    ),
    "schema.read-only": RuleExample(
        "Keys that only GET answers carry (clientNo, accountNo ...) are ignored on POST and "
        "PUT: a sign that a GET answer is being sent back unchanged.",
        _c(accountNo=500002),
        _c(),
    ),
    "schema.required": RuleExample(
        "The server refuses a customer without customerNo (and, on create, name).",
        {"name": "Kari Nordmann"},
        {"customerNo": "1001", "name": "Kari Nordmann"},
    ),
    "schema.type": RuleExample(
        "The server expects this JSON type; a string where an integer belongs is refused or "
        "silently dropped.",
        _c(yearOfBirth="1956"),
        _c(yearOfBirth=1956),
    ),
    "schema.unknown-field": RuleExample(
        "The server drops keys it does not know without a word: the data is lost.",
        _c(emailAdress=["kari@example.no"]),
        _c(emailAddressDocument=["kari@example.no"]),
    ),
    "ssn.checksum": RuleExample(
        "Two check digits catch nearly every typo in a fødselsnummer; a wrong one means the "
        "number belongs to nobody, or to someone else.",
        _c(ssn="12015641778"),
        _c(ssn="12015641779"),
    ),
    "ssn.country": RuleExample(
        "A valid Norwegian number with another country is a contradiction: one of the two "
        "is wrong.",
        _c(ssn="12015641779", ssnCountry="SE"),
        _c(ssn="12015641779", ssnCountry="NO"),
    ),
    "ssn.date": RuleExample(
        "The first six digits are a date; day 32 cannot be one.",
        _c(ssn="32015641710"),
        _c(ssn="12015641779"),
    ),
    "ssn.dob-mismatch": RuleExample(
        "The fødselsnummer holds the birth date; when dateOfBirth says otherwise, one is wrong.",
        _c(ssn="12015641779", dateOfBirth="1956-01-13"),
        _c(ssn="12015641779", dateOfBirth="1956-01-12"),
    ),
    "ssn.format": RuleExample(
        "A fødselsnummer has exactly 11 digits; 10 usually means a lost leading zero.",
        _c(ssn="1201564177"),
        _c(ssn="12015641779"),
    ),
    "ssn.kind": RuleExample(
        "H-numbers (month + 40) and FH-numbers are health-service numbers, no national "
        "identity: they do not identify a debtor.",
        _c(ssn="12415641751"),
        _c(ssn="12015641779"),
    ),
    "ssn.synthetic": RuleExample(
        "Tenor, SyntPop and Dolly numbers are synthetic test persons: test data that should "
        "not reach production (the test profile accepts them).",
        _c(ssn="17912099997"),
        _c(ssn="12015641779"),
    ),
    "stop.memo-without-date": RuleExample(
        "A memo explains a stop; without the stop date there is no stop to explain.",
        _c(stopReminderMemo="Agreed with customer"),
        _c(stopReminderMemo="Agreed with customer", stopReminderUntil="2025-12-31"),
    ),
    "stop.past": RuleExample(
        "A stop that ended before today has no effect: probably an old value sent again.",
        _c(stopReminderUntil="2020-01-01"),
        _c(stopReminderUntil="2025-12-31"),
    ),
    "update.partial-address": RuleExample(
        "On PUT the address is replaced as a whole: the fields not sent are blanked.",
        {"customerNo": "1001", "postalAddress": {"postalCode": "0150"}},
        {"customerNo": "1001", "postalAddress": _FULL_ADDRESS},
        operation="update",
    ),
}

NO_EXAMPLE: dict[str, str] = {
    "input.unprocessable": "Only a bug in armvalidate produces it (a check that raised); no "
    "payload is known to. Please report one that does.",
}


def run_example(example: RuleExample, which: Literal["bad", "good"]) -> frozenset[str]:
    """The rule ids that the ``bad`` or ``good`` side of ``example`` produces."""
    from armvalidate import InvalidValue, profile_from_mapping, validate_batch, validate_customer
    from armvalidate.no import kid

    payload = example.bad if which == "bad" else example.good
    if example.call == "kid":
        try:
            kid.validate(payload)
        except InvalidValue as exc:
            return frozenset({exc.rule})
        return frozenset()
    profile = profile_from_mapping(example.profile) if example.profile else None
    if example.call == "batch":
        report = validate_batch(payload, operation=example.operation, profile=profile, today=TODAY)
    else:
        report = validate_customer(
            payload, operation=example.operation, profile=profile, today=TODAY
        )
    return report.rules
