"""Small helpers shared by every domain: pagination, validation, text and rate limits."""
