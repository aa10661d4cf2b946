"""The json kind: records found by path or automatically, fields guessed or named."""

from __future__ import annotations

import json

import pytest

from tests.kinds_support import fetched, page
from watcher.errors import ExtractError
from watcher.kinds.json_api import JsonKind, JsonOptions, parse_path

FR = "https://www.federalregister.gov/api/v1/documents.json?conditions[term]=artificial+intelligence"


def extract(name: str, options: JsonOptions | None = None):  # type: ignore[no-untyped-def]
    return JsonKind().extract(page(name, FR), options)


def test_federal_register_records_are_found_and_fields_guessed() -> None:
    doc = extract("fr_documents_v1.json")
    assert [(i.key, i.title, i.date) for i in doc.items] == [
        ("2026-09812", "Request for Information on Security Practices for AI Agents", "2026-05-19"),
        ("2026-09101", "Export Controls on Advanced Computing Items; Revisions", "2026-05-08"),
        ("2026-08477", "Disclosure of Artificial Intelligence Use in Consumer Lending", "2026-04-29"),
    ]
    first = doc.items[0]
    assert first.url == ("https://www.federalregister.gov/documents/2026/05/19/2026-09812/"
                         "request-for-information-on-security-practices-for-ai-agents")
    assert first.summary == (
        "abstract: The Institute requests information on practices for securing autonomous AI agents.; "
        "agencies 0 id: 54; agencies 0 name: National Institute of Standards and Technology; agencies 0 raw name: "
        "NATIONAL INSTITUTE OF STANDARDS AND TECHNOLOGY; agencies 0 slug: national-institute-of-standards-and-technology; "
        "comments close on: 2026-07-15; type: Notice")
    assert "effective on: 2026-06-08" in doc.items[1].summary


def test_an_answer_about_one_document_is_one_record_with_its_nested_status() -> None:
    record = {
        "shortTitle": "Data (Use and Access) Act 2025", "billId": 3825, "isAct": True,
        "summary": "<p>The Bill changes the rules on <b>automated decision-making</b>.</p>",
        "sponsors": [{"member": {"name": "Baroness Jones"}}, {"member": {"name": "Peter Kyle"}}],
        "currentStage": {"description": "Royal Assent", "stageSittings": [{"date": "2025-06-19T00:00:00"}]},
    }
    for body in (record, {"bill": record}):
        doc = JsonKind().extract(fetched(json.dumps(body), "application/json", "https://bills.example/3825"), None)
        assert [(i.key, i.title) for i in doc.items] == [("3825", "Data (Use and Access) Act 2025")]
        summary = doc.items[0].summary
        assert "current stage description: Royal Assent" in summary
        assert "current stage stage sittings 0 date: 2025-06-19T00:00:00" in summary
        assert "sponsors 1 member name: Peter Kyle" in summary
        assert "summary: The Bill changes the rules on automated decision-making ." in summary
        assert "<p>" not in summary


@pytest.mark.parametrize("path", ["results", "$.results[*]", "results[*]", "$.results", "['results']"])
def test_path_syntaxes(path: str) -> None:
    assert extract("fr_documents_v1.json", JsonOptions(path=path)).items == extract("fr_documents_v1.json").items


def test_v2_gains_one_record() -> None:
    old, new = extract("fr_documents_v1.json"), extract("fr_documents_v2.json", JsonOptions(path="results"))
    assert new.items[1:] == old.items
    assert (new.items[0].key, new.items[0].date) == ("2026-10334", "2026-06-02")


def test_named_and_dotted_fields() -> None:
    body = json.dumps({"data": {"items": [
        {"billId": 3791, "shortTitle": "Artificial Intelligence (Regulation) Bill [HL]",
         "currentStage": {"description": "1st reading", "sittings": [{"date": "2025-03-04T00:00:00"}]},
         "lastUpdate": "2025-03-04T16:20:11", "isAct": False},
    ]}})
    options = JsonOptions(path="data.items", key="billId", title="shortTitle", date="currentStage.sittings.0.date")
    item = JsonKind().extract(fetched(body, "application/json", url="https://bills-api.parliament.uk/x"), options).items[0]
    assert (item.key, item.title, item.date, item.url) == ("3791", "Artificial Intelligence (Regulation) Bill [HL]",
                                                          "2025-03-04", None)
    assert item.summary == "is act: false; last update: 2025-03-04T16:20:11"


def test_auto_detection_prefers_the_largest_list_of_objects() -> None:
    body = json.dumps({"links": [{"rel": "self", "href": "x"}], "meta": {"page": 1},
                       "payload": {"dados": [{"id": n, "ementa": f"Dispõe sobre IA {n}", "uri": f"https://c.leg/p/{n}",
                                              "dataApresentacao": "2023-05-03T10:00"} for n in range(3)]}})
    items = JsonKind().extract(fetched(body, "application/json"), None).items
    assert next((i.key, i.title, i.url, i.date) for i in items) == ("0", "Dispõe sobre IA 0", "https://c.leg/p/0",
                                                                   "2023-05-03")


def test_top_level_list_and_empty_results() -> None:
    assert len(JsonKind().extract(fetched('[{"id": 1, "title": "a"}]', "application/json"), None).items) == 1
    empty = JsonKind().extract(fetched('{"count": 0, "results": []}', "application/json"), None)
    assert empty.items == () and empty.text == ""


def test_invalid_json_names_the_position() -> None:
    with pytest.raises(ExtractError, match=r"the response is not valid JSON \(Expecting .* at line 2, column \d+\)"):
        JsonKind().extract(fetched('{"results": [\n  {"id": 1,}]}', "application/json"), None)


@pytest.mark.parametrize(("path", "sentence"), [
    ("documents", "the path 'documents' matched nothing in the JSON response"),
    ("count", "the path 'count' does not lead to a list of records"),
    ("results[*].agencies[*].name", "does not lead to a list of records"),
])
def test_path_problems_name_the_path(path: str, sentence: str) -> None:
    with pytest.raises(ExtractError, match=sentence.replace("[", r"\[").replace("*", r"\*")):
        extract("fr_documents_v1.json", JsonOptions(path=path))


def test_no_records_at_all() -> None:
    with pytest.raises(ExtractError, match="found no list of records"):
        JsonKind().extract(fetched('{"a": 1}', "application/json"), None)
    with pytest.raises(ExtractError, match="list of plain values"):
        JsonKind().extract(fetched('{"a": [1, 2]}', "application/json"), JsonOptions(path="a"))


def test_path_parser() -> None:
    assert parse_path("$.data[0].items[*]") == ["data", 0, "items", None]
    assert parse_path('$["odd key"].x') == ["odd key", "x"]
    with pytest.raises(ValueError, match="not a path"):
        JsonOptions(path="results[")
