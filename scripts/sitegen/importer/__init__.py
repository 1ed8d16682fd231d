"""Importing a report's text: a PDF text dump -> a draft report in the schema of `data/report.yaml`.

One module per stage, each a plain function from data to data: `text` (lines,
page furniture, joined paragraphs, the fidelity proof), `structure` (parts,
sections and topics from the report's own numbering), `figures` (every
quantity as a draft figure record with a proposed kind), `terms` (glossary
terms and names already known, candidate new ones), `draft` (the draft report
as YAML text, and the maintainer's checklist), `overrides` (the entries of the
project's conversion-override table that apply to the draft), `settle` (the
previous report's targets and matters: verdicts proposed from the new
report's review, and those it does not report). Only `scripts/import.py` reads
and writes files.
"""
