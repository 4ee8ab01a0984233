"""Serving a stored certificate PDF: the holder's download and the registry's."""

from django.http import FileResponse, Http404

from certificates.models import CertificateDocument


def stored_pdf(document: CertificateDocument, *, filename: str, as_attachment: bool) -> FileResponse:
    """The document's file, never cached; a 404 when the row outlived its file (or has none)."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, content_type="application/pdf", as_attachment=as_attachment, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
