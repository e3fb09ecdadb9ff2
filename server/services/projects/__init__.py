"""Joint projects across companies: their members, invitations and the companies taking part."""
