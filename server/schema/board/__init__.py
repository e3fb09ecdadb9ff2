"""The board of posts: event-wide, in communities and on projects; replies, kudos, moderation."""
