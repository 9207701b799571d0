"""The PDF reader (the ``pdf`` extra): the seed reports rebuilt as PDF and a real published PDF parse to their
gold, the reader is chosen by content, and damaged PDFs are clear errors.

The seed PDFs are built here with reportlab (``govdisclose.testing.report_pdf``, font STSong-Light built
into reportlab); the real PDF and its hand-read gold are read from ``../shared/real/`` at
test time (skipped where that folder is absent).
"""
from __future__ import annotations

import io
import json
import pathlib
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import govdisclose
from conftest import seed_files
from govdisclose import testing
from govdisclose.cli import main
from govdisclose.errors import GovdiscloseError, UnreadableInputError
from govdisclose.readers.base import CellRow, TextLine

pytest.importorskip("reportlab", reason="the seed PDFs are built with reportlab (the test extra)")
pytest.importorskip("pdfplumber", reason="the PDF reader reads with pdfplumber (the pdf extra)")

import govdisclose.readers.pdf as pdf_plugin  # noqa: E402 - after the skips
from govdisclose.readers.pdf import PdfReader, read_pdf  # noqa: E402

from govdisclose.testing import report_pdf
from govdisclose.testing.contract import ReaderContract

HERE = pathlib.Path(__file__).parent
SEEDS = testing.SEEDS          # shipped with govdisclose.testing, with their gold
# The real published PDF and its hand-read gold stay in ../shared/real beside the repository.
REAL_DIR = HERE.parents[1] / "shared" / "real"
REAL = "huaian-2024"


def real_file(folder: str, suffix: str) -> pathlib.Path:
    path = REAL_DIR / folder / f"{REAL}{suffix}"
    if not path.exists():
        pytest.skip(f"{path} is absent (the real reports are not in the repository)")
    return path


def _prose(text: str) -> str:
    # Typesetting takes spaces next to Chinese characters away; reportlab's STSong-Light
    # encoding cannot draw U+00B7 (5·15).
    return re.sub(r"[\s\u00b7]", "", text)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict:
    """name -> (the seed parsed from its text, the path of its PDF, the PDF parsed)."""
    return seed_files(tmp_path_factory.mktemp("pdf"), ".pdf", report_pdf)


class TestPdfContract(ReaderContract):
    """The reader contract (govdisclose.testing.contract) on the seeds typeset as PDF: the
    prose compared up to the spaces typesetting takes away."""
    reader, plugin, install, suffix = "pdf", pdf_plugin, "govdisclose[pdf]", ".pdf"

    def make(self, report):
        return report_pdf(report)

    def same(self, report):
        return _prose_content(report)


def _prose_content(report) -> tuple:
    meta, sections, cells = testing.content(report)
    return meta, tuple((n, h, _prose(t)) for n, h, t in sections), cells


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_generated_reports_round_trip_through_pdf(data):
    """Any report of either national format (blank cells, large counts, signed 本年增/减,
    money with decimals, awkward prose, a title over two lines), typeset as a PDF, reads
    back the same (prose up to the spaces typesetting takes away)."""
    report = data.draw(testing.reports(data.draw(st.sampled_from(["post2021", "pre2021"])), layout="html"))
    again = govdisclose.parse(report_pdf(report))
    assert again.meta.reader == "pdf"
    assert _prose_content(again) == _prose_content(report)


def test_page_numbers_and_running_headers_are_dropped(seeds):
    import pdfplumber
    _, path, _ = seeds["seed-001"]
    with pdfplumber.open(path) as pdf:
        raw = [page.extract_text() for page in pdf.pages]
    assert len(raw) >= 2
    assert all("冶金街道政府信息公开工作年度报告" in page for page in raw)        # on every page
    assert all(re.search(rf"-\s*{i}\s*-", page) for i, page in enumerate(raw, 1))
    lines = [item.text for item in read_pdf(path.read_bytes()) if isinstance(item, TextLine)]
    assert not [line for line in lines if re.fullmatch(r"-\s*\d+\s*-", line)]
    assert "冶金街道政府信息公开工作年度报告" not in lines
    assert lines[0] == "一、总体情况"


def test_paragraphs_are_joined_back(seeds):
    text_report, path, _ = seeds["seed-003"]
    lines = [item.text for item in read_pdf(path.read_bytes()) if isinstance(item, TextLine)]
    paragraphs = [line for s in text_report.sections for line in s.text.split("\n")]
    assert [_prose(p) for p in paragraphs if len(p) > 100][:5] == \
        [_prose(line) for line in lines if len(line) > 100][:5]


def test_the_reader_knows_a_pdf_by_its_bytes():
    assert PdfReader().sniff_bytes(b"%PDF-1.4\n") == 1.0
    assert PdfReader().sniff_bytes("一、总体情况".encode()) == 0.0


# -- damaged input ------------------------------------------------------------------------


@pytest.mark.parametrize("cut", [0.02, 0.6])
def test_truncated_pdf_is_a_clear_error(seeds, tmp_path, capsys, cut):
    _, path, _ = seeds["seed-001"]
    data = path.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[:int(len(data) * cut)])
    try:
        report = govdisclose.parse(broken)
    except GovdiscloseError as exc:
        assert isinstance(exc, UnreadableInputError)
        assert str(exc).startswith("this is a PDF document that cannot be read") and "\n" not in str(exc)
    else:                   # what could be read: findings say what is missing, or nothing is
        gold = testing.seed_gold("seed-001")
        assert report.findings or testing.gold_problems(report, gold) == []
    status = main(["parse", str(broken)])
    _, err = capsys.readouterr()
    assert "Traceback" not in err and status in (0, 1, 2)
    if status == 2:
        assert err.startswith(f"govdisclose: {broken}: this is a PDF document") and err.count("\n") == 1


def test_junk_after_the_magic_is_a_clear_error():
    with pytest.raises(UnreadableInputError, match="^this is a PDF document that cannot be read"):
        govdisclose.parse(b"%PDF-1.7\n" + bytes(range(256)) * 8)


def test_password_protected_pdf():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128))
    c.drawString(100, 700, "report")
    c.save()
    with pytest.raises(UnreadableInputError, match="password"):
        govdisclose.parse(out.getvalue())


def test_pdf_without_a_text_layer():
    from reportlab.pdfgen import canvas
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(100, 100, 300, 300, fill=1)      # a scan is an image: no characters at all
    c.save()
    with pytest.raises(UnreadableInputError, match="text layer"):
        govdisclose.parse(out.getvalue())


# -- the real PDF -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return govdisclose.parse(real_file("reports", ".pdf"))


def test_real_pdf_parses_to_its_gold(real):
    gold = json.loads(real_file("gold", ".json").read_text(encoding="utf-8"))
    assert testing.gold_problems(real, gold) == []
    assert real.meta.reader == "pdf"
    assert real.meta.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert not real.findings
    assert [s.number for s in real.sections] == [1, 2, 3, 4, 5, 6]
    assert list(govdisclose.validate(real)) == []


def test_real_pdf_every_cell(real):
    """All 200 cells of the 2021 format (10 + 175 + 15), beyond the gold's sample."""
    assert len([c for c in real.cells if c.kind != "absent"]) == 200
    assert real["active_disclosure", "administrative_penalty", "decisions"] == 3985758      # after the page break
    assert real["active_disclosure", "administrative_fees", "fee_amount"] == Decimal("96171.6")
    assert real["applications", "unable.needs_creation", "total"] == 11                         # after the page break
    assert real["reviews", "reviews", "litigation_after_review.total"] == 20


def test_real_pdf_label_cut_by_the_page_break_is_joined():
    items = read_pdf(real_file("reports", ".pdf").read_bytes())
    cells = [c.text for item in items if isinstance(item, CellRow) for c in item.cells]
    assert "（四）无法提供" in cells and "法提供" not in cells
    assert "三、本年度办理结果" in cells
    assert "商业企业" in cells and "结果维持" in cells           # header cells set over two lines
    lines = [item.text for item in items if isinstance(item, TextLine)]
    assert not [line for line in lines if re.fullmatch(r"-\s*\d+\s*-", line)]
    # the white boxes a PDF editor left around two paragraphs are not tables
    assert any(line.startswith("本报告由淮安市人民政府办公室") and line.endswith("电子邮箱：hazwgkc@163.com）。")
               for line in lines)


# -- bounds: what a PDF may cost (issue 14) -----------------------------------------------

def _pdf_with_content(content: bytes, pages: int = 1) -> bytes:
    """A PDF of *pages* pages, each with *content* as its Flate-compressed content stream."""
    import zlib
    packed = zlib.compress(content, 9)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    font = 3 + 2 * pages
    for i in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


_TEXT = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"


@pytest.mark.parametrize("megabytes", [10, 50])
def test_a_flate_bomb_in_a_content_stream_is_refused_in_bounded_time(megabytes, tmp_path, capsys):
    from govdisclose.readers.pdf import MAX_PAGE_CONTENT
    bomb = _pdf_with_content(_TEXT * ((megabytes << 20) // len(_TEXT)))
    assert len(bomb) < megabytes << 12               # a few KB on disk a MB inflated
    err = _refused_in_one_line(bomb, tmp_path, capsys, seconds=15)
    assert "more content than a report's" in err and f"{MAX_PAGE_CONTENT >> 20} MiB a page" in err


def _refused_in_one_line(pdf: bytes, tmp_path, capsys, seconds: float) -> str:
    """``govdisclose parse`` of *pdf*: exit 2 and one line on stderr within *seconds*; the line."""
    import time
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf)
    started = time.monotonic()
    status = main(["parse", str(path)])
    _, err = capsys.readouterr()
    assert time.monotonic() - started < seconds
    assert status == 2 and err.count("\n") == 1
    return err


def test_many_pages_of_content_are_refused_past_the_document_bound(monkeypatch):
    import govdisclose.readers.pdf as reader
    monkeypatch.setattr(reader, "MAX_PAGE_CONTENT", 64 << 10)        # small bounds: the same code, fast
    monkeypatch.setattr(reader, "MAX_CONTENT", 128 << 10)
    page = _TEXT * ((60 << 10) // len(_TEXT))                        # each page under its bound
    with pytest.raises(UnreadableInputError, match="page 3 has more content than a report's .128 KiB in all"):
        read_pdf(_pdf_with_content(page, pages=3))
    with pytest.raises(UnreadableInputError, match=f"more than {reader.MAX_PAGES} pages"):
        read_pdf(_pdf_with_content(b"", pages=reader.MAX_PAGES + 1))


def _with_stream(pdf: bytes, dictionary: bytes, raw: bytes) -> bytes:
    """*pdf* with one more object, a stream no page uses (a font file, an object stream), put
    before the cross-reference table: pdfminer and the bounds see it as a file's object."""
    obj = b"99 0 obj\n<< /Length %d %s >>\nstream\n" % (len(raw), dictionary) + raw + b"\nendstream\nendobj\n"
    at = pdf.rindex(b"xref")
    return pdf[:at] + obj + pdf[at:]


@pytest.mark.parametrize("dictionary", [b"/Filter /FlateDecode",                     # a font file
                                        b"/Type /ObjStm /N 1 /First 4 /Filter /Fl"])  # an object stream
def test_a_flate_bomb_in_any_stream_is_refused_before_pdfminer_inflates_it(dictionary, tmp_path, capsys):
    import zlib
    from govdisclose.readers.pdf import MAX_DECODED
    bomb = _with_stream(_pdf_with_content(_TEXT), dictionary, zlib.compress(b"\0" * (MAX_DECODED + (1 << 20)), 9))
    assert len(bomb) < 100_000                                  # 65 MiB inflated from 66 KB
    err = _refused_in_one_line(bomb, tmp_path, capsys, seconds=10)
    assert f"streams decode to more than {MAX_DECODED >> 20} MiB" in err


def test_the_bounds_decode_every_filter_pdfminer_does_no_further_than_the_limit():
    import zlib
    from pdfminer.ascii85 import asciihexdecode
    from govdisclose.readers.pdf_bounds import document_size, stream_size
    twice = zlib.compress(zlib.compress(b"\0" * (256 << 20), 9), 9)        # 256 MiB in 1 KB
    assert len(twice) < 2000
    assert 1000 < stream_size(twice, ["FlateDecode", "FlateDecode"], 1000) <= 1000 + (1 << 20)
    assert stream_size(b"\x81a\x02abc\x80", ["RunLengthDecode"], 10**6) == 128 + 3
    hexed = zlib.compress(b"x" * 5000).hex().encode() + b">"
    assert asciihexdecode(hexed) and stream_size(hexed, ["AHx", "Fl"], 10**6) == 5000
    assert stream_size(b"\xff\xd8 a JPEG", ["DCTDecode"], 10) == 9               # pdfminer leaves it encoded
    plain = _pdf_with_content(_TEXT)
    image = _with_stream(plain, b"/Type /XObject /Subtype /Image /Filter /FlateDecode",
                         zlib.compress(b"\0" * (8 << 20)))
    assert document_size(image, 1 << 20) == document_size(plain, 1 << 20) == len(_TEXT)   # images: never decoded


def _encrypted(pdf: bytes) -> bytes:
    """*pdf* encrypted as many government PDFs are to forbid copying: RC4, no password to open."""
    pypdf = pytest.importorskip("pypdf", reason="encrypted PDFs are made with pypdf (the plugin's test extra)")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_encrypted_pdf_is_read_and_its_streams_are_measured_deciphered(seeds, monkeypatch):
    import govdisclose.readers.pdf as reader
    from govdisclose.readers.pdf_bounds import document_size
    report, path, from_pdf = seeds["seed-001"]
    encrypted = _encrypted(path.read_bytes())
    assert document_size(encrypted, 1 << 26) < 1000             # enciphered: nothing inflates before opening
    read = govdisclose.parse(encrypted)
    assert read.meta.reader == "pdf" and [(c.key, c.value) for c in read.cells] == \
        [(c.key, c.value) for c in from_pdf.cells]
    monkeypatch.setattr(reader, "MAX_DECODED", 16 << 10)         # the seed's streams decode to 48 KB
    with pytest.raises(UnreadableInputError, match="streams decode to more than 16 KiB"):
        read_pdf(encrypted)


def test_pdfminer_warnings_do_not_reach_stderr(seeds, tmp_path):
    """A damaged PDF makes pdfminer log hundreds of warnings; the CLI prints its one line."""
    import subprocess
    import sys
    _, path, _ = seeds["seed-001"]
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(path.read_bytes().replace(b" 0 obj", b" 0 obk", 3))
    run = subprocess.run([sys.executable, "-m", "govdisclose", "parse", str(damaged)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode in (0, 1, 2)
    assert len(run.stderr.splitlines()) <= 1, run.stderr[:500]
    if run.returncode == 2:
        assert run.stderr.startswith(f"govdisclose: {damaged}: ")


def test_a_pdfs_cells_and_findings_say_their_page(seeds):
    """A PDF's places are pages (its reader's lines are items, not the document's lines): in
    the cells, in the findings, in JSON, on the check page, and through pickling."""
    import pickle
    from govdisclose.api import check_page
    from govdisclose.writers.jsonout import report_to_dict
    _, path, from_pdf = seeds["seed-001"]
    assert {c.location.page for c in from_pdf.cells if c.table == "applications"} <= {2, 3}    # table 2 on pages 2-3
    assert from_pdf.cell("applications", "new_received", "total").location.page == 2
    assert all(str(c.location) == f"p.{c.location.page}" for c in from_pdf.cells if c.location.page)
    total = from_pdf.cell("applications", "total", "natural_person").location.page
    assert pickle.loads(pickle.dumps(from_pdf)).cell("applications", "total", "natural_person").location.page == total
    cells = report_to_dict(from_pdf)["cells"]
    assert any(c["location"] and c["location"].get("page") == 2 for c in cells)
    import attrs
    edited = [attrs.evolve(c, value=5) if c.key == ("applications", "total", "natural_person") else c
              for c in from_pdf.cells]
    page = check_page(attrs.evolve(from_pdf, cells=edited))
    assert re.search(r"原文第[23]页（page [23]）", page) and "原文第" in page and "行" not in \
        re.search(r"原文第[^（]*（", page).group()


def test_without_pdfplumber_a_pdf_is_one_line_naming_the_extra(seeds, monkeypatch, capsys):
    """The reader is registered by govdisclose's own entry point whether or not the pdf extra
    is installed; without pdfplumber a PDF is one error line that says what to install."""
    import sys
    _, path, _ = seeds["seed-001"]
    monkeypatch.setitem(sys.modules, "pdfplumber", None)        # import pdfplumber fails
    with pytest.raises(UnreadableInputError, match=re.escape('pip install "govdisclose[pdf]"')) as caught:
        govdisclose.parse(path)
    assert "\n" not in str(caught.value)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "govdisclose[pdf]" in err and "pdfplumber" in err


def test_the_reader_comes_from_govdisclose_s_own_entry_point():
    """As a third party's: the ``govdisclose`` entry-point group names the module."""
    from importlib import metadata
    points = {ep.name: ep.value for ep in metadata.entry_points(group="govdisclose")}
    assert points.get("pdf") == "govdisclose.readers.pdf"
    assert "pdf" in [r.name for r in govdisclose.host.host().readers()]
    assert "pdf" not in [r.name for r in govdisclose.host.PluginHost(entry_points=False).readers()]
