"""Scripted journeys of an attendee, an exhibitor and an organizer, and the demo that plays them."""
