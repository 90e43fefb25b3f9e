from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def query_with(params, key, value):
    """The current search's query string with one parameter set (and paging reset unless it is the page)."""
    merged = {k: v for k, v in params.items() if k != "page"}
    merged[key] = value
    return urlencode(merged)
