"""The account: signing in, exporting one's data, deleting the account."""
