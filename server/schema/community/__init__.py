"""Communities: joining, leaving, push for their posts; organizers open or curate them."""
