"""Finding or making the citizen account behind a sign-in that needs no password."""

import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from .models import CitizenProfile


def may_sign_in(user):
    """Only an active citizen account: staff and superusers sign in through the admin (with its second factor),
    never through a phone code or the unified identity, whatever a profile says."""
    return user is not None and user.is_active and not user.is_staff and not user.is_superuser


def _new_username(prefix):
    # Random, so a username reveals neither the phone nor the provider's identifier.
    return f"{prefix}_{secrets.token_hex(8)}"


def _create(prefix, first_name="", **profile_fields):
    user_model = get_user_model()
    user = user_model(username=_new_username(prefix), first_name=first_name[:150], is_staff=False,
                      is_superuser=False)
    user.set_unusable_password()
    user.save()
    CitizenProfile.objects.create(user=user, **profile_fields)
    return user


def citizen_for_phone(phone):
    """The account whose profile holds `phone`, made on first use. None when that account may not sign in."""
    profile = CitizenProfile.objects.select_related("user").filter(phone_index__matches=phone).first()
    if profile is None:
        try:
            with transaction.atomic():
                return _create("sj", phone=phone)
        except IntegrityError:  # the same phone's first sign-in in two tabs at once: the other one made it
            profile = CitizenProfile.objects.select_related("user").filter(phone_index__matches=phone).first()
    user = profile.user if profile else None
    return user if may_sign_in(user) else None


def citizen_for_subject(issuer, subject, name=""):
    """The account linked to the provider's `sub`, made on first use (its name from the provider's claims).
    None when that account may not sign in."""
    profile = (CitizenProfile.objects.select_related("user")
               .filter(oidc_issuer=issuer, oidc_subject=subject).first())
    if profile is None:
        try:
            with transaction.atomic():
                return _create("sfrz", first_name=name, oidc_issuer=issuer, oidc_subject=subject)
        except IntegrityError:
            profile = (CitizenProfile.objects.select_related("user")
                       .filter(oidc_issuer=issuer, oidc_subject=subject).first())
    user = profile.user if profile else None
    if not may_sign_in(user):
        return None
    if name and user.first_name != name[:150]:  # the provider's record is the authority on the name
        user.first_name = name[:150]
        user.save(update_fields=["first_name"])
    return user
