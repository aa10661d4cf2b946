"""Alert channels registered by name (import as watcher.notifiers)."""
