"""specflow: spec-first development, enforced against every git diff."""

__version__ = "0.1.0"
