"""Joint projects across companies: creating, inviting, joining, leaving, closing."""
