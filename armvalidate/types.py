"""Pydantic types for your own models: Norwegian identifiers, phone numbers and ARM's e-mails.

Each type is an ``Annotated[str, ...]`` usable as a field of any pydantic model (or with a
:class:`pydantic.TypeAdapter`); it validates with the same code as armvalidate's own checks,
returns the compact (canonical) form, and brings its JSON Schema (``pattern``, ``examples``,
``description``):

>>> from pydantic import BaseModel, ValidationError
>>> from armvalidate.types import Fodselsnummer, Kid, Organisasjonsnummer
>>> class Invoice(BaseModel):
...     payer: Fodselsnummer
...     seller: Organisasjonsnummer
...     kid: Kid["mod11"]
>>> Invoice(payer="120156 41779", seller="NO 984 842 252 MVA", kid="12345678903")
Invoice(payer='12015641779', seller='984842252', kid='12345678903')

A failure is a pydantic error whose ``type`` is armvalidate's rule id; personal numbers
(fødselsnummer, kontonummer) are masked in the message *and* in the input pydantic records:

>>> try:
...     Invoice(payer="12015641778", seller="984842252", kid="12345678903")
... except ValidationError as exc:
...     error = exc.errors()[0]
>>> error["type"], error["msg"], error["input"]
('ssn.checksum', 'the second check digit (digit 11) is 8, expected 9', '*********78')

Importing this module imports pydantic; ``import armvalidate`` does not import this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from armvalidate.exceptions import InvalidValue
from armvalidate.masking import mask
from armvalidate.no import fodselsnummer, kid, kontonr, orgnr

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "ArmEmail",
    "Fodselsnummer",
    "Kid",
    "Kontonummer",
    "MaskedInput",
    "NorwegianPhoneNumber",
    "Organisasjonsnummer",
    "kid_check",
    "kid_type",
]


class MaskedInput(str):
    """The input of a personal-number field as pydantic records it in its errors: the masked
    text (``*********79``), never the number. The validator reads the original from ``raw``."""

    __slots__ = ("raw",)
    raw: object


def _masked(value: object) -> MaskedInput:
    masked = MaskedInput(mask(value))
    masked.raw = value
    return masked


def _raw(value: object) -> object:
    return value.raw if isinstance(value, MaskedInput) else value


def _error(exc: InvalidValue) -> PydanticCustomError:
    # the message is ours, already free of personal numbers; braces would be read as fields
    message = exc.message.replace("{", "(").replace("}", ")")
    return PydanticCustomError(exc.rule, message, dict(exc.context))


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes Annotated's metadata
class _ArmType:
    """The pydantic face of one armvalidate check (used inside ``Annotated``)."""

    validate: Callable[[object], str]
    json_schema: dict[str, Any]
    pii: bool = False  # mask the input pydantic records in its errors

    def _run(self, value: object) -> str:
        try:
            return self.validate(_raw(value))
        except InvalidValue as exc:
            raise _error(exc) from None

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        checked = core_schema.no_info_plain_validator_function(
            self._run, serialization=core_schema.to_string_ser_schema()
        )
        if not self.pii:
            return checked
        # the before-validator hands the checker a masked stand-in: pydantic records that, not
        # the number, as the error's input (``input_value=`` in str(error), "input" in errors())
        return core_schema.no_info_before_validator_function(
            _masked, checked, serialization=core_schema.to_string_ser_schema()
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(self.json_schema)


def _not_a_string(rule: str, what: str, value: object) -> InvalidValue:
    return InvalidValue(
        f"{what} must be a string, not {type(value).__name__}",
        rule=rule,
        context={"type": type(value).__name__},
    )


# A number with separators: digits, with single spaces, '-' or '.' between them.
def _digits_pattern(count: int) -> str:
    return rf"^[0-9](?:[ .\-]?[0-9]){{{count - 1}}}$"


def _fodselsnummer(value: object) -> str:
    return fodselsnummer.validate(value)


Fodselsnummer = Annotated[
    str,
    _ArmType(
        _fodselsnummer,
        {
            "type": "string",
            "pattern": _digits_pattern(11),
            "examples": ["12015641779", "120156 41779"],
            "description": "A Norwegian fødselsnummer or D-, H- or FH-number: 11 digits "
            "DDMMYYIIIKK (spaces, '-' and '.' allowed), valid check digits and date "
            "(Skatteetaten). Stored in compact form. Errors: ssn.format, ssn.checksum, "
            "ssn.date; the number is masked in them.",
        },
        pii=True,
    ),
]
"""A fødselsnummer (or D-, H-, FH-number; synthetic test numbers too): compact 11 digits."""


def _organisasjonsnummer(value: object) -> str:
    return orgnr.validate(value)


Organisasjonsnummer = Annotated[
    str,
    _ArmType(
        _organisasjonsnummer,
        {
            "type": "string",
            # the bare number with separators, its VAT form NO...MVA, or the Peppol id 0192:...
            "pattern": r"^(?:NO ?|0192:)?[0-9](?:[ .\-]?[0-9]){8}(?: ?MVA)?$",
            "examples": ["984842252", "984 842 252", "NO 984 842 252 MVA"],
            "description": "A Norwegian organisasjonsnummer: 9 digits with a MOD11 check digit "
            "(Brønnøysundregistrene); the VAT form and the Peppol id 0192: are accepted. "
            "Stored as the 9 digits. Errors: orgnr.format, orgnr.checksum.",
        },
    ),
]
"""An organisasjonsnummer: compact 9 digits."""


def _kontonummer(value: object) -> str:
    return kontonr.validate(value)


Kontonummer = Annotated[
    str,
    _ArmType(
        _kontonummer,
        {
            "type": "string",
            "pattern": r"^(?:NO[0-9]{2} ?)?[0-9](?:[ .\-]?[0-9]){10}$",
            "examples": ["86011117947", "8601.11.17947", "NO9386011117947"],
            "description": "A Norwegian kontonummer: 11 digits with a MOD11 check digit (Bits), "
            "or its IBAN (NO + 13 digits). Stored as the 11 digits. Errors: account.format, "
            "account.checksum; the number is masked in them.",
        },
        pii=True,
    ),
]
"""A Norwegian bank account number: compact 11 digits (a Norwegian IBAN is accepted)."""


KidAlgorithm = Literal["mod10", "mod11", "either"]


def kid_check(
    algorithm: KidAlgorithm = "mod10", *, min_length: int = 2, max_length: int = 25
) -> Any:
    """The marker of a KID field for ``Annotated``: ``Annotated[str, kid_check("mod11")]``
    (the form type checkers accept; :func:`kid_type` and ``Kid["mod11"]`` are shorter)."""
    if algorithm not in ("mod10", "mod11", "either"):
        raise ValueError(f"unknown KID algorithm {algorithm!r}; use mod10, mod11 or either")
    if not 1 <= min_length <= max_length:
        raise ValueError(f"impossible KID length bounds {min_length}..{max_length}")

    def check(value: object) -> str:
        return kid.validate(
            value, algorithm=algorithm, min_length=min_length, max_length=max_length
        )

    name = {"mod10": "MOD10 (Luhn)", "mod11": "MOD11", "either": "MOD10 or MOD11"}[algorithm]
    examples = {"mod10": ["1234567897"], "mod11": ["12345678903"], "either": ["1234567897"]}
    pattern = r"^[0-9](?:[ ]?[0-9])*-?$" if algorithm != "mod10" else r"^[0-9](?:[ ]?[0-9])*$"
    return _ArmType(
        check,
        {
            "type": "string",
            "pattern": pattern,
            "minLength": min_length,
            "examples": examples[algorithm],
            "description": f"A KID (kundeidentifikasjon) of {min_length} to {max_length} "
            f"digits with a {name} check digit (Bits/Nets). Errors: kid.format, kid.checksum.",
        },
    )


def kid_type(
    algorithm: KidAlgorithm = "mod10", *, min_length: int = 2, max_length: int = 25
) -> Any:
    """A KID type for pydantic: ``Annotated[str, kid_check(...)]``, checked with ``algorithm``
    (``"mod10"`` (Luhn, the default), ``"mod11"`` or ``"either"``) and the length bounds agreed
    with the bank.

    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(kid_type("mod10", min_length=10, max_length=10)).validate_python("1234567897")
    '1234567897'
    """
    return Annotated[str, kid_check(algorithm, min_length=min_length, max_length=max_length)]


class Kid(str):
    """A KID with a MOD10 check digit; ``Kid["mod11"]`` or ``Kid["either"]`` for the others
    (:func:`kid_type` also sets the length bounds). For type checkers, ``Kid`` is a ``str``.

    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(Kid).validate_python("1234 5678 97"), TypeAdapter(Kid["mod11"]).validate_python("12345678903")
    ('1234567897', '12345678903')
    """  # noqa: E501

    __slots__ = ()

    def __class_getitem__(cls, algorithm: KidAlgorithm) -> Any:
        return kid_type(algorithm)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _MOD10.__get_pydantic_core_schema__(source, handler)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _MOD10.__get_pydantic_json_schema__(schema, handler)


_MOD10: _ArmType = kid_check("mod10")


def _phone(value: object) -> str:
    from armvalidate.checks.contact import PHONE_INVALID
    from armvalidate.phones import check_phone

    if not isinstance(value, str):
        raise _not_a_string(PHONE_INVALID.id, "a phone number", value)
    result = check_phone(value, "NO")
    if not result.ok or result.sanitized is None:
        reason = result.reason or "not a phone number"
        raise InvalidValue(f"no valid phone number: {reason}", rule=PHONE_INVALID.id)
    if result.sanitized.startswith("+"):  # E.164 of another country
        raise InvalidValue(
            "no Norwegian phone number: its country code is not +47",
            rule=PHONE_INVALID.id,
            context={"expected": "+47"},
        )
    return result.sanitized


NorwegianPhoneNumber = Annotated[
    str,
    _ArmType(
        _phone,
        {
            "type": "string",
            "pattern": r"^\+?[0-9][0-9 ()\-.]*$",
            "examples": ["99887766", "+47 22 12 34 56"],
            "description": "A Norwegian (+47) phone number that libphonenumber finds valid "
            "(Nkom's numbering plan; the +47 or 0047 prefix is optional). Stored as the 8 "
            "digits (5 for service numbers). Error: phone.invalid.",
        },
    ),
]
"""A Norwegian phone number (+47, Svalbard included): stored as its 8 (or 5) digits."""


def _email(value: object) -> str:
    from armvalidate.checks.contact import EMAIL_INVALID
    from armvalidate.emails import check_email

    if not isinstance(value, str):
        raise _not_a_string(EMAIL_INVALID.id, "an e-mail address", value)
    result = check_email(value)
    if not result.ok or result.sanitized is None:
        reason = result.reason or "not an e-mail address"
        raise InvalidValue(f"no valid e-mail address: {reason}", rule=EMAIL_INVALID.id)
    return result.sanitized


ArmEmail = Annotated[
    str,
    _ArmType(
        _email,
        {
            "type": "string",
            "format": "email",
            "examples": ["ola.nordmann@firma.no"],
            "description": "An e-mail address, sanitized as the ARM server does (whitespace, a "
            "mailto: prefix and a trailing dot removed, the domain lower-cased; inferred from "
            "the docs' one example) and then valid for email-validator (no DNS). Stored "
            "sanitized. Error: email.invalid.",
        },
    ),
]
"""An e-mail address as ARM stores it: sanitized (what the server would warn about is done)."""
