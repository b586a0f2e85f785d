"""Generates invoice/src/svefaktura/schema_data.rs: the child-element sequences of Svefaktura 1.0
(SFTI BasicInvoice 1.0 XSD: maindoc/SFTI-BasicInvoice-1.0.xsd and
common/SFTI-CommonAggregateComponents-1.0.xsd, from phax/phive-rules, phive-rules-svefaktura).
Usage: python3 gen_sfti_schema.py XSD_DIR OUT.rs; then rustfmt --edition 2024 OUT.rs"""
import sys
import xml.etree.ElementTree as ET
XS = '{http://www.w3.org/2001/XMLSchema}'
base, out_path = sys.argv[1], sys.argv[2]
main = ET.parse(base + '/maindoc/SFTI-BasicInvoice-1.0.xsd').getroot()
cac = ET.parse(base + '/common/SFTI-CommonAggregateComponents-1.0.xsd').getroot()

cac_types = {ct.get('name'): ct for ct in cac.findall(XS + 'complexType')}
cac_elems = {e.get('name'): e.get('type') for e in cac.findall(XS + 'element')}
root_types = {ct.get('name'): ct for ct in main.findall(XS + 'complexType')}
root_elems = {e.get('name'): e.get('type') for e in main.findall(XS + 'element')}

def sfti_type(t):
    """The SFTI aggregate type name of a type reference, or None for a leaf type."""
    if t is None:
        return None
    if t.startswith('cac:'):
        t = t[4:]
    return t if t in cac_types else None

def children(ct, in_root):
    out = []
    for e in ct.iter(XS + 'element'):
        many = e.get('maxOccurs', '1') != '1'
        ref, name = e.get('ref'), e.get('name')
        if ref:
            if ref.startswith('cbc:'):
                out.append(('Cbc', ref[4:], many, None))
            elif ref.startswith('cac:'):
                out.append(('Cac', ref[4:], many, sfti_type(cac_elems.get(ref[4:]))))
            elif in_root:
                out.append(('Root', ref, many, sfti_type(root_elems.get(ref))))
            else:
                out.append(('Cac', ref, many, sfti_type(cac_elems.get(ref))))
        else:
            ns = 'Root' if in_root else 'Cac'
            out.append((ns, name, many, sfti_type(e.get('type'))))
    return out

seqs = {'INVOICE': children(root_types['SFTIInvoiceType'], True)}
todo = [t for (_, _, _, t) in seqs['INVOICE'] if t]
while todo:
    t = todo.pop()
    key = 'T_' + t.upper()
    if key in seqs:
        continue
    seqs[key] = children(cac_types[t], False)
    todo.extend(x for (_, _, _, x) in seqs[key] if x)

o = ['//! Svefaktura 1.0 child-element sequences, generated from the SFTI BasicInvoice 1.0 XSD by',
     '//! `invoice/tools/gen_sfti_schema.py`. Data only: which children an aggregate may have, in',
     '//! which order, whether each may repeat, and the sequence of each aggregate child.',
     '', 'use super::schema::{Child, Ns};', '']
for key in sorted(seqs, key=lambda k: (k != 'INVOICE', k)):
    o.append(f'pub(super) const {key}: &[Child] = &[')
    for ns, name, many, t in seqs[key]:
        sub = f'Some(T_{t.upper()})' if t else 'None'
        o.append(f'    Child {{ ns: Ns::{ns}, name: "{name}", many: {"true" if many else "false"}, sub: {sub} }},')
    o.append('];')
    o.append('')
open(out_path, 'w').write('\n'.join(o))
print(len(seqs), 'sequences')
