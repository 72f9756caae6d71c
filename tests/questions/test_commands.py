"""Management commands of the questions domain (the textproc CSV commands are tested with textproc)."""

import io

import pytest
from django.core.management import CommandError, call_command

from portal.questions.models import Category, CategoryModel, CategorySample

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

CSV = """title,detail,label_l1
燃气管道改造,老旧小区燃气管道什么时候改造,城乡建设
小区加装电梯,加装电梯有没有补贴,城乡建设
道路施工,施工围挡影响出行,城乡建设
公交线路,公交线路调整后换乘不便,交通运输
地铁出口,地铁站出口增加停车位,交通运输
路口拥堵,早高峰路口拥堵请增派交警,交通运输
农家乐,乡村旅游农家乐的扶持政策,乡村振兴
"""


def test_bootstrap_categories_loads_the_csv_and_trains(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text(CSV, encoding="utf-8")
    out = io.StringIO()

    call_command("bootstrap_categories", "--csv", str(path), stdout=out)

    assert CategorySample.objects.count() == 7
    assert CategoryModel.objects.get().sample_count == 7
    assert Category.objects.filter(name="乡村振兴").exists()  # a label the list did not have yet
    assert "loaded 7 rows" in out.getvalue()


def test_bootstrap_categories_replace_drops_the_old_rows(tmp_path):
    path = tmp_path / "labelled.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("bootstrap_categories", "--csv", str(path), stdout=io.StringIO())

    call_command("bootstrap_categories", "--csv", str(path), "--replace", stdout=io.StringIO())

    assert CategorySample.objects.count() == 7


def test_bootstrap_categories_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("bootstrap_categories", "--csv", str(tmp_path / "missing.csv"), stdout=io.StringIO())
