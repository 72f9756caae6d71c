"""The public JSON API: interviews, entries and events as published (never a draft), ETag/304, the schema."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from portal.live import services
from portal.live.enums import Speaker
from tests.factories import InterviewFactory
from tests.live.webhook_support import publish

pytestmark = pytest.mark.unit

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "portal/website/openapi.json").read_text())
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
    "number": (int, float),
}


def check(value, schema, where="$"):
    """A small JSON Schema check for what openapi.json uses ($ref, type, enum, properties, items, oneOf)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return check(value, SCHEMA["components"]["schemas"][name], where)
    if "oneOf" in schema:
        matches = 0
        for option in schema["oneOf"]:
            try:
                check(value, option, where)
                matches += 1
            except AssertionError:
                pass
        assert matches == 1, f"{where}: {value!r} matches {matches} options of oneOf"
        return None
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool)) for t in types
        )
        assert ok, f"{where}: {value!r} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict) and "properties" in schema:
        missing = set(schema.get("required", [])) - set(value)
        assert not missing, f"{where}: missing {missing}"
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(schema["properties"])
            assert not extra, f"{where}: unexpected {extra}"
        for key, item in value.items():
            if key in schema["properties"]:
                check(item, schema["properties"][key], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            check(item, schema["items"], f"{where}[{index}]")
    return None


def validated(response, path: str):
    """The JSON of a 200 answer, checked against the schema of ``path``'s GET."""
    assert response.status_code == 200
    schema = SCHEMA["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    data = response.json()
    check(data, schema)
    return data


@pytest.fixture
def record(live_interview, operator, guest, published_question, django_capture_on_commit_callbacks):
    """Started (1), published (2), published (3), corrected 3 (4), a draft (no event), withdrawn 2 (5)."""
    capture = django_capture_on_commit_callbacks
    first = publish(live_interview, operator, capture, text="欢迎各位网友。")
    second = publish(live_interview, operator, capture, text="管道今年改造。", speaker=Speaker.GUEST, guest=guest)
    with capture(execute=True):
        services.correct_entry(second, actor=operator, speaker=Speaker.GUEST, guest=guest, text="管道明年改造完毕。")
        services.save_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="草稿不公开")
        services.withdraw_entry(first, actor=operator, reason="重复")
    return {"first": first, "second": second}


def test_the_schema_is_served_and_is_openapi_3_1(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"] == "3.1.0"
    assert set(response.json()["paths"]) == set(SCHEMA["paths"])


def test_interviews_lists_published_interviews_only(client, live_interview, units):
    InterviewFactory(title="不公开的筹备中访谈", lead_unit=units["lead"])
    data = validated(client.get("/api/v1/interviews/"), "/api/v1/interviews/")
    titles = [item["title"] for item in data["interviews"]]
    assert live_interview.title in titles
    assert "不公开的筹备中访谈" not in titles
    item = next(item for item in data["interviews"] if item["id"] == live_interview.pk)
    assert item["state"] == "live"
    assert item["phase"] == "live"
    assert item["live"]["last_seq"] == 1
    assert item["urls"]["rss"].endswith(f"/interviews/{live_interview.pk}/live.rss")


def test_entries_give_each_public_entry_with_its_state_and_never_a_draft(client, live_interview, record):
    path = f"/api/v1/interviews/{live_interview.pk}/entries"
    data = validated(client.get(path), "/api/v1/interviews/{id}/entries")
    assert data["last_seq"] == 5
    states = {entry["id"]: entry for entry in data["entries"]}
    assert set(states) == {record["first"].pk, record["second"].pk}
    withdrawn, corrected = states[record["first"].pk], states[record["second"].pk]
    assert (withdrawn["state"], withdrawn["text"]) == ("withdrawn", "")
    assert withdrawn["withdrawn_at"]
    assert (corrected["state"], corrected["text"]) == ("corrected", "管道明年改造完毕。")
    assert corrected["corrected_at"]
    assert corrected["speaker_name"]
    assert "草稿不公开" not in json.dumps(data, ensure_ascii=False)


def test_entries_since_give_only_the_entries_changed_after_it(client, live_interview, record):
    path = f"/api/v1/interviews/{live_interview.pk}/entries?since=4"
    data = validated(client.get(path), "/api/v1/interviews/{id}/entries")
    assert [entry["id"] for entry in data["entries"]] == [record["first"].pk]
    data = validated(client.get(path.replace("since=4", "since=5")), "/api/v1/interviews/{id}/entries")
    assert data["entries"] == []


def test_events_are_the_log_as_published_without_withdrawn_text(client, live_interview, record):
    data = validated(client.get(f"/api/v1/interviews/{live_interview.pk}/events"), "/api/v1/interviews/{id}/events")
    assert [(e["seq"], e["kind"]) for e in data["events"]] == [
        (1, "started"),
        (2, "published"),
        (3, "published"),
        (4, "corrected"),
        (5, "withdrawn"),
    ]
    assert data["events"][0]["entry"] is None
    assert data["events"][1]["entry"]["state"] == "withdrawn"
    text = json.dumps(data, ensure_ascii=False)
    assert "欢迎各位网友" not in text
    assert "草稿不公开" not in text
    assert data["more"] is False
    later = validated(
        client.get(f"/api/v1/interviews/{live_interview.pk}/events?since=3"), "/api/v1/interviews/{id}/events"
    )
    assert [e["seq"] for e in later["events"]] == [4, 5]


def test_answers_carry_an_etag_and_304_and_a_short_public_max_age(client, live_interview, record, operator):
    path = f"/api/v1/interviews/{live_interview.pk}/events?since=2"
    first = client.get(path)
    assert first["Cache-Control"] in ("public, max-age=2", "max-age=2, public")
    etag = first["ETag"]
    assert etag.startswith('"')
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    services.post_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="又一条")
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 200


def test_an_unpublished_or_unknown_interview_is_404(client, units):
    hidden = InterviewFactory(title="未公开", lead_unit=units["lead"])
    for pk in (hidden.pk, 999999):
        assert client.get(f"/api/v1/interviews/{pk}/entries").status_code == 404
        assert client.get(f"/api/v1/interviews/{pk}/events").status_code == 404


def test_the_api_is_read_only(client, live_interview):
    assert client.post(reverse("website:api-events", args=[live_interview.pk])).status_code == 405
