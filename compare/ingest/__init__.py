"""Ingest: an input file → plain text, one paragraph (or printed line) per line.

`read_text(path, notes)` checks the file, picks a reader by extension (else by content) and
returns text or raises a one-line `InputError`. Readers: `decode` (.txt/.csv in any Chinese
encoding), `html`, `pdf` (glyph positions, PDFium), `docx` (with Word's list numbering), `tables`
and `sheets` (task tables in .docx/.xlsx/.csv as outline text), `office` (.doc/.wps/.odt/.rtf/
.xls/.et/.ods through LibreOffice); `common` holds what they share.
"""
from compare.ingest.reader import read_text

__all__ = ["read_text"]
