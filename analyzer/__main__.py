"""`python -m analyzer`: the same command line as the `analyzer` entry point."""

from analyzer.cli import main

if __name__ == "__main__":
    main()
