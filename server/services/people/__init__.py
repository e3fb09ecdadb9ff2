"""People: the person document, profiles, privacy, sign-in, the directory and the people import."""
