"""`python -m specflow` (CLI-1)."""

from specflow.entry import main

main()
