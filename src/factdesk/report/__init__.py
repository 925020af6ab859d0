"""Rendering results for people and programs: terminal text and JSON."""
