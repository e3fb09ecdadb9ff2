"""The event itself: its record, reference lists and the demo seed."""
