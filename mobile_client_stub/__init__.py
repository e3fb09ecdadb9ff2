"""A real GraphQL client that plays the phone app."""
