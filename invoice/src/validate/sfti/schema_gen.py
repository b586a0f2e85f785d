#!/usr/bin/env python3
"""Regenerates `schema_model.rs`, the SFTI Svefaktura 1.0 schema's content models as data.

Usage:
    python3 invoice/src/validate/sfti/schema_gen.py PATH/TO/schemas/1.0 > invoice/src/validate/sfti/schema_model.rs
    rustfmt --edition 2024 invoice/src/validate/sfti/schema_model.rs

PATH is the SFTI schema folder (`maindoc/`, `common/`, `codelist/`; in phax/phive-rules:
`phive-rules-svefaktura/src/main/resources/external/schemas/1.0`). The script reads the
`xsd:sequence` of every complex type of `SFTI-BasicInvoice-1.0.xsd` and
`SFTI-CommonAggregateComponents-1.0.xsd` (the schema uses no `xsd:choice`), resolves each
particle to a complex type or to the lexical kind of its simple content (following the UBL 1.0
`cbc` → `udt` → `cct` → `xsd` derivation), records the required attributes (`amountCurrencyID`,
`quantityUnitCode`, `measureUnitCode`), and copies the enumerations of the UBL 1.0 code lists the
invoice uses. The output is deterministic.
"""

import os
import sys
import xml.etree.ElementTree as ET

X = "{http://www.w3.org/2001/XMLSchema}"
NS = {
    "sfti": "urn:sfti:documents:BasicInvoice:1:0",
    "cac": "urn:sfti:CommonAggregateComponents:1:0",
    "cbc": "urn:oasis:names:tc:ubl:CommonBasicComponents:1:0",
}
RUST_NS = {"sfti": "SFTI", "cac": "CAC", "cbc": "CBC"}
# udt/cct base type -> lexical kind
UDT_KIND = {
    "AmountType": "Decimal", "UBLAmountType": "Amount", "QuantityType": "Decimal", "MeasureType": "Decimal",
    "NumericType": "Decimal", "PercentType": "Decimal", "RateType": "Decimal", "ValueType": "Decimal",
    "IndicatorType": "Boolean", "DateType": "Date", "DateTimeType": "DateTime",
    "CodeType": "Text", "IdentifierType": "Text", "NameType": "Text", "TextType": "Text",
    "BinaryObjectType": "Text", "GraphicType": "Text", "PictureType": "Text", "SoundType": "Text",
    "VideoType": "Text",
}
UDT_REQUIRED = {"AmountType": "amountCurrencyID", "UBLAmountType": "amountCurrencyID", "QuantityType": "quantityUnitCode",
                "MeasureType": "measureUnitCode"}
CODE_LISTS = {
    "cur": ("CURRENCY", "UBL-CodeList-CurrencyCode-1.0.xsd"),
    "cnt": ("COUNTRY", "UBL-CodeList-CountryIdentificationCode-1.0.xsd"),
    "pty": ("PAYMENT_MEANS", "UBL-CodeList-PaymentMeansCode-1.0.xsd"),
    "rsn": ("ALLOWANCE_REASON", "UBL-CodeList-AllowanceChargeReasonCode-1.0.xsd"),
    "lat": ("LATITUDE_DIRECTION", "UBL-CodeList-LatitudeDirectionCode-1.0.xsd"),
    "lon": ("LONGITUDE_DIRECTION", "UBL-CodeList-LongitudeDirectionCode-1.0.xsd"),
}


def load(base, rel):
    return ET.parse(os.path.join(base, rel)).getroot()


def split(qname, default):
    if ":" in qname:
        p, l = qname.split(":", 1)
        return p, l
    return default, qname


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    base = sys.argv[1]
    docs = {"sfti": load(base, "maindoc/SFTI-BasicInvoice-1.0.xsd"),
            "cac": load(base, "common/SFTI-CommonAggregateComponents-1.0.xsd")}
    cbc = load(base, "common/UBL-CommonBasicComponents-1.0.xsd")
    # cbc global element -> cbc type; cbc type -> udt base
    cbc_elem = {e.get("name"): e.get("type") for e in cbc.findall(X + "element")}
    cbc_base = {}
    for ct in cbc.findall(X + "complexType"):
        ext = ct.find(X + "simpleContent/" + X + "extension")
        if ext is not None:
            cbc_base[ct.get("name")] = split(ext.get("base"), "cbc")[1]
    globals_ = {p: {e.get("name"): e.get("type") for e in d.findall(X + "element")}
                for p, d in docs.items()}
    complex_ = {}  # (prefix, name) -> list of particles or None for simple content
    for p, d in docs.items():
        for ct in d.findall(X + "complexType"):
            seq = ct.find(X + "sequence")
            ext = ct.find(X + "simpleContent/" + X + "extension")
            complex_[(p, ct.get("name"))] = seq if seq is not None else ext
    order = sorted(k for k, v in complex_.items() if v is not None and v.tag == X + "sequence")
    index = {k: i for i, k in enumerate(order)}

    def leaf(prefix, tname):
        """(kind, required attribute) of a simple-content type."""
        if prefix == "cbc":
            tname = cbc_base.get(tname, tname)
            prefix = "udt"
        if prefix in CODE_LISTS:
            return f"Leaf::Code({CODE_LISTS[prefix][0]})", None
        if prefix == "udt":
            return f"Leaf::{UDT_KIND[tname]}", UDT_REQUIRED.get(tname)
        if (prefix, tname) in complex_:
            ext = complex_[(prefix, tname)]
            b = ext.get("base")
            if b.startswith("udt:"):
                return leaf("udt", b[4:])
            if b == "xsd:normalizedString" or b == "xsd:string":
                return "Leaf::Text", None
            if b == "xsd:date":
                return "Leaf::Date", None
        sys.exit(f"unknown simple type {prefix}:{tname}")

    def kind(prefix, tname):
        if (prefix, tname) in index:
            return f"Kind::Complex({index[(prefix, tname)]})", None
        return leaf(prefix, tname)

    out = ["// @generated by invoice/src/validate/sfti/schema_gen.py from the SFTI Svefaktura 1.0",
           "// schemas (SFTI-BasicInvoice-1.0.xsd, SFTI-CommonAggregateComponents-1.0.xsd, UBL 1.0",
           "// common and code-list schemas). Do not edit by hand.",
           "",
           "use super::schema::{ComplexType, Kind, Leaf, Particle};",
           "use super::{CAC, CBC, SFTI};",
           "",
           f"/// Index of `SFTIInvoiceType` (the root `Invoice`) in [`TYPES`].",
           f"pub(super) const INVOICE: usize = {index[('sfti', 'SFTIInvoiceType')]};",
           "",
           "/// Every complex type with element content, with its sequence of particles.",
           "pub(super) const TYPES: &[ComplexType] = &["]
    for key in order:
        p, name = key
        out.append(f"    ComplexType {{")
        out.append(f"        name: \"{name}\",")
        out.append(f"        particles: &[")
        for e in complex_[key].findall(X + "element"):
            mn = int(e.get("minOccurs", "1"))
            mx = e.get("maxOccurs", "1")
            mx = "u32::MAX" if mx == "unbounded" else mx
            if e.get("ref"):
                rp, rl = split(e.get("ref"), p)
                if rp == "cbc":
                    ctp, ctn = split(cbc_elem[rl], "cbc")
                    k, req = leaf("cbc", ctn)
                else:
                    tp, tn = split(globals_[rp][rl], rp)
                    k, req = kind(tp, tn)
                ens, local = rp, rl
            else:
                tp, tn = split(e.get("type"), p)
                k, req = kind(tp, tn)
                ens, local = p, e.get("name")
            if k.startswith("Leaf::"):
                k = f"Kind::Leaf({k})"
            req = f"Some(\"{req}\")" if req else "None"
            out.append(f"            Particle {{ ns: {RUST_NS[ens]}, local: \"{local}\", min: {mn}, max: {mx}, kind: {k}, required_attr: {req} }},")
        out.append("        ],")
        out.append("    },")
    out.append("];")
    for prefix, (const, fname) in sorted(CODE_LISTS.items(), key=lambda x: x[1][0]):
        r = load(base, os.path.join("codelist", fname))
        codes = sorted({e.get("value") for e in r.iter(X + "enumeration")})
        out.append("")
        out.append(f"/// The enumeration of `{fname}` (sorted).")
        out.append(f"pub(super) const {const}: &[&str] = &[")
        line = "   "
        for c in codes:
            piece = f" \"{c}\","
            if len(line) + len(piece) > 99:
                out.append(line)
                line = "   "
            line += piece
        out.append(line)
        out.append("];")
    print("\n".join(out))


if __name__ == "__main__":
    main()
