"""Electronic signature of the certificate PDFs (PAdES baseline B-B, with pyHanko).

The key and its X.509 certificate are PEM files named by ``CERTIFICATE_SIGNING_KEY_FILE`` and
``CERTIFICATE_SIGNING_CERT_FILE`` (the key optionally protected by
``CERTIFICATE_SIGNING_KEY_PASSPHRASE``). Without a configured key, both default to a demo pair under
``var/signing/``: ``manage.py ensure_signing_keys`` creates it, and so does the first signature when
neither file exists yet and ``CERTIFICATE_SIGNING_ALLOW_DEMO`` is on.

A demo pair is recognised by its certificate (self-issued, common name ``DEMO_COMMON_NAME``), not by
its path: the PDF then says in plain words that it has no value. Production must configure a real key
and set ``CERTIFICATE_SIGNING_ALLOW_DEMO`` to false, which makes a demo key refuse to sign.
"""

import asyncio
import datetime
import fcntl
import functools
import io
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.sign.general import as_signing_certificate_v2

from assessments.pdf import ORGANISER

DEMO_COMMON_NAME = "URH Hauts-de-France — signature de démonstration"
DEMO_VALIDITY = datetime.timedelta(days=5 * 365)
FIELD_NAME = "SignatureURH"
REASON = f"Certificat délivré par l'{ORGANISER}"
LOCATION = "Hauts-de-France"
# Room kept for the CMS signature container. A fixed size spares pyHanko a trial signature to measure
# it (half the signing time); an EC or RSA-4096 signature with its certificate needs ~1-3 KB.
SIGNATURE_BYTES = 8192


@dataclass(frozen=True)
class KeyPair:
    key_file: Path
    cert_file: Path
    passphrase: bytes | None


def configured_pair() -> KeyPair:
    passphrase = settings.CERTIFICATE_SIGNING_KEY_PASSPHRASE
    return KeyPair(
        key_file=Path(settings.CERTIFICATE_SIGNING_KEY_FILE),
        cert_file=Path(settings.CERTIFICATE_SIGNING_CERT_FILE),
        passphrase=passphrase.encode() if passphrase else None,
    )


def signing_is_demo() -> bool:
    """Whether the configured certificate is a demo one (created here when nothing exists yet)."""
    pair = _usable_pair()
    return _is_demo_certificate(pair.cert_file, _mtime(pair.cert_file))


def sign_pdf(data: bytes) -> bytes:
    """``data`` signed with the configured key: one signature field, an incremental update."""
    pair = _usable_pair()
    signer = _signer(pair, _mtime(pair.key_file), _mtime(pair.cert_file))
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON,
        location=LOCATION,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    pdf_signer = signers.PdfSigner(metadata, signer=signer)
    signing = pdf_signer.async_sign_pdf(writer, bytes_reserved=SIGNATURE_BYTES)
    return run_coroutine(signing).getvalue()


def run_coroutine(coroutine):
    """Run pyHanko's coroutine to its end. ``signers.sign_pdf`` calls ``asyncio.run``, which fails in a
    thread that already runs an event loop (an ASGI server, Playwright's sync API in the browser tests):
    there the coroutine gets its own loop in a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, coroutine).result()


def ensure_demo_pair(key_file: Path, cert_file: Path) -> bool:
    """Create a demo EC P-256 key and its self-signed certificate unless both files exist.

    Idempotent and safe against a concurrent call (a lock file beside the key); files are 0600.
    Returns whether it created them. One file without the other is an error, never overwritten.
    """
    key_file.parent.mkdir(parents=True, exist_ok=True)
    with _locked(key_file.parent / ".signing.lock"):
        if key_file.exists() and cert_file.exists():
            return False
        if key_file.exists() or cert_file.exists():
            raise ImproperlyConfigured(
                f"{key_file} / {cert_file} : une seule des deux moitiés de la paire de signature existe"
            )
        key = ec.generate_private_key(ec.SECP256R1())
        _write_private(
            key_file,
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
        )
        _write_private(cert_file, _self_signed(key).public_bytes(serialization.Encoding.PEM))
        return True


def _usable_pair() -> KeyPair:
    pair = configured_pair()
    if settings.CERTIFICATE_SIGNING_ALLOW_DEMO and not (pair.key_file.exists() and pair.cert_file.exists()):
        ensure_demo_pair(pair.key_file, pair.cert_file)
    for path in (pair.key_file, pair.cert_file):
        if not path.is_file():
            raise ImproperlyConfigured(
                f"{path} : fichier de signature introuvable (lancez manage.py ensure_signing_keys "
                "ou configurez CERTIFICATE_SIGNING_KEY_FILE / CERTIFICATE_SIGNING_CERT_FILE)"
            )
    if not settings.CERTIFICATE_SIGNING_ALLOW_DEMO and _is_demo_certificate(
        pair.cert_file, _mtime(pair.cert_file)
    ):
        raise ImproperlyConfigured(
            "CERTIFICATE_SIGNING_CERT_FILE : certificat de démonstration refusé "
            "(CERTIFICATE_SIGNING_ALLOW_DEMO est désactivé)"
        )
    return pair


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


# Loading and parsing the key costs more than the signature itself: cached per file version.
@functools.lru_cache(maxsize=4)
def _signer(pair: KeyPair, key_mtime: float, cert_mtime: float) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load(
        str(pair.key_file), str(pair.cert_file), key_passphrase=pair.passphrase
    )
    if signer is None:
        raise ImproperlyConfigured(f"{pair.key_file} : clé ou certificat de signature illisible")
    signer.signed_attr_prov_spec = _PadesSignedAttributes(signer.signing_cert)
    return signer


class _SigningCertificate(CMSAttributeProvider):
    """The signing-certificate-v2 attribute, parsed back from its DER so that it is not re-encoded."""

    attribute_type = "signing_certificate_v2"

    def __init__(self, der: bytes):
        self.der = der

    async def build_attr_value(self, dry_run=False):
        return tsp.SigningCertificateV2.load(self.der)


class _PadesSignedAttributes(SignedAttributeProviderSpec):
    """PAdES B-B signed attributes (pyHanko adds content type and message digest): the same as
    pyHanko's default for PAdES, with the one attribute that depends only on the certificate built
    once per key instead of once per PDF (re-encoding it took a third of the signing time)."""

    def __init__(self, signing_cert):
        self.der = as_signing_certificate_v2(signing_cert).dump()

    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str):
        yield _SigningCertificate(self.der)


@functools.lru_cache(maxsize=4)
def _is_demo_certificate(cert_file: Path, mtime: float) -> bool:
    certificate = x509.load_pem_x509_certificate(cert_file.read_bytes())
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return certificate.subject == certificate.issuer and any(n.value == DEMO_COMMON_NAME for n in names)


def _self_signed(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "URH Hauts-de-France"),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_COMMON_NAME),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + DEMO_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )


def _write_private(path: Path, content: bytes) -> None:
    """Written under a temporary name then renamed: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


@contextmanager
def _locked(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
