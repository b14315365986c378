"""tests/lowest-requirements.txt pins each direct dependency at the lower bound pyproject.toml declares.

CI installs that file and runs the quick part of the suite on it (tests/lowest.sh), so a bound that claims an
older release than the code works with fails there. This test keeps the two files from drifting apart: after
changing a bound, delete the file and remake it with the command in its first lines (uv keeps the pins of an
existing output file). The agent extra is not in it: the agent's tests run on the lock only.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {"agent", "all"}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # The agent's suite runs on the lock: its extra pins pipecat-ai 1.14, whose own floors are its other bounds.
    extras = [deps for name, deps in project["project"]["optional-dependencies"].items() if name not in SKIPPED]
    strings = project["project"]["dependencies"] + [r for extra in extras for r in extra]
    strings += project["dependency-groups"]["test"]
    return [r for r in map(Requirement, strings) if canonicalize_name(r.name) != "tavus-kit"]


def pinned() -> dict[str, Version]:
    text = (ROOT / "tests" / "lowest-requirements.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)$", text, flags=re.MULTILINE)
    return {canonicalize_name(name): Version(version) for name, version in pins}


def lowest_allowed(requirement: Requirement) -> Version | None:
    """The version a bound names as the oldest: ``>=X`` and ``==X.*`` give X."""
    for spec in requirement.specifier:
        if spec.operator == ">=" or (spec.operator == "==" and spec.version.endswith(".*")):
            return Version(spec.version.removesuffix(".*"))
    return None


def test_every_lower_bound_is_the_version_ci_tests() -> None:
    pins = pinned()
    wrong = []
    for requirement in declared():
        version = pins.get(canonicalize_name(requirement.name))
        if version is None or version not in requirement.specifier or lowest_allowed(requirement) != version:
            wrong.append(f"{requirement}: tests/lowest-requirements.txt has {version}")
    assert wrong == [], (
        "delete and remake tests/lowest-requirements.txt (command in its first lines), or raise these bounds"
    )


def test_the_file_is_made_with_the_lowest_direct_resolution() -> None:
    header = (ROOT / "tests" / "lowest-requirements.txt").read_text(encoding="utf-8").splitlines()[1]
    assert "--resolution lowest-direct" in header
    assert all(f"--extra {name}" in header for name in ("aiohttp", "emulator"))
    assert "--group test" in header
