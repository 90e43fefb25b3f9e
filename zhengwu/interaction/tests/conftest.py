"""The 省长信箱 at the province, its office, and the people of two agencies that answer letters."""

import pytest

from zhengwu.interaction.models import Mailbox
from zhengwu.orgs.models import Role

WRITER = {"category": "consult", "subject": "社保卡补办需要哪些材料", "body": "我的社保卡丢失了，请问补办需要带哪些材料，到哪里办理？",
          "name": "王小明", "phone": "13900000001", "email": "wxm@example.com", "address": "长沙市芙蓉区五一大道1号",
          "may_publish": True}


@pytest.fixture
def mailbox(hunan):
    """tree.box (省长信箱), tree.office and tree.office2 (its 分办 staff), tree.czt_handler and
    tree.czt_reviewer (财政厅 staff), tree.changsha_handler (长沙市)."""
    tree = hunan
    tree.box = Mailbox.objects.create(agency=tree.province, name="省长信箱", slug="szxx", kind=Mailbox.Kind.LEADER,
                                      intro="欢迎来信。")
    tree.office = tree.user("office", tree.province, Role.MAILBOX_HANDLER)
    tree.office2 = tree.user("office2", tree.province, Role.MAILBOX_HANDLER)
    tree.czt_handler = tree.user("czt_handler", tree.czt, Role.MAILBOX_HANDLER)
    tree.czt_reviewer = tree.user("czt_reviewer", tree.czt, Role.AGENCY_ADMIN)
    tree.changsha_handler = tree.user("cs_handler", tree.changsha, Role.MAILBOX_HANDLER)
    return tree
