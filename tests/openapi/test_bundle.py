"""The JSON copy of the API description that ships in the package is the YAML one, byte for byte as rendered."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from tavus_sdk.spec import load_spec, spec_path

SCRIPT = Path(__file__).resolve().parents[2] / "openapi" / "bundle.py"


def _bundle() -> ModuleType:
    spec = importlib.util.spec_from_file_location("openapi_bundle", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundled_json_is_current_with_the_yaml() -> None:
    bundle = _bundle()
    assert spec_path() == bundle.TARGET
    stale = spec_path().read_text(encoding="utf-8") != bundle.render()
    assert not stale, "tavus_sdk/tavus-v2.json is stale: run `uv run python openapi/bundle.py`"


def test_the_sdk_reads_the_same_document_as_the_yaml() -> None:
    assert load_spec() == json.loads(_bundle().render())
