"""Substring search over encrypted free text, for staff lists that offered a text search before the text was
encrypted. The database holds only ciphertext, so the rows the user may already see (the scoped queryset) are
decrypted here and compared in Python; keep it for lists a scope keeps small (one agency's queue), never for
public search, which reads the masked public text instead."""

import unicodedata


def _fold(text):
    return unicodedata.normalize("NFKC", text or "").casefold()


def matching(queryset, field_names, query, chunk_size=500):
    """`queryset` narrowed to the rows where any of `field_names` contains `query` (NFKC, case-insensitive)."""
    needle = _fold(query).strip()
    if not needle:
        return queryset
    found = [row[0] for row in queryset.order_by().values_list("pk", *field_names).iterator(chunk_size=chunk_size)
             if any(needle in _fold(value) for value in row[1:])]
    return queryset.filter(pk__in=found)
