"""Reference lists: interests, communities, meeting locations."""
