"""Accounts: the custom ``User`` (e-mail login), and later organisations, roles, invitations and 2FA."""
