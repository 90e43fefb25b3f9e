"""Test support: the prepared test tree, built once per test database, and the snapshot that brings it back
after a test that commits (see docs/testing.md)."""
