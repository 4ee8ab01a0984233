"""Certificate PDF (render + QR + signature) against a one-line reportlab PDF, in the same run.

    .venv/bin/python -m bench.certificate_pdf [--repeat 7] [--number 40]

Target (quality.md): at most 30 times the one-line PDF's time per document. Each measurement is the
median over ``--repeat`` runs of ``--number`` documents; every certificate has its own verification
URL, so no QR code is reused. Signing uses the configured key (the demo pair under ``var/signing/``
when none is, created if missing). No database is needed. Prints one line per scenario:
``scenario size value baseline ratio target verdict`` (size: bytes of one document, value and
baseline: milliseconds per document); the last two lines break the certificate's time down.
"""

import argparse
import datetime
import io
import itertools
import os
import statistics
import sys
import timeit
from decimal import Decimal

TARGET_RATIO = 30.0


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()
    from django.utils import translation

    translation.activate("fr")


def one_line_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Certificat de référent·e égalité de traitement")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sample_data(serial: int):
    from certificates.pdf.data import CertificateData

    return CertificateData(
        number=f"URH-HDF-2026-{serial:06d}",
        version=1,
        holder_name="Camille Martin-Lefèvre",
        holder_organisation="Habitat du Littoral",
        programme_title="Référent·e égalité de traitement",
        hours=Decimal("21.0"),
        issued_on=datetime.date(2026, 3, 5),
        valid_from=datetime.date(2026, 3, 5),
        valid_until=datetime.date(2029, 3, 4),
        signatory_name="Claire Dubois",
        signatory_role="Directrice de l'URH Hauts-de-France",
        verification_url=f"https://referents.example.org/verifier/{serial:032x}/",
        demo_signature=True,
    )


def median_ms(function, *, repeat: int, number: int) -> float:
    function()  # warm-up: fonts, key loading, imports
    runs = timeit.repeat(function, repeat=repeat, number=number)
    return statistics.median(runs) / number * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=40)
    options = parser.parse_args(argv)
    setup_django()
    from certificates.pdf.renderer import CertificateRenderer
    from certificates.signing import sign_pdf

    serials = itertools.count(1)
    unsigned = CertificateRenderer(sample_data(0)).render()

    def certificate() -> bytes:
        return sign_pdf(CertificateRenderer(sample_data(next(serials))).render())

    timing = {"repeat": options.repeat, "number": options.number}
    baseline = median_ms(one_line_pdf, **timing)
    full = median_ms(certificate, **timing)
    render = median_ms(lambda: CertificateRenderer(sample_data(next(serials))).render(), **timing)
    signature = median_ms(lambda: sign_pdf(unsigned), **timing)

    print("scenario size value baseline ratio target verdict")
    ratio = full / baseline
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    size = len(certificate())
    print(f"certificate_pdf {size} {full:.2f}ms {baseline:.3f}ms {ratio:.1f}x <={TARGET_RATIO:g}x {verdict}")
    print(f"  render+qr {len(unsigned)} {render:.2f}ms {baseline:.3f}ms {render / baseline:.1f}x - info")
    print(f"  signature - {signature:.2f}ms {baseline:.3f}ms {signature / baseline:.1f}x - info")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
