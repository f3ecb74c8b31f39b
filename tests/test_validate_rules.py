"""validate_customer, rule by rule: a case that triggers each rule, a near case that must not,
its severity and its path; the docs' own request; sanitizing and payload order."""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from armvalidate import Profile, Report, Rule, checks, rules, validate_customer

ROOT = Path(__file__).resolve().parent.parent
DOCS_REQUEST = json.loads((ROOT / "examples" / "post-customer.request.json").read_text("utf-8"))
TODAY = datetime.date(2026, 11, 26)


def valid_request() -> dict[str, Any]:
    """The docs' request with the values it gets wrong put right: no finding at all."""
    body = copy.deepcopy(DOCS_REQUEST)
    customer = body["customer"]
    customer["bankAccountNo"] = "86011117947"
    customer["secondaryPhoneNo"] = "41234567"
    customer["peppolBlockIds"] = ["984842252", "0192:984842252"]
    customer["postalAddress"]["postalCode"] = "0150"
    for key in ("stopReminderUntil", "stopDebtCollectionUntil", "stopInterestCalcUntil"):
        customer[key] = "2027-01-01"
    return body


def found(report: Report) -> list[tuple[str, str, str]]:
    return [(i.rule, i.severity.value, i.path) for i in report.issues]


def check(
    mutate: Callable[[dict[str, Any]], None], *, operation: str = "create", profile: Any = None
) -> Report:
    body = valid_request()
    mutate(body["customer"])
    return validate_customer(body, operation=operation, profile=profile, today=TODAY)


def setter(**values: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(customer: dict[str, Any]) -> None:
        for key, value in values.items():
            if value is _DELETE:
                customer.pop(key, None)
            else:
                customer[key] = value

    return mutate


def address(**values: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(customer: dict[str, Any]) -> None:
        customer["postalAddress"].update(values)

    return mutate


_DELETE = object()
NO_DOB = {"dateOfBirth": _DELETE, "yearOfBirth": _DELETE}

# rule id, mutation that triggers it, severity, path, a near mutation that must not trigger it
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str, Callable[..., None]]] = [
    ("schema.type", setter(customerNo=543210), "error", "/customer/customerNo",
     setter(customerNo="543210")),
    ("schema.type", setter(yearOfBirth="1956"), "error", "/customer/yearOfBirth",
     setter(yearOfBirth=1956)),
    ("schema.type", setter(vatLiable=1), "error", "/customer/vatLiable", setter(vatLiable=False)),
    ("schema.type", setter(dueDays=True), "error", "/customer/dueDays", setter(dueDays=0)),
    ("schema.type", setter(emailAddressDocument="a@b.no"), "error",
     "/customer/emailAddressDocument", setter(emailAddressDocument=["kari@firma.no"])),
    ("schema.type", setter(options=["NoUpdatePostalReturn", None]), "error", "/customer/options/1",
     setter(options=None)),
    ("schema.required", setter(name=_DELETE), "error", "/customer/name", setter(name="A")),
    ("schema.required", setter(name=None), "error", "/customer/name", setter(informalName=None)),
    ("schema.required", setter(customerNo="  "), "error", "/customer/customerNo",
     setter(customerNo="0")),
    ("schema.unknown-field", setter(emailAdress=["kari@firma.no"]), "error",
     "/customer/emailAdress", setter(emailAddressDocument=["kari@firma.no"])),
    ("schema.unknown-field", address(zipCode="0150"), "error",
     "/customer/postalAddress/zipCode", address(postalCode="0150")),
    ("schema.read-only", setter(accountNo=500002), "warning", "/customer/accountNo",
     setter(customerNo="500002")),
    ("number.not-finite", setter(limitAmount=float("nan")), "error", "/customer/limitAmount",
     setter(limitAmount=0)),
    ("number.not-finite", setter(discountRate=float("inf")), "error", "/customer/discountRate",
     setter(discountRate=100.0)),
    ("number.range", setter(discountRate=100.5), "warning", "/customer/discountRate",
     setter(discountRate=100)),
    ("number.range", setter(dueDays=-1), "warning", "/customer/dueDays", setter(dueDays=0)),
    ("length.max", setter(name="x" * 101), "error", "/customer/name", setter(name="x" * 100)),
    ("length.max-items", setter(efakturaBlockIds=["1"] * 101), "error",
     "/customer/efakturaBlockIds", setter(efakturaBlockIds=["1"] * 100)),
    ("schema.range", setter(dueDays=2**31), "error", "/customer/dueDays",
     setter(dueDays=2**31 - 1)),
    ("schema.range", setter(dueDays=-(2**31) - 1), "error", "/customer/dueDays",
     setter(dueDays=None)),
    ("length.max", setter(secondaryEmailAddress=["a@b.no", "a" * 250 + "@b.no"]), "error",
     "/customer/secondaryEmailAddress/1", setter(secondaryEmailAddress=["a@b.no"])),
    ("date.format", setter(dateOfBirth="1956-02-30"), "error", "/customer/dateOfBirth",
     setter(dateOfBirth="1956-01-12")),
    ("date.format", setter(stopReminderUntil="01.01.2027"), "error",
     "/customer/stopReminderUntil", setter(stopReminderUntil="2027-01-01")),
    ("dob.year-mismatch", setter(yearOfBirth=1957), "error", "/customer/yearOfBirth",
     setter(yearOfBirth=1956)),
    ("dob.range", setter(ssn=_DELETE, yearOfBirth=_DELETE, dateOfBirth="2026-11-27"), "error",
     "/customer/dateOfBirth", setter(ssn=_DELETE, yearOfBirth=_DELETE, dateOfBirth="2026-11-26")),
    ("dob.range", setter(ssn=_DELETE, dateOfBirth=_DELETE, yearOfBirth=1853), "error",
     "/customer/yearOfBirth", setter(ssn=_DELETE, dateOfBirth=_DELETE, yearOfBirth=1854)),
    ("stop.past", setter(stopReminderUntil="2026-11-25"), "warning",
     "/customer/stopReminderUntil", setter(stopReminderUntil="2026-11-26")),
    ("stop.memo-without-date", setter(stopInterestCalcUntil=_DELETE), "warning",
     "/customer/stopInterestCalcMemo", setter(stopInterestCalcUntil=_DELETE,
                                              stopInterestCalcMemo="")),
    ("ssn.format", setter(ssn="1201564177"), "error", "/customer/ssn", setter(ssn="12015641779")),
    ("ssn.checksum", setter(ssn="12015641778"), "error", "/customer/ssn",
     setter(ssn="12015641779")),
    ("ssn.date", setter(ssn="32015641710"), "error", "/customer/ssn", setter(ssn="12015641779")),
    ("ssn.synthetic", setter(ssn="17912099997", **NO_DOB), "warning", "/customer/ssn",
     setter(ssn="12015641779", **NO_DOB)),
    ("ssn.kind", setter(ssn="12415641751"), "error", "/customer/ssn", setter(ssn="52015641762",
                                                                           **NO_DOB)),
    ("ssn.kind", setter(ssn="83012345618", **NO_DOB), "error", "/customer/ssn",
     setter(ssn="12015641779", **NO_DOB)),
    ("ssn.dob-mismatch", setter(dateOfBirth="1956-01-13"), "error", "/customer/dateOfBirth",
     setter(dateOfBirth="1956-01-12")),
    ("ssn.dob-mismatch", setter(ssn="52015641762", dateOfBirth="1956-02-12"), "warning",
     "/customer/dateOfBirth", setter(ssn="52015641762", dateOfBirth="1956-01-12")),
    ("ssn.dob-mismatch", setter(dateOfBirth=_DELETE, yearOfBirth=1957), "error",
     "/customer/yearOfBirth", setter(dateOfBirth=_DELETE, yearOfBirth=1956)),
    ("ssn.country", setter(ssnCountry="SE"), "error", "/customer/ssnCountry",
     setter(ssnCountry="se", ssn="5601121234")),
    ("orgnr.format", setter(organizationNo="98484225"), "error", "/customer/organizationNo",
     setter(organizationNo="984842252")),
    ("orgnr.checksum", setter(organizationNo="984842253"), "error", "/customer/organizationNo",
     setter(organizationNo="984842252")),
    ("orgnr.synthetic", setter(organizationNo="310000108"), "warning", "/customer/organizationNo",
     setter(organizationNo="984842252")),
    ("peppol.orgnr", setter(peppolBlockIds=["984842252", "987654321"]), "warning",
     "/customer/peppolBlockIds/1", setter(peppolBlockIds=["984842252", "0088:987654321"])),
    ("account.format", setter(bankAccountNo="815013665841"), "error", "/customer/bankAccountNo",
     setter(bankAccountNo="86011117947")),
    ("account.checksum", setter(bankAccountNo="86011117948"), "error", "/customer/bankAccountNo",
     setter(bankAccountNo="86011117947")),
    ("account.iban", setter(bankAccountNo="NO93 8601 1117 947"), "warning",
     "/customer/bankAccountNo", setter(bankAccountNo="86011117947")),
    ("identifier.compacted", setter(organizationNo="984 842 252"), "warning",
     "/customer/organizationNo", setter(organizationNo="984842252")),
    ("identifier.compacted", setter(ssn="120156 41779"), "warning", "/customer/ssn",
     setter(ssn="12015641779")),
    ("email.invalid", setter(emailAddressDocument=["ola.nordmann@firma"]), "error",
     "/customer/emailAddressDocument/0", setter(emailAddressDocument=["ola.nordmann@firma.no"])),
    ("email.invalid", setter(secondaryEmailAddress=["a@b.no", ""]), "error",
     "/customer/secondaryEmailAddress/1", setter(secondaryEmailAddress=["a@b.no"])),
    ("email.sanitized", setter(emailAddressDocument=["owea@ testarmrest.no"]), "warning",
     "/customer/emailAddressDocument/0", setter(emailAddressDocument=["owea@testarmrest.no"])),
    ("phone.invalid", setter(phoneNo="997755332"), "warning", "/customer/phoneNo",
     setter(phoneNo="+47 998 87 766")),
    ("currency.unknown", setter(currency="NKR"), "error", "/customer/currency",
     setter(currency="nok")),
    ("language.unknown", setter(language="nor"), "error", "/customer/language",
     setter(language="EN")),
    ("country.unknown", setter(ssnCountry="XX"), "error", "/customer/ssnCountry",
     setter(ssnCountry="no")),
    ("country.unknown", address(countryCode="UK", countryText=""), "error",
     "/customer/postalAddress/countryCode", address(countryCode="no")),
    ("country.text-mismatch", address(countryText="Sverige"), "warning",
     "/customer/postalAddress/countryText", address(countryText="Norge")),
    ("postcode.format", address(postalCode="150"), "error", "/customer/postalAddress/postalCode",
     address(postalCode="150", countryCode="SE", countryText="Sweden", cityName="Stockholm")),
    ("postcode.unknown", address(postalCode="1234"), "warning",
     "/customer/postalAddress/postalCode", address(postalCode="1250")),
    ("postcode.city-mismatch", address(cityName="Bergen"), "warning",
     "/customer/postalAddress/cityName", address(cityName="oslo")),
    ("category.identity", setter(ssn=_DELETE, **NO_DOB), "warning", "/customer/customerCategory",
     setter(ssn=_DELETE, organizationNo="", **NO_DOB)),
    ("code.unknown", setter(customerCategory="PRIVATE"), "warning", "/customer/customerCategory",
     setter(customerCategory="cons")),
    ("code.unknown", setter(options=["NoUpdatePostalReturn", "Other"]), "warning",
     "/customer/options/1", setter(options=["noupdatepostalreturn"])),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "mutate", "severity", "path", "near"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_triggers_at_its_path_and_its_near_case_does_not(
    rule: str,
    mutate: Callable[[dict[str, Any]], None],
    severity: str,
    path: str,
    near: Callable[[dict[str, Any]], None],
) -> None:
    report = check(mutate)
    assert (rule, severity, path) in found(report), found(report)
    assert rule not in check(near), found(check(near))


def _payload_rules() -> set[str]:
    """The rules of armvalidate.checks, and the identifier rules reported at payload fields."""
    ids = {r.id for r in rules() if r.prefix in ("ssn", "orgnr", "account")}
    for name in checks.__all__:
        module = getattr(checks, name)
        ids |= {v.id for v in vars(module).values() if isinstance(v, Rule)}
    return ids


def test_every_payload_rule_has_a_case_here() -> None:
    covered = {case[0] for case in CASES}
    elsewhere = {  # tested in test_validate_robustness.py / test_validate_update.py
        "schema.json",
        "input.too-large",
        "input.too-deep",
        "input.unprocessable",
        "update.partial-address",
        "batch.duplicate-customer-no",
    }
    assert len(_payload_rules()) > 40
    assert _payload_rules() - elsewhere <= covered


def test_the_valid_request_has_no_finding_in_either_profile() -> None:
    for profile in ("production", "test"):
        report = validate_customer(valid_request(), profile=profile, today=TODAY)
        assert found(report) == []
        assert report.ok


def test_the_docs_request_is_reported_for_exactly_what_is_wrong() -> None:
    report = validate_customer(DOCS_REQUEST, today=TODAY)
    assert found(report) == [
        # Bring's register (2021-05-31) has no 1234: Oslo's codes around it are 1214, 1250...
        ("postcode.unknown", "warning", "/customer/postalAddress/postalCode"),
        ("phone.invalid", "warning", "/customer/secondaryPhoneNo"),
        ("account.format", "error", "/customer/bankAccountNo"),
        ("stop.past", "warning", "/customer/stopReminderUntil"),
        ("stop.past", "warning", "/customer/stopDebtCollectionUntil"),
        ("stop.past", "warning", "/customer/stopInterestCalcUntil"),
        ("peppol.orgnr", "warning", "/customer/peppolBlockIds/0"),
        ("peppol.orgnr", "warning", "/customer/peppolBlockIds/1"),
        ("peppol.orgnr", "warning", "/customer/peppolBlockIds/2"),
    ]
    assert [i.field for i in report.errors] == ["BankAccountNo"]
    assert report.issues[0].field == "PostalAddress.PostalCode"
    assert not report.ok


def test_the_docs_request_before_its_stop_dates_has_no_stop_finding() -> None:
    report = validate_customer(DOCS_REQUEST, today=datetime.date(2025, 12, 31))
    assert "stop.past" not in report
    assert report.rules == {"postcode.unknown", "phone.invalid", "account.format", "peppol.orgnr"}


def test_text_bytes_and_dict_give_the_same_findings() -> None:
    text = json.dumps(DOCS_REQUEST)
    reports = [
        validate_customer(p, today=TODAY)
        for p in (DOCS_REQUEST, text, text.encode(), text.encode("utf-16"), bytearray(text, "utf8"))
    ]
    assert all(r.issues == reports[0].issues for r in reports)
    assert all(r.sanitized == reports[0].sanitized for r in reports)


def test_a_bare_customer_has_paths_and_fields_relative_to_it() -> None:
    customer = copy.deepcopy(valid_request()["customer"])
    customer["postalAddress"]["cityName"] = "Bergen"
    customer["secondaryEmailAddress"] = ["a@b.no", "x@"]
    del customer["name"]
    report = validate_customer(customer, today=TODAY)
    assert [(i.rule, i.path, i.field) for i in report] == [
        ("schema.required", "/name", "Name"),
        ("postcode.city-mismatch", "/postalAddress/cityName", "PostalAddress.CityName"),
        ("email.invalid", "/secondaryEmailAddress/1", "SecondaryEmailAddress"),
    ]
    assert isinstance(report.sanitized, dict) and "customer" not in report.sanitized


def test_metadata_fields_are_named_like_the_server_names_them() -> None:
    body = valid_request()
    body["metadata"] = {"userId": "u" * 101, "user": "x"}
    report = validate_customer(body, today=TODAY)
    assert [(i.rule, i.path, i.field) for i in report] == [
        ("length.max", "/metadata/userId", "Metadata.UserId"),
        ("schema.unknown-field", "/metadata/user", "Metadata.User"),
    ]


def test_pointers_escape_tilde_and_slash() -> None:
    report = validate_customer({"customerNo": "1", "name": "A", "a/b~c": 1}, today=TODAY)
    assert [i.path for i in report] == ["/a~1b~0c"]


def test_misspelled_keys_get_a_suggestion() -> None:
    body = valid_request()
    body["customer"]["CustomerNo"] = body["customer"].pop("customerNo")
    body["customer"]["emailAdress"] = ["a@b.no"]
    report = validate_customer(body, today=TODAY)
    messages = {i.path: i.message for i in report}
    assert "did you mean customerNo?" in messages["/customer/CustomerNo"]
    assert "did you mean emailAddressDocument?" in messages["/customer/emailAdress"]
    assert report.rules == {"schema.required", "schema.unknown-field"}


def test_findings_follow_the_payload_order() -> None:
    customer = {
        "secondaryPhoneNo": "1",
        "currency": "NKR",
        "postalAddress": {"cityName": "Bergen", "postalCode": "0150"},
        "customerNo": "1",
        "name": "A",
        "emailAddressDocument": ["ok@firma.no", "bad@", "also bad@"],
        "stopReminderMemo": "memo",
        "dateOfBirth": "1956-01-13",
        "ssn": "12015641779",
    }
    report = validate_customer({"customer": customer}, today=TODAY)
    assert [(i.rule, i.path) for i in report] == [
        ("phone.invalid", "/customer/secondaryPhoneNo"),
        ("currency.unknown", "/customer/currency"),
        ("postcode.city-mismatch", "/customer/postalAddress/cityName"),
        ("email.invalid", "/customer/emailAddressDocument/1"),
        ("email.invalid", "/customer/emailAddressDocument/2"),
        ("stop.memo-without-date", "/customer/stopReminderMemo"),
        ("ssn.dob-mismatch", "/customer/dateOfBirth"),
    ]


def test_sanitized_is_a_new_payload_and_the_input_is_untouched() -> None:
    body = valid_request()
    customer = body["customer"]
    customer.update(
        {
            "emailAddressDocument": ["MAILTO:Ola@Firma.NO", "ok@firma.no"],
            "ssn": "120156 41779",
            "organizationNo": "NO 984 842 252 MVA",
            "bankAccountNo": "NO93 8601 1117 947",
            "currency": "nok",
            "language": "EN",
            "ssnCountry": "no",
            "phoneNo": "+47 998 87 766",
            "customerCategory": "cons",
            "options": ["noupdatepostalreturn"],
        }
    )
    customer["postalAddress"]["countryCode"] = "no"
    before = copy.deepcopy(body)
    report = validate_customer(body, today=TODAY)
    assert body == before
    out = report.sanitized["customer"]
    assert out["emailAddressDocument"] == ["Ola@firma.no", "ok@firma.no"]
    assert (out["ssn"], out["organizationNo"], out["bankAccountNo"]) == (
        "12015641779",
        "984842252",
        "86011117947",
    )
    assert (out["currency"], out["language"], out["ssnCountry"]) == ("NOK", "en", "NO")
    assert out["postalAddress"]["countryCode"] == "NO"
    assert (out["phoneNo"], out["customerCategory"], out["options"]) == (
        "99887766",
        "CONS",
        ["NoUpdatePostalReturn"],
    )
    assert report.sanitized is not body and out is not customer
    assert list(report.sanitized) == list(body) and list(out) == list(customer)
    assert report.rules == {"email.sanitized", "identifier.compacted", "account.iban"}
    assert report.ok


def test_profile_code_lists_change_code_unknown() -> None:
    profile = Profile(code_lists={"customerCategory": ["CONS", "BUS"]})
    report = check(setter(customerCategory="bus", ssn=_DELETE, **NO_DOB), profile=profile)
    assert found(report) == []
    assert report.sanitized["customer"]["customerCategory"] == "BUS"
    report = check(setter(customerCategory="BUS"), profile=profile)  # with an ssn
    assert found(report) == [("category.identity", "warning", "/customer/customerCategory")]


def test_ssn_kinds_and_synthetic_numbers_follow_the_profile() -> None:
    dolly = setter(ssn="12415641751")
    assert found(check(dolly, profile="test")) == []
    assert found(check(setter(ssn="17912099997", **NO_DOB), profile="test")) == []
    assert found(check(setter(organizationNo="310000108"), profile="test")) == []
    fh = setter(ssn="83012345618", **NO_DOB)
    assert found(check(fh, profile="test")) == [("ssn.kind", "error", "/customer/ssn")]
    only_fnr = Profile(accept_kinds=frozenset({"fnr"}))
    dnr = setter(ssn="52015641762")
    assert found(check(dnr, profile=only_fnr)) == [("ssn.kind", "error", "/customer/ssn")]
    accept_h = Profile(accept_kinds=frozenset({"fnr", "dnr", "hnr"}))
    assert found(check(dolly, profile=accept_h)) == []


def test_a_foreign_ssn_is_not_checked_as_norwegian() -> None:
    report = check(setter(ssnCountry="SE", ssn="19560112-1234", **NO_DOB))
    assert found(report) == []
    report = check(setter(ssnCountry=None, ssn="19560112-1234", **NO_DOB))
    assert found(report) == [("ssn.format", "error", "/customer/ssn")]


def test_a_new_format_ssn_compares_only_the_two_digit_year() -> None:
    # 12015641787 passes only under the 2032 rule: no century, so 2056 and 1956 both fit.
    for year in (1856, 1956):
        report = check(setter(ssn="12015641787", dateOfBirth=f"{year}-01-12", yearOfBirth=year))
        assert found(report) == []
    report = check(setter(ssn="12015641787", dateOfBirth="1957-01-12", yearOfBirth=1957))
    assert found(report) == [("ssn.dob-mismatch", "error", "/customer/dateOfBirth")]


def test_null_means_absent_for_optional_keys_on_create() -> None:
    def nulls(customer: dict[str, Any]) -> None:
        for key in list(customer):
            if key not in ("customerNo", "name"):
                customer[key] = None

    assert found(check(nulls)) == []


def test_severity_overrides_and_select_ignore() -> None:
    profile = Profile(severity={"phone.invalid": "error", "stop.past": "off"})
    report = validate_customer(DOCS_REQUEST, profile=profile, today=TODAY)
    assert ("phone.invalid", "error", "/customer/secondaryPhoneNo") in found(report)
    assert "stop.past" not in report
    report = validate_customer(DOCS_REQUEST, profile=Profile(select=("account",)), today=TODAY)
    assert report.rules == {"account.format"}
    report = validate_customer(
        DOCS_REQUEST, profile=Profile(ignore=("peppol", "stop")), today=TODAY
    )
    assert report.rules == {"postcode.unknown", "phone.invalid", "account.format"}
    d_number = setter(ssn="52015641762", dateOfBirth="1956-02-12")
    strict = Profile(severity={"ssn.dob-mismatch": "error"})
    assert found(check(d_number, profile=strict)) == [
        ("ssn.dob-mismatch", "error", "/customer/dateOfBirth")
    ]


def test_max_lengths_from_the_profile() -> None:
    profile = Profile(max_lengths={"cityName": 3})
    report = check(address(cityName="Oslo"), profile=profile)
    assert found(report) == [("length.max", "error", "/customer/postalAddress/cityName")]
    assert report.issues[0].context == {"expected": 3, "found": 4}
