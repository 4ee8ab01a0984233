"""Certificates: certification rules, eligibility, URH review, issuance, signed PDFs, verification."""
