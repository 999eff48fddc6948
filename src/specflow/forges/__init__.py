"""Forges (GitHub, GitLab): which change a CI job judges, read from its environment
(`ci_env`), and the pull-request comment: its body (`comment`) and posting it (`post`)."""
