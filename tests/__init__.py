"""The test suite: unit, integration over HTTP and WebSocket, end to end."""
