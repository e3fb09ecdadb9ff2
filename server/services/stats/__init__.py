"""The event's numbers for organizers: people, meetings, coopetition, delivery; its meetings."""
