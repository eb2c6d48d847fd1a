"""The worker's Python: what runs a lesson's cells, widgets and exercises in the browser and at build time.

cells (run a cell like a notebook, trimmed tracebacks), output (batched,
capped output), widget_spec (every widget key and its default, declared
once), widgets (a widget's state and replies), scopes (each widget cell's
own values), exercises (run an exercise's check), session (the methods the
worker may call, listed in METHODS). Imports engine, checks and figures;
nothing imports kernel but the worker, the builder and the tests.
"""
