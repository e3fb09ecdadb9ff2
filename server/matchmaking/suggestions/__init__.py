"""Suggestions: whom each person should meet, with reasons, exposure spread."""
