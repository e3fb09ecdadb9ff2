"""Test helpers: a real server, a GraphQL client, and data builders."""
