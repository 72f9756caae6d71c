"""What one accepted question costs the database: a guard against queries creeping into intake."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.questions.models import Question
from tests.website.questions_data import NOW, ask_through_page, form_of, published_preview, question_fields

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("question_settings")]


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_an_accepted_question_costs_a_handful_of_queries(client, units, editor, operator):
    interview = published_preview(units, editor=editor, operator=operator)
    ask_through_page(client, interview, text="第一个问题：老旧小区燃气管道改造什么时候开始？")  # warms the caches
    page = client.get(interview.get_absolute_url())
    data = {**form_of(page.content), **question_fields(text="第二个问题：燃气管道改造期间会停气多久？")}

    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/interviews/{interview.pk}/ask/", data)

    assert response.status_code == 302
    assert Question.objects.count() == 2
    statements = [query["sql"] for query in queries.captured_queries]
    # The interview with its window, the grouper's catch-up, the group the question joins (or a new
    # group), then the question, its contact and its event; besides the transaction's own statements.
    writes_and_reads = [sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE", "BEGIN"))]
    assert len(writes_and_reads) <= 7, "\n".join(statements)
