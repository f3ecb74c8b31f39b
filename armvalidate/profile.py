"""Profiles: what a check run accepts, and how loudly it complains.

Room: imports the catalog and the contract only (no check, no pipeline: the pipeline compiles
what it needs from a profile's :class:`Tables` itself).

A :class:`Profile` holds severity overrides, ``select``/``ignore`` by rule id or prefix, the
code lists ARM's clients define, maximum lengths, the acceptable kinds of ssn, whether synthetic
test numbers are fine, and the decoding limits. Three are built in: :data:`PRODUCTION` (the
default: data quality), :data:`ARM` (predicts what the ARM server itself will do: errors only for
what it would refuse or cannot process) and :data:`TEST` (synthetic numbers are fine). User
profiles come from TOML:

>>> p = profile_from_mapping({"base": "test", "ignore": ["phone"],
...                           "code-lists": {"customerCategory": ["CONS", "BUS"]}})
>>> p.name, p.allow_synthetic, p.code_lists["customerCategory"], p.ignore
('custom', True, ('CONS', 'BUS'), ('phone',))
>>> p.is_active("phone.invalid"), p.is_active("ssn.checksum")
(False, True)
>>> profile_from_mapping({"severity": {"phone.invalid": "loud"}})  # doctest: +NORMALIZE_WHITESPACE
Traceback (most recent call last):
    ...
armvalidate.profile.ProfileError: severity of 'phone.invalid' must be "error", "warning" or "off",
not 'loud'
>>> profile_from_mapping({"ignroe": ["phone"]})
Traceback (most recent call last):
    ...
armvalidate.profile.ProfileError: unknown key 'ignroe' in the profile (did you mean 'ignore'?)
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from armvalidate._mypyc import mypyc_attr
from armvalidate.catalog import Rule, Severity, rules
from armvalidate.contract import CODE_LIST_FIELDS, DEFAULT_MAX_LENGTHS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from os import PathLike

__all__ = [
    "ARM",
    "CLI_KEYS",
    "CODE_LIST_FIELDS",
    "DEFAULT_CODE_LISTS",
    "DEFAULT_MAX_LENGTHS",
    "PRODUCTION",
    "SSN_KINDS",
    "TEST",
    "Profile",
    "ProfileError",
    "Tables",
    "find_profile",
    "get_profile",
    "load_profile",
    "profile_from_mapping",
]


class ProfileError(ValueError):
    """A profile has an unknown key or a bad value; the message says which and why."""


SSN_KINDS: tuple[str, ...] = ("fnr", "dnr", "hnr", "fhnr")
"""The kinds of the fødselsnummer family: fødselsnummer, D-, H- and FH-number."""


CLI_KEYS: frozenset[str] = frozenset(
    {"operation", "strict", "format", "exit-zero", "max-errors", "show-pii", "jobs"}
    | {"exclude", "per-file-ignores", "encoding"}
)
"""Keys of ``[tool.armvalidate]`` that belong to the command line; profiles ignore them."""

DEFAULT_CODE_LISTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # The docs show CONS; a business code surely exists but is not published.
        "customerCategory": ("CONS",),
        # The docs show B (brutto, gross); N (netto, net) is the other half of the field's name.
        "priceNetOrGross": ("B", "N"),
        # The docs show M and H.
        "distribution.type": ("M", "H"),
        # The docs show Passive; Active is its obvious counterpart.
        "activeStatusWeb": ("Active", "Passive"),
        "options": ("NoUpdatePostalReturn",),
    }
)
"""The default code lists: the values the API's docs show, plus obvious siblings."""


def _leaf_aliases(keys: Iterable[str]) -> dict[str, str]:
    """Map each unambiguous last part of a dotted key to the key: cityName → postalAddress..."""
    leaves: dict[str, list[str]] = {}
    for key in keys:
        leaves.setdefault(key.rsplit(".", 1)[-1], []).append(key)
    return {leaf: full[0] for leaf, full in leaves.items() if len(full) == 1}


_MAX_LENGTH_ALIASES = _leaf_aliases(DEFAULT_MAX_LENGTHS)
_CODE_LIST_ALIASES = _leaf_aliases(CODE_LIST_FIELDS)
_SEVERITY_VALUES = ("error", "warning", "off")


def _suggest(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


@dataclass(frozen=True)
class Tables:
    """What a :class:`Profile` compiles to, once: the lookups the validator runs on (plain
    dicts, for speed; nobody changes them)."""

    rules: Mapping[str, Rule]
    active: frozenset[str]
    overrides: Mapping[str, Severity]
    codes: Mapping[str, Mapping[str, str]]
    max_lengths: Mapping[str, int]
    nested_max_lengths: Mapping[str, Mapping[str, int]]  # "postalAddress" -> {"cityName": 100}
    shortest_max_length: int
    accept_kinds: frozenset[str]
    allow_synthetic: bool
    phone_region: str
    predict_server: bool = False  # the profile predicts the server (ARM): see Profile


# A plain Python class in the compiled build too: __post_init__ and tables set fields of the
# frozen instance with object.__setattr__ (and _tables is a field outside __init__).
@mypyc_attr(native_class=False)
@dataclass(frozen=True)
class Profile:
    """A set of choices for a check run. Frozen; build variants with :func:`dataclasses.replace`
    or :func:`profile_from_mapping`.

    ``severity`` maps a rule id to ``"error"``, ``"warning"`` or ``"off"``. ``select`` (empty:
    every rule) and ``ignore`` hold rule ids or prefixes (``"ssn"`` matches ``ssn.*``).
    ``code_lists`` and ``max_lengths`` are merged over the defaults, key by key (keys are dotted
    field paths such as ``"distribution.type"``; an unambiguous last part such as ``"cityName"``
    is accepted too). An empty code list switches its ``code.unknown`` check off.
    ``accept_kinds`` are the ssn kinds accepted (``fnr``, ``dnr``, ``hnr``, ``fhnr``);
    ``allow_synthetic`` accepts synthetic test numbers (Tenor, SyntPop, Dolly; synthetic
    organisation numbers) without ``ssn.synthetic``/``orgnr.synthetic``, and reads the
    ambiguous month + 40 form as a NAV Dolly test person rather than an H-number.
    ``phone_region`` is the region for phone numbers when ``postalAddress.countryCode`` gives
    none. ``max_bytes`` limits one JSON text, ``max_batch_bytes`` a batch body's text, and
    ``max_depth`` the nesting of arrays and objects.

    ``predict_server`` (the :data:`ARM` profile; TOML ``predict-server = true``) makes the
    profile predict what the ARM server will do rather than judge data quality: every rule
    whose default is an error becomes a warning, except what the server surely cannot process
    (input that is no JSON object or is not read at all, a missing or blank ``customerNo``, a
    missing ``customer``, a ``customer`` that is no object; see :func:`server_refusals`). A
    missing ``name`` on create is then a warning too. The profile's own ``severity`` entries
    still win.

    >>> PRODUCTION.accept_kinds == frozenset({"fnr", "dnr"}), TEST.allow_synthetic
    (True, True)
    >>> Profile(severity={"phone.invalid": "error"}).severity_of("phone.invalid")
    'error'
    """

    name: str = "custom"
    severity: Mapping[str, str] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    code_lists: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: DEFAULT_CODE_LISTS)
    max_lengths: Mapping[str, int] = field(default_factory=lambda: DEFAULT_MAX_LENGTHS)
    accept_kinds: frozenset[str] = frozenset({"fnr", "dnr"})
    allow_synthetic: bool = False
    phone_region: str = "NO"
    max_bytes: int = 1 << 20
    max_depth: int = 32
    max_batch_bytes: int = 64 << 20
    predict_server: bool = False
    _tables: Tables | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        raw: Any = self  # (the fields hold what the caller gave until they are checked here)
        set_(self, "name", str(raw.name))
        set_(self, "severity", MappingProxyType(_check_severity(raw.severity)))
        set_(self, "select", _check_str_tuple(raw.select, "select"))
        set_(self, "ignore", _check_str_tuple(raw.ignore, "ignore"))
        set_(self, "code_lists", MappingProxyType(_merge_code_lists(raw.code_lists)))
        set_(self, "max_lengths", MappingProxyType(_merge_max_lengths(raw.max_lengths)))
        kinds = _check_str_tuple(raw.accept_kinds, "accept-kinds")
        for kind in kinds:
            if kind not in SSN_KINDS:
                raise ProfileError(
                    f"unknown ssn kind {kind!r}; the kinds are {', '.join(SSN_KINDS)}"
                )
        set_(self, "accept_kinds", frozenset(kinds))
        if not isinstance(raw.allow_synthetic, bool):
            raise ProfileError("allow-synthetic must be true or false")
        if not isinstance(raw.predict_server, bool):
            raise ProfileError("predict-server must be true or false")
        if not isinstance(raw.phone_region, str) or len(raw.phone_region) != 2:
            raise ProfileError(
                f"phone-region must be a two-letter region code, not {raw.phone_region!r}"
            )
        set_(self, "phone_region", raw.phone_region.upper())
        for what, value, least in (
            ("max-bytes", raw.max_bytes, 1),
            ("max-depth", raw.max_depth, 1),
            ("max-batch-bytes", raw.max_batch_bytes, 1),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise ProfileError(f"{what} must be a positive integer, not {value!r}")
        if self.severity or self.select or self.ignore:
            _check_rule_ids(self)

    def __hash__(self) -> int:
        return hash(
            (
                self.name,
                tuple(sorted(self.severity.items())),
                self.select,
                self.ignore,
                tuple(sorted(self.code_lists.items())),
                tuple(sorted(self.max_lengths.items())),
                self.accept_kinds,
                self.allow_synthetic,
                self.phone_region,
                self.max_bytes,
                self.max_depth,
                self.max_batch_bytes,
                self.predict_server,
            )
        )

    def is_active(self, rule_id: str) -> bool:
        """Whether the rule reports anything under this profile."""
        return rule_id in self.tables.active

    def severity_of(self, rule_id: str) -> str:
        """The rule's severity under this profile: ``"error"``, ``"warning"`` or ``"off"``."""
        tables = self.tables
        if rule_id not in tables.active:
            return "off"
        return (tables.overrides.get(rule_id) or tables.rules[rule_id].severity).value

    @property
    def tables(self) -> Tables:
        """The compiled lookups (built on first use, then cached on the profile)."""
        tables = self._tables
        if tables is None:
            tables = _compile(self)
            object.__setattr__(self, "_tables", tables)
        return tables


def _matches(rule_id: str, patterns: tuple[str, ...]) -> bool:
    return any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)


def _fatal_rules() -> frozenset[str]:
    """The rules that declare themselves fatal (see :attr:`armvalidate.catalog.Rule.fatal`)."""
    return frozenset(rule.id for rule in rules() if rule.fatal)


def server_refusals() -> frozenset[str]:
    """The rules whose findings stay errors under a profile that predicts the server (ARM).

    The ARM docs state no refusals at all; these are the cases where the server cannot do its
    job, whatever its implementation:

    - the fatal rules (``schema.json``, ``input.*``): the body is no JSON object, or was not
      read at all (armvalidate's limits; the server's own limits are unknown);
    - ``schema.required``: a missing or blank ``customerNo`` (the key of the upsert, stated by
      the docs: the server cannot tell which customer is meant) or a missing ``customer`` in
      the envelope (nothing to store). A missing ``name`` is lowered to a warning per finding:
      the docs list no required flags, and POST is an upsert;
    - ``schema.type``, but only for a ``customer`` (or a batch's ``customers`` or one of its
      entries) that is no object: lowered to a warning per finding everywhere else, since
      whether the server coerces or refuses a value of another type is not stated.
    """
    return _fatal_rules() | {rule.id for rule in rules() if rule.server_refusal}


def _compile(profile: Profile) -> Tables:
    catalog = {rule.id: rule for rule in rules()}
    fatal = _fatal_rules()
    active = set()
    for rule_id in catalog:
        if rule_id in fatal:
            active.add(rule_id)
            continue
        if profile.select and not _matches(rule_id, profile.select):
            continue
        if _matches(rule_id, profile.ignore) or profile.severity.get(rule_id) == "off":
            continue
        active.add(rule_id)
    overrides: dict[str, Severity] = {}
    if profile.predict_server:  # everything the server accepts is at most a warning
        kept = server_refusals()
        for rule_id, rule in catalog.items():
            if rule.severity is Severity.ERROR and rule_id not in kept:
                overrides[rule_id] = Severity.WARNING
    overrides.update(
        (rule_id, Severity(value))
        for rule_id, value in profile.severity.items()
        if value != "off" and rule_id not in fatal
    )
    codes: dict[str, dict[str, str]] = {}
    for key, values in profile.code_lists.items():
        table = codes[key] = {}
        for value in values:
            table.setdefault(value.casefold(), value)
    nested: dict[str, dict[str, int]] = {}
    for key, length in profile.max_lengths.items():
        if "." in key:
            parent, sub = key.split(".", 1)
            nested.setdefault(parent, {})[sub] = length
    return Tables(  # plain dicts: the validator looks them up for every value
        rules=catalog,
        active=frozenset(active),
        overrides=overrides,
        codes=codes,
        max_lengths=dict(profile.max_lengths),
        nested_max_lengths=nested,
        shortest_max_length=min(profile.max_lengths.values()),
        accept_kinds=profile.accept_kinds,
        allow_synthetic=profile.allow_synthetic,
        phone_region=profile.phone_region,
        predict_server=profile.predict_server,
    )


def _check_str_tuple(value: object, what: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ProfileError(f"{what} must be a list of strings, not {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise ProfileError(f"{what} must be a list of strings; {item!r} is not a string")
    return items


def _check_severity(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ProfileError(f"severity must be a table of rule id = severity, not {value!r}")
    out: dict[str, str] = {}
    for rule_id, sev in value.items():
        if not isinstance(rule_id, str):
            raise ProfileError(f"severity: rule ids are strings, not {rule_id!r}")
        if sev not in _SEVERITY_VALUES:
            raise ProfileError(
                f'severity of {rule_id!r} must be "error", "warning" or "off", not {sev!r}'
            )
        if sev != "error" and rule_id in _fatal_rules():
            raise ProfileError(
                f"{rule_id!r} means the input could not be checked at all; it is always an error"
            )
        out[rule_id] = sev
    return out


def _canonical_key(key: object, known: Iterable[str], aliases: Mapping[str, str], what: str) -> str:
    if isinstance(key, str):
        if key in known:
            return key
        if key in aliases:
            return aliases[key]
    raise ProfileError(f"unknown field {key!r} in {what}{_suggest(str(key), known)}")


def _merge_code_lists(value: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise ProfileError(f"code-lists must be a table of field = [codes], not {value!r}")
    merged = dict(DEFAULT_CODE_LISTS)
    for key, codes in value.items():
        canonical = _canonical_key(key, CODE_LIST_FIELDS, _CODE_LIST_ALIASES, "code-lists")
        merged[canonical] = _check_str_tuple(codes, f"code-lists.{canonical}")
    return merged


def _merge_max_lengths(value: object) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise ProfileError(f"max-lengths must be a table of field = length, not {value!r}")
    merged = dict(DEFAULT_MAX_LENGTHS)
    for key, length in value.items():
        canonical = _canonical_key(key, DEFAULT_MAX_LENGTHS, _MAX_LENGTH_ALIASES, "max-lengths")
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            raise ProfileError(
                f"max-lengths.{canonical} must be a positive integer, not {length!r}"
            )
        merged[canonical] = length
    return merged


def _check_rule_ids(profile: Profile) -> None:
    ids = [rule.id for rule in rules()]
    prefixes = {rule_id.split(".", 1)[0] for rule_id in ids}
    for rule_id in profile.severity:
        if rule_id not in ids:
            raise ProfileError(f"severity: unknown rule {rule_id!r}{_suggest(rule_id, ids)}")
    for what, patterns in (("select", profile.select), ("ignore", profile.ignore)):
        for pattern in patterns:
            if not any(r == pattern or r.startswith(pattern + ".") for r in ids):
                choices = [*ids, *prefixes]
                raise ProfileError(
                    f"{what}: {pattern!r} is no rule id or prefix{_suggest(pattern, choices)}"
                )


PRODUCTION = Profile(name="production")
"""The default profile: synthetic test numbers are warnings, H-numbers errors."""

TEST = Profile(name="test", allow_synthetic=True)
"""For test environments: synthetic numbers (Tenor, SyntPop, NAV Dolly) are accepted silently."""

ARM = Profile(name="arm", predict_server=True)
"""Predicts the ARM server: an error only for what it would refuse or cannot process (see
:func:`server_refusals`); every other finding, identifiers and formats included, a warning with
the same rule id. Otherwise as production: H- and FH-numbers get ssn.kind and synthetic numbers
ssn.synthetic, both warnings here. Use it to ask "will ARM take this, and what will it
say?"; use :data:`PRODUCTION` to keep bad data out."""

_BUILTIN = {"production": PRODUCTION, "test": TEST, "arm": ARM}

_TOP_KEYS = (
    "base",
    "name",
    "select",
    "ignore",
    "severity",
    "code-lists",
    "max-lengths",
    "ssn",
    "limits",
    "phone-region",
    "predict-server",
)
_SSN_KEYS = ("accept-kinds", "allow-synthetic")
_LIMIT_KEYS = ("max-bytes", "max-depth", "max-batch-bytes")


def get_profile(profile: Profile | str | PathLike[str] | None) -> Profile:
    """Resolve ``None`` (production), a built-in profile's name, a :class:`Profile`, or the
    path of a TOML profile file (as the command line's ``--profile FILE``; a ``pyproject.toml``
    gives its ``[tool.armvalidate]`` table). A file is read once and kept while it is unchanged.

    >>> get_profile(None) is PRODUCTION, get_profile("test") is TEST, get_profile("arm") is ARM
    (True, True, True)
    >>> get_profile("prodution")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    armvalidate.profile.ProfileError: unknown profile 'prodution': use 'production', 'arm',
    'test', a Profile, or the path of a TOML file
    """
    if profile is None:
        return PRODUCTION
    if profile.__class__ is str and profile in _BUILTIN:
        return _BUILTIN[profile]
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str) and profile in _BUILTIN:
        return _BUILTIN[profile]
    if isinstance(profile, (str, os.PathLike)):
        path = Path(profile)
        if path.is_file():
            stat = path.stat()
            return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if path.suffix == ".toml":
            raise ProfileError(f"{path}: no such profile file")
    raise ProfileError(
        f"unknown profile {profile!r}: use 'production', 'arm', 'test', a Profile, "
        "or the path of a TOML file"
    )


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Profile:
    return load_profile(path)


def find_profile(start: str | PathLike[str] | None = None) -> Profile:
    """The profile of the nearest ``pyproject.toml`` with a ``[tool.armvalidate]`` table, at or
    above ``start`` (default: the current directory), as the command line finds it; the
    ``production`` profile when there is none. The command line's own keys (``format``,
    ``jobs`` ...) are ignored.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = Path(d, "pyproject.toml").write_text(
    ...         '[tool.armvalidate]\\nbase = "test"\\nformat = "json"\\n', encoding="utf-8")
    ...     Path(d, "sub").mkdir()
    ...     find_profile(Path(d, "sub")).allow_synthetic
    True
    """
    here = Path(start) if start is not None else Path.cwd()
    for directory in (here.resolve(), *here.resolve().parents):
        candidate = directory / "pyproject.toml"
        if not candidate.is_file():
            continue
        with candidate.open("rb") as fh:
            try:
                data: dict[str, Any] | None = tomllib.load(fh)
            except tomllib.TOMLDecodeError:
                data = None
        if data is None:
            continue
        tool = data.get("tool")
        if isinstance(tool, Mapping) and isinstance(tool.get("armvalidate"), Mapping):
            return get_profile(candidate)
    return PRODUCTION


def _table(data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ProfileError(f"{key} must be a table, not {value!r}")
    for sub in value:
        if sub not in allowed:
            raise ProfileError(f"unknown key {sub!r} in {key}{_suggest(str(sub), allowed)}")
    return value


def profile_from_mapping(data: Mapping[str, Any], *, name: str = "custom") -> Profile:
    """Build a profile from the ``[tool.armvalidate]`` table (or a standalone profile file's
    top level), already parsed from TOML.

    Unknown keys and bad values raise :class:`ProfileError`; the command line's own keys
    (:data:`CLI_KEYS`) are ignored. Given a whole ``pyproject.toml`` (a mapping with
    ``tool.armvalidate``), the table is found inside it.

    >>> p = profile_from_mapping({"base": "production", "severity": {"ssn.synthetic": "off"},
    ...                           "ssn": {"accept-kinds": ["fnr"]}, "limits": {"max-depth": 8}})
    >>> p.severity_of("ssn.synthetic"), sorted(p.accept_kinds), p.max_depth
    ('off', ['fnr'], 8)
    """
    if not isinstance(data, Mapping):
        raise ProfileError(f"a profile is a table of settings, not {type(data).__name__}")
    tool = data.get("tool")
    if isinstance(tool, Mapping) and isinstance(tool.get("armvalidate"), Mapping):
        data = tool["armvalidate"]
    for key in data:
        if key not in _TOP_KEYS and key not in CLI_KEYS:
            raise ProfileError(f"unknown key {key!r} in the profile{_suggest(str(key), _TOP_KEYS)}")
    base_name = data.get("base", "production")
    if base_name not in _BUILTIN:
        raise ProfileError(f"base must be 'production', 'arm' or 'test', not {base_name!r}")
    base = _BUILTIN[base_name]
    ssn = _table(data, "ssn", _SSN_KEYS)
    limits = _table(data, "limits", _LIMIT_KEYS)
    severity = data.get("severity", {})
    if not isinstance(severity, Mapping):
        raise ProfileError(f"severity must be a table of rule id = severity, not {severity!r}")
    code_lists = data.get("code-lists", {})
    max_lengths = data.get("max-lengths", {})
    if not isinstance(code_lists, Mapping) or not isinstance(max_lengths, Mapping):
        raise ProfileError("code-lists and max-lengths must be tables")
    given_name = data.get("name", name)
    if not isinstance(given_name, str):
        raise ProfileError(f"name must be a string, not {given_name!r}")
    return replace(
        base,
        name=given_name,
        severity={**base.severity, **severity},
        select=data.get("select", base.select),
        ignore=data.get("ignore", base.ignore),
        code_lists={**base.code_lists, **code_lists},
        max_lengths={**base.max_lengths, **max_lengths},
        accept_kinds=ssn.get("accept-kinds", base.accept_kinds),
        allow_synthetic=ssn.get("allow-synthetic", base.allow_synthetic),
        phone_region=data.get("phone-region", base.phone_region),
        max_bytes=limits.get("max-bytes", base.max_bytes),
        max_depth=limits.get("max-depth", base.max_depth),
        max_batch_bytes=limits.get("max-batch-bytes", base.max_batch_bytes),
        predict_server=data.get("predict-server", base.predict_server),
    )


def load_profile(path: str | PathLike[str]) -> Profile:
    """Read a profile from a TOML file: its ``[tool.armvalidate]`` table when it has one (a
    ``pyproject.toml``), else its top level. The profile is named after the file.

    Raises :class:`ProfileError` for bad TOML or bad settings, :class:`OSError` when the file
    cannot be read.
    """
    file = Path(path)
    with file.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ProfileError(f"{file}: not valid TOML: {exc}") from None
    try:
        return profile_from_mapping(data, name=str(file))
    except ProfileError as exc:
        raise ProfileError(f"{file}: {exc}") from None
