"""Storage of the Chinese search index (see README.md).

Document: one row per indexed object (content type + object id) with the compact normalised text
used to verify phrases and the token count used by BM25. The full-text structure itself is
vendor-specific and created by migration 0001: an FTS5 table `zhengwu_search_fts` (rowid = Document
id) on SQLite, a `tsv` tsvector column with a GIN index on PostgreSQL.

ChampionList / Champion / ChampionCount: impact-ordered champion lists for high-document-frequency
terms (the top documents of the term by its BM25 impact) and exact per-content-type document counts
for those terms, maintained at index time.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class Document(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=50)
    length = models.IntegerField(default=0)  # tokens in all columns: BM25's document length
    title = models.TextField(blank=True)  # compact normalised text, for phrase verification
    body = models.TextField(blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        db_table = "zhengwu_search_document"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="zw_search_doc_uniq")]
        # Small columns first: SQLite reads them without touching the overflow pages of the text.
        indexes = [models.Index(fields=["length"], name="zw_search_doc_length")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class ChampionList(models.Model):
    term = models.CharField(max_length=100, primary_key=True)
    avgdl = models.FloatField()
    floor = models.FloatField(default=0.0)
    size = models.IntegerField(default=0)

    class Meta:
        db_table = "zhengwu_search_champion_list"

    def __str__(self):
        return self.term


class Champion(models.Model):
    term = models.CharField(max_length=100)
    document_id = models.BigIntegerField()
    content_type_id = models.IntegerField()
    impact = models.FloatField()

    class Meta:
        db_table = "zhengwu_search_champion"
        indexes = [
            models.Index(fields=["term", "-impact"], name="zw_search_champ_term"),
            models.Index(fields=["document_id"], name="zw_search_champ_doc"),
        ]

    def __str__(self):
        return f"{self.term}:{self.document_id}"


class ChampionCount(models.Model):
    term = models.CharField(max_length=100)
    content_type_id = models.IntegerField()
    df = models.IntegerField(default=0)

    class Meta:
        db_table = "zhengwu_search_champion_count"
        constraints = [models.UniqueConstraint(fields=["term", "content_type_id"], name="zw_search_cc_uniq")]

    def __str__(self):
        return f"{self.term}:{self.content_type_id}={self.df}"


class IndexStats(models.Model):
    """Collection totals for BM25 (documents, tokens), kept by every add/replace/delete: one row."""

    documents = models.BigIntegerField(default=0)
    tokens = models.BigIntegerField(default=0)

    class Meta:
        db_table = "zhengwu_search_stats"

    def __str__(self):
        return f"{self.documents} documents, {self.tokens} tokens"
