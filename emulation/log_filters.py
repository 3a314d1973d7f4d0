"""Logging filters (imported by LOGGING, before the apps are ready: keep it light)."""

import logging


class ShortDatabaseFailures(logging.Filter):
    """A request that got the 503 page because the database failed: one line, no traceback.

    During an outage every request fails the same way; thousands of identical tracebacks
    would bury the first one and anything else in the log. The first line keeps the
    path and the database's own message.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 503 and record.exc_info:
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(exc).__name__}: {str(exc).strip()})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
