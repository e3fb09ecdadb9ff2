"""Organizers' meeting set-up: meeting hours and slot length, places, and the meeting rules."""
