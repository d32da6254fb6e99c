"""Your account: passkeys, password, recovery codes, devices, download and delete."""
