import pytest
from django.core.management import CommandError, call_command

from zhengwu.orgs.models import Agency, Division


@pytest.mark.django_db
def test_loaddivisions_imports_province_prefectures_counties_and_pilot_townships():
    call_command("loaddivisions", stdout=open("/dev/null", "w"))
    assert Division.objects.filter(level="province").count() == 1
    assert Division.objects.filter(level="prefecture").count() == 14
    assert Division.objects.filter(level="county").count() == 122
    xingsha = Division.objects.get(code="430121001")
    assert (xingsha.name, xingsha.parent.name) == ("星沙街道", "长沙县")
    assert set(Division.objects.filter(level="township").values_list("parent__code", flat=True)) == {
        "430121", "430626", "430922", "430524"}


@pytest.mark.django_db
def test_newer_file_reports_changed_codes_and_moves_agencies(tmp_path, capsys):
    # An older database still has 宁乡县 (430124) with an agency in it.
    call_command("loaddivisions", stdout=open("/dev/null", "w"))
    changsha = Division.objects.get(code="430100")
    old = Division.objects.create(code="430124", name="宁乡县", level="county", parent=changsha)
    Division.objects.filter(code="430182").delete()
    agency = Agency.add_root(name="宁乡县人民政府", slug="ningxiang", kind="government", division=old)

    from io import StringIO
    out = StringIO()
    call_command("loaddivisions", stdout=out)
    text = out.getvalue()
    assert "代码变更：430124 宁乡县 → 430182 宁乡市" in text
    old.refresh_from_db()
    agency.refresh_from_db()
    assert not old.is_active and old.replaced_by.code == "430182"
    assert agency.division.code == "430182"


@pytest.mark.django_db
def test_malformed_division_file_fails_with_chinese_message_and_changes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,parent_code,level\n430000,湖南省改名,,province\n999000,新增,,province\n"
                   "43AB00,错误,430000,prefecture\n", encoding="utf-8")
    before = list(Division.objects.order_by("code").values_list("code", "name", "is_active"))
    with pytest.raises(CommandError, match="不是数字"):
        call_command("loaddivisions", str(bad))
    assert list(Division.objects.order_by("code").values_list("code", "name", "is_active")) == before
