"""Database layer: the client, the embedded server, collections and indexes."""
