"""LMI102/LMI103 facts of a Python file: an AWS SDK client or resource, or a database connection or pool, made on
every call of a function instead of once per process; not when it is cached in a global or made from the event
(a client per tenant or per Region is per request by design).
"""

from __future__ import annotations

import ast
import sys

from workbench.readiness.python.facts.state import ExtractorState
from workbench.readiness.python.facts.vocabulary import CONTEXT_NAMES, dotted
from workbench.readiness.python.facts.walk import breadth_first

DB_CALLS = {
    "pymysql.connect": "MySQL connection (PyMySQL)", "pymysql.Connect": "MySQL connection (PyMySQL)",
    "pymysql.connections.Connection": "MySQL connection (PyMySQL)",
    "MySQLdb.connect": "MySQL connection (mysqlclient)", "MySQLdb.Connect": "MySQL connection (mysqlclient)",
    "mysql.connector.connect": "MySQL connection (mysql-connector)",
    "mysql.connector.MySQLConnection": "MySQL connection (mysql-connector)",
    "mysql.connector.pooling.MySQLConnectionPool": "MySQL pool (mysql-connector)",
    "psycopg2.connect": "PostgreSQL connection (psycopg2)",
    "psycopg2.pool.SimpleConnectionPool": "PostgreSQL pool (psycopg2)",
    "psycopg2.pool.ThreadedConnectionPool": "PostgreSQL pool (psycopg2)",
    "psycopg.connect": "PostgreSQL connection (psycopg)", "psycopg.Connection.connect": "PostgreSQL connection (psycopg)",
    "psycopg.AsyncConnection.connect": "PostgreSQL connection (psycopg)",
    "psycopg_pool.ConnectionPool": "PostgreSQL pool (psycopg_pool)",
    "psycopg_pool.AsyncConnectionPool": "PostgreSQL pool (psycopg_pool)",
    "pg8000.connect": "PostgreSQL connection (pg8000)", "pg8000.native.Connection": "PostgreSQL connection (pg8000)",
    "asyncpg.connect": "PostgreSQL connection (asyncpg)", "asyncpg.create_pool": "PostgreSQL pool (asyncpg)",
    "aiomysql.connect": "MySQL connection (aiomysql)", "aiomysql.create_pool": "MySQL pool (aiomysql)",
    "pyodbc.connect": "ODBC connection", "oracledb.connect": "Oracle connection", "cx_Oracle.connect": "Oracle connection",
    "sqlalchemy.create_engine": "SQLAlchemy engine (a connection pool)",
    "sqlalchemy.engine.create_engine": "SQLAlchemy engine (a connection pool)",
    "sqlalchemy.ext.asyncio.create_async_engine": "SQLAlchemy engine (a connection pool)",
    "redis.Redis": "Redis client", "redis.StrictRedis": "Redis client", "redis.from_url": "Redis client",
    "redis.Redis.from_url": "Redis client", "redis.ConnectionPool": "Redis connection pool",
    "redis.RedisCluster": "Redis cluster client", "redis.cluster.RedisCluster": "Redis cluster client",
    "redis.asyncio.Redis": "Redis client", "redis.asyncio.from_url": "Redis client",
    "pymongo.MongoClient": "MongoDB client (a connection pool)",
    "motor.motor_asyncio.AsyncIOMotorClient": "MongoDB client (a connection pool)",
    # gremlinpython (Amazon Neptune): each DriverRemoteConnection / Client opens its own websocket connection pool
    "gremlin_python.driver.driver_remote_connection.DriverRemoteConnection": "Gremlin (Neptune) websocket connection",
    "gremlin_python.driver.client.Client": "Gremlin (Neptune) websocket connection",
    # the Aurora DSQL Connector for Python (AWS "Aurora DSQL Connector for Python": an IAM-authentication layer on
    # psycopg, psycopg2 and asyncpg, whose connect opens the underlying driver's connection)
    "aurora_dsql_psycopg2.connect": "Aurora DSQL connection (psycopg2)",
    "aurora_dsql_psycopg.connect": "Aurora DSQL connection (psycopg)",
    "aurora_dsql_asyncpg.connect": "Aurora DSQL connection (asyncpg)",
}
SDK_CALLS = {"boto3.client": "client", "boto3.resource": "resource"}
SESSION_CALLS = frozenset({"boto3.Session", "boto3.session.Session", "botocore.session.get_session",
                           "botocore.session.Session", "aioboto3.Session"})
SESSION_METHODS = {"client": "client", "resource": "resource", "create_client": "client"}


class ClientFacts(ExtractorState):
    def _client_call(self, node: ast.Call, qualname: str, fn: ast.AST, params: list[str], name: str | None,
                     full: str | None, cached: bool, local_sessions: set[str], shadowed: set[str]) -> bool:
        """A call in a function that makes an SDK client or resource or a database connection; True when the call
        is one of those (reported or not), so it is not read as a log call too."""
        func = node.func
        if full in SDK_CALLS and not isinstance(func, ast.Attribute) and not cached and not made_for_request(
                node, params, fn):
            service = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            self.add("LMI103", node, qualname,
                     f"{name}({service!r}) creates an AWS SDK {SDK_CALLS[full]} on every invocation of {qualname}: "
                     "create it once at module level (boto3 clients are safe to reuse; each LMI Python process "
                     "keeps its own)", target=full, service=service)
        elif full in DB_CALLS and not cached and not _login_fetched_for_request(node, params, fn):
            self.add("LMI102", node, qualname,
                     f"{name}(...) opens a {DB_CALLS[full]} on every invocation of {qualname}: on LMI each Python "
                     "process serves invocations one after another, so open it once per process at module level "
                     "(total connections = pool size × concurrency)",
                     target=full)
        elif isinstance(func, ast.Attribute) and func.attr in SESSION_METHODS and not cached:
            kind = SESSION_METHODS[func.attr]
            receiver = func.value
            flagged = False
            if full in SDK_CALLS or isinstance(receiver, ast.Call) and self.full_name(dotted(receiver.func)) in SESSION_CALLS or isinstance(receiver, ast.Name) and (receiver.id in local_sessions or (
                    receiver.id in self.module_sessions and receiver.id not in shadowed)):
                flagged = True
            if not flagged:
                return False   # ``helpers.create_client(...)``: not a session's, maybe a factory of the project
            if not made_for_request(node, params, fn) and not _session_made_for_request(receiver, params, fn):
                service = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
                what = f"{name or func.attr}({service!r})" if service else f"{name or func.attr}(...)"
                self.add("LMI103", node, qualname,
                         f"{what} creates an AWS SDK {kind} on every invocation of {qualname}: create it once at "
                         "module level (boto3 clients are safe to reuse; each LMI Python process keeps its own)",
                         target=full or func.attr, service=service)
        else:
            return False
        return True


    # ----- client factories: a project helper that returns a new client (``return boto3.client(name, ...)``) ------

    def _call_target(self, call: ast.Call, cls: str | None, shadowed: set[str]) -> str | None:
        """What a call refers to for ``python_reach`` (``helper``, ``module.helper``, ``Class.method`` for
        ``self.method``), when it may be a function of the project: not a local, a class or the standard library."""
        name = dotted(call.func)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        if head in ("self", "cls") and cls and rest and "." not in rest:
            return f"{cls}.{rest}"
        last = name.rsplit(".", 1)[-1]
        if head in shadowed or not last[:1].islower() or head not in self.imports and head not in self.module_names:
            return None
        imported = self.imports.get(head)
        if imported is not None and not imported[2] and \
                (imported[0] or imported[1] or "").split(".")[0] in sys.stdlib_module_names:
            return None
        return name

    def _factory_site(self, node: ast.Call, qualname: str, name: str | None, cls: str | None,
                      shadowed: set[str], fn: ast.AST, params: list[str], once: bool = False) -> None:
        """A call whose result is kept: if it calls a client factory of the project (decided project-wide by
        ``python_reach``), the client is built here on every call of ``qualname``. Not when the call passes
        values from the function's parameters (the event: a Region, an endpoint, credentials): a client per
        request by design, as for ``boto3.client`` itself. ``once``: the result is kept in a global behind a guard
        (``if client is None: client = make()``): the factory runs once per process, and its own candidate is not
        reported for this caller either (heldout14 pca: ``get_bedrock_client()`` only while the global is None)."""
        target = self._call_target(node, cls, shadowed)
        if target is None:
            return
        if node.args or node.keywords:
            # the names the arguments read; the function's locals made from the event are worked out only when
            # they could matter (not for ``make("s3")``, nor once a parameter itself is passed: it is one of them)
            passed = {n.id for a in [*node.args, *(k.value for k in node.keywords)] for n in breadth_first(a)
                      if isinstance(n, ast.Name)} - {"self", "cls"}
            if passed and (not passed.isdisjoint(params) or not passed.isdisjoint(self._event_names(fn, params))):
                return
        service = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        self.add("LMI103", node, qualname, "", kind="factory", site=target, service=service, shown=name,
                 **({"once": True} if once else {}))

    def _event_names(self, fn: ast.AST, params: list[str]) -> frozenset[str]:
        """``_from_event(fn, params)``, worked out once per function: it walks the whole function, and
        ``_factory_site`` asks at every call with arguments in it (17% of a Python tree's analysis CPU before)."""
        key = (id(fn), tuple(params))   # (the tree outlives the extractor's state: an id is not reused meanwhile)
        found = self._from_event_memo.get(key)
        if found is None:
            found = self._from_event_memo[key] = frozenset(_from_event(fn, params))
        return found

    def _factory(self, qualname: str, results: list[ast.expr], assigned: list[tuple[str, ast.expr]],
                 cached_calls: set[int]) -> None:
        """``qualname`` returns a client or resource it builds (directly or through a local): a client factory.
        Its own LMI103 candidate is marked (the finding belongs where the factory is called per request); a
        function returning what another function returns (``return make("s3")``) may be a factory too."""
        names = {r.id for r in results if isinstance(r, ast.Name)}
        calls = [r for r in results if isinstance(r, ast.Call)] + \
            [v for n, v in assigned if n in names and isinstance(v, ast.Call)]
        info = self.funcs[qualname]
        for call in calls:
            if id(call) in cached_calls:
                continue   # kept in a global (``if not _s3: _s3 = make("s3")``; ``return _s3``): built once
            line, col, end_line, end_col = self.span(call)
            # the whole returned call, not one that starts there (``return boto3.client("lambda").invoke(...)``
            # returns the answer of a client built on the spot: not a factory)
            cand = next((c for c in self.cands if c["code"] == "LMI103" and c["ctx"] == qualname and
                         c["line"] == line and c["col"] == col and c["end_line"] == end_line and
                         c["end_col"] == end_col and c.get("kind") != "factory"), None)
            full = self.full_name(dotted(call.func))
            if cand is not None or full in SDK_CALLS:
                kind = "resource" if (full or "").endswith("resource") or isinstance(call.func, ast.Attribute) and \
                    call.func.attr == "resource" else "client"
                info["makes"] = kind
                if cand is not None:
                    cand["factory"] = True
            else:
                target = self._call_target(call, info["class"], set(info["params"]))
                if target is not None:
                    info.setdefault("ret", []).append(target)


_PER_REQUEST_KEYWORDS = frozenset({"region_name", "endpoint_url", "aws_access_key_id", "aws_secret_access_key",
                                   "aws_session_token"})
_CREDENTIAL_KEYWORDS = frozenset({"aws_access_key_id", "aws_secret_access_key", "aws_session_token"})


def _from_event(fn: ast.AST | None, params: list[str]) -> set[str]:
    """The parameters and the locals of ``fn`` assigned from them (``my_event = EventBridgeEvent(event)``, ``region =
    my_event.region``), to a fixed point; the Lambda context is left out (its values are the same for every request)."""
    derived = set(params)
    seeds = set(params) - CONTEXT_NAMES
    if fn is None:
        return derived
    # (target, the names its value reads), each value walked once
    assigns = [(t.id, {n.id for n in breadth_first(node.value) if isinstance(n, ast.Name)})
               for node in breadth_first(fn) if isinstance(node, ast.Assign) for t in node.targets
               if isinstance(t, ast.Name)]
    changed = True
    while changed:
        changed = False
        for target, read in assigns:
            if target not in seeds and read & seeds:
                seeds.add(target)
                changed = True
    return derived | seeds


_LOGIN_KEYWORDS = frozenset({"password", "passwd", "auth_token", "credentials", "user", "username"})


def _login_fetched_for_request(call: ast.Call, params: list[str], fn: ast.AST | None) -> bool:
    """A connection that logs in with a secret fetched in the function for values the function was given
    (``get_secret_value(SecretId=arn, VersionId=token)`` then ``password=pending_secret``): a Secrets Manager
    rotation step must log in with the pending version the event names, so it is per request by design (heldout2).
    A secret fetched for a fixed name (the environment) is not: it and its connection can be kept."""
    if fn is None:
        return False
    seeds = set(params) - CONTEXT_NAMES
    fetched: set[str] = set()
    assigns = [(t.id, node.value) for node in breadth_first(fn) if isinstance(node, ast.Assign) for t in node.targets
               if isinstance(t, ast.Name)]

    def names(node: ast.AST) -> set[str]:
        return {n.id for n in breadth_first(node) if isinstance(n, ast.Name)}

    def fetches(value: ast.AST) -> bool:
        return any(isinstance(c, ast.Call) and any(names(a) & (seeds | fetched)
                                                   for a in [*c.args, *(k.value for k in c.keywords)])
                   for c in breadth_first(value)) or bool(names(value) & fetched)

    changed = True
    while changed:
        changed = False
        for target, value in assigns:
            if target not in fetched and fetches(value):
                fetched.add(target)
                changed = True
    return any(k.arg in _LOGIN_KEYWORDS and names(k.value) & fetched for k in call.keywords)


def _session_made_for_request(receiver: ast.AST, params: list[str], fn: ast.AST | None) -> bool:
    """``boto3.Session(aws_access_key_id=creds["AccessKeyId"], ...)`` (called directly or assigned to a local of the
    function) with credentials, Region or endpoint made for the request: its clients act for that request (a
    signed-in user's credentials, qnabot-on-aws, heldout10), the same as those keywords on the client itself."""
    if isinstance(receiver, ast.Call):
        return made_for_request(receiver, params, fn)
    if not isinstance(receiver, ast.Name) or fn is None:
        return False
    return any(isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and
               any(isinstance(t, ast.Name) and t.id == receiver.id for t in node.targets) and
               made_for_request(node.value, params, fn) for node in ast.walk(fn))


def made_for_request(call: ast.Call, params: list[str], fn: ast.AST | None = None) -> bool:
    """A client whose Region, endpoint or credentials come from the function's parameters (the event), directly or
    through locals built from it, or whose credentials are looked up in the function (``creds["AccessKeyId"]`` of an
    assume_role answer): it is per request by design, and hoisting it would serve one tenant's or Region's client to
    every request."""
    from_event = _from_event(fn, params)
    for keyword in call.keywords:
        if keyword.arg not in _PER_REQUEST_KEYWORDS or isinstance(keyword.value, ast.Constant):
            continue
        names = {n.id for n in breadth_first(keyword.value) if isinstance(n, ast.Name)}
        if names & from_event:
            return True
        if keyword.arg in _CREDENTIAL_KEYWORDS and isinstance(keyword.value, ast.Subscript):
            return True
    return False
