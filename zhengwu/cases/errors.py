"""The one pair of refusals every case action raises, with a Chinese message for the user: the state or the law
says no (409 in the APIs), or the role says no (403)."""


class ActionRefused(Exception):
    """A step the case's state, the law or the rules do not allow; the message is for the user."""


class ActionForbidden(ActionRefused):
    """Refused because of who is asking (role or agency), not because of the case's state."""
