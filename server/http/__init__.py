"""HTTP plumbing around the GraphQL endpoint: body limits, health checks, the GraphQL view."""
