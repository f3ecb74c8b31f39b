"""Pydantic models of the ARM customer request bodies: structure and JSON types only.

The keys are the API's camelCase keys, exactly. Every model forbids unknown keys, and every model
is strict about JSON types: a string where an integer is expected is an error, an integer is fine
where a number is expected, ``true`` is not an integer, and NaN or Infinity is no number. Dates
are strings here; whether they are real ``YYYY-MM-DD`` dates is the rule ``date.format``. There
are no business rules in these models: those live in :mod:`armvalidate.checks`, where each has a
rule id, and where :func:`armvalidate.validate_customer` turns the models' errors into ids too.

``null`` is accepted for every key except the required ones (``customerNo``; ``name`` on create):
on an update it means "leave the stored value unchanged", and on a create it means the same as
leaving the key out.

>>> body = {"metadata": {"userId": "TestUser"}, "customer": {"customerNo": "1", "name": "Kari"}}
>>> CustomerRequest.model_validate(body).customer.name
'Kari'
>>> sorted(CustomerRequest.model_fields)
['customer', 'metadata']
>>> "clientNo" in READ_ONLY_KEYS
True
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from armvalidate.checks._shape import READ_ONLY_KEYS

__all__ = [
    "CUSTOMER_KEYS",
    "READ_ONLY_KEYS",
    "Customer",
    "CustomerBatchRequest",
    "CustomerRequest",
    "CustomerUpdate",
    "CustomerUpdateBatchRequest",
    "CustomerUpdateRequest",
    "Distribution",
    "Metadata",
    "PostalAddress",
]

_CONFIG = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)

Date = Annotated[
    str | None,
    Field(default=None, json_schema_extra={"format": "date"}, description="YYYY-MM-DD"),
]


def _text(description: str) -> Any:
    return Field(default=None, description=description)


class Metadata(BaseModel):
    """The request's ``metadata`` object."""

    model_config = _CONFIG

    userId: str | None = _text("The user who sends the request.")


class PostalAddress(BaseModel):
    """``postalAddress``: one group; an update that sends any of it replaces all of it."""

    model_config = _CONFIG

    addressLine1: str | None = _text("First address line.")
    addressLine2: str | None = _text("Second address line.")
    addressLine3: str | None = _text("Third address line.")
    postalCode: str | None = _text("Postal code; four digits in Norway (a string: 0150).")
    cityName: str | None = _text("Postal place (city) name.")
    countryText: str | None = _text("The country in words.")
    countryCode: str | None = _text("ISO 3166-1 alpha-2 country code, e.g. NO.")


class Distribution(BaseModel):
    """``distribution``: how documents reach the customer."""

    model_config = _CONFIG

    type: str | None = _text("Distribution type code (seen: M, H).")
    einvoiceCode: int | None = _text("E-invoice code (seen: 0, 90).")


class CustomerUpdate(BaseModel):
    """A customer object as ``PUT`` sends it: only ``customerNo`` is required."""

    model_config = _CONFIG

    customerNo: str = Field(description="The client's own customer number; the upsert key.")
    name: str | None = _text("The customer's name.")
    informalName: str | None = _text("Informal name.")
    postalAddress: PostalAddress | None = None
    customerCategory: str | None = _text("Customer category code (seen: CONS).")
    emailAddressDocument: list[str] | None = _text("E-mail addresses for documents.")
    secondaryEmailAddress: list[str] | None = _text("Secondary e-mail addresses.")
    phoneNo: str | None = _text("Phone number.")
    secondaryPhoneNo: str | None = _text("Secondary phone number.")
    organizationNo: str | None = _text("Norwegian organisasjonsnummer, 9 digits.")
    ssn: str | None = _text("Fødselsnummer or D-number, 11 digits (personal data).")
    ssnCountry: str | None = _text("ISO 3166-1 alpha-2 country of the ssn.")
    dateOfBirth: Date
    yearOfBirth: int | None = _text("Year of birth.")
    customerGroupCode: str | None = _text("Client-defined customer group code.")
    priceNetOrGross: str | None = _text("Price net or gross code (seen: B).")
    language: str | None = _text("ISO 639-1 language code (seen: no, en).")
    currency: str | None = _text("ISO 4217 currency code (seen: NOK).")
    distribution: Distribution | None = None
    sellerReference: str | None = _text("Seller's reference.")
    buyerReference: str | None = _text("Buyer's reference.")
    bankAccountNo: str | None = _text("Norwegian kontonummer, 11 digits (personal data).")
    stopReminderUntil: Date
    stopReminderMemo: str | None = _text("Why reminders are stopped.")
    stopDebtCollectionUntil: Date
    stopDebtCollectionMemo: str | None = _text("Why debt collection is stopped.")
    stopInterestCalcUntil: Date
    stopInterestCalcMemo: str | None = _text("Why interest calculation is stopped.")
    efakturaBlockIds: list[str] | None = _text("Identifiers whose eFaktura delivery is blocked.")
    peppolBlockIds: list[str] | None = _text(
        "Organisation numbers whose Peppol delivery is blocked."
    )
    digipostBlockIds: list[str] | None = _text("Digipost addresses whose delivery is blocked.")
    dueDays: int | None = _text("Days until due.")
    vatLiable: bool | None = _text("Whether the customer is liable for VAT.")
    limitAmount: float | None = _text("Credit limit amount.")
    discountRate: float | None = _text("Discount rate, percent.")
    activeStatusWeb: str | None = _text("Web status code (seen: Passive).")
    customerMessage: str | None = _text("Message to the customer.")
    options: list[str] | None = _text("Option codes (seen: NoUpdatePostalReturn).")


class Customer(CustomerUpdate):
    """A customer object as ``POST`` sends it: ``customerNo`` and ``name`` are required."""

    name: str = Field(description="The customer's name.")


class CustomerRequest(BaseModel):
    """The body of ``POST /clients/{clientno}/customers``."""

    model_config = _CONFIG

    metadata: Metadata | None = None
    customer: Customer


class CustomerUpdateRequest(BaseModel):
    """The body of ``PUT /clients/{clientno}/customers``."""

    model_config = _CONFIG

    metadata: Metadata | None = None
    customer: CustomerUpdate


class CustomerBatchRequest(BaseModel):
    """The body of ``POST /clients/{clientno}/customers/batches`` (the docs' shape for document
    batches, by analogy)."""

    model_config = _CONFIG

    metadata: Metadata | None = None
    customers: list[Customer]


class CustomerUpdateBatchRequest(BaseModel):
    """The body of ``PUT /clients/{clientno}/customers/batches``."""

    model_config = _CONFIG

    metadata: Metadata | None = None
    customers: list[CustomerUpdate]


CUSTOMER_KEYS: tuple[str, ...] = tuple(CustomerUpdate.model_fields)
"""Every key of the customer object, in the order of the API's documentation."""

# READ_ONLY_KEYS (imported above): keys that GET answers carry and requests must not send.
