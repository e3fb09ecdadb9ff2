"""Calendar feeds: a secret .ics URL per person."""
