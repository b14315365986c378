"""The scripts in ``openapi/`` (not a package), imported as modules so tests can call what they define."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

FOLDER = Path(__file__).resolve().parents[2] / "openapi"


def load_script(name: str) -> ModuleType:
    """``openapi/<name>.py`` as the module ``openapi_<name>`` (registered, so its dataclasses resolve)."""
    spec = importlib.util.spec_from_file_location(f"openapi_{name}", FOLDER / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
