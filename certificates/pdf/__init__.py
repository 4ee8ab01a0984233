"""The certificate PDF: one A4 landscape page drawn on a reportlab canvas, with a QR code to its
verification page. ``data.CertificateData`` is what it needs (built from a ``Certificate``, or by hand
for the benchmark), ``renderer.CertificateRenderer`` turns it into bytes without touching the
database, ``qr.draw_qr`` draws the code as one vector path. Signing is ``certificates.signing``.
"""
