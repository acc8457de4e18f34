"""Arrow schemas of every table: the single declaration that the writer, the loader and the
Hugging Face features are all derived from. Required contract columns come first.

Each table's block belongs to the module that fills it; add columns there, rename none of
the contract's (see ``shared/contract/SCHEMA.md``)."""
from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us")

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("outlet", pa.string()),
        ("published", TIMESTAMP),
        ("published_raw", pa.string()),
        ("tags", pa.string()),
        ("site_name", pa.string()),
        ("source", pa.string()),
        ("author", pa.string()),
        ("language", pa.string()),
        ("n_paragraphs", pa.int32()),
        ("n_words", pa.int32()),
        ("n_related", pa.int32()),
        ("source_file", pa.string()),
        ("record_index", pa.int64()),
        ("format", pa.string()),
        ("content_hash", pa.string()),
        ("crawled", TIMESTAMP),  # when a crawler fetched the page (not the publication date)
        ("syria_score", pa.float32()),  # Syria signals in headline and lead (syrianews.syria)
        ("syria", pa.bool_()),  # syria_score at the threshold, with a strong signal
        ("story_id", pa.string()),  # near-duplicate cluster (wire copies): article_id of its first article
    ]
)

LINKS = pa.schema(
    [
        ("article_id", pa.string()),
        ("position", pa.int32()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("target_article_id", pa.string()),
    ]
)

REJECTS = pa.schema(
    [
        ("source_file", pa.string()),
        ("record_index", pa.int64()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("snippet", pa.string()),
        ("duplicate_of", pa.string()),  # article_id kept, for reason "duplicate"
        ("url", pa.string()),
    ]
)

ACTORS = pa.schema(
    [
        ("actor_id", pa.string()),
        ("type", pa.string()),
        ("name_en", pa.string()),
        ("name_ar", pa.string()),
        ("affiliation", pa.string()),
        ("wikidata_id", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("nisba", pa.list_(pa.string())),  # adjectives as catalogued; inflections are generated
        ("capitals", pa.list_(pa.string())),  # capitals that stand for the government
        ("origin", pa.string()),  # catalogue file:line that defined the actor
        ("n_articles", pa.int64()),
        ("n_mentions", pa.int64()),
    ]
)

MENTIONS = pa.schema(
    [
        ("mention_id", pa.string()),
        ("article_id", pa.string()),
        ("actor_id", pa.string()),
        ("surface", pa.string()),
        ("start", pa.int32()),  # offsets into body, or into title when in_title
        ("end", pa.int32()),
        ("paragraph", pa.int32()),  # null for title mentions
        ("in_title", pa.bool_()),
        ("form", pa.string()),  # name, alias, nisba, capital, ...
    ]
)

QUOTES = pa.schema(
    [
        ("quote_id", pa.string()),
        ("article_id", pa.string()),
        ("kind", pa.string()),
        ("text", pa.string()),
        ("speaker", pa.string()),
        ("speaker_actor_id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("verb", pa.string()),
        ("speech_act", pa.string()),
        ("paragraph", pa.int32()),
        ("sentence", pa.string()),
        ("speaker_surface", pa.string()),  # the speaker as written at the attribution
        ("speaker_rule", pa.string()),  # how the speaker was found: subject_after, parenthesis, continuation, ...
        ("verb_start", pa.int32()),  # offset of the verb of saying in body (null: no verb, a continuation)
        ("speaker_start", pa.int32()),  # offsets in body of the phrase that names the speaker
        ("speaker_end", pa.int32()),
        ("n_words", pa.int32()),
    ]
)

ACCUSATIONS = pa.schema(
    [
        ("accusation_id", pa.string()),
        ("article_id", pa.string()),
        ("kind", pa.string()),
        ("cameo", pa.string()),
        ("accuser", pa.string()),
        ("accuser_actor_id", pa.string()),
        ("accused", pa.string()),
        ("accused_actor_id", pa.string()),
        ("trigger", pa.string()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("in_title", pa.bool_()),
        ("claim", pa.string()),
        ("sentence", pa.string()),
        ("paragraph", pa.int32()),
        ("negated", pa.bool_()),
        ("quote_id", pa.string()),
        ("answers_accusation_id", pa.string()),
        ("n_occurrences", pa.int32()),  # times the article repeats this (kind, accuser, accused)
        ("accuser_body_id", pa.string()),  # the state body (RUS_MOD) or uncatalogued official (PESKOV) behind accuser_actor_id
        ("accused_body_id", pa.string()),
    ]
)

ERRORS = pa.schema(
    [
        ("article_id", pa.string()),
        ("extractor", pa.string()),  # the extractor that failed; the article and the others' rows are kept
        ("error_type", pa.string()),
        ("message", pa.string()),
        ("source_file", pa.string()),
        ("record_index", pa.int64()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "quotes": QUOTES,
    "actors": ACTORS,
    "mentions": MENTIONS,
    "accusations": ACCUSATIONS,
    "links": LINKS,
    "rejects": REJECTS,
    "errors": ERRORS,
}

DESCRIPTIONS: dict[str, str] = {
    "articles": "One row per article: metadata, headline and body (paragraphs joined by newlines).",
    "quotes": "One row per direct or indirect quote, with its speaker and the actor the speaker is or speaks for.",
    "actors": "The actor catalogue, with counts of articles and mentions in this build.",
    "mentions": "One row per mention of a catalogue actor; offsets index the body (or the title when in_title).",
    "accusations": "One row per act of accusing, denying or condemning between actors, with CAMEO codes.",
    "links": "One row per related-article link listed under an article.",
    "rejects": "One row per raw record (or file) that did not become an article, with the reason.",
    "errors": "One row per extractor that failed on an article: the article is kept with the other extractors' rows.",
}


def empty_table(name: str) -> pa.Table:
    return TABLES[name].empty_table()


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) to a table of the declared schema; missing keys become nulls."""
    schema = TABLES[name]
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.table(cols, schema=schema)
