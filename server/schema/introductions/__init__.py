"""Introductions: introducing two people one is connected with, and answering one."""
