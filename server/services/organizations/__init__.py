"""Organizations: exhibitors and their booths."""
