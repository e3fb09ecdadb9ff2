"""Exhibitor leads: badge scans and accepted meetings, with notes, ratings and a CSV export."""
