"""Write tavus_sdk/tavus-v2.json from openapi/tavus-v2.yaml: the copy the SDK, the CLI and the emulator read.

JSON because the standard library parses it in milliseconds, where YAML takes ~100 ms even with the C loader and
would need PyYAML at run time. Run after editing the YAML: `uv run python openapi/bundle.py`
(tests/openapi/test_bundle.py fails while the two differ).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "tavus-v2.yaml"
TARGET = HERE.parent / "tavus_sdk" / "tavus-v2.json"


def render() -> str:
    """The JSON text the bundled file must hold: one key or item per line, so a spec change is a small diff."""
    spec: Any = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    return json.dumps(spec, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(HERE.parent)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
