"""Messages between connections: who may write to whom, sending, reading."""
