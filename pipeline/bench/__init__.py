"""Benchmarks behind ``make bench``: each module's ``run()`` returns table rows.

Speed and quality targets are checked here, not in timed tests, because a
test machine's load makes timings flaky while a benchmark reports them.
"""


def run_section(name: str) -> list[dict]:
    """Run ``pipeline.bench.<name>.run()``; importable, so a spawned process can call it."""
    import importlib

    return importlib.import_module(f"pipeline.bench.{name}").run()
