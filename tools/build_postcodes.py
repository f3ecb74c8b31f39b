#!/usr/bin/env python3
"""Regenerate armvalidate/data/postcodes.tsv from the npm package norway-postal-codes.

The package (MIT, by Sindre Sorhus) carries Bring's postcode register (postnummerregisteret)
converted to UTF-8, as ``converted/postal-codes-simple.js``: ``module.exports={"0001":"OSLO",...}``
(postcode → post town; the package ships no municipality or category columns). This script
fetches the package tarball with ``npm pack`` (or takes one you already have), checks its licence,
and writes, into ``armvalidate/data/``:

* ``postcodes.tsv`` — ``# key: value`` header lines, then one ``code<TAB>CITY`` line per postcode,
  sorted by code;
* ``LICENSE-norway-postal-codes.txt`` — the package's licence text, verbatim;
* ``SOURCE.md`` — package, version, tarball checksums, the register's date, how to regenerate.

Usage (from the repository root)::

    python tools/build_postcodes.py                       # npm pack norway-postal-codes@3.3.0
    python tools/build_postcodes.py --version 3.3.0
    python tools/build_postcodes.py --tarball norway-postal-codes-3.3.0.tgz

Then update ``SOURCE``/``SOURCE_DATE``/``LICENSE`` in ``armvalidate/postcodes.py`` if the script
says they changed (a test compares them with the header of the data file).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import importlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "norway-postal-codes"
DEFAULT_VERSION = "3.3.0"
DATA_MEMBER = "package/converted/postal-codes-simple.js"
PREFIX = "module.exports="
LICENSE_FILE = "LICENSE-norway-postal-codes.txt"
BRING_URL = "https://www.bring.no/postnummerregister-ansi.txt"
ROOT = Path(__file__).resolve().parent.parent


def npm_pack(version: str, workdir: Path) -> Path:
    """Download the package tarball with the ordinary npm client into ``workdir``."""
    spec = f"{PACKAGE}@{version}"
    subprocess.run(["npm", "pack", spec], cwd=workdir, check=True, capture_output=True)
    tarballs = sorted(workdir.glob(f"{PACKAGE}-*.tgz"))
    if len(tarballs) != 1:
        raise SystemExit(f"npm pack {spec} produced {tarballs!r}")
    return tarballs[0]


def read_member(archive: tarfile.TarFile, name: str) -> str:
    member = archive.getmember(name)  # read in memory: nothing is extracted to disk
    handle = archive.extractfile(member)
    if handle is None:
        raise SystemExit(f"{name} is not a regular file in the tarball")
    return handle.read().decode("utf-8")


def parse_register(js: str) -> dict[str, str]:
    if not js.startswith(PREFIX):
        raise SystemExit(f"{DATA_MEMBER} does not start with {PREFIX!r}: the format changed")
    data = json.loads(js[len(PREFIX) :].rstrip().rstrip(";"))
    if not isinstance(data, dict) or not data:
        raise SystemExit("the register is not a non-empty object")
    register: dict[str, str] = {}
    for code, city in data.items():
        if not re.fullmatch("[0-9]{4}", code):
            raise SystemExit(f"unexpected postcode {code!r}")
        if not isinstance(city, str) or not city.strip() or re.search(r"[\t\r\n]", city):
            raise SystemExit(f"unexpected post town for {code}: {city!r}")
        register[code] = city.strip()
    return register


def build(tarball: Path, out: Path) -> dict[str, str]:
    raw = tarball.read_bytes()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(raw).digest()).decode("ascii")
    shasum = hashlib.sha1(raw).hexdigest()  # npm's own tarball checksum, not for security
    with tarfile.open(tarball, "r:gz") as archive:
        manifest = json.loads(read_member(archive, "package/package.json"))
        licence_text = read_member(archive, "package/license")
        readme = read_member(archive, "package/readme.md")
        register = parse_register(read_member(archive, DATA_MEMBER))
    if manifest.get("name") != PACKAGE:
        raise SystemExit(f"tarball is {manifest.get('name')!r}, not {PACKAGE}")
    if manifest.get("license") != "MIT" or "MIT License" not in licence_text:
        raise SystemExit(f"licence is {manifest.get('license')!r}: check it before shipping")
    version = manifest["version"]
    dated = re.search(r"Last updated ([0-9]{4}-[0-9]{2}-[0-9]{2})", readme)
    source_date = dated.group(1) if dated else "unknown"
    copyright_line = next(
        (line.strip() for line in licence_text.splitlines() if line.startswith("Copyright")),
        "",
    ).split(" <")[0]  # "Copyright (c) Sindre Sorhus", without the e-mail and web address
    constants = {
        "SOURCE": (
            f"Bring's postcode register (postnummerregisteret), from the npm package "
            f"{PACKAGE} {version} (converted/postal-codes-simple.js)"
        ),
        "SOURCE_DATE": source_date,
        "LICENSE": f"MIT ({PACKAGE}, {copyright_line}); see armvalidate/data/{LICENSE_FILE}",
    }

    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Norwegian postcodes (postnummer) and post towns (poststed), one per line.",
        f"# source: {constants['SOURCE']}",
        f"# source-date: {constants['SOURCE_DATE']}",
        f"# license: {constants['LICENSE']}",
        f"# tarball: {tarball.name} {integrity}",
        "# columns: postcode<TAB>post town as Bring writes it (upper case)",
        "# regenerate: python tools/build_postcodes.py",
    ]
    lines += [f"{code}\t{register[code]}" for code in sorted(register)]
    (out / "postcodes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / LICENSE_FILE).write_text(licence_text, encoding="utf-8")
    (out / "SOURCE.md").write_text(
        f"""# Source of postcodes.tsv

- **What:** Bring's postcode register (postnummerregisteret: every Norwegian postcode and its post
  town), as published by Posten Norge / Bring at {BRING_URL}.
- **Taken from:** the npm package `{PACKAGE}`, version {version}
  (`npm pack {PACKAGE}@{version}`), file `converted/postal-codes-simple.js`;
  tarball sha1 `{shasum}`, integrity `{integrity}`.
- **Date of the data:** {source_date} (the package readme: "Last updated {source_date}").
  Postcodes created or retired by Bring after that date are not in the file.
- **Columns:** postcode and post town only. The package ships neither the municipality nor the
  category (B/F/G/P/S) of Bring's full register, so `PostalPlace.municipality` and
  `PostalPlace.category` are `None`.
- **Licence:** the package is MIT-licensed ({copyright_line}); its licence text is in
  `{LICENSE_FILE}` beside this file and must ship with the data. Bring publishes the
  register itself for free download; we found no further licence terms for it.
- **Entries:** {len(register)} postcodes.
- **Regenerate:** `python tools/build_postcodes.py [--version V | --tarball FILE]`, then update
  `SOURCE`, `SOURCE_DATE` and `LICENSE` in `armvalidate/postcodes.py` if the script says so.
""",
        encoding="utf-8",
    )
    return constants


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--version", default=DEFAULT_VERSION, help="package version to npm pack")
    parser.add_argument("--tarball", type=Path, help="use this tarball instead of npm pack")
    parser.add_argument("--out", type=Path, default=ROOT / "armvalidate" / "data")
    args = parser.parse_args(argv)
    if args.tarball is not None:
        constants = build(args.tarball, args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            constants = build(npm_pack(args.version, Path(tmp)), args.out)
    print(f"wrote {args.out / 'postcodes.tsv'}")
    sys.path.insert(0, str(ROOT))
    postcodes: object = None
    with contextlib.suppress(ImportError):  # outside the project: just print the constants
        postcodes = importlib.import_module("armvalidate.postcodes")
    for name, value in constants.items():
        current = getattr(postcodes, name, None)
        note = "" if current == value else "   <-- update armvalidate/postcodes.py"
        print(f"{name} = {value!r}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
