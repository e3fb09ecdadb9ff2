"""The meeting timetable: instances, the JSON format, the optimizer and its bound."""
