"""Espace formateur: sessions, roster, rotating QR code, closing; learners' check-in and attestation."""

urlpatterns: list = []
