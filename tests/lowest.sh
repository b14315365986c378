#!/bin/sh
# The suite's quick part once more, against the lowest versions pyproject.toml allows, so a lower bound that lies
# fails. tests/lowest-requirements.txt is `uv pip compile --resolution lowest-direct` (its first lines say how to
# remake it); tests/test_lowest_bounds.py fails when it and pyproject.toml disagree.
set -eu
cd "$(dirname "$0")/.."
uv venv -q --allow-existing .venv-lowest
uv pip sync -q --python .venv-lowest tests/lowest-requirements.txt
uv pip install -q --python .venv-lowest --no-deps -e .
PATH="$PWD/.venv-lowest/bin:$PATH" VIRTUAL_ENV="$PWD/.venv-lowest" python -m pytest -m 'not slow' tests/sdk tests/cli tests/testing
