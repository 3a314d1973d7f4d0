"""gunicorn settings: gthread workers, so a long streamed export is not killed by the timeout.

Web workers get the database timeouts that commands (migrate, imports, exports on the
command line) must not have: a statement is cancelled after DB_STATEMENT_TIMEOUT ms, a
connection to a server that stopped answering is dropped after DB_WATCHDOG_SECONDS
(DB_EXPORT_WATCHDOG_SECONDS while a download waits for its rows), and
after such a failure the worker answers 503 at once for DB_BREAKER_SECONDS before it
tries the database again (emulation.db). The environment can still set each one.
"""

import os

os.environ.setdefault("DB_STATEMENT_TIMEOUT", "3000")
os.environ.setdefault("DB_WATCHDOG_SECONDS", "4")
os.environ.setdefault("DB_EXPORT_WATCHDOG_SECONDS", "30")
os.environ.setdefault("DB_BREAKER_SECONDS", "2")

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
