from selfcheck.cli import main

main()
