"""``python -m timeline`` and the ``timeline`` command."""

from __future__ import annotations

import sys

from timeline.cli import run


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error of ours.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
