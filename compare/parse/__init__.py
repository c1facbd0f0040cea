"""Parse: text → Documents. `clean` (page furniture out, broken lines re-joined), `labels` (the
enumerators 一、（一）1. and their sequence), `structure` (chapters, measures), `preamble`
(title, 文号, date, issuers), `compilation` (附件N parts, the cover's metadata), `closing` (the units and deadline that close a measure), `back_matter` (版记, web
footers), `accounting` (where every character went)."""
from compare.parse.compilation import split_documents
from compare.parse.structure import build_document, parse

__all__ = ["build_document", "parse", "split_documents"]
