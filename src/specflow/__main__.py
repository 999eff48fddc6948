from specflow.entry import main

main()
