"""Saved web pages: the visible text, one block element per line (BeautifulSoup)."""
from __future__ import annotations

import re

from compare.ingest.decode import decode

_HTML_DROP = ["script", "style", "noscript", "template", "head", "iframe", "svg"]


_HTML_BLOCKS = [
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
    "tr", "ul",
]


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(path, data: bytes) -> str:
    """Visible text only; block elements and <br> break lines, inline elements (a, span, b) do not."""
    from bs4 import BeautifulSoup, NavigableString

    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
        declared = "gb18030"  # pages labelled gb2312 routinely use GBK/GB18030 characters
    soup = BeautifulSoup(decode(path, data, declared), "html.parser")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for s in soup.find_all(string=True):  # source whitespace is layout, as in a browser (except <pre>)
        if type(s) is NavigableString and s.find_parent(["pre", "textarea"]) is None:
            s.replace_with(re.sub(r"[ \t\n\r\f]+", " ", s))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [line.strip() for line in soup.get_text().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
