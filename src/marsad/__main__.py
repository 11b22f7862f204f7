"""`python -m marsad`: the same command as `marsad`."""

from marsad.cli import main

if __name__ == "__main__":
    main()
