"""Auto-scheduling: eligible pairs to a timetable by the matchmaking engine, booked in one step."""
