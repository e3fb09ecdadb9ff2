"""Meetings: the grid, availability, requests and their life cycle, calendars, organizer changes."""
