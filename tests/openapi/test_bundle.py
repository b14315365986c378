"""The JSON copy of the API description that ships in the package is the YAML one, byte for byte as rendered."""

from __future__ import annotations

import json

from tavus_sdk.spec import load_spec, spec_path

from .scripts import load_script


def test_the_bundled_json_is_current_with_the_yaml() -> None:
    bundle = load_script("bundle")
    assert spec_path() == bundle.TARGET
    stale = spec_path().read_text(encoding="utf-8") != bundle.render()
    assert not stale, "tavus_sdk/tavus-v2.json is stale: run `uv run python openapi/bundle.py`"


def test_the_sdk_reads_the_same_document_as_the_yaml() -> None:
    assert load_spec() == json.loads(load_script("bundle").render())
