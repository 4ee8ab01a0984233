"""The audit trail: an append-only, hash-chained log of the decisions and changes that matter."""
