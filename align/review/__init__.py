"""A reviewer's edits, sessions, highlighting and terminal layout of beads."""
