"""The naive composition: what a user would glue together by hand to check an ARM customer.

This is the baseline of the benchmark (issue 6). It does roughly the checks that
``armvalidate.validate_customer`` does, the obvious way, with the libraries everyone reaches for:

- a plain pydantic v2 model of the request body (camelCase keys as field names,
  ``extra="forbid"``, plain types, no custom validators);
- python-stdnum for the fødselsnummer (``stdnum.no.fodselsnummer``), the organisation number
  (``organizationNo`` and every ``peppolBlockIds`` entry) and the account number;
- email-validator (``validate_email(..., check_deliverability=False)``) for every e-mail address
  in both address lists;
- phonenumbers (``parse`` + ``is_valid_number``, then ``format_number`` to get the canonical
  form) for both phone fields;
- pycountry lookups for the currency, the language and both country codes;
- a few cross-field checks (date of birth vs year of birth vs the date in the ssn, dates in the
  future, stop dates in the past, memos without a date, category vs identity, postal code form,
  code lists, lengths).

It collects plain error strings. It is not sabotaged: nothing in it is artificially slow, and it
adds no cache a user writing it by hand would not add (pycountry's own lazy indexes are used as
pycountry ships them). It stops at the model when the structure is wrong, as a hand-written
``try: Model.model_validate(...) except ValidationError`` naturally does; that makes invalid
payloads *cheaper* for the baseline, never dearer.

>>> body = {"customer": {"customerNo": "1", "name": "Kari", "bankAccountNo": "815013665841",
...                      "secondaryPhoneNo": "997755332", "currency": "NOK"}}
>>> for message in check_customer(body, today=datetime.date(2025, 6, 1)):
...     print(message)
customer.bankAccountNo: invalid account number
customer.secondaryPhoneNo: not a valid phone number
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import fodselsnummer, kontonr, orgnr

__all__ = ["CODE_LISTS", "MAX_LENGTHS", "Customer", "Envelope", "check_customer"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PostalAddress(_Model):
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    postalCode: str | None = None
    cityName: str | None = None
    countryText: str | None = None
    countryCode: str | None = None


class Distribution(_Model):
    type: str | None = None
    einvoiceCode: int | None = None


class Customer(_Model):
    customerNo: str
    name: str
    informalName: str | None = None
    postalAddress: PostalAddress | None = None
    customerCategory: str | None = None
    emailAddressDocument: list[str] | None = None
    secondaryEmailAddress: list[str] | None = None
    phoneNo: str | None = None
    secondaryPhoneNo: str | None = None
    organizationNo: str | None = None
    ssn: str | None = None
    ssnCountry: str | None = None
    dateOfBirth: datetime.date | None = None
    yearOfBirth: int | None = None
    customerGroupCode: str | None = None
    priceNetOrGross: str | None = None
    language: str | None = None
    currency: str | None = None
    distribution: Distribution | None = None
    sellerReference: str | None = None
    buyerReference: str | None = None
    bankAccountNo: str | None = None
    stopReminderUntil: datetime.date | None = None
    stopReminderMemo: str | None = None
    stopDebtCollectionUntil: datetime.date | None = None
    stopDebtCollectionMemo: str | None = None
    stopInterestCalcUntil: datetime.date | None = None
    stopInterestCalcMemo: str | None = None
    efakturaBlockIds: list[str] | None = None
    peppolBlockIds: list[str] | None = None
    digipostBlockIds: list[str] | None = None
    dueDays: int | None = None
    vatLiable: bool | None = None
    limitAmount: float | None = None
    discountRate: float | None = None
    activeStatusWeb: str | None = None
    customerMessage: str | None = None
    options: list[str] | None = None


class Metadata(BaseModel):
    userId: str | None = None


class Envelope(_Model):
    metadata: Metadata | None = None
    customer: Customer


#: The values the API docs show; a hand-written check would hard-code them like this.
CODE_LISTS: dict[str, frozenset[str]] = {
    "customerCategory": frozenset({"CONS", "BUS"}),
    "priceNetOrGross": frozenset({"B", "N"}),
    "activeStatusWeb": frozenset({"Active", "Passive"}),
    "distributionType": frozenset({"M", "H"}),
    "options": frozenset({"NoUpdatePostalReturn"}),
}

#: Rough maximum lengths, checked with ``len`` as anyone would.
MAX_LENGTHS: dict[str, int] = {
    "customerNo": 50,
    "name": 100,
    "informalName": 100,
    "customerGroupCode": 20,
    "sellerReference": 100,
    "buyerReference": 100,
    "customerMessage": 1000,
    "stopReminderMemo": 255,
    "stopDebtCollectionMemo": 255,
    "stopInterestCalcMemo": 255,
}

_POSTCODE = re.compile(r"[0-9]{4}")
_STOPS = (
    ("stopReminderUntil", "stopReminderMemo"),
    ("stopDebtCollectionUntil", "stopDebtCollectionMemo"),
    ("stopInterestCalcUntil", "stopInterestCalcMemo"),
)


def _check_email(where: str, address: str, errors: list[str]) -> None:
    try:
        info = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        errors.append(f"{where}: invalid e-mail address: {exc}")
        return
    if info.normalized != address:
        errors.append(f"{where}: e-mail address will be sanitized to {info.normalized}")


def _check_phone(where: str, number: str, errors: list[str]) -> None:
    try:
        parsed = phonenumbers.parse(number, "NO")
    except phonenumbers.NumberParseException:
        errors.append(f"{where}: not a phone number")
        return
    if not phonenumbers.is_valid_number(parsed):
        errors.append(f"{where}: not a valid phone number")
        return
    phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _check_country(where: str, code: str, errors: list[str]) -> Any:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        errors.append(f"{where}: unknown country code")
    return country


def check_customer(payload: Any, *, today: datetime.date) -> list[str]:
    """Check one request body (or bare customer object) the naive way; return error strings."""
    errors: list[str] = []
    try:
        if isinstance(payload, dict) and "customer" in payload:
            c = Envelope.model_validate(payload).customer
            prefix = "customer."
        else:
            c = Customer.model_validate(payload)
            prefix = ""
    except ValidationError as exc:
        for err in exc.errors(include_input=False):
            loc = ".".join(str(part) for part in err["loc"])
            errors.append(f"{loc}: {err['msg']}")
        return errors

    # Lengths and code lists.
    for key, limit in MAX_LENGTHS.items():
        value = getattr(c, key)
        if value is not None and len(value) > limit:
            errors.append(f"{prefix}{key}: longer than {limit} characters")
    for key in ("customerCategory", "priceNetOrGross", "activeStatusWeb"):
        value = getattr(c, key)
        if value is not None and value not in CODE_LISTS[key]:
            errors.append(f"{prefix}{key}: unknown code {value!r}")
    kind = c.distribution.type if c.distribution is not None else None
    if kind is not None and kind.upper() not in CODE_LISTS["distributionType"]:
        errors.append(f"{prefix}distribution.type: unknown code")
    for option in c.options or ():
        if option not in CODE_LISTS["options"]:
            errors.append(f"{prefix}options: unknown option {option!r}")

    # Identifiers.
    ssn_birth: datetime.date | None = None
    if c.ssn is not None:
        if fodselsnummer.is_valid(c.ssn):
            try:
                ssn_birth = fodselsnummer.get_birth_date(c.ssn)
            except StdnumError:
                ssn_birth = None
        else:
            errors.append(f"{prefix}ssn: invalid fødselsnummer")
    if c.ssnCountry is not None:
        country = _check_country(f"{prefix}ssnCountry", c.ssnCountry, errors)
        if c.ssn is not None and country is not None and country.alpha_2 != "NO":
            errors.append(f"{prefix}ssnCountry: a Norwegian number needs ssnCountry NO")
    if c.organizationNo is not None and not orgnr.is_valid(c.organizationNo):
        errors.append(f"{prefix}organizationNo: invalid organisation number")
    for i, block_id in enumerate(c.peppolBlockIds or ()):
        if not orgnr.is_valid(block_id):
            errors.append(f"{prefix}peppolBlockIds.{i}: invalid organisation number")
    if c.bankAccountNo is not None and not kontonr.is_valid(c.bankAccountNo):
        errors.append(f"{prefix}bankAccountNo: invalid account number")

    # E-mail addresses and phone numbers.
    for key in ("emailAddressDocument", "secondaryEmailAddress"):
        for i, address in enumerate(getattr(c, key) or ()):
            _check_email(f"{prefix}{key}.{i}", address, errors)
    for key in ("phoneNo", "secondaryPhoneNo"):
        number = getattr(c, key)
        if number is not None:
            _check_phone(f"{prefix}{key}", number, errors)

    # Codes.
    if c.currency is not None and pycountry.currencies.get(alpha_3=c.currency) is None:
        errors.append(f"{prefix}currency: unknown currency")
    if c.language is not None and pycountry.languages.get(alpha_2=c.language) is None:
        errors.append(f"{prefix}language: unknown language")
    address = c.postalAddress
    if address is not None:
        country = None
        if address.countryCode is not None:
            where = f"{prefix}postalAddress.countryCode"
            country = _check_country(where, address.countryCode, errors)
        if country is not None and address.countryText:
            names = {country.name.lower(), getattr(country, "official_name", "").lower()}
            if address.countryText.lower() not in names:
                errors.append(f"{prefix}postalAddress.countryText: does not match countryCode")
        if (
            address.postalCode
            and (country is None or country.alpha_2 == "NO")
            and not _POSTCODE.fullmatch(address.postalCode)
        ):
            errors.append(f"{prefix}postalAddress.postalCode: not four digits")

    # Cross-field dates.
    if c.dateOfBirth is not None:
        if c.dateOfBirth > today or c.dateOfBirth.year < 1854:
            errors.append(f"{prefix}dateOfBirth: impossible date of birth")
        if c.yearOfBirth is not None and c.yearOfBirth != c.dateOfBirth.year:
            errors.append(f"{prefix}yearOfBirth: does not match dateOfBirth")
        if ssn_birth is not None and ssn_birth != c.dateOfBirth:
            errors.append(f"{prefix}dateOfBirth: does not match the date in ssn")
    for until, memo in _STOPS:
        day = getattr(c, until)
        if day is not None and day < today:
            errors.append(f"{prefix}{until}: in the past")
        if day is None and getattr(c, memo):
            errors.append(f"{prefix}{memo}: memo without a date")

    # Category vs identity.
    if c.customerCategory == "CONS" and c.organizationNo and not c.ssn:
        errors.append(f"{prefix}customerCategory: a consumer with an organisation number")
    if c.customerCategory not in (None, "CONS") and c.ssn:
        errors.append(f"{prefix}customerCategory: a business with an ssn")
    return errors
