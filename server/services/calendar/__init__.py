"""Calendar feeds: a secret, revocable .ics URL per person, built with `icalendar`."""
