"""``tavus_sdk.spec``: the API description shipped in the package, and body checks against it."""

from __future__ import annotations

import pytest

from tavus_sdk.spec import BodyProblem, check_body, load_spec, spec_index


def test_the_description_is_read_from_the_package() -> None:
    spec = load_spec()
    assert spec["openapi"].startswith("3.1")
    assert "personas_create" in spec_index().by_id


def test_a_good_body_has_no_problems() -> None:
    assert check_body("personas_create", {"persona_name": "Front desk", "system_prompt": "You greet."}) == []


def test_an_unknown_field_is_named_with_a_suggestion() -> None:
    [problem] = check_body("personas_create", {"persona_nme": "Front desk", "system_prompt": "You greet."})
    assert problem.field == "persona_nme"
    assert problem.unknown_field
    assert problem.message.startswith("unknown field; did you mean 'persona_name'? known here: ")


def test_a_wrong_value_is_a_problem_that_no_flag_lets_through() -> None:
    problems = check_body("conversations_create", {"replica_id": "r1", "conversational_context": 5})
    assert problems == [BodyProblem("conversational_context", "5 is not of type 'string'")]


@pytest.mark.parametrize(("field", "value"), [("background_url", "www.tavus.io"), ("audio_url", "voice.wav")])
def test_a_link_that_is_not_an_http_url_is_one_problem_in_every_install(field: str, value: str) -> None:
    # jsonschema checks `format: uri` only when rfc3987 happens to be installed; the message must not depend on it.
    body = {"replica_id": "r1", field: value} | ({} if field == "audio_url" else {"script": "Hi"})
    assert check_body("videos_create", body) == [BodyProblem(field, f"must be an absolute http(s) URL, got {value!r}")]


def test_an_unknown_operation_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        check_body("personas_explode", {})
