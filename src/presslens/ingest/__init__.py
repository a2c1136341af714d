"""Ingest: files, folders and records in; cleaned articles with metadata and content ids out."""

from presslens.ingest.cleaning import CleanedText, clean_text, is_boilerplate, split_tag_line
from presslens.ingest.readers import (
    SUPPORTED_SUFFIXES,
    InputSkipped,
    RawArticle,
    article_from_html,
    article_from_record,
    article_from_text,
    content_id,
    read_file,
    read_inputs,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "CleanedText",
    "InputSkipped",
    "RawArticle",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "clean_text",
    "content_id",
    "is_boilerplate",
    "read_file",
    "read_inputs",
    "split_tag_line",
]
