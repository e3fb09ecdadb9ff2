"""Posts: the event-wide board, community and project pages, replies, kudos and moderation."""
