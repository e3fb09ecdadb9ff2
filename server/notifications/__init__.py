"""Notifications: the outbox, its dispatcher and push gateways, the inbox, live fan-out and
reminders."""
