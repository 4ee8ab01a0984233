"""PDF signatures: checked by pyHanko's validator and by poppler's ``pdfsig``, intact and tampered.

Keys are generated for the session in a temporary directory (never a file of the repository). In CI
(``CI`` set) a missing ``pdfsig`` fails the run instead of skipping.
"""

import asyncio
import datetime
import io
import os
import re
import shutil
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from reportlab.pdfgen.canvas import Canvas

from certificates import signing


@pytest.fixture(scope="session")
def demo_pair(tmp_path_factory):
    directory = tmp_path_factory.mktemp("signing")
    pair = (directory / "key.pem", directory / "cert.pem")
    assert signing.ensure_demo_pair(*pair)
    return pair


@pytest.fixture(autouse=True)
def _signing_settings(settings, demo_pair):
    settings.CERTIFICATE_SIGNING_KEY_FILE, settings.CERTIFICATE_SIGNING_CERT_FILE = demo_pair
    settings.CERTIFICATE_SIGNING_KEY_PASSPHRASE = ""
    settings.CERTIFICATE_SIGNING_ALLOW_DEMO = True


def unsigned_pdf(text: str = "Certificat de test") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pyhanko_status(data: bytes, cert_file):
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_file))])
    # The async validator through the signing module's runner: this test may run after the browser
    # tests, whose Playwright loop is still running in this thread.
    return signing.run_coroutine(async_validate_pdf_signature(signature, context))


def pdfsig(path) -> str:
    executable = shutil.which("pdfsig")
    if executable is None:
        message = "pdfsig introuvable : apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return subprocess.run(
        [executable, str(path)], capture_output=True, text=True, check=False, timeout=30
    ).stdout


def tampered(data: bytes) -> bytes:
    """One byte changed inside the first signed range (the producer comment of the original file)."""
    first_range_end = int(re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)", data).group(1))
    offset = data.index(b"ReportLab")
    assert offset < first_range_end
    return data[:offset] + b"X" + data[offset + 1 :]


def test_a_signed_pdf_is_valid_for_pyhanko_and_pdfsig(demo_pair, tmp_path):
    signed = signing.sign_pdf(unsigned_pdf())

    status = pyhanko_status(signed, demo_pair[1])
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == signing.DEMO_COMMON_NAME
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = pdfsig(path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report


def test_one_changed_byte_breaks_the_signature_for_both_validators(demo_pair, tmp_path):
    broken = tampered(signing.sign_pdf(unsigned_pdf()))

    status = pyhanko_status(broken, demo_pair[1])
    assert not status.intact
    assert not status.bottom_line
    path = tmp_path / "broken.pdf"
    path.write_bytes(broken)
    report = pdfsig(path)
    assert "Signature Validation:" in report
    assert "Signature is Valid." not in report


def test_the_demo_pair_is_recognised_and_said_so():
    assert signing.signing_is_demo()


def test_a_configured_rsa_key_with_a_passphrase_signs_and_is_not_demo(settings, tmp_path):
    key_file, cert_file = write_pair(tmp_path, common_name="URH Hauts-de-France", passphrase=b"s3cret")
    settings.CERTIFICATE_SIGNING_KEY_FILE, settings.CERTIFICATE_SIGNING_CERT_FILE = key_file, cert_file
    settings.CERTIFICATE_SIGNING_KEY_PASSPHRASE = "s3cret"
    settings.CERTIFICATE_SIGNING_ALLOW_DEMO = False

    assert not signing.signing_is_demo()
    status = pyhanko_status(signing.sign_pdf(unsigned_pdf()), cert_file)
    assert status.intact and status.valid


def test_a_demo_key_refuses_to_sign_where_demo_keys_are_not_allowed(settings):
    settings.CERTIFICATE_SIGNING_ALLOW_DEMO = False
    with pytest.raises(ImproperlyConfigured, match="démonstration"):
        signing.sign_pdf(unsigned_pdf())


def test_missing_files_are_an_error_without_demo_and_a_new_demo_pair_with_it(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY_FILE = tmp_path / "none" / "key.pem"
    settings.CERTIFICATE_SIGNING_CERT_FILE = tmp_path / "none" / "cert.pem"
    settings.CERTIFICATE_SIGNING_ALLOW_DEMO = False
    with pytest.raises(ImproperlyConfigured, match="ensure_signing_keys"):
        signing.sign_pdf(unsigned_pdf())

    settings.CERTIFICATE_SIGNING_ALLOW_DEMO = True
    signed = signing.sign_pdf(unsigned_pdf())
    assert pyhanko_status(signed, tmp_path / "none" / "cert.pem").intact


def test_ensure_signing_keys_creates_private_files_once(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY_FILE = tmp_path / "signing" / "key.pem"
    settings.CERTIFICATE_SIGNING_CERT_FILE = tmp_path / "signing" / "cert.pem"
    out = io.StringIO()
    call_command("ensure_signing_keys", stdout=out)
    key_file, cert_file = settings.CERTIFICATE_SIGNING_KEY_FILE, settings.CERTIFICATE_SIGNING_CERT_FILE
    first = (key_file.read_bytes(), cert_file.read_bytes())
    assert "créée" in out.getvalue()
    for path in (key_file, cert_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    certificate = x509.load_pem_x509_certificate(first[1])
    assert (
        certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == signing.DEMO_COMMON_NAME
    )
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert datetime.timedelta(days=4 * 365) < lifetime < datetime.timedelta(days=6 * 365)

    out = io.StringIO()
    call_command("ensure_signing_keys", stdout=out)
    assert (key_file.read_bytes(), cert_file.read_bytes()) == first
    assert "déjà présente (de démonstration)" in out.getvalue()


def test_half_a_pair_is_never_completed(tmp_path):
    (tmp_path / "key.pem").write_text("une clé égarée")
    with pytest.raises(ImproperlyConfigured, match="une seule des deux"):
        signing.ensure_demo_pair(tmp_path / "key.pem", tmp_path / "cert.pem")
    assert not (tmp_path / "cert.pem").exists()


def write_pair(directory, *, common_name: str, passphrase: bytes):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / "real-key.pem", directory / "real-cert.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


def test_signing_works_inside_a_running_event_loop(demo_pair):
    """An ASGI server or Playwright's sync API runs a loop in the thread: pyHanko's own ``asyncio.run``
    would fail there."""

    async def inside_a_loop() -> bytes:
        return signing.sign_pdf(unsigned_pdf())

    # In a thread of its own: after the browser tests, this one already runs Playwright's loop.
    with ThreadPoolExecutor(max_workers=1) as executor:
        signed = executor.submit(asyncio.run, inside_a_loop()).result()
    assert pyhanko_status(signed, demo_pair[1]).intact
