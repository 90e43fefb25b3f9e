from zhengwu.services.tests.conftest import hall  # noqa: F401  (the service hall fixture, shared)
