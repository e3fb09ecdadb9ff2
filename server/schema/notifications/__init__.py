"""Notifications: the inbox, its live subscription, devices for push, and preferences."""
