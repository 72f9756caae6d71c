"""Rules of the questions code that a reviewer would otherwise have to remember."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.unit]

QUESTIONS = Path(__file__).resolve().parents[2] / "portal" / "questions"
SOURCES = [path for path in QUESTIONS.rglob("*.py") if "migrations" not in path.parts]


def writers(pattern: str) -> set[str]:
    regex = re.compile(pattern)
    return {
        str(path.relative_to(QUESTIONS))
        for path in SOURCES
        for line in path.read_text(encoding="utf-8").splitlines()
        if regex.search(line)
    }


def test_only_moderation_writes_the_question_state():
    assert writers(r"question\w*\.state\s*=[^=]|\.update\([^)]*\bstate=") == {"services/moderation.py"}


def test_only_answers_writes_the_answer_status():
    assert writers(r"\.answer_status\s*=[^=]|\.update\([^)]*\banswer_status=") == {"services/answers.py"}


def test_nothing_logs_through_print():
    assert writers(r"^\s*print\(") == set()


def test_no_module_decrypts_a_contact_but_the_messenger_and_the_key_rotation():
    users = writers(r"\bdecrypt_contact\(") - {"pii.py"}
    assert users == {"services/askers.py", "services/retention.py"}
