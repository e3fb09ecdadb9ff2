"""People: profiles, the directory, and editing one's own profile."""
