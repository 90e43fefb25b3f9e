from .pages import (
    DisclosureCatalogPage,
    DisclosureItemPage,
    DisclosureSectionPage,
    ItemAttachment,
    MajorProjectIndexPage,
    MajorProjectPage,
    ProjectStage,
    Validity,
)
from .review import SecrecyReview, SecrecyReviewTask
from .taxonomies import Genre, ServiceObject, StatutoryCategory, Theme

__all__ = [
    "DisclosureCatalogPage", "DisclosureItemPage", "DisclosureSectionPage", "Genre", "ItemAttachment",
    "MajorProjectIndexPage", "MajorProjectPage", "ProjectStage", "SecrecyReview", "SecrecyReviewTask",
    "ServiceObject", "StatutoryCategory", "Theme", "Validity",
]
