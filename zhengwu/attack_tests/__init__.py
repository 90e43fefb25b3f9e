"""Tests that attack (issue 21): the authorisation matrix over every staff URL and API route, the OpenAPI fuzzer,
and the interactive API docs served without any outside host."""
