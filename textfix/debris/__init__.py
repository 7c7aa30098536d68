"""Debris: markup remnants, datelines, bylines, related-article blocks, site chrome, captions, credits.

``patterns`` holds the strong evidence (markup, known widget and credit lines); the line
model scores what the patterns do not know.
"""

from __future__ import annotations

from .patterns import MARKUP, byline_suffix, classify_paragraph, is_headline_like

__all__ = ["MARKUP", "byline_suffix", "classify_paragraph", "is_headline_like"]
