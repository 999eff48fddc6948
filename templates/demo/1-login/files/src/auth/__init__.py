"""The authentication package of the story: users, sessions and password reset."""
