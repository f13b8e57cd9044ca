"""report.schema.json is generated from the records, and the contract shows records as the schema says."""

import subprocess
import sys

import jsonschema
import pytest

from wirecheck.report.contract import build_report, schema, story_detail, validate
from wirecheck.report.schema_gen import SCHEMA_FILE, field_comments, generate, render
from wirecheck.records import Quantity
from wirecheck.store import Store


def test_checked_in_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text("utf-8") == render(generate()), \
        "report.schema.json is stale: run `python -m wirecheck.report.schema_gen`"


def test_schema_takes_vocabularies_and_meanings_from_the_records():
    defs = schema()["$defs"]
    assert defs["Quantity"]["properties"]["bound"]["enum"] == ["exact", "about", "at_least", "more_than",
                                                                 "at_most", "nearly", "less_than"]
    assert set(defs["Claim"]["properties"]["status"]["enum"]) == {"corroborated", "single_source", "disputed"}
    assert "seq" not in defs["Article"]["properties"]  # dropped by the contract's view
    assert "article" in defs["ArticleProvenance"]["properties"]  # renamed from article_id
    assert field_comments(Quantity)["high"].startswith("upper end of a range")


def test_pydantic_is_not_imported_by_the_contract_or_the_cli():
    code = ("import sys, wirecheck.report.contract, wirecheck.store, wirecheck.cli; "
            "print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _keys_match(value, node, defs, where="report"):
    """Every object in ``value`` has exactly the properties its schema definition lists."""
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, dict) and "properties" in node:
        assert set(value) == set(node["properties"]), where
        for key, item in value.items():
            _keys_match(item, node["properties"][key], defs, f"{where}.{key}")
    elif isinstance(value, list) and "items" in node:
        for item in value:
            _keys_match(item, node["items"], defs, f"{where}[]")
    elif isinstance(value, dict):
        for option in node.get("anyOf", []):
            if "$ref" in option:
                _keys_match(value, option, defs, where)


def test_reports_show_exactly_the_fields_the_schema_describes(sample_run):
    _, _, report = sample_run
    published = schema()
    _keys_match(report, published, published["$defs"])


def test_show_json_is_the_story_detail_of_the_contract(sample_run):
    cfg, _, report = sample_run
    story_id = report["stories"][0]["id"]
    with Store(cfg.run.db) as store:
        detail = story_detail(build_report(store, story_ids=[story_id]))
    validate(detail, "StoryDetail")
    assert {k: v for k, v in detail.items() if k != "articles_detail"} == report["stories"][0]
    assert [a["id"] for a in detail["articles_detail"]] == report["stories"][0]["articles"]
    with pytest.raises(jsonschema.ValidationError):  # articles_detail is required
        validate({k: v for k, v in detail.items() if k != "articles_detail"}, "StoryDetail")
