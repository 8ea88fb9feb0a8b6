#!/usr/bin/env python3
"""Fills i18n/coroscope_en.ts's plural forms from the source texts: "step(s)" → step / steps,
"%n runs" → run / runs (the English source is written in the plural or with "(s)")."""
import re, sys
import xml.etree.ElementTree as ET

path = sys.argv[1] if len(sys.argv) > 1 else 'i18n/coroscope_en.ts'
tree = ET.parse(path)
SINGULAR = {'runs': 'run', 'cores': 'core', 'steps': 'step'}
for message in tree.getroot().iter('message'):
    if message.get('numerus') != 'yes':
        continue
    source = message.find('source').text
    one = re.sub(r'(\w+)\(s\)', r'\1', source)
    many = re.sub(r'(\w+)\(s\)', r'\1s', source)
    for plural, single in SINGULAR.items():
        one = re.sub(r'(%n (?:\w+ )?)' + plural + r'\b', r'\g<1>' + single, one)
    translation = message.find('translation')
    translation.attrib.pop('type', None)
    for form in list(translation):
        translation.remove(form)
    for text in (one, many):
        form = ET.SubElement(translation, 'numerusform')
        form.text = text
tree.write(path, encoding='utf-8', xml_declaration=True)
