"""What every source kind provides. A kind turns one fetched response into a normalised Document."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from watcher.records import Document, FetchResult


class NoOptions(BaseModel):
    """This kind takes no options of its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(ABC):
    """A source kind, registered by name in `watcher.kinds.KINDS`.

    The class docstring is the user-facing description (`watcher kinds`); the fields of `Options`
    (with their descriptions) are the kind's own keys in `sources.yaml`.
    """

    name: ClassVar[str]
    # Bump when the normalised output changes: stored versions made by another version are
    # re-baselined silently instead of being reported as changes.
    version: ClassVar[str]
    Options: ClassVar[type[BaseModel]] = NoOptions
    # True when the Document has items (item-level diff); False for whole-document kinds.
    itemised: ClassVar[bool] = False

    @abstractmethod
    def extract(self, fetched: FetchResult, options: BaseModel) -> Document:
        """Return the normalised document. Raise `watcher.errors.ExtractError` with a sentence on bad input."""
