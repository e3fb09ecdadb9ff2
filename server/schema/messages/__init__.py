"""Messages between connections: conversations, sending, reading."""
