"""The event's numbers and meetings list, for organizers."""
