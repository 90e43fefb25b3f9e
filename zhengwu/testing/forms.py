"""Submit an admin form as a browser would: every field with the value the page shows, then the changes a test
types. A test that posts only the fields it thinks of gets an invalid form, which refuses whatever the guard under
test does; this one fails when the guard is missing."""

from bs4 import BeautifulSoup


def form_values(html, form_id=None, action=None):
    """The name → value pairs a browser would send for the page's form (the first one with an id or action
    matching, else the largest), as a dict of lists."""
    soup = BeautifulSoup(html, "html.parser")
    forms = soup.find_all("form")
    if form_id:
        forms = [f for f in forms if f.get("id") == form_id]
    if action:
        forms = [f for f in forms if (f.get("action") or "").endswith(action)]
    form = max(forms, key=lambda f: len(f.find_all(["input", "select", "textarea"])))
    values = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled") or field.find_parent("template"):
            continue  # (a <template>'s fields, such as an empty formset row, are not sent)
        if field.name == "select":
            chosen = [o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")]
            if not chosen and not field.has_attr("multiple"):
                first = field.find("option")
                chosen = [first.get("value", first.text)] if first else []
            values.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            text = field.text
            values.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        else:
            kind = (field.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            values.setdefault(name, []).append(field.get("value", "on" if kind in ("checkbox", "radio") else ""))
    return values


def submit(client, url, changes=None, *, form_id=None, action=None, **buttons):
    """GET the form at url, apply changes (name → value, or None to leave a field out) and the pressed buttons
    (e.g. `**{"action-publish": "action-publish"}`), POST it back to url, and return the response."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    values = form_values(response.content.decode(), form_id=form_id, action=action)
    for name, value in {**(changes or {}), **buttons}.items():
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value if isinstance(value, list) else [value]
    return client.post(url, values)
