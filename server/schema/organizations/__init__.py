"""Organizations and the exhibitor list."""
