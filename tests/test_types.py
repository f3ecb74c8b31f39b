"""armvalidate.types inside users' own pydantic models: validation, rule ids, JSON Schema,
masking, and differential checks against the libraries (stdnum, phonenumbers, email-validator).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from typing import Annotated, Any

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from stdnum import luhn
from stdnum.no import fodselsnummer as std_fnr
from stdnum.no import kontonr as std_kontonr
from stdnum.no import orgnr as std_orgnr

from armvalidate.types import (
    ArmEmail,
    Fodselsnummer,
    Kid,
    Kontonummer,
    NorwegianPhoneNumber,
    Organisasjonsnummer,
    kid_check,
    kid_type,
)

FNR = "12015641779"
ACCOUNT = "86011117947"


class Customer(BaseModel):
    """A user's own model, nothing to do with ARM's."""

    ssn: Fodselsnummer
    org: Organisasjonsnummer | None = None
    account: Kontonummer | None = None
    kid: Kid | None = None
    kid11: Kid["mod11"] | None = None  # type: ignore[type-arg,misc]  # noqa: F821, UP037
    phone: NorwegianPhoneNumber | None = None
    email: ArmEmail | None = None


def error_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, Any]:
    errors = exc.value.errors()
    assert len(errors) == 1, errors
    return dict(errors[0])


def test_a_user_model_takes_every_type_and_stores_the_compact_form() -> None:
    c = Customer(
        ssn="120156 41779",
        org="NO 984 842 252 MVA",
        account="8601.11.17947",
        kid="1234 5678 97",
        kid11="12345678903",
        phone="+47 998 87 766",
        email="owea@ TestArmRest.no",
    )
    assert c.model_dump() == {
        "ssn": FNR,
        "org": "984842252",
        "account": ACCOUNT,
        "kid": "1234567897",
        "kid11": "12345678903",
        "phone": "99887766",
        "email": "owea@testarmrest.no",
    }
    again = Customer.model_validate_json(c.model_dump_json())
    assert again == c


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("ssn", "12015641778", "ssn.checksum"),
        ("ssn", "1201564177", "ssn.format"),
        ("ssn", "32015641710", "ssn.date"),
        ("ssn", 12015641779, "ssn.format"),  # an integer has lost its leading zeros
        ("org", "984842253", "orgnr.checksum"),
        ("org", "98484225", "orgnr.format"),
        ("account", "86011117948", "account.checksum"),
        ("account", "815013665841", "account.format"),
        ("kid", "1234567898", "kid.checksum"),
        ("kid", "12A4", "kid.format"),
        ("kid11", "12345678904", "kid.checksum"),
        ("phone", "997755332", "phone.invalid"),
        ("phone", "+46701234567", "phone.invalid"),  # valid, but not Norwegian
        ("phone", 99887766, "phone.invalid"),
        ("email", "ola.nordmann@firma", "email.invalid"),
        ("email", ["a@b.no"], "email.invalid"),
    ],
)
def test_errors_carry_the_rule_id_as_their_type(field: str, value: Any, rule: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Customer.model_validate({"ssn": FNR, field: value})
    error = error_of(exc)
    assert error["type"] == rule
    assert error["loc"] == (field,)
    assert error["msg"]  # our explanation


@pytest.mark.parametrize(
    ("annotation", "value"),
    [(Fodselsnummer, "12015641778"), (Fodselsnummer, 12015641778), (Kontonummer, "86011117948")],
)
def test_personal_numbers_never_leak_from_an_error(annotation: Any, value: Any) -> None:
    digits = str(value)
    adapter = TypeAdapter(annotation)
    with pytest.raises(ValidationError) as exc:
        adapter.validate_python(value)
    shown = [str(exc.value), repr(exc.value.errors()), exc.value.json()]
    with pytest.raises(ValidationError) as in_model:
        Customer.model_validate({"ssn": value} if annotation is Fodselsnummer else
                                {"ssn": FNR, "account": value})  # fmt: skip
    shown += [str(in_model.value), repr(in_model.value.errors()), in_model.value.json()]
    for text in shown:
        assert digits not in text, text
        assert digits[-2:] in text  # the masked form shows the last two digits
    assert error_of(exc)["input"] == "*" * (len(digits) - 2) + digits[-2:]


def test_hide_input_in_errors_hides_the_rest_too() -> None:
    class Strict(BaseModel):
        model_config = ConfigDict(hide_input_in_errors=True)
        email: ArmEmail

    with pytest.raises(ValidationError) as exc:
        Strict(email="kari.nordmann@firma")
    assert "kari.nordmann" not in str(exc.value)
    assert error_of(exc)["type"] == "email.invalid"


def test_json_schema_inside_a_user_model() -> None:
    schema = Customer.model_json_schema()
    props = schema["properties"]
    assert schema["required"] == ["ssn"]
    ssn = props["ssn"]
    assert ssn["type"] == "string" and ssn["examples"][0] == FNR
    assert re.fullmatch(ssn["pattern"], "120156 41779")
    assert not re.fullmatch(ssn["pattern"], "1201564177")
    org = props["org"]["anyOf"][0]
    assert re.fullmatch(org["pattern"], "984842252") and "Brønnøysund" in org["description"]
    assert re.fullmatch(org["pattern"], "NO 984 842 252 MVA")
    account = props["account"]["anyOf"][0]
    assert all(re.fullmatch(account["pattern"], e) for e in account["examples"])
    assert props["kid"]["anyOf"][0]["examples"] == ["1234567897"]
    assert props["kid11"]["anyOf"][0]["examples"] == ["12345678903"]
    phone = props["phone"]["anyOf"][0]
    assert all(re.fullmatch(phone["pattern"], e) for e in phone["examples"])
    assert props["email"]["anyOf"][0]["format"] == "email"
    json.dumps(schema)  # serializable
    # every example of every type validates
    for annotation in (Fodselsnummer, Organisasjonsnummer, Kontonummer, Kid, Kid["mod11"],
                       NorwegianPhoneNumber, ArmEmail):  # fmt: skip
        adapter = TypeAdapter(annotation)
        for example in adapter.json_schema()["examples"]:
            adapter.validate_python(example)


def test_kid_algorithm_and_bounds_are_parameters() -> None:
    mod11 = TypeAdapter(kid_type("mod11"))
    assert mod11.validate_python("23456788") == "23456788"
    assert not luhn.is_valid("23456788")
    with pytest.raises(ValidationError) as exc:
        TypeAdapter(Kid).validate_python("23456788")  # a MOD11 KID is no MOD10 KID
    assert error_of(exc)["type"] == "kid.checksum"
    either = TypeAdapter(Kid["either"])
    assert either.validate_python("12345678903") == either.validate_python("1234 5678 903")
    ten = TypeAdapter(kid_type(min_length=10, max_length=10))
    ten.validate_python("1234567897")
    with pytest.raises(ValidationError) as exc:
        ten.validate_python("12345674")
    assert error_of(exc)["type"] == "kid.format"
    assert ten.json_schema()["minLength"] == 10
    typed = TypeAdapter(Annotated[str, kid_check("mod11")])  # the form mypy accepts
    assert typed.validate_python("23456788") == "23456788"
    with pytest.raises(ValueError, match="unknown KID algorithm"):
        kid_type("luhn")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bounds"):
        kid_type(min_length=5, max_length=4)


# --- differential: the libraries decide, the types follow ----------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _accepts(adapter: TypeAdapter[Any], value: Any) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


def test_organisasjonsnummer_agrees_with_stdnum() -> None:
    rng = random.Random(16)
    adapter = TypeAdapter(Organisasjonsnummer)
    numbers = [_digits(rng, 9) for _ in range(3000)]
    valid = 0
    for number in numbers:
        expected = std_orgnr.is_valid(number)
        valid += expected
        assert _accepts(adapter, number) == expected, number
    assert valid > 100


def test_kontonummer_agrees_with_stdnum() -> None:
    rng = random.Random(17)
    adapter = TypeAdapter(Kontonummer)
    for _ in range(1500):
        number = _digits(rng, 11)
        assert _accepts(adapter, number) == std_kontonr.is_valid(number), number


def test_fodselsnummer_accepts_what_stdnum_accepts() -> None:
    """stdnum knows the classic rules only: every number it accepts is ours too (we accept
    more: the 2032 check digits, synthetic numbers, numbers of unknown century)."""
    rng = random.Random(18)
    adapter = TypeAdapter(Fodselsnummer)
    accepted = 0
    for _ in range(3000):
        base = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{_digits(rng, 5)}"
        base += std_fnr.calc_check_digit1(base)
        number = base + std_fnr.calc_check_digit2(base)
        if std_fnr.is_valid(number):
            accepted += 1
            assert _accepts(adapter, number), number
            wrong = number[:10] + str((int(number[10]) + 1) % 10)
            assert not _accepts(adapter, wrong)
    assert accepted > 1000


def test_phone_agrees_with_phonenumbers() -> None:
    rng = random.Random(19)
    adapter = TypeAdapter(NorwegianPhoneNumber)
    for _ in range(1000):
        number = rng.choice("2345789") + _digits(rng, 7)
        expected = phonenumbers.is_valid_number(phonenumbers.parse(number, "NO"))
        assert _accepts(adapter, number) == expected, number


@pytest.mark.parametrize(
    "address",
    ["ola.nordmann@firma.no", "ola..nordmann@firma.no", "ola@firma", "@firma.no",
     "kari@xn--bcher-kva.example", "kari@[127.0.0.1]", "x@y.no"],
)  # fmt: skip
def test_email_agrees_with_email_validator_on_clean_addresses(address: str) -> None:
    try:
        validate_email(address, check_deliverability=False)
        expected = True
    except EmailNotValidError:
        expected = False
    assert _accepts(TypeAdapter(ArmEmail), address) == expected


def test_import_armvalidate_does_not_import_pydantic_through_types() -> None:
    code = (
        "import sys, armvalidate; "
        "assert 'armvalidate.types' not in sys.modules; "
        "assert 'pydantic' not in sys.modules, 'pydantic imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
