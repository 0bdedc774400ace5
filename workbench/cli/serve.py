"""`lmi-workbench serve`: the same workbench in a browser, for pairing partners who cannot SSH in.

textual-serve runs one workbench process per browser connection; each opens the same session store, so the
browser and every terminal on the session see each other's changes through the store's change feed.

Each visitor says who they are: the page asks for a name (or takes it from the address, ``/?as=NAME``), and
that visitor's workbench runs as that author (``--as NAME``), so presence, the audit log and the review's
decisions name the person, not the host's user. With ``--readonly`` every visitor is a read-only viewer and is
listed as such.
"""

from __future__ import annotations

import argparse
import html
import ipaddress
import re
import shlex
import sys
from typing import Any

from workbench.cli.common import (
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


NAME_PATTERN = re.compile(r"^[\w .@'-]{1,40}$")


def visitor_name(text: str | None) -> str | None:
    """A visitor's name as given (the ``as`` query parameter): 1-40 letters, digits, spaces or ``. @ ' - _``;
    None for anything else (nothing given, control characters, markup, a name that is only spaces)."""
    if text is None:
        return None
    name = " ".join(text.split())
    if not name or not NAME_PATTERN.match(name) or not any(c.isalnum() for c in name):
        return None
    return name


def visitor_command(base: list[str], name: str) -> str:
    """The host's app command with this visitor as the author (``--as NAME``), as one shell-quoted string."""
    command = list(base)
    if "--as" in command:
        command[command.index("--as") + 1] = name
    else:
        command += ["--as", name]
    return shlex.join(command)


def name_page(title: str, given: str | None = None) -> str:
    """The page that asks a visitor for their name before their workbench starts."""
    problem = ""
    if given is not None:
        problem = (f'<p class="problem">"{html.escape(given[:60])}" cannot be used as a name: use 1–40 letters, '
                   "digits, spaces or . @ ' - _</p>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.5}}
.problem{{color:#b00020}}input{{font-size:1.1em}}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Who are you? Your name is shown to your partners (presence) and recorded as the author of your changes
in the review's audit log.</p>{problem}
<form method="get" action="/"><label for="as">Your name</label>
<input id="as" name="as" required maxlength="40" autofocus autocomplete="name">
<button type="submit">Open the workbench</button></form>
<p>Tip: bookmark <code>/?as=YOUR-NAME</code> to skip this page.</p></body></html>
"""


def visitor_server(base: list[str], *, host: str, port: int, title: str, public_url: str):
    """A textual-serve Server that runs each browser visitor's workbench as that visitor (see the module doc).

    ``/`` asks for a name (or takes ``?as=NAME``); the page then connects its terminal to ``/ws/as/NAME``, and
    that connection's workbench runs ``base`` with ``--as NAME``. A connection without a valid name is refused.
    """
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server, to_int

    class VisitorServer(Server):
        async def _make_app(self) -> web.Application:
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.handle_visitor, name="index"),
                web.get("/ws/as/{name}", self.handle_visitor_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=True, name="static"),
            ])
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def handle_visitor(self, request: web.Request) -> web.StreamResponse:
            given = request.query.get("as")
            name = visitor_name(given)
            if name is None:
                return web.Response(text=name_page(self.title, given), content_type="text/html")
            path = request.app.router["websocket"].url_for(name=name)
            scheme = "wss:" if self.public_url.startswith("https") else "ws:"
            context: dict[str, Any] = {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": scheme + f"{self.public_url}{path}".split(":", 1)[1],
                "config": {"static": {"url": f"{self.public_url}/static/"}},
                "application": {"name": f"{self.title} · {name}"},
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def handle_visitor_websocket(self, request: web.Request) -> web.StreamResponse:
            name = visitor_name(request.match_info.get("name"))
            if name is None:
                raise web.HTTPBadRequest(text="a name is needed: open / and say who you are")
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            service: AppService | None = None

            async def close() -> None:  # AppService awaits it for nothing; WebSocketResponse.close says a bool
                await websocket.close()

            try:
                await websocket.prepare(request)
                service = AppService(visitor_command(base, name), write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=close,
                                     download_manager=self.download_manager, debug=self.debug)
                await service.start(width, height)
                await self._process_messages(websocket, service)
            except Exception as error:  # the visitor's page shows the connection ended; the server goes on
                if not isinstance(error, ConnectionError):
                    import logging

                    logging.getLogger(__name__).exception(error)
            finally:
                if service is not None:
                    await service.stop()
            return websocket

    return VisitorServer(shlex.join(base), host=host, port=port, title=title, public_url=public_url)


def exposure_warning(host: str, readonly: bool) -> str | None:
    if is_loopback(host):
        return None
    lines = [
        f"WARNING: listening on {host}, not on this machine only: anyone who can reach this address can open "
        "the session in a browser, with no login, under any name they give.",
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

    base = app_command(args, config)
    url = args.public_url or url_for(args.host, args.port)
    warning = exposure_warning(args.host, config.readonly)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    print(f"Serving LMI Workbench session {config.session!r} ({path}) at {url}", flush=True)
    print("Open that address in a browser (each visitor is asked for a name; or add ?as=NAME); press Ctrl+C "
          "here to stop.", flush=True)
    server = visitor_server(base, host=args.host, port=args.port, title=f"LMI Workbench · {config.session}",
                            public_url=url)
    try:
        server.serve()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CliError(f"cannot listen on {args.host}:{args.port}: {reason} (choose another --port or --host)")
    return EXIT_OK
