#!/usr/bin/env python
"""Django's command-line utility; developer settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    from django.core.management import execute_from_command_line

    from lms.startup import run_or_explain

    run_or_explain(lambda: execute_from_command_line(sys.argv))


if __name__ == "__main__":
    main()
