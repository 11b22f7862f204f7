"""Readers (text with a dateline header, JSON Lines, stdin) and writers (JSON, report)."""
