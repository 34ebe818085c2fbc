"""Benchmarks behind ``make bench``: each module's ``run()`` returns table rows.

Speed and quality targets are checked here, not in timed tests, because a
test machine's load makes timings flaky while a benchmark reports them.
"""
