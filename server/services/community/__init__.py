"""Communities: who belongs, how they join, and whose phones their posts reach."""
