"""The agenda: sessions and bookmarks."""
