"""Meetings: requests, the schedule, availability, preferences, and organizer changes."""
