"""Exhibitor leads: from a badge scan or an accepted meeting, with notes, a rating, CSV export."""
