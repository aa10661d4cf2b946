"""Small helpers every kind uses: options coercion, option field types, failure sentences."""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict

from watcher.errors import ExtractError
from watcher.guard import error_marker, error_sentence
from watcher.kinds.dom import check_css
from watcher.normalize import strip_tags
from watcher.records import FetchResult

M = TypeVar("M", bound=BaseModel)

Css = Annotated[str, AfterValidator(check_css)]


class KindOptions(BaseModel):
    """Base of the kinds' option models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def options_of(model: type[M], options: BaseModel | None) -> M:
    """The options as the kind's own model (None means all defaults)."""
    if isinstance(options, model):
        return options
    if options is None:
        return model()
    return model.model_validate(options.model_dump())


def refuse(fetched: FetchResult, sentence: str) -> ExtractError:
    """An ExtractError for input the kind cannot read; an error page served instead says so."""
    text = fetched.text or ""
    marker = error_marker(strip_tags(text)) if len(text) < 50_000 else None
    return ExtractError(error_sentence(marker) if marker else sentence)
