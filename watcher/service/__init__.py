"""`watcher run`: the scheduler, leases, reloads, the health endpoint and logging of the long-running service."""
