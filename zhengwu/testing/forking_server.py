"""The app loaded once, served by forked children that a test may SIGKILL and start again in milliseconds.

Starting Django and Wagtail costs seconds per process; a crash test that restarts the server several times
would spend most of its time importing. This is what gunicorn does with `preload_app`: the parent imports the
app and warms it up (settings, URLconf, the API schema) with no database connection open, then each child it
forks serves HTTP with Django's own threaded development server (the one `runserver` uses). Only the child is
killed, so a kill takes down exactly what a crashed app server would: its threads, its open transactions and
the responses not yet sent.

    python -m zhengwu.testing.forking_server PORT

prints "ready" once warm; each line "serve" on stdin forks a child listening on 127.0.0.1:PORT and prints its
pid; end of stdin ends the parent. Settings come from the environment (DATABASE_URL, …) as usual."""

import os
import signal
import sys


def main(port):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django

    django.setup()
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from django.urls import resolve

    application = get_wsgi_application()
    resolve("/api/v1/foi/requests")  # the URLconf and the API's routers load here, once, not in every child
    connections.close_all()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped by the kernel
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "serve":
            continue
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            sys.stdin.close()
            # stdout is the pid channel; the child's output (the console email backend, say) goes to stderr
            os.dup2(2, 1)
            sys.stdout = sys.stderr
            run("127.0.0.1", port, application, threading=True)
            os._exit(0)
        print(pid, flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
