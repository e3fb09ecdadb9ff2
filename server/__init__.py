"""Coopetition expo backend: GraphQL API, matchmaking, meetings, push."""
