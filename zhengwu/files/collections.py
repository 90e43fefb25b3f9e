"""Each agency's documents live in its own Wagtail collection, nested as the agency tree is, so a
role's collection permissions reach the agency's subtree just as its page permissions do."""

from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from wagtail.models import Collection, GroupCollectionPermission

from .models import AgencyCollection
from .permissions import ROLE_DOCUMENT_PERMISSIONS


def root_collection():
    root = Collection.get_first_root_node()
    if root is None:  # a flushed database
        root = Collection.add_root(name="Root")
    return root


def agency_collection(agency):
    """The agency's collection, created on first use under its parent agency's collection."""
    link = AgencyCollection.objects.select_related("collection").filter(agency=agency).first()
    if link is not None:
        collection = link.collection
        if collection.name != agency.name:
            collection.name = agency.name
            collection.save(update_fields=["name"])
        return collection
    parent_agency = agency.get_parent()
    parent = agency_collection(parent_agency) if parent_agency is not None else root_collection()
    try:
        with transaction.atomic():
            collection = parent.add_child(instance=Collection(name=agency.name))
            AgencyCollection.objects.create(agency=agency, collection=collection)
    except IntegrityError:  # created concurrently: use the other one
        return AgencyCollection.objects.select_related("collection").get(agency=agency).collection
    return collection


RESTRICTED_COLLECTION = "受限文件"


def restricted_collection():
    """Where case documents (FOI letters, documents to release) live: a collection no group holds
    permissions on, so they appear in nobody's document library; downloads go by the document's roles."""
    root = root_collection()
    found = root.get_children().filter(name=RESTRICTED_COLLECTION).first()
    return found or root.add_child(instance=Collection(name=RESTRICTED_COLLECTION))


def agency_for_collection(collection):
    link = AgencyCollection.objects.select_related("agency").filter(collection=collection).first()
    return link.agency if link else None


def document_permissions(role):
    return ROLE_DOCUMENT_PERMISSIONS.get(role, [])


def grant_collection_permissions(group, agency, role):
    """Give an agency role group its role's document permissions on the agency's collection."""
    codenames = document_permissions(role)
    if not codenames:
        return
    collection = agency_collection(agency)
    for permission in Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=codenames):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
