"""Accounts: passkeys first, a password if a phone cannot make one, recovery codes."""
