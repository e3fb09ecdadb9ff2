"""The demo expo and a generator for large synthetic events."""
