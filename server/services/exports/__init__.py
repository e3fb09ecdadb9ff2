"""Spreadsheet exports for organizers: the event's meetings and its people, as CSV."""
