"""``python -m netlib ...`` works like the ``netlib`` command."""

import sys

from netlib.cli import main

if __name__ == "__main__":
    sys.exit(main())
