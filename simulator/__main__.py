"""Command line: ``python -m simulator --port PORT --tenants N --seed S --latency-ms L``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from simulator._app import build_hierarchy, create_app
from simulator._config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SimulatorConfig
from simulator._faults import FaultError, parse_fault_option

LISTEN_HOST = "127.0.0.1"
LOGGER = logging.getLogger("simulator")


class _Server(uvicorn.Server):
    """A uvicorn server that stops on SIGINT or SIGTERM and then returns normally.

    uvicorn 0.55 re-raises the captured signal after its graceful shutdown, and that kills
    the process before the ready file is removed. This subclass only records the stop.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        previous = {number: signal.signal(number, self.handle_exit)
                    for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more, got %d" % value)
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description="Serve a simulated Prisma SASE auth service and Aggregate Monitoring API "
                    "on %s." % LISTEN_HOST)
    parser.add_argument("--port", type=_non_negative, default=8443,
                        help="TCP port to listen on; 0 picks a free port (default 8443)")
    parser.add_argument("--ready-file", type=Path,
                        help="write the bound port to this file once connections are accepted")

    parser.add_argument("--tenants", type=_non_negative, default=50,
                        help="customer tenants to generate under the MSSP root (default 50)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the generated hierarchy and metrics (default 1)")

    parser.add_argument("--hierarchy", type=Path,
                        help="serve this tenant hierarchy (JSON shaped like the hierarchy "
                             "operation's response) instead of generating one")
    parser.add_argument("--latency-ms", type=_non_negative, default=0,
                        help="delay added to every API response, in milliseconds (default 0)")
    parser.add_argument("--token-latency-ms", type=_non_negative, default=0,
                        help="delay added to every token response, in milliseconds")
    parser.add_argument("--token-lifetime", type=_non_negative, default=900,
                        help="lifetime of issued tokens, in seconds (default 900)")
    parser.add_argument("--token-max-requests", type=_non_negative,
                        help="reject a token with 401 after this many API requests")

    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID,
                        help="accepted client id (default %s)" % DEFAULT_CLIENT_ID)
    parser.add_argument("--client-secret", default=DEFAULT_CLIENT_SECRET,
                        help="accepted client secret (default: the demo secret)")

    parser.add_argument("--fault", action="append", default=[], metavar="KIND[,KEY=VALUE...]",
                        help="inject a fault; repeatable. Example: "
                             "rate_limit,operation=alerts.list,times=2,retry_after=2 "
                             "(see simulator/README.md)")
    parser.add_argument("--hostile", action="store_true",
                        help="put formula text, markup, control characters and very long "
                             "values into names and data text")
    parser.add_argument("--log-level", default="warning",
                        choices=("debug", "info", "warning", "error"),
                        help="log level of the simulator and uvicorn (default warning)")
    return parser


def config_from_arguments(arguments: argparse.Namespace) -> SimulatorConfig:
    try:
        faults = [parse_fault_option(text) for text in arguments.fault]
    except FaultError as error:
        raise SystemExit("simulator: invalid --fault: %s" % error) from None
    return SimulatorConfig(
        tenants=arguments.tenants, seed=arguments.seed, latency_ms=arguments.latency_ms,
        hierarchy_file=arguments.hierarchy, client_id=arguments.client_id,
        client_secret=arguments.client_secret, token_lifetime_s=arguments.token_lifetime,
        token_latency_ms=arguments.token_latency_ms,
        token_max_requests=arguments.token_max_requests, hostile=arguments.hostile,
        faults=faults)


async def _write_ready_file(server: uvicorn.Server, path: Path, port: int) -> None:
    while not server.started:
        if server.should_exit:
            return
        await asyncio.sleep(0.02)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("%d\n" % port, encoding="ascii")
    os.replace(temporary, path)


async def _serve(server: uvicorn.Server, listener: socket.socket, ready_file: Path | None,
                 port: int) -> None:
    tasks = [asyncio.create_task(server.serve(sockets=[listener]))]
    if ready_file is not None:
        tasks.append(asyncio.create_task(_write_ready_file(server, ready_file, port)))
    await asyncio.gather(*tasks)


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    logging.basicConfig(level=arguments.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = config_from_arguments(arguments)
    try:
        hierarchy = build_hierarchy(config)
    except ValueError as error:
        print("simulator: %s" % error, file=sys.stderr)
        return 2
    app = create_app(config, hierarchy)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((LISTEN_HOST, arguments.port))
    except OSError as error:
        print("simulator: cannot listen on %s:%d: %s" % (LISTEN_HOST, arguments.port, error),
              file=sys.stderr)
        return 2
    port = listener.getsockname()[1]

    print("Simulator listening on http://%s:%d" % (LISTEN_HOST, port))
    print("  token URL:     http://%s:%d/oauth2/access_token" % (LISTEN_HOST, port))
    print("  client id:     %s" % config.client_id)
    if config.client_secret == DEFAULT_CLIENT_SECRET:
        print("  client secret: %s" % config.client_secret)
    else:
        print("  client secret: (as given with --client-secret)")
    print("  root TSG id:   %s (%d tenants)" % (hierarchy.root.tsg_id, len(hierarchy)),
          flush=True)

    # On SIGINT or SIGTERM the server stops accepting, finishes open requests and returns.
    server = _Server(uvicorn.Config(app, log_level=arguments.log_level,
                                    access_log=arguments.log_level == "debug"))
    try:
        asyncio.run(_serve(server, listener, arguments.ready_file, port))
    finally:
        listener.close()
        if arguments.ready_file is not None:
            arguments.ready_file.unlink(missing_ok=True)
    LOGGER.info("simulator on port %d stopped", port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
