"""Who is calling: session tokens, badge codes, Firebase ID tokens, and every permission rule."""
