"""The event: name, venue, dates, timezone."""
