"""Long work as organizers follow it: schedule runs and imports, while they run and after."""
