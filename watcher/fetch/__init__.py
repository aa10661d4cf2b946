"""HTTP fetching: politeness, validators, limits, charset.

`Fetcher` fetches one URL at a time for many sources concurrently; `decode_text` turns bytes into text
the way the fetcher does for textual responses.
"""

from watcher.fetch.charset import decode_text
from watcher.fetch.client import Fetcher

__all__ = ["Fetcher", "decode_text"]
