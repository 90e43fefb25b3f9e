def accessibility(request):
    return {}
