"""Certificate PDF (render + QR + signature) vs a one-line reportlab canvas: <= 30x per document."""

import itertools

from bench.results import Result


def run(ctx) -> Result:
    from bench.certificate_pdf import TARGET_RATIO, median_ms, one_line_pdf, sample_data
    from certificates.pdf.renderer import CertificateRenderer
    from certificates.signing import sign_pdf

    serials = itertools.count(1)

    def certificate() -> bytes:
        return sign_pdf(CertificateRenderer(sample_data(next(serials))).render())

    timing = {"repeat": 3, "number": 10} if ctx.quick else {"repeat": 7, "number": 40}
    baseline = median_ms(one_line_pdf, **timing)
    full = median_ms(certificate, **timing)
    return Result(
        scenario="certificate_pdf",
        size="1",
        value=full / 1000,
        baseline=baseline / 1000,
        unit="s",
        target=TARGET_RATIO,
        higher=False,
        checks={"signed_pdf": certificate().startswith(b"%PDF") and b"/ByteRange" in certificate()},
        notes=[f"médiane sur {timing['repeat']} × {timing['number']} documents, chacun avec son propre QR"],
    )
