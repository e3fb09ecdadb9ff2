"""Matchmaking: suggestions with reasons, dismissing and blocking, organizer runs and settings."""
