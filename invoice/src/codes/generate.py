#!/usr/bin/env python3
"""Regenerates the code-list data files in `invoice/src/codes/data/<release>/` from an official
CEN EN 16931 UBL Schematron file.

Usage:
    python3 invoice/src/codes/generate.py RELEASE PATH/TO/EN16931-UBL-validation-preprocessed.sch

RELEASE is the artefact release the file belongs to, e.g. `cen-1.3.16` or `cen-1.3.14.1`. The
preprocessed file holds every assert inline, including BR-CL-08 (which lives in the model
pattern, not in `EN16931-UBL-codes.sch`).

For every BR-CL assert the script takes the code list literal(s) in its test
(`contains(' A B C ', concat(' ', normalize-space(.), ' '))`, or the `@mimeCode = '...'`
alternatives of BR-CL-24) and writes one file per code list: a `#` header naming the list, the
official source (release, file, assert ids, SHA-256 of the source file) and then one code per line
in the official order. Lists used by several asserts (ISO 4217 by BR-CL-03/04/05, ISO 6523 ICD by
BR-CL-10/11/21/26, ...) must be identical in all of them, otherwise the script stops.

The output is deterministic: running it twice on the same input gives identical files. The Rust
test `codes::tests::data_files_have_generator_format` checks the committed files against this
format (header fields, one code per line, count recorded in the header).
"""

import hashlib
import os
import re
import sys
import xml.etree.ElementTree as ET

SCH = "{http://purl.oclc.org/dsdl/schematron}"

# file name -> (title, [(assert id, index of the list literal in that assert's test)])
LISTS = {
    "uncl1001-invoice": ("UNTDID 1001 document name code, invoice types (BT-3)", [("BR-CL-01", 0)]),
    "uncl1001-credit-note": ("UNTDID 1001 document name code, credit note types (BT-3)", [("BR-CL-01", 1)]),
    "iso4217": ("ISO 4217 alpha-3 currency codes (BT-5, BT-6, currencyID)",
                [("BR-CL-03", 0), ("BR-CL-04", 0), ("BR-CL-05", 0)]),
    "uncl2005-vat-point": ("UNTDID 2005 date/time/period function code, restricted to VAT point date codes (BT-8)",
                           [("BR-CL-06", 0)]),
    "uncl1153": ("UNTDID 1153 reference code qualifier (BT-18 scheme)", [("BR-CL-07", 0)]),
    "uncl4451": ("UNTDID 4451 text subject code qualifier (BT-21)", [("BR-CL-08", 0)]),
    "iso6523-icd": ("ISO 6523 ICD international code designator (identifier schemes)",
                    [("BR-CL-10", 0), ("BR-CL-11", 0), ("BR-CL-21", 0), ("BR-CL-26", 0)]),
    "uncl7143": ("UNTDID 7143 item type identification code (BT-158 scheme)", [("BR-CL-13", 0)]),
    "iso3166": ("ISO 3166-1 alpha-2 country codes, plus 1A (Kosovo) (BT-40, BT-48, BT-55, BT-69, BT-80, BT-159)",
                [("BR-CL-14", 0), ("BR-CL-15", 0)]),
    "uncl4461": ("UNTDID 4461 payment means code (BT-81)", [("BR-CL-16", 0)]),
    "uncl5305": ("UNTDID 5305 duty or tax or fee category code (BT-95, BT-102, BT-118, BT-151)",
                 [("BR-CL-17", 0), ("BR-CL-18", 0)]),
    "uncl5189": ("UNTDID 5189 allowance reason code (BT-98, BT-140)", [("BR-CL-19", 0)]),
    "uncl7161": ("UNTDID 7161 special service description code, charge reasons (BT-105, BT-145)",
                 [("BR-CL-20", 0)]),
    "vatex": ("CEF VATEX VAT exemption reason code (BT-121)", [("BR-CL-22", 0)]),
    "rec20-21": ("UN/ECE Recommendation 20 unit codes with Recommendation 21 extension (BT-130, BT-150)",
                 [("BR-CL-23", 0)]),
    "mime": ("MIME media types allowed for attachments (BT-125 mimeCode)", [("BR-CL-24", 0)]),
    "eas": ("CEF EAS electronic address scheme (BT-34, BT-49)", [("BR-CL-25", 0)]),
}

LIST_LITERAL = re.compile(r"contains\(\s*'([^']*)'")
MIME_LITERAL = re.compile(r"@mimeCode\s*=\s*'([^']*)'")


def asserts(path):
    tree = ET.parse(path)
    found = {}
    for a in tree.iter(SCH + "assert"):
        rid = a.get("id", "")
        if rid.startswith("BR-CL-"):
            if rid in found:
                sys.exit(f"{path}: assert {rid} appears twice")
            found[rid] = a.get("test", "")
    return found


def literals(rid, test):
    if rid == "BR-CL-24":
        return [" ".join(MIME_LITERAL.findall(test))]
    return LIST_LITERAL.findall(test)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    release, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    tests = asserts(path)
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", release)
    os.makedirs(out_dir, exist_ok=True)
    for name, (title, uses) in LISTS.items():
        texts = []
        for rid, index in uses:
            if rid not in tests:
                sys.exit(f"{path}: assert {rid} not found")
            lits = literals(rid, tests[rid])
            if index >= len(lits):
                sys.exit(f"{path}: assert {rid} has no list literal #{index}")
            texts.append(lits[index])
        if any(t.split() != texts[0].split() for t in texts):
            sys.exit(f"{path}: {name}: the lists of {', '.join(r for r, _ in uses)} differ")
        codes = texts[0].split()
        if rid != "BR-CL-24" and texts[0] != " " + " ".join(codes) + " ":
            sys.exit(f"{path}: {name}: literal is not ' code code ... ' with single spaces")
        lines = [
            f"# {title}",
            f"# source: CEN EN 16931 UBL validation artefacts {release.removeprefix('cen-')},"
            f" {os.path.basename(path)}",
            f"# asserts: {' '.join(r for r, _ in uses)}",
            f"# source-sha256: {digest}",
            f"# codes: {len(codes)}",
            "# generated by invoice/src/codes/generate.py; do not edit by hand",
        ] + codes
        with open(os.path.join(out_dir, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
    print(f"wrote {len(LISTS)} lists to {out_dir}")


if __name__ == "__main__":
    main()
