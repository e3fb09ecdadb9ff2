"""Introductions: one person introducing two others they are connected with."""
