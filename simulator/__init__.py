"""Local stand-in for the Prisma SASE auth service and the Aggregate Monitoring API.

Run it with ``python -m simulator --port PORT --tenants N --seed S --latency-ms L`` from the
repository root. It listens on 127.0.0.1 only; see simulator/README.md.
"""
