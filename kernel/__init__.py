"""The worker's Python: what runs a lesson's cells, widgets and exercises in the browser and at build time.

cells (run a cell like a notebook, trimmed tracebacks), output (batched,
capped output), widget_spec (every widget key and its default, declared
once), widgets (a widget's state and replies), scopes (each widget cell's
own values), exercises (run an exercise's check), session (the methods the
worker may call, listed in METHODS), notebook (the same widgets and checks in
a downloaded Jupyter notebook). Imports engine, checks and figures; nothing
imports kernel but the worker, the builder, notebooks and the tests.
"""
