"""watcher.yaml settings, line-aware YAML loading and default paths."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from watcher import paths
from watcher.config import FetchSettings, Settings, load_settings
from watcher.configcheck import ConfigProblems
from watcher.errors import ConfigError
from watcher.yamlfile import parse_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "watcher.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------ settings --


def test_none_means_defaults() -> None:
    settings = load_settings(None)
    assert settings == Settings()
    assert settings.fetch == FetchSettings() and settings.channels == {} and settings.subscriptions == []
    assert settings.operators == []


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "watcher.yaml")


def test_empty_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "# nothing yet\n")) == Settings()


def test_full_file(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, """
        fetch:
          retries: 5
          defaults: {concurrency: 1, delay: 2s}
          hosts:
            EUR-Lex.Europa.eu: {concurrency: 1, delay: 10s}
        channels:
          team: {type: email, to: [a@example.org]}
        subscriptions:
          - {name: eu, channel: team, jurisdictions: [EU]}
        operators: [team]
    """))
    assert settings.fetch.retries == 5
    assert settings.fetch.limits_for("eur-lex.europa.eu").delay == 10.0
    assert settings.fetch.limits_for("other.example").delay == 2.0
    assert settings.channels["team"].type == "email"
    assert [(s.name, s.channels, s.jurisdictions) for s in settings.subscriptions] == [("eu", ("team",), ("EU",))]
    assert settings.operators == ["team"]


def test_unknown_top_level_key_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "fetch: {}\nchanels: {}\n")
    with pytest.raises(ConfigProblems) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}:2: unknown key 'chanels' at the top level (did you mean 'channels'?)"


def test_nested_problems_are_translated(tmp_path: Path) -> None:
    path = write(tmp_path, """
        fetch:
          retries: lots
          hosts:
            example.org:
              delay: whenever
              concurency: 2
    """)
    with pytest.raises(ConfigProblems) as caught:
        load_settings(path)
    assert caught.value.problems == [
        (2, "fetch.retries must be a whole number, got 'lots'"),
        (5, "fetch.hosts.example.org.delay: expected a duration such as 30s, 15m, 6h or 1d, got 'whenever'"),
        (6, "unknown key 'concurency' in fetch.hosts.example.org (did you mean 'concurrency'?)"),
    ]


def test_settings_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigProblems, match="expected a mapping of settings"):
        load_settings(write(tmp_path, "- a\n- b\n"))


# -------------------------------------------------------------------------------------- yaml --


def test_yaml_lines_of_keys_and_values() -> None:
    doc = parse_yaml("a:\n  b: 1\n  c:\n    - x\n    - y: 2\n")
    assert doc.data == {"a": {"b": 1, "c": ["x", {"y": 2}]}}
    assert type(doc.data["a"]) is dict and type(doc.data["a"]["c"]) is list
    assert doc.line(("a", "b")) == 2
    assert doc.line(("a", "c")) == 3 and doc.line(("a", "c"), key=False) == 4
    assert doc.line(("a", "c", 1, "y")) == 5
    assert doc.line(("a", "missing")) == 1  # nearest ancestor


def test_yaml_anchors_and_merge_keys() -> None:
    doc = parse_yaml("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
    assert doc.data["child"] == {"x": 1, "y": 2}


def test_yaml_self_referencing_alias_is_refused() -> None:
    with pytest.raises(ConfigError, match="alias refers to itself"):
        parse_yaml("a: &x\n  - *x\n")


def test_yaml_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: \xff\xfe\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(path)


# ------------------------------------------------------------------------------------- paths --


def test_default_sources_path_prefers_the_working_directory(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    packaged = paths.default_sources_path()
    assert packaged == paths.packaged_sources_path() and packaged.name == "sources.yaml"
    assert packaged.is_file()
    (tmp_path / "sources.yaml").write_text("[]\n", encoding="utf-8")
    assert paths.default_sources_path() == tmp_path / "sources.yaml"


def test_default_db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHER_DB", "sqlite:///custom.db")
    assert paths.default_db_url() == "sqlite:///custom.db"
    monkeypatch.delenv("WATCHER_DB")
    url = paths.default_db_url()
    assert url.startswith("sqlite:///") and url.endswith("watcher.db") and "watcher" in url[:-len("watcher.db")]


def test_default_config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WATCHER_CONFIG", raising=False)
    assert paths.default_config_path() is None
    (tmp_path / "watcher.yaml").write_text("{}\n", encoding="utf-8")
    assert paths.default_config_path() == tmp_path / "watcher.yaml"
    monkeypatch.setenv("WATCHER_CONFIG", str(tmp_path / "elsewhere.yaml"))
    assert paths.default_config_path() == tmp_path / "elsewhere.yaml"
