"""The certificate page, rendered from plain data (no database) and read back: its text with pypdf,
its QR code by rendering the page with ``pdftoppm`` and decoding the image with zxing-cpp.

In CI (``CI`` set) a missing ``pdftoppm`` or zxing-cpp fails the run instead of skipping.
"""

import datetime
import importlib
import io
import os
import shutil
import subprocess
from decimal import Decimal

import pypdf
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from certificates.pdf.data import CertificateData
from certificates.pdf.qr import dark_runs, qr_path_operators
from certificates.pdf.renderer import CertificateRenderer, fitted, hours_label, validity_years

URL = "https://referents.example.org/verifier/Qm9uam91ciBsZXMgdGVzdHMgIQ-_x1/"
DEMO_NOTICE = "Signature de démonstration — ce document n'a pas de valeur"


def certificate_data(**changes) -> CertificateData:
    values = {
        "number": "URH-HDF-2026-000042",
        "version": 1,
        "holder_name": "Camille Martin",
        "holder_organisation": "Habitat du Littoral",
        "programme_title": "Référent·e égalité de traitement",
        "hours": Decimal("21.0"),
        "issued_on": datetime.date(2026, 3, 5),
        "valid_from": datetime.date(2026, 3, 5),
        "valid_until": datetime.date(2029, 3, 4),
        "signatory_name": "Claire Dubois",
        "signatory_role": "Directrice de l'URH Hauts-de-France",
        "verification_url": URL,
        "demo_signature": True,
    }
    return CertificateData(**{**values, **changes})


def page_text(content: bytes) -> str:
    [page] = pypdf.PdfReader(io.BytesIO(content)).pages
    return " ".join(page.extract_text().split())


def required_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} introuvable : apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def decoded_qr_codes(content: bytes, tmp_path) -> list[str]:
    try:
        zxingcpp = importlib.import_module("zxingcpp")
    except ModuleNotFoundError:
        if os.environ.get("CI"):
            pytest.fail("zxing-cpp manquant (dépendance de développement)")
        pytest.skip("zxing-cpp manquant : pip install zxing-cpp")
    from PIL import Image

    (tmp_path / "certificate.pdf").write_bytes(content)
    command = [required_tool("pdftoppm"), "-r", "150", "-png", "-singlefile", "certificate.pdf", "page"]
    subprocess.run(command, cwd=tmp_path, check=True, timeout=60)
    with Image.open(tmp_path / "page.png") as image:
        return [code.text for code in zxingcpp.read_barcodes(image)]


def test_the_page_says_who_what_when_and_where_to_verify():
    content = CertificateRenderer(certificate_data()).render()
    text = page_text(content)

    for expected in (
        "Union régionale pour l'habitat Hauts-de-France",
        "avec l'IREV",
        "Certificat de référent·e égalité de traitement",
        "Camille Martin",
        "Habitat du Littoral",
        "« Référent·e égalité de traitement »",
        "21 heures",
        "N° URH-HDF-2026-000042",
        "Délivré le 5 mars 2026 — valable du 5 mars 2026 au 4 mars 2029 (validité : 3 ans)",
        "Claire Dubois",
        "Directrice de l'URH Hauts-de-France",
        URL,
        DEMO_NOTICE,
    ):
        assert expected in text, expected
    assert len(pypdf.PdfReader(io.BytesIO(content)).pages) == 1


def test_metadata_orientation_and_reproducibility():
    content = CertificateRenderer(certificate_data()).render()
    reader = pypdf.PdfReader(io.BytesIO(content))

    assert reader.metadata.title == "Certificat URH-HDF-2026-000042 — Camille Martin"
    assert reader.metadata.author == "Union régionale pour l'habitat Hauts-de-France"
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    assert CertificateRenderer(certificate_data()).render() == content


def test_a_real_signature_prints_no_demo_notice_and_a_later_version_says_so():
    text = page_text(CertificateRenderer(certificate_data(demo_signature=False, version=2)).render())

    assert "démonstration" not in text
    assert "Version 2 du document" in text


def test_names_with_markup_and_any_unicode_stay_inert_text():
    name = "<b>Zoé</b> & <script>alert(1)</script> O'Brien-Łukasz"
    content = CertificateRenderer(
        certificate_data(holder_name=name, holder_organisation="<i>HLM</i> &amp;")
    ).render()
    text = page_text(content)

    assert "<b>Zoé</b> & <script>alert(1)</script> O'Brien-Lukasz" in text
    assert "<i>HLM</i> &amp;" in text


def test_a_name_too_long_for_the_line_is_set_smaller_then_cut():
    text, size = fitted("Camille " * 80, "Helvetica-Bold", 24, 500, floor=10)

    assert size == 10
    assert text.endswith("…")
    assert stringWidth(text, "Helvetica-Bold", size) <= 500
    assert fitted("Camille Martin", "Helvetica-Bold", 24, 500) == ("Camille Martin", 24)


def test_the_qr_code_is_one_path_and_decodes_to_the_verification_url(tmp_path):
    content = CertificateRenderer(certificate_data()).render()

    # One path of rectangles filled once: the operators of the runs, in one piece, in the page.
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    stream = page.get_contents().get_data().decode("latin-1")
    _side, runs = dark_runs(URL)
    assert qr_path_operators(runs) in stream
    assert stream.count(" re") == len(runs) + 3  # + the two frame rectangles and the demo box
    assert "/XObject" not in str(page["/Resources"])
    assert decoded_qr_codes(content, tmp_path) == [URL]


def test_hours_and_validity_wording():
    assert hours_label(Decimal("21.0")) == "21 heures"
    assert hours_label(Decimal("10.5")) == "10,5 heures"
    assert hours_label(Decimal("1")) == "1 heure"
    assert validity_years(datetime.date(2026, 3, 5), datetime.date(2029, 3, 4)) == 3
    assert validity_years(datetime.date(2024, 2, 29), datetime.date(2027, 2, 27)) is None
