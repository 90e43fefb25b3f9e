from ninja import Router

router = Router(tags=["工作日历"])
