ELDER_COOKIE = "zw_elder"


def accessibility(request):
    """适老化 mode is a cookie so it survives across pages and sites without JavaScript."""
    return {"elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1"}
