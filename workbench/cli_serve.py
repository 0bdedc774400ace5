"""`lmi-workbench serve`: the same workbench in a browser, for pairing partners who cannot SSH in.

textual-serve runs one workbench process per browser connection; each opens the same session store, so the
browser and every terminal on the session see each other's changes through the store's change feed.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

from workbench.cli_common import (
    EXIT_OK,
    CliError,
    build_config,
    ensure_demo,
    open_store,
    prepare_store_location,
)

NAME = "serve"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (1-65535)")
    return port


def register(subparsers: argparse._SubParsersAction, parents) -> None:
    parser = subparsers.add_parser(
        NAME,
        parents=[parents.session, parents.author, parents.app],
        help="serve the workbench in a web browser (for pairing partners who cannot SSH in)",
        description="Serve the workbench in a web browser through textual-serve. Every browser tab runs its "
                    "own workbench on the same session store. Listens on 127.0.0.1 only, unless --host says "
                    "otherwise.",
    )
    net = parser.add_argument_group("network")
    net.add_argument("--host", metavar="ADDRESS", default=DEFAULT_HOST,
                     help=f"address to listen on (default {DEFAULT_HOST}: this machine only). Anything else "
                          "exposes the session to the network; consider --readonly")
    net.add_argument("--port", metavar="PORT", type=port_number, default=DEFAULT_PORT,
                     help=f"TCP port to listen on (default {DEFAULT_PORT})")
    net.add_argument("--public-url", metavar="URL",
                     help="the address browsers use to reach this server, when it differs from "
                          "http://HOST:PORT (behind a proxy, or when listening on 0.0.0.0)")
    parser.set_defaults(handler=run)


# --- pieces, kept separate so they can be tested without starting a server -------------------------------------


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    """The URL a browser opens: IPv6 addresses in brackets, a wildcard address replaced by this host's name."""
    if is_wildcard(host):
        import socket

        host = socket.gethostname() or "localhost"
    else:
        try:
            if ipaddress.ip_address(host.strip("[]")).version == 6:
                host = f"[{host.strip('[]')}]"
        except ValueError:
            pass
    return f"http://{host}:{port}"


def app_command(args: argparse.Namespace, config) -> list[str]:
    """The command textual-serve runs for each browser connection: this Python, this package, these options."""
    command = [sys.executable, "-m", "workbench.cli", "--session", config.session, "--as", config.author]
    if args.store is not None:
        command += ["--store", str(config.resolved_store_path())]
    if config.readonly:
        command.append("--readonly")
    if config.demo:
        command.append("--demo")
    if config.theme:
        command += ["--theme", config.theme]
    if config.keymap_path is not None:
        command += ["--keymap", str(config.keymap_path)]
    aws = config.aws
    # Only what was given on the command line: the children inherit the environment (AWS_PROFILE and so on).
    for option, value in (("--profile", args.profile), ("--region", args.region),
                          ("--endpoint-url", args.endpoint_url)):
        if value:
            command += [option, value]
    if aws.offline:
        command.append("--offline")
    return command


def exposure_warning(host: str, readonly: bool) -> str | None:
    if is_loopback(host):
        return None
    lines = [
        f"WARNING: listening on {host}, not on this machine only: anyone who can reach this address can open "
        "the session in a browser, with no login, and act as its author.",
    ]
    if not readonly:
        lines.append("Consider --readonly so that viewers cannot change the review, and a firewall or SSH tunnel.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    config = build_config(args)
    path = config.resolved_store_path()
    prepare_store_location(path, user_given=args.store is not None)
    # Open the store once here so a bad path is reported in this terminal, not in every browser tab.
    if config.demo:
        ensure_demo(config)
    open_store(path, author=config.author, readonly=config.readonly, session=config.session).close()

    command = shlex.join(app_command(args, config))
    url = args.public_url or url_for(args.host, args.port)
    warning = exposure_warning(args.host, config.readonly)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    print(f"Serving LMI Workbench session {config.session!r} ({path}) at {url}", flush=True)
    print("Open that address in a browser; press Ctrl+C here to stop.", flush=True)

    from textual_serve.server import Server

    server = Server(command, host=args.host, port=args.port,
                    title=f"LMI Workbench · {config.session}", public_url=url)
    try:
        server.serve()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CliError(f"cannot listen on {args.host}:{args.port}: {reason} (choose another --port or --host)")
    return EXIT_OK
