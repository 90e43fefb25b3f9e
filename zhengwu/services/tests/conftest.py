"""A county department with one licensing matter, and the people who work its cases."""

import pytest

from zhengwu.orgs.demo import DemoAgencies
from zhengwu.orgs.models import Agency, Role
from zhengwu.services.models import Matter, MatterType, SpecialProcedure

APPLICANT = {"applicant_kind": "person", "name": "张三", "id_number": "430121199001011237", "phone": "13800000001"}


@pytest.fixture
def hall(hunan):
    """tree.scj (长沙县市场监督管理局), its matter 食品经营许可, a window clerk at the county, a department clerk."""
    tree = hunan
    tree.scj = DemoAgencies().ensure(tree.changshaxian, "长沙县市场监督管理局", "scjgj", Agency.Kind.COMPONENT,
                                     tree.changshaxian.division)
    tree.matter = Matter.objects.create(
        agency=tree.scj, code="43012100SJ-XK-0001", name="食品经营许可", matter_type=MatterType.LICENSING,
        legal_basis="《中华人民共和国食品安全法》第三十五条", conditions="有与经营的食品品种、数量相适应的经营场所。",
        process="申请\n受理\n审查\n决定\n送达", statutory_workdays=20, promised_workdays=10, charged=False,
        place="长沙县政务服务中心二楼", hours="工作日 9:00-17:00", consult_channel="0731-84000000",
        complaint_channel="12345", online_depth=Matter.OnlineDepth.FULL,
        form_fields=[{"name": "shop_name", "label": "店铺名称", "required": True}])
    tree.inspection = SpecialProcedure.objects.create(matter=tree.matter, name="现场核查", workdays=5,
                                                      counts_toward_limit=False)
    tree.window = tree.user("csx_window", tree.changshaxian, Role.WINDOW_CLERK)
    tree.clerk = tree.user("scj_clerk", tree.scj, Role.WINDOW_CLERK)
    return tree
