"""Long work (schedule runs, imports) recorded while it runs, for organizers to follow."""
