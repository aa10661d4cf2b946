"""The `json` kind: an API answering with a list of records (Federal Register, congress.gov, UK Bills,
Câmara/Senado open data). Each record becomes an item."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, Field

from watcher.errors import ExtractError
from watcher.kinds.base import Kind
from watcher.kinds.common import KindOptions, options_of, refuse
from watcher.kinds.feed import feed_date
from watcher.normalize import canonical_url, items_text, one_line, title_key
from watcher.records import Document, FetchResult, Item

MAX_DEPTH = 4
MAX_SUMMARY_VALUE = 1000
MAX_SUMMARY_FIELDS = 80
MAX_NESTING = 3
KEY_FIELDS = ("document_number", "id", "guid", "uri", "billId", "codigo", "codigoMateria", "celex", "number",
              "identifier", "MST", "법령MST")
TITLE_FIELDS = ("title", "shortTitle", "longTitle", "name", "ementa", "titulo", "nome", "label", "headline",
                "subject", "법령명한글")
URL_FIELDS = ("html_url", "url", "link", "uri", "uriProposicao", "href", "web_url", "permalink")
DATE_FIELDS = ("publication_date", "date", "updateDate", "lastUpdate", "dataApresentacao", "published",
               "updated", "pubDate", "created", "dataHora", "공포일자")
_PREFERRED_LISTS = frozenset({"results", "items", "data", "dados", "records", "entries", "documents", "bills",
                              "list", "rows", "hits"})
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")  # markup inside a text field ("<p>The Bill aims …</p>")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PATH_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[\s*(\*|-?\d+|'[^']*'|\"[^\"]*\")\s*\]")

Step = str | int | None  # field name, list index, or None for "every element"


def parse_path(path: str) -> list[Step]:
    """Parse `results`, `data.items`, `$.results[*]`, `results[*]`, `data[0].items`, `['odd name']`."""
    text = path.strip()
    if text.startswith("$"):
        text = text[1:]
    steps: list[Step] = []
    pos = 0
    while pos < len(text):
        match = _PATH_TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ValueError(f"{path!r} is not a path this kind understands (examples: 'results', "
                             "'data.items', '$.results[*]')")
        name, bracket = match.groups()
        if name is not None:
            steps.append(name.strip())
        elif bracket == "*":
            steps.append(None)
        elif bracket[0] in "'\"":
            steps.append(bracket[1:-1])
        else:
            steps.append(int(bracket))
        pos = match.end()
    return steps


def _check_path(path: str | None) -> str | None:
    if path is not None:
        parse_path(path)
    return path


def _step(value: Any, step: Step) -> list[Any]:
    if isinstance(value, list):
        if step is None:
            return list(value)
        if isinstance(step, int) and -len(value) <= step < len(value):
            return [value[step]]
    if isinstance(value, dict) and isinstance(step, str) and step in value:
        return [value[step]]
    return []


def follow(data: Any, steps: Sequence[Step]) -> list[Any]:
    """Every value the path reaches ([*] fans out over a list)."""
    current = [data]
    for step in steps:
        current = [found for value in current for found in _step(value, step)]
    return current


def single_record(data: Any) -> dict[str, Any] | None:
    """The one record of an API answer about a single document (`{"title": ..., "billId": ...}`, or such an
    object under one wrapper key as in `{"bill": {...}}`); None when the answer holds a list of records."""
    if not isinstance(data, dict) or any(isinstance(data.get(name), list) for name in _PREFERRED_LISTS):
        return None
    for candidate in (data, *(v for v in data.values() if isinstance(v, dict))):
        if any(isinstance(candidate.get(name), str) and candidate[name].strip() for name in TITLE_FIELDS):
            return candidate
    return None


def find_records(data: Any) -> list[dict[str, Any]] | None:
    """The main array of records: the largest list of objects, breadth-first, at most 4 levels down."""
    best: tuple[float, list[Any]] | None = None
    level: list[tuple[str, Any]] = [("", data)]
    for _depth in range(MAX_DEPTH + 1):
        below: list[tuple[str, Any]] = []
        for name, value in level:
            if isinstance(value, list) and (not value or all(isinstance(v, dict) for v in value)):
                weight = len(value) * (2 if name in _PREFERRED_LISTS else 1) + (0.5 if name in _PREFERRED_LISTS else 0)
                if best is None or weight > best[0]:
                    best = (weight, value)
            elif isinstance(value, dict):
                below.extend(value.items())
        level = below
    return best[1] if best is not None else None


def field(record: dict[str, Any], name: str) -> Any:
    found = follow(record, [int(p) if p.isdigit() else p for p in name.split(".")])
    return found[0] if found else None


def _first(record: dict[str, Any], wanted: str | None, guesses: Sequence[str]) -> tuple[str | None, Any]:
    for name in (wanted,) if wanted else guesses:
        value = field(record, name)
        if value is not None and value != "" and not isinstance(value, dict | list):
            return name, value
    return None, None


def _summary(record: dict[str, Any], used: set[str]) -> str:
    """The record's other fields as `name: value` pairs; nested objects and lists as dotted names
    (`currentStage.description: Royal Assent`), so a status kept in a sub-object is seen to change."""
    parts: list[str] = []
    for name in sorted(record):
        if name not in used:
            _flatten(record[name], name, parts, 0)
    return "; ".join(parts[:MAX_SUMMARY_FIELDS])


def _flatten(value: Any, name: str, parts: list[str], depth: int) -> None:
    if isinstance(value, dict | list):
        if depth < MAX_NESTING:
            pairs = sorted(value.items()) if isinstance(value, dict) else enumerate(value)
            for sub, inner in pairs:
                _flatten(inner, f"{name}.{sub}", parts, depth + 1)
        return
    if value is None or value == "":
        return
    text = one_line(_TAG.sub(" ", str(value).lower() if isinstance(value, bool) else str(value)))
    if len(text) <= MAX_SUMMARY_VALUE and not text.startswith(("http://", "https://")):
        parts.append(f"{field_label(name)}: {text}")


def field_label(name: str) -> str:
    """A field's name in words, so its vocabulary reads like prose: `comments_close_on` -> `comments close on`,
    `currentStage.description` -> `current stage description`."""
    spaced = _CAMEL.sub(" ", name.replace("_", " ").replace(".", " ").replace("-", " "))
    return " ".join(spaced.split()).lower()


class JsonOptions(KindOptions):
    path: Annotated[str | None, AfterValidator(_check_path)] = Field(
        None,
        description="where the list of records is, e.g. 'results', 'data.items' or '$.results[*]' "
        "(default: the largest list of objects in the response)",
    )
    key: str | None = Field(None, description="field with each record's stable id (default: document_number, id, ...)")
    title: str | None = Field(None, description="field with the title (default: title, shortTitle, name, ementa, ...)")
    url: str | None = Field(None, description="field with the record's web link (default: html_url, url, link, ...)")
    date: str | None = Field(
        None, description="field with the record's date (default: publication_date, date, updateDate, ...)"
    )


def record_item(record: dict[str, Any], opts: JsonOptions, base: str) -> Item:
    used: set[str] = set()
    picked: dict[str, Any] = {}
    for role, wanted, guesses in (("key", opts.key, KEY_FIELDS), ("title", opts.title, TITLE_FIELDS),
                                  ("url", opts.url, URL_FIELDS), ("date", opts.date, DATE_FIELDS)):
        name, value = _first(record, wanted, guesses)
        picked[role] = value
        if name:
            used.add(name.split(".")[0])
    title = one_line(str(picked["title"])) if picked["title"] is not None else ""
    url = canonical_url(str(picked["url"]), base, keep_fragment=True) if picked["url"] else None
    if picked["key"] is not None:
        key = one_line(str(picked["key"]))
    else:
        key = canonical_url(url) if url else title_key(title or json.dumps(record, sort_keys=True))
    date = feed_date(str(picked["date"])) if picked["date"] is not None else None
    return Item(key=key, title=title or key, url=url, date=date, summary=_summary(record, used))


class JsonKind(Kind):
    """A JSON API answering with a list of records (e.g. the Federal Register documents API). Each record
    becomes an item with a key, title, link and date (guessed from common field names unless given) and a
    summary of its other short fields; new and edited records are reported one by one."""

    name = "json"
    version = "2"
    Options: ClassVar[type[BaseModel]] = JsonOptions
    itemised = True

    def extract(self, fetched: FetchResult, options: BaseModel | None) -> Document:
        opts = options_of(JsonOptions, options)
        text = fetched.text if fetched.text is not None else fetched.body.decode("utf-8", "replace")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise refuse(fetched, f"the response is not valid JSON ({exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno})") from None
        except RecursionError:
            raise ExtractError("the JSON response is nested too deeply to read") from None
        records = self._records(data, opts.path)
        items: dict[str, Item] = {}
        for record in records:
            item = record_item(record, opts, fetched.final_url)
            items.setdefault(item.key, item)
        found = tuple(items.values())
        return Document(text=items_text(found), extractor_version=self.version, items=found)

    @staticmethod
    def _records(data: Any, path: str | None) -> list[dict[str, Any]]:
        if path is None:
            record = single_record(data)
            if record is not None:
                return [record]
            found = find_records(data)
            if found is None:
                raise ExtractError("found no list of records in the JSON response; set 'path' for this source")
            return found
        steps = parse_path(path)
        if steps and steps[-1] is None:
            steps = steps[:-1]  # 'results[*]' means the elements of 'results'
        matches = follow(data, steps)
        if not matches:
            raise ExtractError(f"the path {path!r} matched nothing in the JSON response — did the API change?")
        if not all(isinstance(m, list) for m in matches):
            raise ExtractError(f"the path {path!r} does not lead to a list of records in the JSON response")
        records = [record for found in matches for record in found]
        if not all(isinstance(r, dict) for r in records):
            raise ExtractError(f"the path {path!r} leads to a list of plain values, not of records (objects)")
        return records
