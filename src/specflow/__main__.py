from specflow.cli import main

main()
