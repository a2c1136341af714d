from presslens.cli import main

main()
