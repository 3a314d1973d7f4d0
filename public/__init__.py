"""The public site: pages, search, charts and yearly reports over the register in ``awards``.

Read-only: it reads the domain through ``awards.models`` and ``awards.exports`` and
never writes; its only state is the page cache it purges (``public.caching``).
"""
