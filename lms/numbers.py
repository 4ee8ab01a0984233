"""Numbers as French text."""

from decimal import Decimal


def french_decimal(value) -> str:
    """21 → « 21 », Decimal("10.50") → « 10,5 », 81.67 → « 81,67 »: no trailing zeros, a decimal comma."""
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")
