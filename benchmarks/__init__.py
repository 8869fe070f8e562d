"""mailbot's benchmarks: measurements against the same private Dovecot and SMTP server as the tests.

``python -m benchmarks`` runs all four (throughput against a floor, intake latency, peak
memory, digest build time) and prints a table for each and a summary of the targets.
Nothing here is a test: a missed target is reported, never raised.
"""
