"""Matchmaking as a service: the engine's inputs read, runs stored, settings, refresh, feedback."""
