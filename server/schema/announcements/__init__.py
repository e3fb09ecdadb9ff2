"""Announcements: organizers send them to everyone or an audience, now or later."""
