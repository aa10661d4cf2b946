"""watcher: keeps compliance teams ahead of AI regulation.

The pipeline runs one way: sources -> fetch -> extract -> snapshot -> diff -> analyse -> alert.
"""

__version__ = "0.1.0"
