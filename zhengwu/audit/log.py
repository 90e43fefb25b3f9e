"""What the rest of the platform calls: record(action, description, ...) writes one audit entry, taking the
actor and the client address from `user`/`request` or from the request being served. Free text in `detail`
is masked (privacy.masking.mask_text) and shortened: the log holds no personal data in clear."""

from zhengwu.privacy.masking import mask_text

from . import chain
from .context import address_of, current_request, username_of

TEXT_LIMIT = 200
LIST_LIMIT = 50


def masked(value):
    """`value` with every string masked and shortened, recursively (dict keys are kept)."""
    if isinstance(value, str):
        return mask_text(value)[:TEXT_LIMIT]
    if isinstance(value, dict):
        return {str(key): masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [masked(item) for item in list(value)[:LIST_LIMIT]]
    return value


def label_of(model):
    return model._meta.label_lower if model is not None else ""


def record(action, description, *, request=None, user=None, actor_id=None, actor_username=None, address=None,
           obj=None, object_type="", object_id="", detail=None):
    """One audit entry, in the caller's transaction. The actor is `user`, else `actor_id`, else the request's
    signed-in user; pass `actor_username` for someone who is not (yet) a user, e.g. a failed login's name."""
    request = request if request is not None else current_request()
    if user is None and actor_id is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and getattr(candidate, "is_authenticated", False):
            user = candidate
    if user is not None and getattr(user, "is_authenticated", False):
        actor_id, actor_username = user.pk, user.get_username() if actor_username is None else actor_username
    if actor_username is None:
        actor_username = username_of(actor_id, request)
    if obj is not None:
        object_type, object_id = label_of(type(obj)), obj.pk
    return chain.append(
        action, description, actor_id=actor_id, actor_username=actor_username,
        address=address_of(request) if address is None else address,
        object_type=object_type, object_id="" if object_id is None else str(object_id),
        detail=masked(detail or {}),
    )
