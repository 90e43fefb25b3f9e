import datetime

import pytest

from zhengwu.disclosure.importer import ItemData, catalog_of, import_item
from zhengwu.disclosure.models import Genre, StatutoryCategory, Theme
from zhengwu.disclosure.models.review import secrecy_workflow
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.orgs.models import Role


class Catalog:
    """Makes catalog items the way the importer does (one code path), as drafts or live."""

    def __init__(self, tree):
        self.tree = tree

    def item(self, agency, title="关于做好预算公开工作的通知", publish=True, user=None, **fields):
        today = datetime.date.today()
        data = dict(title=title, agency=agency, theme=Theme.objects.get(code="zt0401"),
                    genre=Genre.objects.get(code="tcfl05"), category=StatutoryCategory.objects.get(code="a20-07"),
                    doc_number="", written_on=today, formed_on=today, published_on=today if publish else None,
                    keywords="预算 公开", description="", body="<p>财政预算信息公开。</p>",
                    valid_until=None, effective_on=None, repealed_on=None)
        data.update(fields)
        return import_item(ItemData(0, catalog_of(agency), data), user=user, publish=publish, source="测试")

    def approve(self, item, opinion="不涉密，同意公开。"):
        """Submit the item's latest revision to 保密审查 (as the editor) and approve it (as the reviewer)."""
        task_state = secrecy_workflow().start(item, self.tree.editor).current_task_state
        task_state.task.specific.on_action(task_state, self.tree.reviewer, "approve", comment=opinion)
        item.refresh_from_db()
        return item


@pytest.fixture
def catalog(hunan):
    load_taxonomies()
    hunan.editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    hunan.reviewer = hunan.user("czt_reviewer", hunan.czt, Role.SECRECY_REVIEWER)
    hunan.other_reviewer = hunan.user("zrzyt_reviewer", hunan.zrzyt, Role.SECRECY_REVIEWER)
    helper = Catalog(hunan)
    helper.tree = hunan
    return helper
