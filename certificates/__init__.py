"""Certificates: certification rules, eligibility, URH review, issuance, signed PDFs and public verification."""
