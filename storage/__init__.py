"""SQLAlchemy models and repositories (import as watcher.storage).

`repository.Store` is the API the rest of watcher uses; `models` holds the tables, `db` the engine setup,
`migrate` runs the Alembic migrations in `migrations/` in code.
"""
