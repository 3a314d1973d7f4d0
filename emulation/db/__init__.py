"""PostgreSQL (psycopg 3) with a watchdog for a server that stops answering."""
