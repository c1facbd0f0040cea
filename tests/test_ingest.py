"""compare.ingest.read_text: every format gives the same plain text; every bad input gives one InputError."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import ingest
from compare.errors import InputError
from compare.ingest import read_text

SIMPLIFIED = (
    "（一）推进高铁公交化。持续优化成渝地区高铁各车站间“公交化”票制，逐步实现购票、乘车等服务公交化便捷化。"
    "（责任单位：中国铁路成都局集团公司，四川省发展改革委、重庆市交通运输委）\n"
    "\n"
    "（二）推进公交客运便利化。推广跨省市公交地铁“一卡通”互认，实现川渝两地公共交通乘车码互联互通，"
    "探索开行毗邻地区跨省城际公交。（责任单位：四川省交通运输厅、重庆市交通运输委）\n"
    "\n"
    "（三）推进通信资费同城化。推动川渝两地取消固定电话长途通话费和漫游费，降低跨省市通信资费，"
    "提升川渝毗邻地区移动通信网络覆盖质量。（责任单位：四川省通信管理局、重庆市通信管理局）\n"
)
TRADITIONAL = (
    "（一）推進高鐵公交化。持續優化成渝地區高鐵各車站間「公交化」票制，逐步實現購票、乘車等服務公交化便捷化。"
    "（責任單位：中國鐵路成都局集團公司，四川省發展改革委、重慶市交通運輸委）\n"
    "\n"
    "（二）推進公交客運便利化。推廣跨省市公交地鐵「一卡通」互認，實現川渝兩地公共交通乘車碼互聯互通，"
    "探索開行毗鄰地區跨省城際公交。（責任單位：四川省交通運輸廳、重慶市交通運輸委）\n"
    "\n"
    "（三）推進通信資費同城化。推動川渝兩地取消固定電話長途通話費和漫遊費，降低跨省市通信資費，"
    "提升川渝毗鄰地區移動通信網絡覆蓋質量。（責任單位：四川省通信管理局、重慶市通信管理局）\n"
)
PARAS = [line for line in SIMPLIFIED.split("\n") if line]


def write(tmp_path, name, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def expect_error(path, *fragments):
    """read_text(path) raises InputError: one line, naming the file and every fragment."""
    with pytest.raises(InputError) as info:
        read_text(path)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message
    assert os.path.basename(str(path)) in message
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- plain text and encodings ---------------------------------------------------------------------

def test_fixture_texts_are_realistic():
    assert 250 <= len(SIMPLIFIED) <= 400 and len(TRADITIONAL) == len(SIMPLIFIED)
    with pytest.raises(UnicodeEncodeError):
        SIMPLIFIED.encode("big5")  # so the Big5 case really is a different text


@pytest.mark.parametrize("encoding, newline", [
    ("utf-8", "\n"), ("utf-8-sig", "\n"), ("utf-8", "\r\n"), ("utf-8", "\r"),
    ("gb18030", "\r\n"), ("gbk", "\n"), ("utf-16", "\r\n"),
])
def test_simplified_text_in_any_encoding(tmp_path, encoding, newline):
    path = write(tmp_path, "doc.txt", SIMPLIFIED.replace("\n", newline).encode(encoding))
    assert read_text(path) == SIMPLIFIED


@pytest.mark.parametrize("encoding", ["big5", "utf-8", "gb18030"])
def test_traditional_text(tmp_path, encoding):
    path = write(tmp_path, "doc.txt", TRADITIONAL.replace("\n", "\r\n").encode(encoding))
    assert read_text(path) == TRADITIONAL


@pytest.mark.parametrize("text", [
    "凭证）互认提质扩面，",  # charset-normalizer calls these bytes cp949 (Korean)
    "科教融汇实训基地和国家级创业孵化基地，打",
    "育培训机制。完善督政督学与评估监测督导体",  # ...and this one UTF-16-BE
])
def test_short_gbk_text_misdetected_as_other_cjk_codec(tmp_path, text):
    assert read_text(write(tmp_path, "short.txt", text.encode("gbk"))) == text


def test_unknown_extension_that_is_text(tmp_path):
    assert read_text(write(tmp_path, "notes.md", SIMPLIFIED.encode("gb18030"))) == SIMPLIFIED


def test_text_without_extension_starting_like_a_zip(tmp_path):
    assert read_text(write(tmp_path, "README", "PKU 课题组\n第二行\n")) == "PKU 课题组\n第二行\n"


def test_docx_sniffed_by_content(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("按内容识别")
    document.save(tmp_path / "download.bin")
    assert read_text(tmp_path / "download.bin") == "按内容识别"


def test_path_may_be_str(tmp_path):
    assert read_text(str(write(tmp_path, "doc.txt", "第一条\n第二条\n"))) == "第一条\n第二条\n"


# --- .docx ----------------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_body_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发行动方案的通知")
    document.add_paragraph(PARAS[0])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "事项", "责任单位"
    table.cell(1, 0).text, table.cell(1, 1).text = "推进高铁公交化", "四川省发展改革委"
    table.cell(1, 1).add_paragraph("重庆市交通运输委")
    document.add_paragraph(PARAS[1])
    path = tmp_path / "plan.docx"
    document.save(path)
    assert read_text(path).split("\n") == [
        "关于印发行动方案的通知", PARAS[0],
        "事项", "责任单位", "推进高铁公交化", "四川省发展改革委", "重庆市交通运输委",
        PARAS[1],
    ]


def test_docx_merged_cell_once_and_tracked_insertion_kept(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并单元格"
    table.cell(0, 2).text = "右"
    paragraph = document.add_paragraph("原有文字")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z">'
        "<w:r><w:t>新增文字</w:t></w:r></w:ins>"))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z">'
        "<w:r><w:delText>删除文字</w:delText></w:r></w:del>"))
    path = tmp_path / "tracked.docx"
    document.save(path)
    assert read_text(path).split("\n") == ["合并单元格", "右", "原有文字新增文字"]


def test_docx_that_is_not_a_zip(tmp_path):
    expect_error(write(tmp_path, "fake.docx", SIMPLIFIED), "not a valid .docx (not a zip archive)")


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    expect_error(path, "not a valid .docx (")


def _zip_of_zeros(path, megabytes):
    """A zip holding word/document.xml of `megabytes` MB of zeros, streamed so memory stays small."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as member:
        for _ in range(megabytes):
            member.write(chunk)
    return path


def test_zip_bomb_docx_refused_by_total_size(tmp_path):
    path = _zip_of_zeros(tmp_path / "bomb.docx", 300)
    assert path.stat().st_size < 2 * 1024 * 1024
    expect_error(path, "unpacks to 300 MB", "limit 200 MB")


def test_zip_bomb_docx_refused_by_compression_ratio(tmp_path):
    path = _zip_of_zeros(tmp_path / "ratio.docx", 20)
    expect_error(path, "word/document.xml", "zip bomb")


# --- .pdf -----------------------------------------------------------------------------------------

def _pdf(pages: list[str | None]) -> bytes:
    """A minimal valid PDF: one page per entry, drawing the ASCII text in Helvetica (None: blank page)."""
    n = len(pages)
    font = 3 + 2 * n
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>"
               % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n)), n)]
    for i, text in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        ops = b"" if text is None else b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_pages_separated_by_blank_line(tmp_path):
    path = write(tmp_path, "notice.pdf", _pdf(["Measure one: promote rail transit.",
                                               "Measure two: unify bus fares."]))
    assert read_text(path) == "Measure one: promote rail transit.\n\nMeasure two: unify bus fares."


def test_pdf_sniffed_without_extension(tmp_path):
    assert read_text(write(tmp_path, "download", _pdf(["Sniffed by its %PDF header, fine."]))) == \
        "Sniffed by its %PDF header, fine."


def test_pdf_without_text_needs_ocr(tmp_path):
    expect_error(write(tmp_path, "scan.pdf", _pdf([None, None])), "no text layer", "OCR")


def test_broken_pdf(tmp_path):
    expect_error(write(tmp_path, "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< garbage"), "PDF")


def test_password_protected_pdf(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(write(tmp_path, "plain.pdf",
                                                                _pdf(["Secret measures here."]))))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    expect_error(path, "password-protected")


def test_pdf_with_owner_password_only_is_read(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(write(tmp_path, "plain.pdf",
                                                                _pdf(["Printing is restricted only."]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert read_text(path) == "Printing is restricted only."


# --- .html ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>页面标题不应出现</title>
<style>.x { color: red }</style><script>var hidden = "脚本不应出现";</script></head>
<body>
  <noscript>请启用脚本</noscript>
  <div class="nav"><div><a href="/">首页</a></div></div>
  <div id="content">
    <h1>推进川渝公共服务一体化</h1>
    <div><div><p>%s</p></div>
      <p>%s</p></div>
    <script>document.write("也不应出现")</script>
    <p>第一行<br>第二行</p>
  </div>
  <template><p>模板不应出现</p></template>
</body></html>
"""


def test_html_visible_text_only_in_order(tmp_path):
    paragraph_with_inline_markup = PARAS[0].replace("高铁公交化", "<b>高铁</b><span>公交化</span>", 1)
    html = PAGE % (paragraph_with_inline_markup, "\n        ".join([PARAS[1][:20], PARAS[1][20:]]))
    text = read_text(write(tmp_path, "page.html", html))
    lines = [line for line in text.split("\n") if line]
    assert lines == ["首页", "推进川渝公共服务一体化", PARAS[0], PARAS[1][:20] + " " + PARAS[1][20:],
                     "第一行", "第二行"]
    assert "\n\n\n" not in text and text == text.strip()


def test_html_declared_gb2312_with_gbk_only_characters(tmp_path):
    body = f"<p>镕基金</p><p>{PARAS[2]}</p>"  # 镕 is in GBK but not GB2312
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           f"<body>{body}</body></html>"
    assert read_text(write(tmp_path, "gov.shtml", html.encode("gbk"))).split("\n\n") == ["镕基金", PARAS[2]]


def test_html_short_gbk_page_trusts_declared_gb2312(tmp_path):
    html = '<html><head><meta charset="gb2312"></head><body><p>朱镕基</p></body></html>'
    assert read_text(write(tmp_path, "short.htm", html.encode("gbk"))) == "朱镕基"  # detection alone says Big5


def test_html_wrongly_declared_latin1_but_utf8(tmp_path):
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{PARAS[0]}</p></body></html>'
    assert read_text(write(tmp_path, "wrong.html", html)) == PARAS[0]


def test_html_sniffed_by_doctype(tmp_path):
    html = "  \n<!doctype HTML><html><body><p>甲</p><script>x()</script><p>乙</p></body></html>"
    assert read_text(write(tmp_path, "page.asp", html)) == "甲\n\n乙"


def test_html_without_visible_text(tmp_path):
    html = "<html><head><title>t</title></head><body><script>x()</script></body></html>"
    expect_error(write(tmp_path, "blank.htm", html), "no text")


# --- bad inputs -----------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    expect_error(write(tmp_path, "empty.txt", b""), "empty file")


def test_whitespace_only(tmp_path):
    expect_error(write(tmp_path, "blank.txt", " \r\n\t\u3000\n".encode("utf-8")),
                 "no text (empty or whitespace only)")


def test_binary_bytes(tmp_path):
    data = os.urandom(4096) + b"\0\0\0" + os.urandom(4096)
    expect_error(write(tmp_path, "noise.txt", data), "binary data, not a text document")


def test_text_with_a_few_nul_bytes_is_binary(tmp_path):
    data = SIMPLIFIED.encode("utf-8") + b"\0" * 4 + SIMPLIFIED.encode("utf-8")  # valid UTF-8, <1% NUL
    expect_error(write(tmp_path, "dump.txt", data), "binary data, not a text document")


def test_control_characters_without_nul_are_binary(tmp_path):
    data = bytes(range(1, 8)) * 300 + "正文".encode() * 100  # decodes as UTF-8, but 90% controls
    expect_error(write(tmp_path, "ctrl.txt", data), "binary data")


def test_unknown_binary_type(tmp_path):
    expect_error(write(tmp_path, "image.xyz", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64)),
                 "unsupported file type .xyz")


def test_legacy_doc_gets_a_hint(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    expect_error(write(tmp_path, "old.docx", data), "not a zip archive", "save as .docx")


def test_missing_path(tmp_path):
    expect_error(tmp_path / "nope.txt", "file not found")


def test_directory(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    expect_error(tmp_path / "folder.txt", "is a directory")


def test_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(ingest.MAX_INPUT_BYTES + 1)  # sparse: no disk used
    expect_error(path, "file too large (65 MB; limit 64 MB)")


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", "正文")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    expect_error(path, "cannot read (permission denied)")


def test_unexpected_reader_error_becomes_input_error(tmp_path, monkeypatch):
    def explode(path, data):
        raise RuntimeError("boom\nwith a second line")

    monkeypatch.setitem(ingest._READERS, ".txt", explode)
    expect_error(write(tmp_path, "doc.txt", "正文"), "cannot read (boom with a second line)")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=2000),
       ext=st.sampled_from([".txt", ".docx", ".pdf", ".html", ".bin", ""]),
       prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html>"]))
def test_garbage_raises_only_input_error(tmp_path, data, ext, prefix):
    path = write(tmp_path, "fuzz" + ext, prefix + data)
    try:
        text = read_text(path)
    except InputError as exc:
        assert "\n" not in str(exc) and "fuzz" in str(exc)
    else:
        assert isinstance(text, str) and text.strip() and "\r" not in text


def test_heavy_libraries_are_imported_lazily():
    code = ("import sys, compare.ingest; "
            "print(sorted(m for m in ('docx', 'pypdf', 'bs4', 'charset_normalizer') if m in sys.modules))")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
