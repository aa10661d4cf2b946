"""SQLAlchemy models and repositories (import as watcher.storage)."""
