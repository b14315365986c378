"""JSON Patch helpers: parsing, the builder, diff, apply and path checking."""

from __future__ import annotations

import copy
import importlib
import json
import math
from typing import Any

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field

from tavus_sdk.patch import (
    AddOp,
    CopyOp,
    MoveOp,
    Operation,
    Patch,
    PatchError,
    PatchPathError,
    RemoveOp,
    ReplaceOp,
    TestOp,
    apply,
    check_paths,
    diff,
    escape_key,
    join_pointer,
    json_equal,
    parse_operations,
    split_pointer,
)

# ---------------------------------------------------------------------------------------------
# helpers


def strict_equal(a: Any, b: Any) -> bool:
    """JSON equality written independently of the module: bools are not numbers, 1 == 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def dump(operations: list[Operation]) -> list[dict[str, Any]]:
    return [operation.to_dict() for operation in operations]


def parse_error(data: Any) -> str:
    with pytest.raises(PatchError) as info:
        parse_operations(data)
    return str(info.value)


# ---------------------------------------------------------------------------------------------
# models and parsing


def test_parse_every_operation() -> None:
    raw = [
        {"op": "add", "path": "/a", "value": {"x": [1, True, None]}},
        {"op": "remove", "path": "/b"},
        {"op": "replace", "path": "/c", "value": 1.5},
        {"op": "move", "from": "/d", "path": "/e"},
        {"op": "copy", "from": "/f", "path": "/g"},
        {"op": "test", "path": "/h", "value": False},
    ]
    operations = parse_operations(raw)
    assert [type(op) for op in operations] == [AddOp, RemoveOp, ReplaceOp, MoveOp, CopyOp, TestOp]
    assert operations[3].from_ == "/d"  # type: ignore[union-attr]
    assert dump(operations) == [
        {"op": "add", "path": "/a", "value": {"x": [1, True, None]}},
        {"op": "remove", "path": "/b"},
        {"op": "replace", "path": "/c", "value": 1.5},
        {"op": "move", "path": "/e", "from": "/d"},
        {"op": "copy", "path": "/g", "from": "/f"},
        {"op": "test", "path": "/h", "value": False},
    ]
    # models pass through, JSON text is accepted, and the union works with a TypeAdapter
    assert parse_operations([operations[0]])[0] is operations[0]
    assert dump(parse_operations(json.dumps(raw))) == dump(operations)
    adapter = pydantic.TypeAdapter(list[Operation])
    assert dump(adapter.validate_python(raw)) == dump(operations)


def test_models_are_strict_and_serialize_from_by_alias() -> None:
    move = MoveOp(path="/a", from_="/b")
    assert move.model_dump() == {"op": "move", "path": "/a", "from": "/b"}
    assert MoveOp.model_validate({"path": "/a", "from": "/b"}) == move
    with pytest.raises(pydantic.ValidationError):
        RemoveOp.model_validate({"path": "/a", "value": 1})
    with pytest.raises(pydantic.ValidationError, match="starting with"):
        AddOp(path="a", value=1)
    with pytest.raises(pydantic.ValidationError):
        ReplaceOp(path="/a", value=1, op="add")
    assert issubclass(PatchError, ValueError)
    assert issubclass(PatchPathError, PatchError)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            [{"op": "add", "path": "/a", "value": 1}, {"op": "remove", "path": "/b"}, {"op": "update"}],
            'operation 2: "op" must be one of add, remove, replace, move, copy, test; got "update"',
        ),
        (
            [{"op": "add", "path": "layers/llm", "value": 1}],
            'operation 0: path must be a JSON Pointer starting with "/", got "layers/llm"',
        ),
        (
            [{"op": "remove", "path": "/a~2b"}],
            'operation 0: path "/a~2b" has a "~" that is not "~0" or "~1" '
            '(write "~0" for a literal "~" and "~1" for a literal "/")',
        ),
        (
            [{"op": "remove", "path": "/a~"}],
            'operation 0: path "/a~" has a "~" that is not "~0" or "~1" '
            '(write "~0" for a literal "~" and "~1" for a literal "/")',
        ),
        (
            [{"op": "move", "from": "a", "path": "/b"}],
            'operation 0: from must be a JSON Pointer starting with "/", got "a"',
        ),
        ([{"op": "add", "path": 3, "value": 1}], "operation 0: path must be a string (a JSON Pointer), got a number"),
        ([{"path": "/a"}], 'operation 0: missing "op" (one of add, remove, replace, move, copy, test)'),
        (
            [{"op": 1, "path": "/a"}],
            'operation 0: "op" must be one of add, remove, replace, move, copy, test; got 1',
        ),
        ([{"op": "add", "path": "/a"}], 'operation 0: add needs a "value"'),
        ([{"op": "test", "path": "/a"}], 'operation 0: test needs a "value"'),
        ([{"op": "remove"}], 'operation 0: remove needs "path" (the JSON Pointer it acts on)'),
        ([{"op": "copy", "path": "/a"}], 'operation 0: copy needs "from" (the JSON Pointer of the source)'),
        ([{"op": "remove", "path": "/a", "value": 1}], 'operation 0: a remove operation takes no "value"'),
        (
            [{"op": "replace", "path": "/a", "vaule": 1}],
            'operation 0: unknown member "vaule" in a replace operation; did you mean "value"?',
        ),
        (
            [{"op": "copy", "path": "/a", "form": "/b"}],
            'operation 0: unknown member "form" in a copy operation; did you mean "from"?',
        ),
        (
            [{"op": "add", "path": "/a", "value": 1, "comment": "x"}],
            'operation 0: unknown member "comment" in a add operation (it takes op, path, value)',
        ),
        (
            [{"op": "move", "from": "/a", "path": "/a/b"}],
            'operation 0: "from" "/a" contains "path" "/a/b": a value cannot be moved into one of its own children',
        ),
        (
            [{"op": "add", "path": "/a", "value": {"x": [1, (2,)]}}],
            'operation 0: "value" is not JSON: tuple at "/x/1" is not a JSON type '
            "(use dict, list, str, int, float, bool or None)",
        ),
        (
            [{"op": "add", "path": "/a", "value": {1: 2}}],
            'operation 0: "value" is not JSON: object keys must be strings, got 1',
        ),
        (
            [{"op": "add", "path": "/a", "value": math.nan}],
            'operation 0: "value" is not JSON: nan is not a JSON number',
        ),
        ([["op", "add"]], 'operation 0: expected an object with "op" and "path", got an array'),
        (
            {"op": "add", "path": "/a", "value": 1},
            "a JSON Patch is an array of operations, got a single object (wrap it in [...])",
        ),
        (5, "a JSON Patch is an array of operations, got a number"),
        ("[{", "the patch is not valid JSON: "),
    ],
)
def test_parse_errors(data: Any, message: str) -> None:
    assert parse_error(data).startswith(message)


def test_parse_error_carries_index() -> None:
    with pytest.raises(PatchError) as info:
        parse_operations([{"op": "remove", "path": "/a"}, {"op": "add", "path": "x", "value": 1}])
    assert info.value.index == 1


def test_pointer_helpers() -> None:
    assert escape_key("a/b~c") == "a~1b~0c"
    assert split_pointer("/a~1b/~01/0") == ["a/b", "~1", "0"]
    assert split_pointer("") == []
    assert split_pointer("/") == [""]
    assert join_pointer(["a/b", "~1", 0]) == "/a~1b/~01/0"
    with pytest.raises(PatchError):
        split_pointer("nope")


# ---------------------------------------------------------------------------------------------
# builder


def test_builder_output() -> None:
    patch = (
        Patch()
        .add("/a", {"x": 1})
        .replace("/b", 2)
        .remove("/c")
        .move("/d", from_="/e")
        .copy("/f", from_="/g")
        .test("/h", True)
    )
    expected = [
        {"op": "add", "path": "/a", "value": {"x": 1}},
        {"op": "replace", "path": "/b", "value": 2},
        {"op": "remove", "path": "/c"},
        {"op": "move", "path": "/d", "from": "/e"},
        {"op": "copy", "path": "/f", "from": "/g"},
        {"op": "test", "path": "/h", "value": True},
    ]
    assert patch.to_list() == expected
    assert json.loads(patch.to_json()) == expected
    assert len(patch) == 6
    assert [op.op for op in patch] == ["add", "replace", "remove", "move", "copy", "test"]
    assert isinstance(patch.operations[3], MoveOp)
    assert Patch.from_operations(expected) == patch
    assert Patch.from_operations(patch) == patch
    assert Patch.from_operations(expected[:2]) != patch
    assert eval(repr(patch), {"Patch": Patch}) == patch
    assert len(Patch()) == 0


def test_builder_copies_values_and_operations_list() -> None:
    value = {"x": [1]}
    patch = Patch().add("/a", value)
    value["x"].append(2)
    assert patch.to_list() == [{"op": "add", "path": "/a", "value": {"x": [1]}}]
    patch.operations.clear()
    assert len(patch) == 1


def test_builder_validates_each_call() -> None:
    patch = Patch().remove("/a")
    with pytest.raises(PatchError, match=r'^operation 1: path must be a JSON Pointer starting with "/", got "b"$'):
        patch.replace("b", 1)
    with pytest.raises(PatchError, match=r"operation 1: .*not JSON"):
        patch.add("/b", object())
    assert len(patch) == 1


# ---------------------------------------------------------------------------------------------
# apply


DOC: dict[str, Any] = {"name": "n", "flags": {"on": True, "count": 1}, "list": [1, 2, 3]}


@pytest.mark.parametrize(
    ("operation", "expected"),
    [
        ({"op": "add", "path": "/new", "value": [1]}, {**DOC, "new": [1]}),
        ({"op": "add", "path": "/name", "value": "m"}, {**DOC, "name": "m"}),
        ({"op": "add", "path": "/list/1", "value": 9}, {**DOC, "list": [1, 9, 2, 3]}),
        ({"op": "add", "path": "/list/-", "value": 9}, {**DOC, "list": [1, 2, 3, 9]}),
        ({"op": "remove", "path": "/flags/on"}, {**DOC, "flags": {"count": 1}}),
        ({"op": "remove", "path": "/list/0"}, {**DOC, "list": [2, 3]}),
        ({"op": "replace", "path": "/flags/count", "value": 2}, {**DOC, "flags": {"on": True, "count": 2}}),
        ({"op": "replace", "path": "", "value": [1]}, [1]),
        ({"op": "move", "from": "/name", "path": "/title"}, {"title": "n", "flags": DOC["flags"], "list": DOC["list"]}),
        ({"op": "move", "from": "/list/0", "path": "/list/-"}, {**DOC, "list": [2, 3, 1]}),
        ({"op": "copy", "from": "/flags", "path": "/flags2"}, {**DOC, "flags2": DOC["flags"]}),
        ({"op": "test", "path": "/flags", "value": {"count": 1.0, "on": True}}, DOC),
        ({"op": "test", "path": "/list/2", "value": 3}, DOC),
    ],
)
def test_apply_each_operation(operation: dict[str, Any], expected: Any) -> None:
    before = copy.deepcopy(DOC)
    result = apply([operation], DOC)
    assert strict_equal(result, expected)
    assert before == DOC


def test_apply_does_not_share_values_with_the_patch() -> None:
    patch = Patch().add("/a", {"x": []}).add("/a/x/-", 1)
    result = apply(patch, {})
    assert result == {"a": {"x": [1]}}
    assert patch.to_list()[0]["value"] == {"x": []}
    result["a"]["x"].append(2)
    assert apply(patch, {}) == {"a": {"x": [1]}}


def test_failing_test_is_atomic() -> None:
    document = {"a": 1, "b": [1, 2]}
    before = copy.deepcopy(document)
    patch = Patch().replace("/a", 2).add("/b/-", 3).test("/a", 3).remove("/b")
    with pytest.raises(PatchError) as info:
        apply(patch, document)
    assert str(info.value) == 'operation 2: test failed at "/a": expected 3, found 2'
    assert (info.value.index, info.value.path) == (2, "/a")
    assert document == before


def test_test_distinguishes_true_from_one() -> None:
    with pytest.raises(PatchError, match=r'^operation 0: test failed at "/a": expected true, found 1$'):
        apply([{"op": "test", "path": "/a", "value": True}], {"a": 1})
    with pytest.raises(PatchError, match="expected 0, found false"):
        apply([{"op": "test", "path": "/a/0", "value": 0}], {"a": [False]})
    with pytest.raises(PatchError, match="expected"):
        apply([{"op": "test", "path": "", "value": {"a": [1]}}], {"a": [True]})
    assert apply([{"op": "test", "path": "/a", "value": 1.0}], {"a": 1}) == {"a": 1}


@pytest.mark.parametrize(
    ("operations", "message", "index", "path"),
    [
        (
            [{"op": "add", "path": "/c", "value": 1}, {"op": "remove", "path": "/zz"}],
            'operation 1: cannot remove "/zz": "/zz" does not exist (the document has no member "zz")',
            1,
            "/zz",
        ),
        (
            [{"op": "replace", "path": "/b/5", "value": 0}],
            'operation 0: cannot replace "/b/5": index 5 is out of range ("/b" has 2 items)',
            0,
            "/b/5",
        ),
        (
            [{"op": "add", "path": "/b/3", "value": 0}],
            'operation 0: cannot add "/b/3": index 3 is out of range ("/b" has 2 items)',
            0,
            "/b/3",
        ),
        (
            [{"op": "add", "path": "/x/y", "value": 0}],
            'operation 0: cannot add "/x/y": "/x" does not exist (the document has no member "x")',
            0,
            "/x/y",
        ),
        (
            [{"op": "move", "from": "/q", "path": "/r"}],
            'operation 0: cannot move "/q" to "/r": "/q" does not exist (the document has no member "q")',
            0,
            "/q",
        ),
        (
            [{"op": "copy", "from": "/a", "path": "/a/x"}],
            'operation 0: cannot copy "/a" to "/a/x": "/a" is a number, not an object or array',
            0,
            "/a/x",
        ),
        (
            [{"op": "replace", "path": "/b/-", "value": 0}],
            'operation 0: cannot replace "/b/-": "/b" is an array and "-" is not an index',
            0,
            "/b/-",
        ),
        (
            [{"op": "remove", "path": ""}],
            'operation 0: cannot remove "": the whole document cannot be removed',
            0,
            "",
        ),
        (
            [{"op": "test", "path": "/b/7", "value": 0}],
            'operation 0: test failed at "/b/7": index 7 is out of range ("/b" has 2 items)',
            0,
            "/b/7",
        ),
    ],
)
def test_apply_errors(operations: list[dict[str, Any]], message: str, index: int, path: str) -> None:
    document = {"a": 1, "b": [1, 2]}
    with pytest.raises(PatchError) as info:
        apply(operations, document)
    assert str(info.value) == message
    assert (info.value.index, info.value.path) == (index, path)
    assert document == {"a": 1, "b": [1, 2]}


def test_apply_rejects_malformed_patch_before_touching_anything() -> None:
    with pytest.raises(PatchError, match=r'^operation 1: "op" must be one of'):
        apply([{"op": "add", "path": "/a", "value": 1}, {"op": "set", "path": "/a"}], {})


# ---------------------------------------------------------------------------------------------
# diff


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"a": 1}, {"a": 1}, []),
        ({"a": 1}, {"a": 1.0}, []),
        ([], [], []),
        (
            {"keep": 1, "gone": 2, "nested": {"x": 1, "y": {"z": [1, 2]}}},
            {"keep": 1, "nested": {"x": 2, "y": {"z": [1, 2]}}, "new": {"k": None}},
            [
                {"op": "remove", "path": "/gone"},
                {"op": "replace", "path": "/nested/x", "value": 2},
                {"op": "add", "path": "/new", "value": {"k": None}},
            ],
        ),
        (
            {"list": [1, 2, 3]},
            {"list": [1, 2, 3, 4, 5]},
            [{"op": "add", "path": "/list/3", "value": 4}, {"op": "add", "path": "/list/4", "value": 5}],
        ),
        ([1, 2, 3], [0, 1, 2, 3], [{"op": "add", "path": "/0", "value": 0}]),
        ([1, 2, 3], [1, 2, 9, 3], [{"op": "add", "path": "/2", "value": 9}]),
        (
            [1, 2, 3, 4, 5],
            [1, 5],
            [{"op": "remove", "path": "/3"}, {"op": "remove", "path": "/2"}, {"op": "remove", "path": "/1"}],
        ),
        (
            [1, 2, 3, 4, 5],
            [1, 9, 5],
            [
                {"op": "replace", "path": "/1", "value": 9},
                {"op": "remove", "path": "/3"},
                {"op": "remove", "path": "/2"},
            ],
        ),
        ([1, 2, 3], [1, 7, 3], [{"op": "replace", "path": "/1", "value": 7}]),
        ([1, 1], [1, 1, 1], [{"op": "add", "path": "/2", "value": 1}]),
        (
            [{"id": 1, "tags": ["a"]}, {"id": 2}],
            [{"id": 1, "tags": ["a", "b"]}, {"id": 2}],
            [{"op": "add", "path": "/0/tags/1", "value": "b"}],
        ),
        (
            {"a/b": 1, "c~d": {"~1": 2}, "keep": 0},
            {"a/b": 2, "c~d": {"~1": 3}, "keep": 0},
            [{"op": "replace", "path": "/a~1b", "value": 2}, {"op": "replace", "path": "/c~0d/~01", "value": 3}],
        ),
        ({"": 1, "k": 0}, {"": 2, "k": 0}, [{"op": "replace", "path": "/", "value": 2}]),
        ({"a": {"x": 1}, "k": 0}, {"a": [1], "k": 0}, [{"op": "replace", "path": "/a", "value": [1]}]),
        ({"a": "1", "k": 0}, {"a": 1, "k": 0}, [{"op": "replace", "path": "/a", "value": 1}]),
        ({"a": 1}, {"a": True}, [{"op": "replace", "path": "/a", "value": True}]),
        ({"a": [0, False]}, {"a": [False, 0]}, [{"op": "replace", "path": "/a", "value": [False, 0]}]),
        ({"a": None}, {"a": 0}, [{"op": "replace", "path": "/a", "value": 0}]),
        # nothing in common and several operations: one replace of the subtree
        (
            {"a": {"x": 1, "y": 2}, "k": 0},
            {"a": {"x": 3, "z": 4}, "k": 0},
            [{"op": "replace", "path": "/a", "value": {"x": 3, "z": 4}}],
        ),
        ({"tags": [], "k": 0}, {"tags": ["a", "b"], "k": 0}, [{"op": "replace", "path": "/tags", "value": ["a", "b"]}]),
        ({"a": 1, "b": 2}, {"c": 3}, [{"op": "replace", "path": "", "value": {"c": 3}}]),
        # ...but a single change deep inside is kept precise
        ({"a": {"x": 1}}, {"a": {"x": 2}}, [{"op": "replace", "path": "/a/x", "value": 2}]),
        (1, "x", [{"op": "replace", "path": "", "value": "x"}]),
    ],
)
def test_diff_cases(old: Any, new: Any, expected: list[dict[str, Any]]) -> None:
    old_copy, new_copy = copy.deepcopy(old), copy.deepcopy(new)
    operations = diff(old, new)
    assert dump(operations) == expected
    assert strict_equal(apply(operations, old), new)
    assert strict_equal(old, old_copy)
    assert strict_equal(new, new_copy)


def test_diff_values_are_copies() -> None:
    new = {"a": {"x": [1]}}
    operations = diff({}, new)
    new["a"]["x"].append(2)
    assert dump(operations) == [{"op": "add", "path": "/a", "value": {"x": [1]}}]


def test_json_equal() -> None:
    assert json_equal({"a": [1, 2.0]}, {"a": [1.0, 2]})
    assert not json_equal(True, 1)
    assert not json_equal([0], [False])
    assert not json_equal({"a": None}, {})
    assert not json_equal("1", 1)
    assert not json_equal([], {})


# ---------------------------------------------------------------------------------------------
# properties

_keys = st.text(alphabet="ab/~", max_size=3)
_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-3, max_value=3)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(alphabet="xy", max_size=2)
)
json_values = st.recursive(
    _leaves,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(_keys, children, max_size=5),
    max_leaves=25,
)


_containers = st.lists(json_values, min_size=1, max_size=5) | st.dictionaries(
    _keys, json_values, min_size=1, max_size=5
)


@st.composite
def related_pairs(draw: st.DrawFn) -> tuple[Any, Any]:
    """A document and an edited version of it, so that diffs reach deep into shared structure."""

    def edit(value: Any, depth: int) -> Any:
        choice = draw(st.integers(0, 9))
        if choice == 0 or depth > 4:
            return draw(json_values) if choice == 0 else value
        if isinstance(value, dict):
            result = {}
            for key, item in value.items():
                action = draw(st.integers(0, 3))
                if action == 0:
                    continue
                result[key] = edit(item, depth + 1) if action == 1 else item
            for key in draw(st.lists(_keys, max_size=2)):
                result[key] = draw(json_values)
            return result
        if isinstance(value, list):
            result_list = []
            for item in value:
                action = draw(st.integers(0, 4))
                if action == 0:
                    continue
                if action == 1:
                    result_list.append(draw(json_values))
                result_list.append(edit(item, depth + 1) if action == 2 else item)
            if draw(st.booleans()):
                result_list.append(draw(json_values))
            return result_list
        return value if choice < 6 else draw(_leaves)

    old = draw(_containers)
    return old, edit(old, 0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.tuples(json_values, json_values) | related_pairs())
def test_apply_of_diff_gives_the_new_document(pair: tuple[Any, Any]) -> None:
    old, new = pair
    old_copy = copy.deepcopy(old)
    operations = diff(old, new)
    assert strict_equal(apply(operations, old), new)
    assert strict_equal(old, old_copy)
    # the output is a valid patch that survives a JSON round trip
    assert strict_equal(apply(json.loads(json.dumps(dump(operations))), old), new)


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_diff_of_identical_documents_is_empty(document: Any) -> None:
    assert diff(document, document) == []
    assert diff(document, copy.deepcopy(document)) == []


# ---------------------------------------------------------------------------------------------
# path checking


class Settings(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str | None = None
    temperature: float | None = None


class Item(BaseModel):
    name: str
    tags: list[str] = []


class Other(BaseModel):
    colour: str | None = None


class Resource(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    id: str
    title: str | None = None
    settings: Settings | None = None
    items: list[Item] | None = None
    labels: dict[str, str] = {}
    meta: dict[str, Any] | None = None
    anything: Any = None
    either: Settings | Other | None = None
    display_name: str | None = Field(default=None, alias="displayName")
    created_at: str | None = None
    updated_at: str | None = None


def path_error(operations: Any, **kwargs: Any) -> PatchPathError:
    with pytest.raises(PatchPathError) as info:
        check_paths(operations, Resource, **kwargs)
    return info.value


@pytest.mark.parametrize(
    "path",
    [
        "/title",
        "/settings",
        "/settings/model",
        "/items",
        "/items/0",
        "/items/12/name",
        "/items/0/tags/3",
        "/labels/anything",
        "/labels/a~1b",
        "/meta/deep/er/0",
        "/anything/at/all",
        "/either/model",
        "/either/colour",
        "/displayName",
    ],
)
def test_check_paths_accepts(path: str) -> None:
    check_paths([{"op": "replace", "path": path, "value": 1}], Resource)


def test_check_paths_typo_with_suggestion() -> None:
    error = path_error(
        [{"op": "test", "path": "/id", "value": "x"}, {"op": "replace", "path": "/settings/modle", "value": 1}]
    )
    assert str(error) == (
        'operation 1: unknown path "/settings/modle": "modle" is not a field of Settings; '
        'did you mean "/settings/model"?'
    )
    assert (error.index, error.path, error.suggestion, error.field) == (1, "/settings/modle", "/settings/model", "path")


def test_check_paths_fixes_an_early_segment_and_keeps_the_rest() -> None:
    error = path_error([{"op": "replace", "path": "/setings/model", "value": 1}])
    assert error.suggestion == "/settings/model"
    error = path_error([{"op": "replace", "path": "/setings/zzzzzz", "value": 1}])
    assert error.suggestion == "/settings"


def test_check_paths_no_suggestion() -> None:
    error = path_error([{"op": "remove", "path": "/zzzzzz"}])
    assert str(error) == 'operation 0: unknown path "/zzzzzz": "zzzzzz" is not a field of Resource'
    assert error.suggestion is None


def test_check_paths_union_of_models() -> None:
    error = path_error([{"op": "replace", "path": "/either/colours", "value": 1}])
    assert str(error) == (
        'operation 0: unknown path "/either/colours": "colours" is not a field of Settings or Other; '
        'did you mean "/either/colour"?'
    )


def test_check_paths_uses_json_names() -> None:
    error = path_error([{"op": "replace", "path": "/display_name", "value": "x"}])
    assert error.suggestion == "/displayName"


def test_check_paths_list_index() -> None:
    error = path_error([{"op": "replace", "path": "/items/first/name", "value": 1}])
    assert str(error) == (
        'operation 0: unknown path "/items/first/name": "/items" is an array, so "first" must be an index '
        '(0, 1, ...) or "-"'
    )
    error = path_error([{"op": "replace", "path": "/items/01", "value": 1}])
    assert "must be an index" in str(error)
    error = path_error([{"op": "replace", "path": "/items/name", "value": 1}])
    assert error.suggestion == "/items/0/name"
    error = path_error([{"op": "replace", "path": "/items/0/nmae", "value": 1}])
    assert error.suggestion == "/items/0/name"


def test_check_paths_dash() -> None:
    check_paths([{"op": "add", "path": "/items/-", "value": {"name": "n"}}], Resource)
    check_paths([{"op": "copy", "from": "/items/0", "path": "/items/-"}], Resource)
    check_paths([{"op": "move", "from": "/items/0/tags/1", "path": "/items/0/tags/-"}], Resource)
    dash = '"-" (the position after the last item) can only end the path of an add, move or copy'
    error = path_error([{"op": "replace", "path": "/items/-", "value": 1}])
    assert str(error) == f'operation 0: unknown path "/items/-": {dash}'
    error = path_error([{"op": "add", "path": "/items/-/name", "value": 1}])
    assert str(error) == f'operation 0: unknown path "/items/-/name": {dash}'
    error = path_error([{"op": "copy", "from": "/items/-", "path": "/items/0"}])
    assert str(error) == f'operation 0: unknown "from" path "/items/-": {dash}'
    assert error.field == "from"


def test_check_paths_checks_from() -> None:
    error = path_error([{"op": "copy", "from": "/titel", "path": "/labels/x"}])
    assert str(error) == (
        'operation 0: unknown "from" path "/titel": "titel" is not a field of Resource; did you mean "/title"?'
    )
    assert (error.path, error.field, error.suggestion) == ("/titel", "from", "/title")


def test_check_paths_open_and_leaf_types() -> None:
    error = path_error([{"op": "replace", "path": "/title/x", "value": 1}])
    assert (
        str(error) == 'operation 0: unknown path "/title/x": "/title" holds a plain value (str), so nothing is below it'
    )
    error = path_error([{"op": "replace", "path": "/labels/k/deeper", "value": 1}])
    assert "holds a plain value (str)" in str(error)


def test_check_paths_read_only() -> None:
    error = path_error([{"op": "replace", "path": "/id", "value": "x"}])
    assert (
        str(error)
        == 'operation 0: "/id" is read-only: id is set by the server and cannot be changed by a patch (replace)'
    )
    assert (error.index, error.path) == (0, "/id")
    for operation in (
        {"op": "remove", "path": "/created_at"},
        {"op": "add", "path": "/updated_at", "value": "x"},
        {"op": "move", "from": "/id", "path": "/title"},
        {"op": "copy", "from": "/title", "path": "/id"},
    ):
        assert "is read-only" in str(path_error([operation]))
    # reading is fine
    check_paths(
        [{"op": "test", "path": "/id", "value": "x"}, {"op": "copy", "from": "/id", "path": "/title"}], Resource
    )
    # the whole document includes the read-only fields
    error = path_error([{"op": "replace", "path": "", "value": {}}])
    assert str(error) == (
        'operation 0: path "" would replace the whole Resource, including its read-only fields '
        "(id, created_at, updated_at); patch individual fields instead"
    )
    check_paths([{"op": "test", "path": "", "value": {}}], Resource)
    # an explicit list replaces the default
    check_paths([{"op": "replace", "path": "/id", "value": "x"}], Resource, read_only=())
    assert "read-only" in str(path_error([{"op": "replace", "path": "/title", "value": 1}], read_only=["title"]))


def test_check_paths_default_read_only_includes_model_id() -> None:
    class Widget(BaseModel):
        widget_id: str
        name: str | None = None

    with pytest.raises(PatchPathError, match="read-only"):
        check_paths([{"op": "replace", "path": "/widget_id", "value": "x"}], Widget)
    check_paths(Patch().replace("/name", "x"), Widget)


def test_check_paths_rejects_malformed_patches_as_patch_error() -> None:
    with pytest.raises(PatchError, match='"op" must be one of'):
        check_paths([{"op": "set", "path": "/title"}], Resource)


# ---------------------------------------------------------------------------------------------
# the Tavus resources


def _tavus_types(name: str) -> Any:
    try:
        return importlib.import_module(f"tavus_sdk.types.{name}")
    except ImportError as exc:  # pragma: no cover - only while the models are missing
        pytest.skip(f"tavus_sdk.types.{name} is not available yet ({exc})")


PERSONA_DOC_PATHS = [
    "/persona_name",
    "/default_replica_id",
    "/context",
    "/layers/llm/model",
    "/layers/tts/tts_engine",
    "/layers/tts/tts_emotion_control",
    "/layers/stt/hotwords",
    "/layers/perception/perception_tool_prompt",
    "/layers/llm/tools",
    "/layers/perception/perception_tools",
    "/objectives_id",
    "/guardrails_id",
]


def test_persona_docs_example_paths() -> None:
    _tavus_types("persona")
    from tavus_sdk.patch import check_persona_paths

    check_persona_paths([{"op": "replace", "path": path, "value": "x"} for path in PERSONA_DOC_PATHS])
    # the example from the docs, verbatim
    check_persona_paths(
        [
            {"op": "replace", "path": "/persona_name", "value": "Wellness Advisor"},
            {"op": "replace", "path": "/default_replica_id", "value": "r79e1c033f"},
            {"op": "replace", "path": "/layers/llm/model", "value": "tavus-gpt-4o"},
            {"op": "replace", "path": "/layers/tts/tts_engine", "value": "cartesia"},
            {"op": "add", "path": "/layers/tts/tts_emotion_control", "value": "true"},
            {"op": "remove", "path": "/layers/stt/hotwords"},
            {"op": "add", "path": "/layers/llm/tools/-", "value": {"type": "function"}},
            {"op": "add", "path": "/objectives_id", "value": "o123"},
        ]
    )


def test_persona_typo_and_read_only() -> None:
    _tavus_types("persona")
    from tavus_sdk.patch import check_persona_paths

    with pytest.raises(PatchPathError) as info:
        check_persona_paths(Patch().replace("/layers/llm/modle", "tavus-gpt-4o"))
    assert info.value.suggestion == "/layers/llm/model"
    assert str(info.value) == (
        'operation 0: unknown path "/layers/llm/modle": "modle" is not a field of LLMLayer; '
        'did you mean "/layers/llm/model"?'
    )
    with pytest.raises(PatchPathError, match="read-only"):
        check_persona_paths(Patch().replace("/persona_id", "p1"))
    with pytest.raises(PatchPathError, match="read-only"):
        check_persona_paths(Patch().remove("/created_at"))


def test_objectives_and_guardrails_paths() -> None:
    _tavus_types("objective")
    _tavus_types("guardrail")
    from tavus_sdk.patch import check_guardrails_paths, check_objectives_paths

    check_objectives_paths(
        [
            {"op": "replace", "path": "/data/0/objective_name", "value": "n"},
            {"op": "replace", "path": "/data/0/objective_prompt", "value": "p"},
            {"op": "replace", "path": "/data/0/confirmation_mode", "value": "manual"},
            {"op": "add", "path": "/data/0/output_variables", "value": ["v"]},
            {"op": "replace", "path": "/data/0/modality", "value": "visual"},
            {"op": "remove", "path": "/data/0/callback_url"},
        ]
    )
    with pytest.raises(PatchPathError) as info:
        check_objectives_paths([{"op": "replace", "path": "/data/objective_prompt", "value": "p"}])
    assert info.value.suggestion == "/data/0/objective_prompt"
    with pytest.raises(PatchPathError, match="read-only"):
        check_objectives_paths([{"op": "replace", "path": "/objectives_id", "value": "o"}])
    check_guardrails_paths(
        [
            {"op": "replace", "path": "/data/0/guardrail_prompt", "value": "p"},
            {"op": "add", "path": "/data/0/callback_url", "value": "https://example.com/hook"},
        ]
    )
    with pytest.raises(PatchPathError, match="read-only"):
        check_guardrails_paths([{"op": "remove", "path": "/guardrails_id"}])
