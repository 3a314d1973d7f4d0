"""The article importer: reading, extracting, resolving, saving."""
