#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    # Local commands default to development; a production shell sets DEBUG=0 and SECRET_KEY.
    # The WSGI/ASGI entry points have no such default, so a server never starts in debug by accident.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
