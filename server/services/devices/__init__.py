"""Phones registered for push and each person's notification preferences."""
