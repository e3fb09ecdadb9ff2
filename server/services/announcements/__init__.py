"""Announcements from organizers and their audiences."""
