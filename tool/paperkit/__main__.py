from paperkit.cli import main

main()
