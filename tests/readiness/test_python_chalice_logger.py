"""Python LMI104 for Chalice's own application logger (corpus_heldout5: simple-file-manager's ``app.log`` on every
route, the liveness backend's ``logging.getLogger('<app_name>')`` in the state functions of a decorator registry).

Chalice's ``Chalice.__init__`` names its logger after ``app_name`` and, unless ``configure_logs=False``, calls
``_configure_logging`` (aws/chalice ``chalice/app.py``): a ``StreamHandler(sys.stdout)`` with
``FORMAT_STRING = '%(name)s - %(levelname)s - %(message)s'`` and ``propagate = False``, so its lines never reach
Lambda's handler and carry no request id. ``Blueprint.log`` is the app's logger once registered (same file)."""

from __future__ import annotations

from tests.readiness._pyhelp import found, lines, project


def _where(result):
    return sorted((f.path, f.line) for f in found(result, "LMI104"))


def test_the_chalice_apps_logger_has_no_request_id(tmp_path):
    result = project(tmp_path, {"app.py": """
        import logging
        from chalice import Chalice

        app = Chalice(app_name="files")
        app.log.setLevel(logging.DEBUG)
        root = logging.getLogger()

        @app.route("/files")
        def list_files():
            app.log.info("listing")
            root.info("root logger: Lambda's handler")
            app.log.info("for %s", app.lambda_context.aws_request_id)
            return []
        """})
    assert lines(result, "LMI104") == [10]
    [finding] = found(result, "LMI104")
    assert "Chalice" in finding.message


def test_a_chalice_app_that_leaves_logging_alone_is_quiet(tmp_path):
    """``configure_logs=False``: Chalice does not call ``_configure_logging``; the logger propagates to Lambda's."""
    result = project(tmp_path, {"app.py": """
        from chalice import Chalice

        app = Chalice(app_name="files", configure_logs=False)

        @app.route("/files")
        def list_files():
            app.log.info("listing")
            return []
        """})
    assert found(result, "LMI104") == []


def test_a_logger_named_after_the_app_and_a_blueprints_logger_are_the_apps(tmp_path):
    result = project(tmp_path, {
        "app.py": """
            from chalice import Chalice
            from chalicelib.routes import bp

            app = Chalice(app_name="liveness-backend", debug=True)
            app.register_blueprint(bp)
            """,
        "chalicelib/__init__.py": "",
        "chalicelib/routes.py": """
            from chalice import Blueprint
            from chalicelib import checks

            bp = Blueprint(__name__)

            @bp.route("/verify")
            def verify():
                bp.log.debug("verifying")
                return checks.check()
            """,
        "chalicelib/checks.py": """
            import logging

            _log = logging.getLogger("liveness-backend")
            _child = logging.getLogger("liveness-backend.checks")
            _other = logging.getLogger(__name__)

            def check():
                _log.info("app's logger")
                _child.info("a child propagates to the app's logger")
                _other.info("propagates to Lambda's handler")
                return True
            """,
    })
    assert _where(result) == [("chalicelib/checks.py", 8), ("chalicelib/checks.py", 9), ("chalicelib/routes.py", 8)]


def test_functions_registered_by_a_decorator_run_where_the_registry_is_read(tmp_path):
    """liveness backend: ``@challenge_state(...)`` stores each state function in a module dict of the framework;
    the route reads the dict and calls what it finds. A function registered in a registry nobody reads per request
    is not request code."""
    result = project(tmp_path, {
        "app.py": """
            from chalice import Chalice
            from chalicelib.framework import bp

            app = Chalice(app_name="svc")
            app.register_blueprint(bp)
            """,
        "chalicelib/__init__.py": "",
        "chalicelib/framework.py": """
            import functools
            from chalice import Blueprint

            bp = Blueprint(__name__)
            _states = dict()
            _unused = []

            def state(kind):
                def decorator(func):
                    @functools.wraps(func)
                    def wrapper(frame):
                        return func(frame)
                    _states[kind] = wrapper
                    return wrapper
                return decorator

            def never_read(func):
                _unused.append(func)
                return func

            @bp.route("/verify")
            def verify():
                current = _states["first"]
                return current({})
            """,
        "chalicelib/pose.py": """
            from chalicelib.framework import state, never_read

            @state("first")
            def first_state(frame):
                print("first state")

            @never_read
            def idle(frame):
                print("not on a request path")
            """,
    })
    assert _where(result) == [("chalicelib/pose.py", 5)]


def test_the_wrapper_a_decorator_returns_runs_with_the_decorated_function(tmp_path):
    """liveness backend: ``@jwt_token_auth`` on a route returns ``inner``, which runs on every request before the
    route (and a decorator factory's innermost wrapper likewise); the decorator's own body runs at import."""
    result = project(tmp_path, {"template.yaml": """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.13
        """, "app.py": """
        import functools

        def auth(func):
            print("decorating: at import")
            @functools.wraps(func)
            def inner(event):
                print("checking the token")
                return func(event)
            return inner

        def retry(times):
            def decorator(func):
                def wrapper(event):
                    print("attempt")
                    return func(event)
                return wrapper
            return decorator

        @auth
        @retry(3)
        def process(event):
            return event

        def handler(event, context):
            return process(event)
        """})
    assert _where(result) == [("app.py", 7), ("app.py", 14)]


def test_only_errors_are_written_at_chalices_default_level(tmp_path):
    """``Chalice._configure_log_level``: ERROR unless ``debug`` is on; info and debug lines are never written then.
    ``app.debug = True`` (or ``Chalice(..., debug=True)``, or ``app.log.setLevel(...)``) writes them."""
    app = """
        from chalice import Chalice

        app = Chalice(app_name="files")
        {setting}

        @app.route("/files")
        def list_files():
            app.log.info("listing")
            app.log.error("failed")
            return []
        """
    assert lines(project(tmp_path / "default", {"app.py": app.format(setting="")}), "LMI104") == [9]
    assert lines(project(tmp_path / "debug", {"app.py": app.format(setting="app.debug = True")}), "LMI104") == [8, 9]


def test_a_line_on_the_chalice_logger_offers_no_patch(tmp_path):
    """Passing the request id with the record (``extra=``) cannot help: Chalice's handler formats the line as
    'name - level - message' and never prints it; and ``context`` in a Chalice project is often the project's own
    object, not Lambda's (corpus_heldout5 liveness backend: ``func(challenge, frame, context)``). The message says
    what to do instead; a print on the same path keeps its patch."""
    result = project(tmp_path, {"app.py": """
        from chalice import Chalice

        app = Chalice(app_name="files")

        def run(frame, context):
            app.log.error("state failed for %s", frame)
            print("state failed", frame)

        @app.lambda_function()
        def step(event, context):
            run(event, context)
        """})
    by_line = {f.line: f for f in found(result, "LMI104")}
    assert sorted(by_line) == [6, 7]
    chalice, printed = by_line[6], by_line[7]
    assert chalice.fix is None and chalice.pending_fix is None
    assert chalice.message.endswith("pass configure_logs=False to Chalice to keep Lambda's handler and its request id")
    assert printed.fix is not None
