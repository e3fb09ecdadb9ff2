"""Mutual interest and the organizers' auto-scheduling."""
