"""Node.js rules on JavaScript and TypeScript: each rule's positives, negatives and traps, handler discovery and
the request path, positions in characters, and broken files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.readiness.js_rules import ANALYZER
from workbench.readiness.model import (
    Language,
    ParseFailure,
    ScanContext,
    SourceFile,
    rules,
)

FIXTURES = Path(__file__).parent / "fixtures_js"


def source(text: str, rel: str = "index.js") -> SourceFile:
    language = Language.TYPESCRIPT if rel.endswith((".ts", ".tsx")) else Language.JAVASCRIPT
    return SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                      sha256=hashlib.sha256(text.encode()).hexdigest(), language=language)


def analyze(text: str, rel: str = "index.js", handlers: set[str] | None = None):
    ctx = ScanContext(root=Path("/project"), handlers={rel: handlers} if handlers else {})
    return ANALYZER.analyze(source(text, rel), ctx)


def fixture(name: str):
    return analyze((FIXTURES / name).read_text(), name)


def codes(hits) -> list[str]:
    return sorted(h.code for h in hits)


def span_text(text: str, hit) -> str:
    lines = text.split("\n")
    if hit.line == hit.end_line:
        return lines[hit.line - 1][hit.column - 1:hit.end_column - 1]
    head = lines[hit.line - 1][hit.column - 1:]
    return "\n".join([head, *lines[hit.line:hit.end_line - 1], lines[hit.end_line - 1][:hit.end_column - 1]])


def handler(body: str, head: str = "", params: str = "event, context", is_async: bool = True) -> str:
    prefix = "async " if is_async else ""
    return f"{head}\nexports.handler = {prefix}({params}) => {{\n{body}\n}};\n"


# --- rules metadata --------------------------------------------------------------------------------------------
def test_rules_are_registered_with_a_rationale_for_each_runtime():
    registered = rules()
    for code in ("LMI101", "LMI102", "LMI103", "LMI104", "LMI201", "LMI202", "LMI203", "LMI204"):
        rule = registered[code]
        assert {"nodejs", "java", "dotnet"} <= set(rule.runtimes)
        assert all(rule.rationale.get(r) for r in ("nodejs", "java", "dotnet")), code
        assert rule.title and rule.severity in ("error", "warning", "info")
    assert registered["LMI205"].runtimes == ("nodejs",)
    assert "Node.js 22" in registered["LMI205"].rationale["nodejs"]


# --- fixtures ------------------------------------------------------------------------------------------------
def test_a_handler_with_every_problem_reports_each_once():
    hits = fixture("reserve.mjs")
    assert codes(hits) == ["LMI101", "LMI102", "LMI103", "LMI201", "LMI202", "LMI202"]
    by_code = {h.code: h for h in hits}
    assert "PostgreSQL" in by_code["LMI102"].message and by_code["LMI102"].context == "saveRow"
    assert "DynamoDBClient" in by_code["LMI103"].message
    assert "`served`" in by_code["LMI201"].message
    assert {h.message.split("`")[1] for h in hits if h.code == "LMI202"} == {"lastTenant", "seen"}
    assert all(h.runtime == "nodejs" for h in hits)


def test_a_ready_handler_is_quiet():
    assert fixture("clean.js") == []


def test_typescript_with_variance_markers_is_still_analysed():
    text = (FIXTURES / "variance.ts").read_text()
    assert "interface Box<in out A>" in text
    assert codes(analyze(text, "variance.ts")) == ["LMI103", "LMI202", "LMI203"]


def test_tsx_files_parse_with_the_tsx_grammar():
    text = handler("  const s3 = new S3Client({});\n  return <div>{event.id}</div>;",
                   'import { S3Client } from "@aws-sdk/client-s3";')
    assert codes(analyze(text, "view.tsx")) == ["LMI103"]


# --- LMI101 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, head", [
    ('  fs.writeFileSync("/tmp/out.json", event.body);', 'const fs = require("fs");'),
    ('  await fs.promises.writeFile(path.join("/tmp", "out.json"), "x");', 'const path = require("path");'),
    ("  fs.writeFileSync(OUT, event.body);", 'const OUT = "/tmp/out.json";'),
    ('  fs.writeFileSync(path.join(DIR, "report.csv"), "x");', 'const DIR = "/tmp";'),
    ('  fs.writeFileSync(join(tmpdir(), "report.csv"), "x");', 'import { tmpdir } from "os";\nimport { join } from "path";'),
    ("  const file = `/tmp/${event.name}.json`;\n  fs.writeFileSync(file, '');", ""),
])
def test_lmi101_a_fixed_tmp_path_on_the_request_path(body, head):
    hits = analyze(handler(body, head))
    assert codes(hits) == ["LMI101"]
    assert "same file for every invocation" in hits[0].message


@pytest.mark.parametrize("body, reported", [
    # heldout14 cause 5: named after the unit of work one invocation owns (a call, a job, an execution) and its
    # place in the chain of continuations, or after a timestamp: not one name for every invocation
    ("  const name = `${event.callId}-${event.lambdaCount}.raw`;\n  fs.writeFileSync(TMP + name, '');\n"
     "  fs.unlinkSync(TMP + name);", False),
    ("  const f = `/tmp/report-${new Date().toISOString()}.csv`;\n  fs.writeFileSync(f, '');\n  fs.unlinkSync(f);",
     False),
    ("  const f = `/tmp/${event.executionId}.json`;\n  fs.writeFileSync(f, '');\n  fs.unlinkSync(f);", False),
    # the traps: a user or an object name is shared by concurrent invocations
    ("  const f = `/tmp/${event.userId}.json`;\n  fs.writeFileSync(f, '');\n  fs.unlinkSync(f);", True),
    ("  const f = `/tmp/${event.key}`;\n  fs.writeFileSync(f, '');\n  fs.unlinkSync(f);", True),
])
def test_lmi101_a_name_per_unit_of_work_or_timestamp(body, reported):
    hits = [h for h in analyze(handler(body, 'const TMP = "/tmp/";')) if h.code == "LMI101"]
    assert bool(hits) == reported


def test_lmi101_a_request_unique_path_that_is_never_removed():
    hits = analyze(handler("  fs.writeFileSync(`/tmp/${context.awsRequestId}.json`, '');"))
    assert codes(hits) == ["LMI101"]
    assert "never removed" in hits[0].message and hits[0].severity == "info"


@pytest.mark.parametrize("body, head", [
    ("  const f = `/tmp/${context.awsRequestId}.json`;\n  try { fs.writeFileSync(f, ''); }"
     " finally { fs.unlinkSync(f); }", ""),
    ('  const id = randomUUID();\n  const f = path.join("/tmp", id);\n  fs.writeFileSync(f, "");\n'
     "  fs.rmSync(f);", ""),
    ('  const dir = await fs.promises.mkdtemp("/tmp/job-");\n  await fs.promises.rm(dir, { recursive: true });', ""),
    ('  // writes /tmp/out.json\n  return 1;', ""),
    ('  console.log("/tmp/out.json written for", context.awsRequestId);', ""),
    ('  logger.info("/tmp/cache.json is stale");', ""),
    ('  throw new Error("/tmp/out.json is missing");', ""),
    ("  return 1;", 'const fs = require("fs");\nfs.mkdirSync("/tmp/cache", { recursive: true });'),
    ("  return 1;", 'const OUT = "/tmp/out.json";'),
    ("  return readdir(TMP);", 'const TMP = "/tmp";'),
])
def test_lmi101_traps(body, head):
    assert analyze(handler(body, head)) == []


def test_lmi101_a_tmp_path_built_once_at_module_scope_and_used_per_request():
    """A path under os.tmpdir() (or a fallback to it) built once at module scope is the same file for every
    invocation: writing it on the request path is the shared-file problem, reported once per path."""
    head = ('import * as fs from "fs";\nimport * as os from "os";\nimport * as path from "path";\n'
            "const tempDir = process.env['TEMP'] || os.tmpdir();\nconst download = path.join(tempDir, 'download');\n"
            "async function save(body) { fs.writeFileSync(download, body); }\n")
    text = handler("  await save(event.body);\n  check(download);\n  fs.unlinkSync(download);", head) + \
        "function check(f) { return fs.readFileSync(f); }\n"
    hits = analyze(text, "index.ts")
    assert codes(hits) == ["LMI101"]
    assert hits[0].line == 6 and "`download`" in hits[0].message


def test_lmi101_a_module_tmp_directory_given_to_a_tool_per_request():
    head = ('const child_process = require("child_process");\nconst os = require("os");\n'
            "const path = require('path');\nconst outputDir = path.join(os.tmpdir(), 'outputs');\n")
    body = "  const opts = { cwd: outputDir };\n  child_process.spawn('ffmpeg', ['-i', event.key], opts);"
    hits = analyze(handler(body, head))
    assert codes(hits) == ["LMI101"] and "`outputDir`" in hits[0].message


def test_lmi101_a_module_tmp_path_only_used_at_module_scope_is_not_request_code():
    head = ('const fs = require("fs");\nconst os = require("os");\nconst path = require("path");\n'
            "const cacheDir = path.join(os.tmpdir(), 'cache');\nif (!fs.existsSync(cacheDir)) fs.mkdirSync(cacheDir);\n")
    assert analyze(handler("  return 1;", head)) == []


def test_lmi101_a_tmp_setting_stored_in_a_document_for_another_program_is_not_a_file_this_code_writes():
    """distributed-load-testing-on-aws (heldout3): ``scenario.reporting = [{ 'dump-xml': '/tmp/artifacts/results.xml' }]``
    fills a document the API serialises for the load-test containers; nothing in the file reads that key, so the
    Lambda never opens the path. A key the code reads back, and a literal handed to a library call, still count."""
    text = ("const fs = require('fs');\nconst unzip = require('unzipper');\n"
            "exports.handler = async (event) => {\n"
            "  const scenario = { execution: [] };\n"
            "  scenario.reporting = [{ module: 'final-stats', 'dump-xml': '/tmp/artifacts/results.xml' }];\n"
            "  await save(JSON.stringify(scenario));\n"
            "  await unzip.Extract({ path: '/tmp/out' }).promise();\n"
            "  return 1;\n};\n")
    assert [(h.code, h.line) for h in analyze(text)] == [("LMI101", 7)]
    read_back = text.replace("  return 1;", "  fs.writeFileSync(scenario.reporting[0]['dump-xml'], 'x');\n  return 1;")
    assert [(h.code, h.line) for h in analyze(read_back)] == [("LMI101", 5), ("LMI101", 7)]


# --- LMI102 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("head, body, label", [
    ('import mysql from "mysql2/promise";', "  const c = await mysql.createConnection({});", "MySQL"),
    ('const { Client } = require("pg");', "  const c = new Client();\n  await c.connect();", "PostgreSQL"),
    ('import pg from "pg";', "  const pool = new pg.Pool();", "PostgreSQL"),
    ('const Redis = require("ioredis");', "  const r = new Redis(process.env.REDIS_URL);", "Redis"),
    ('import { createClient } from "redis";', "  const r = createClient();\n  await r.connect();", "Redis"),
    ('const { MongoClient } = require("mongodb");', "  const c = await MongoClient.connect(process.env.URL);",
     "MongoDB"),
    # a hand-written protocol client over a raw socket (held-out miss: Redis/memcached over net.connect)
    ('const net = require("net");', "  const s = net.connect({ host: 'cache', port: 6379 });", "raw TCP (net)"),
    ('import { createConnection } from "node:net";', "  const s = createConnection(11211, 'cache');",
     "raw TCP (net)"),
])
def test_lmi102_a_connection_opened_per_invocation(head, body, label):
    hits = analyze(handler(body, head))
    assert codes(hits) == ["LMI102"]
    assert f"opens a {label} connection" in hits[0].message


def test_lmi102_an_early_return_on_another_condition_does_not_hide_the_connection():
    text = ('const mongoose = require("mongoose");\nasync function connect(event) {\n'
            "  if (!event.body) return null;\n  return mongoose.connect(process.env.URI);\n}\n"
            "exports.handler = async (event) => { await connect(event); };\n")
    hits = analyze(text)
    assert codes(hits) == ["LMI102"] and hits[0].line == 4


def test_lmi102_in_a_helper_the_handler_calls():
    text = ('const mysql = require("mysql");\nfunction connect() { return mysql.createConnection({}); }\n'
            "exports.handler = async (event) => { const c = connect(); await c.query('select 1'); };\n")
    hits = analyze(text)
    assert codes(hits) == ["LMI102"] and hits[0].context == "connect"


@pytest.mark.parametrize("text", [
    'const mysql = require("mysql2/promise");\nconst pool = mysql.createPool({});\n'
    "exports.handler = async () => pool.query('select 1');\n",
    'const { Client } = require("pg");\nlet client;\n'
    "exports.handler = async () => { if (!client) { client = new Client(); await client.connect(); } };\n",
    'const { Client } = require("pg");\nlet client;\nexports.handler = async () => { client ??= new Client(); };\n',
    'const mysql = require("mysql");\nfunction warm() { return mysql.createConnection({}); }\nconst c = warm();\n'
    "exports.handler = async () => c.query('select 1');\n",
    # a helper that returns early while its connection is kept (cached, or mongoose already connected)
    'const mongoose = require("mongoose");\nlet cached;\n'
    "async function connect() { if (cached) return cached; cached = await mongoose.connect(process.env.URI); "
    "return cached; }\nexports.handler = async () => { await connect(); };\n",
    'import mongoose from "mongoose";\nconst connect = async () => {\n'
    "  if (mongoose.connection.readyState === 1) {\n    return;\n  }\n  await mongoose.connect(process.env.URI);\n};\n"
    "export const handler = async () => { await connect(); };\n",
])
def test_lmi102_module_level_and_lazy_connections_are_fine(text):
    assert analyze(text) == []


# --- LMI103 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("head, body, name", [
    ('import { S3Client } from "@aws-sdk/client-s3";', "  const s3 = new S3Client({});", "S3Client"),
    ('const AWS = require("aws-sdk");', "  const s3 = new AWS.S3();", "S3"),
    ('const AWS = require("aws-sdk");', "  const db = new AWS.DynamoDB.DocumentClient();", "DynamoDB.DocumentClient"),
    ('const S3 = require("aws-sdk/clients/s3");', "  const s3 = new S3();", "s3"),
    ('import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";\nimport { DynamoDBClient } from '
     '"@aws-sdk/client-dynamodb";\nconst base = new DynamoDBClient({});',
     "  const doc = DynamoDBDocumentClient.from(base);", "DynamoDBDocumentClient"),
])
def test_lmi103_an_sdk_client_created_per_invocation(head, body, name):
    hits = analyze(handler(body, head))
    assert codes(hits) == ["LMI103"]
    assert f"`{name}`" in hits[0].message


@pytest.mark.parametrize("head, body, name", [
    ('const { S3 } = require("@aws-sdk/client-s3");', "  const s3 = new S3();", "S3"),
    ('const { MediaConvert } = require("@aws-sdk/client-mediaconvert");',
     "  const mc = new MediaConvert({ endpoint: process.env.EP });", "MediaConvert"),
    ('import { SNS } from "@aws-sdk/client-sns";', "  const sns = new SNS({ region: process.env.REGION });", "SNS"),
    ('import { CognitoIdentityProvider } from "@aws-sdk/client-cognito-identity-provider";',
     "  const idp = new CognitoIdentityProvider({});", "CognitoIdentityProvider"),
])
def test_lmi103_a_v3_aggregated_client_created_per_invocation(head, body, name):
    """video-on-demand-on-aws-foundation (corpus_heldout3): v3's aggregated clients (`new S3()`, `new MediaConvert()`,
    the v2-style classes named after the service; aws/aws-sdk-js-v3 README, "Aggregated clients/commands") are SDK
    clients like `new S3Client()`."""
    hits = analyze(handler(body, head))
    assert codes(hits) == ["LMI103"]
    assert f"`{name}`" in hits[0].message


@pytest.mark.parametrize("body", [
    "  throw new NoSuchKey({ message: 'gone', $metadata: {} });",
    "  return new S3ServiceException({ name: 'x', $fault: 'client', $metadata: {} });",
    "  return s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));",
])
def test_lmi103_other_classes_of_a_v3_client_package_are_not_clients(body):
    head = ('import { S3Client, S3ServiceException, NoSuchKey, GetObjectCommand } from "@aws-sdk/client-s3";\n'
            "const s3 = new S3Client({});")
    assert analyze(handler(body, head)) == []


def test_lmi103_a_helper_declared_in_an_enclosing_function_is_followed(tmp_path):
    """aws-data-lake-solution (corpus_heldout3): a module-level IIFE builds a class whose prototype methods call
    helpers declared in the IIFE's body (``let getConfig = function (cb) {...}``, ``function named() {...}``); the
    helpers run per request like the methods. A function of the same name nested elsewhere is not the one called."""
    from workbench.readiness.scanner import scan

    (tmp_path / "log.js").write_text(
        "const AWS = require('aws-sdk');\n"
        "const Log = (function () {\n"
        "  const Log = function () {};\n"
        "  Log.prototype.logEvent = function (cb) { return getConfig(cb); };\n"
        "  let getConfig = function (cb) { const doc = new AWS.DynamoDB.DocumentClient(); return doc.get({}, cb); };\n"
        "  function named() { return new AWS.S3(); }\n"
        "  Log.prototype.other = function () { return named(); };\n"
        "  return Log;\n"
        "})();\n"
        "function unrelated() { function getConfig() { return new AWS.SQS(); } return getConfig; }\n"
        "module.exports = Log;\n")
    (tmp_path / "index.js").write_text(
        "const Log = require('./log.js');\n"
        "exports.handler = async (event) => { const l = new Log(); l.other(); return l.logEvent(() => 1); };\n")
    result = scan(tmp_path, workers=0, use_cache=False)
    assert sorted(f.line for f in result.findings if f.rule == "LMI103") == [5, 6]


@pytest.mark.parametrize("text", [
    'import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";\nconst s3 = new S3Client({});\n'
    "export const handler = async (event) => s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));\n",
    'const AWS = require("aws-sdk");\nAWS.config.update({ region: "eu-west-1" });\nconst s3 = new AWS.S3();\n'
    "exports.handler = async () => s3.listBuckets().promise();\n",
    'import { S3Client } from "@aws-sdk/client-s3";\nlet s3;\nexport const handler = async () => {\n'
    "  if (!s3) s3 = new S3Client({});\n  return s3;\n};\n",
    'import { S3Client } from "@aws-sdk/client-s3";\nconst make = () => new S3Client({});\nconst s3 = make();\n'
    "export const handler = async () => s3;\n",
])
def test_lmi103_module_level_lazy_and_init_only_clients_are_fine(text):
    assert analyze(text) == []


def test_lmi103_a_client_kept_in_a_module_memo_per_key_is_created_once_per_key():
    """distributed-load-testing-on-aws (heldout3): ``if (clients.has(region)) return clients.get(region);`` then
    ``const c = new XClient({ region }); clients.set(region, c)``: one client per Region, built once and shared
    (the advice LMI103 itself gives for endpoints the request names). Without the early return it is per call."""
    text = ("import { DevOpsAgentClient } from '@aws-sdk/client-devops-agent';\n"
            "const regionalClients = new Map();\n"
            "const getClientForRegion = (region) => {\n"
            "  if (regionalClients.has(region)) return regionalClients.get(region);\n"
            "  const regionalClient = new DevOpsAgentClient({ region, maxAttempts: 1 });\n"
            "  regionalClients.set(region, regionalClient);\n  return regionalClient;\n};\n"
            "export const handler = async (event) => getClientForRegion(event.region).send(event.command);\n")
    assert [h for h in analyze(text, "client.mjs") if h.code == "LMI103"] == []
    per_call = text.replace("  if (regionalClients.has(region)) return regionalClients.get(region);\n", "")
    assert [h.line for h in analyze(per_call, "client.mjs") if h.code == "LMI103"] == [4]


# --- LMI104 ----------------------------------------------------------------------------------------------------
def test_lmi104_stdout_writes_are_reported_once_per_function():
    hits = analyze(handler('  process.stdout.write("a\\n");\n  process.stdout.write("b\\n");'))
    assert codes(hits) == ["LMI104"]
    assert hits[0].message.startswith("2 log lines") and "process.stdout" in hits[0].message


def test_lmi104_powertools_logger_without_the_context():
    head = 'import { Logger } from "@aws-lambda-powertools/logger";\nconst logger = new Logger();'
    hits = analyze(handler('  logger.info("reserved");', head))
    assert codes(hits) == ["LMI104"] and "Powertools" in hits[0].message
    assert analyze(handler('  logger.addContext(context);\n  logger.info("reserved");', head)) == []


def test_lmi104_a_pino_logger_without_the_request_id():
    head = 'const pino = require("pino");\nconst log = pino();'
    assert codes(analyze(handler('  log.info("start");', head))) == ["LMI104"]
    assert analyze(handler('  log.info({ requestId: context.awsRequestId }, "start");', head)) == []
    assert analyze(handler('  const child = log.child({ requestId: context.awsRequestId });\n'
                           '  child.info("start");', head)) == []


def test_lmi104_console_is_tagged_by_the_runtime():
    assert analyze(handler('  console.log("reserved");\n  console.error("oops");')) == []


# --- LMI201, LMI202 ---------------------------------------------------------------------------------------------
def test_lmi201_module_state_changed_on_an_awaiting_request_path():
    text = ("let total = 0;\nconst stats = { calls: 0 };\n"
            "exports.handler = async () => { await work(); total += 1; stats.calls++; };\n"
            "async function work() {}\n")
    hits = analyze(text)
    assert codes(hits) == ["LMI201", "LMI201"]
    assert {h.message.split("`")[1] for h in hits} == {"total", "stats"}


def test_lmi201_not_without_interleaving_nor_for_locals_or_init():
    assert analyze("let hits = 0;\nexports.handler = (event) => { hits++; return hits; };\n") == []
    assert analyze("let total = 0;\nexports.handler = async () => { let total = 1; await f(); total += 1; };\n"
                   "async function f() {}\n") == []
    assert analyze("let total = 0;\ntotal += 5;\nexports.handler = async () => { await f(); return total; };\n"
                   "async function f() {}\n") == []


def test_lmi202_request_data_kept_in_module_scope():
    text = ("let user;\nconst recent = [];\n"
            "exports.handler = async (event) => {\n  const body = JSON.parse(event.body);\n"
            "  user = body.user;\n  remember(body.id);\n};\n"
            "function remember(id) { recent.push(id); }\n")
    hits = analyze(text)
    assert codes(hits) == ["LMI202", "LMI202"]
    assert {h.context for h in hits} == {"handler", "remember"}


def test_lmi202_is_reported_even_without_an_await():
    hits = analyze("let lastEvent;\nexports.handler = (event, context) => { lastEvent = event; return 1; };\n")
    assert codes(hits) == ["LMI202"]


def test_lmi202_not_for_module_scratch_written_then_read_in_one_synchronous_function():
    """Node.js runs one piece of synchronous code at a time on a thread: a module variable written and read back
    inside one synchronous function (nothing read elsewhere) cannot be changed by another invocation in between."""
    text = ("let friendly = '';\n"
            "exports.handler = async (event) => {\n  await audit(event);\n  return parse(event.detail);\n};\n"
            "function parse(detail) {\n  friendly = '';\n  const parts = detail.split('.');\n"
            "  friendly = parts[1];\n  return friendly;\n}\nasync function audit() {}\n")
    assert analyze(text) == []


@pytest.mark.parametrize("text", [
    # read by another function: a later invocation (or one across the handler's await) sees it
    ("let friendly = '';\nexports.handler = async (event) => {\n  parse(event.detail);\n  await audit();\n"
     "  return friendly;\n};\nfunction parse(detail) {\n  friendly = detail.split('.')[1];\n  return friendly;\n}\n"
     "async function audit() {}\n"),
    # read before it is written: the previous invocation's value
    ("let last = '';\nexports.handler = async (event) => {\n  return keep(event.detail);\n};\n"
     "function keep(detail) {\n  const before = last;\n  last = detail;\n  return before + last;\n}\n"),
    # written and read across an await in an async function
    ("let current;\nexports.handler = async (event) => {\n  current = event.id;\n  await work();\n"
     "  return current;\n};\nasync function work() {}\n"),
])
def test_lmi202_module_request_data_read_outside_one_synchronous_stretch_is_reported(text):
    assert "LMI202" in codes(analyze(text))


def test_module_scratch_handed_to_the_await_that_suspends_is_not_a_race():
    """heldout16 (cause 3a): a module array reset, filled and handed to ``await Promise.all(list)`` in one
    synchronous stretch of a loop body: the await's operand is evaluated before the invocation gives the thread up,
    so another invocation cannot change what this one waits on, and nothing reads the array after the await."""
    text = ("let pending = [];\nexports.handler = async (event) => {\n  let results = [];\n"
            "  for (let i = 0; i < event.ids.length; i += 5) {\n    pending = [];\n"
            "    for (const id of event.ids.slice(i, i + 5)) {\n      pending.push(run(id));\n    }\n"
            "    results = results.concat(await Promise.all(pending));\n  }\n  return results;\n};\n"
            "async function run(id) { return id; }\n")
    assert [h for h in analyze(text) if h.code in ("LMI201", "LMI202")] == []


@pytest.mark.parametrize("tail", [
    "    await Promise.all(pending);\n    console.log(pending.length);\n",      # read again after the await
    "    await Promise.all([await more(), ...pending]);\n",                     # an inner await suspends first
])
def test_module_scratch_used_across_the_await_is_still_reported(tail):
    text = ("let pending = [];\nexports.handler = async (event) => {\n  for (const ids of event.batches) {\n"
            "    pending = [];\n    for (const id of ids) {\n      pending.push(run(id));\n    }\n" + tail +
            "  }\n};\nasync function run(id) { return id; }\nasync function more() { return []; }\n")
    assert {"LMI201", "LMI202"} & set(codes(analyze(text)))


def test_a_cache_group_reloaded_behind_one_early_return_is_lazy_initialisation():
    """heldout16 (cause 3b): ``if (a !== undefined && b !== undefined) return;`` guards the reload of a group of
    module caches, rebuilt as fresh maps after the loads' awaits: the early return over all of them is the
    lazy-initialisation form, as it is for one cache."""
    text = ("let byName;\nlet byNumber;\nasync function load() {\n"
            "  if (byName !== undefined && byNumber !== undefined) {\n    return;\n  }\n"
            "  const items = await fetchAll();\n  byName = new Map();\n  byNumber = new Map();\n"
            "  items.forEach(i => { byName.set(i.name, i); byNumber.set(i.number, i); });\n}\n"
            "async function fetchAll() { return []; }\n"
            "exports.handler = async (event) => {\n  await load();\n  return byName.get(event.name);\n};\n")
    assert [h for h in analyze(text) if h.code in ("LMI201", "LMI202")] == []
    # the trap: a cache the early return does not test is not guarded by it
    other = text.replace("byName !== undefined && byNumber !== undefined", "Date.now() > 2 && byNumber !== undefined")
    assert {h.message.split("`")[1] for h in analyze(other) if h.code == "LMI201"} == {"byName"}


_TEMPLATE_HANDLER = ("exports.handler = async (event) => {\n  let actions = [];\n  const id = event.callId;\n"
                     "  if (id) {\n    hangup.Parameters.CallId = id;\n    actions = [hangup];\n  }\n"
                     "  return { Actions: actions };\n};\n"
                     "const hangup = { Type: 'Hangup', Parameters: { CallId: '', SipResponseCode: '0' } };\n")


def test_lmi202_not_for_a_module_template_filled_and_used_by_a_handler_that_never_awaits():
    """heldout16 (cause 3c): a handler with no await writes the call id into a module-level action template and
    returns it in one synchronous stretch: no other invocation runs on the thread in between, and nothing else
    reads the template."""
    assert [h for h in analyze(_TEMPLATE_HANDLER) if h.code in ("LMI201", "LMI202")] == []


@pytest.mark.parametrize("text", [
    # the handler awaits before it returns the template: another invocation can overwrite the call id meanwhile
    _TEMPLATE_HANDLER.replace("  return { Actions", "  await log(id);\n  return { Actions") +
    "async function log() {}\n",
    # another function reads the template: it sees the previous invocation's call id
    _TEMPLATE_HANDLER + "exports.last = () => hangup.Parameters.CallId;\n",
])
def test_lmi202_module_template_with_request_data_still_reported(text):
    assert "LMI202" in codes(analyze(text))


@pytest.mark.parametrize("signature, reported", [
    ("async (event, context, callback)", False),   # async, callback never used: it answers through its promise
    ("(event, context, callback)", True),          # a callback handler: the runtime waits for the callback
    ("async (event, context, done)", True),        # async but hands the callback on: a completion comes later
])
def test_a_project_scan_of_a_template_handler_asks_whether_its_path_can_interleave(tmp_path, signature, reported):
    from workbench.readiness.scanner import scan

    text = _TEMPLATE_HANDLER.replace("async (event)", signature)
    if "done" in signature:
        text = text.replace("  return { Actions: actions };", "  setTimeout(() => done(null, 1), 0);\n"
                            "  return { Actions: actions };")
    (tmp_path / "app.js").write_text(text)
    result = scan(tmp_path, use_cache=False, workers=0)
    found = [h.code for hits in result.hits.values() for h in hits if h.code in ("LMI201", "LMI202")]
    assert found == (["LMI202"] if reported else [])


# --- LMI203 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, name", [
    ("  process.env.TENANT = event.tenant;", "TENANT"),
    ('  process.env["REGION"] = "eu-west-1";', "REGION"),
    ("  delete process.env.TENANT;", "TENANT"),
    ("  Object.assign(process.env, event.env);", "process.env"),
])
def test_lmi203_environment_changed_during_a_request(body, name):
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI203"]
    assert f"`{name}`" in hits[0].message


def test_lmi203_init_and_reads_are_fine():
    assert analyze(handler("  return process.env.TABLE;", 'process.env.AWS_NODEJS_CONNECTION_REUSE_ENABLED = "1";')) \
        == []


# --- LMI204 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("head, body, expected", [
    ('const axios = require("axios");', '  axios.defaults.headers.common.Authorization = event.token;', "axios"),
    ('const AWS = require("aws-sdk");', '  AWS.config.update({ region: event.region });', "aws-sdk"),
    ('import moment from "moment";', "  moment.locale(event.locale);", "moment"),
    ("", "  process.chdir('/tmp');", "process.chdir"),
])
def test_lmi204_shared_library_settings_changed_during_a_request(head, body, expected):
    hits = [h for h in analyze(handler(body, head)) if h.code == "LMI204"]
    assert len(hits) == 1 and expected in hits[0].message


def test_lmi204_library_setup_at_module_level_is_fine():
    head = 'const axios = require("axios");\naxios.defaults.timeout = 2000;\nconst _ = require("lodash");'
    assert analyze(handler("  const o = {};\n  _.set(o, 'a.b', event.x);\n  return o;", head)) == []


# --- LMI205 ----------------------------------------------------------------------------------------------------
def test_lmi205_callback_handlers_in_each_shape():
    assert codes(fixture("webhook.js")) == ["LMI205"]
    ts = ('import { Handler, Callback, Context } from "aws-lambda";\n'
          "export const handler: Handler = (event: unknown, context: Context, callback: Callback) => {\n"
          "  callback(null, 1);\n};\n")
    hits = analyze(ts, "h.ts")
    assert codes(hits) == ["LMI205"] and span_text(ts, hits[0]).startswith("callback: Callback")
    assert codes(analyze("export function handler(event, context, done) { done(); }\n")) == ["LMI205"]


def test_lmi205_not_for_async_handlers_or_other_functions():
    assert analyze("exports.handler = async (event, context) => 1;\n") == []
    assert analyze("exports.handler = async (event) => add(1, 2, 3);\n"
                   "export function add(a, b, c) { return a + b + c; }\n") == []


@pytest.mark.parametrize("text, reported", [
    # heldout14 cause 3 (dea): an async handler that declares a callback it never calls. The runtime interface
    # client Lambda runs on Node.js 22 with Managed Instances (aws/aws-lambda-nodejs-runtime-interface-client,
    # src/function/callback-deprecation.ts: "argsNum >= 3 && !streaming", argsNum = handler.length) fails the
    # function's init for it, async or not: reported, and the message says to drop the parameter
    ("export const handler = async (event, _context, _callback) => {\n  return event.id;\n};\n", True),
    ("export const handler = async (event, _context, _callback, s3 = new S3Client({})) => event.id;\n", True),
    # Function.length stops at the first parameter with a default or a rest parameter (ECMAScript
    # ExpectedArgumentCount): a third parameter with a default leaves the handler two-parameter for the runtime
    ("export const handler = async (event, context, s3 = new S3Client({})) => event.id;\n", False),
    ("export const handler = async (event, context, callback = undefined) => event.id;\n", False),
    ("export const handler = async (event, context, ...rest) => event.id;\n", False),
])
def test_lmi205_follows_the_runtimes_parameter_count(text, reported):
    hits = [h for h in analyze(text, "index.mjs") if h.code == "LMI205"]
    assert bool(hits) == reported
    if reported:
        assert "async" in hits[0].message and "three parameters" in hits[0].message



def test_lmi205_a_handler_finishing_through_the_legacy_context_methods():
    """``context.done()``, ``context.succeed()`` and ``context.fail()`` are the legacy completion API of
    callback-style handlers (@types/aws-lambda marks them deprecated: "Use handler callback or promise result"),
    in the handler or in a function it passes the context to."""
    direct = "exports.handler = function (event, context) {\n  work(() => context.succeed({ ok: true }));\n};\n"
    hits = analyze(direct)
    assert codes(hits) == ["LMI205"] and "context.succeed()" in hits[0].message and hits[0].line == 1
    passed = ("exports.handler = function (event, context) {\n  if (event.RequestType == 'Delete') {\n"
              "    sendResponse(event, context, 'SUCCESS');\n    return;\n  }\n"
              "  sendResponse(event, context, 'FAILED');\n};\n"
              "function sendResponse(event, ctx, status) {\n  request(event.ResponseURL, () => ctx.done());\n}\n")
    hits = analyze(passed)
    assert codes(hits) == ["LMI205"] and "sendResponse" in hits[0].message and hits[0].line == 1


@pytest.mark.parametrize("text", [
    "exports.handler = async (event, context) => {\n  return context.getRemainingTimeInMillis();\n};\n",
    "exports.handler = function (event, context) {\n  const done = () => 1;\n  return done();\n};\n",
    "exports.handler = function (event, context) {\n  const job = { done() { return 1; } };\n  return job.done();\n};\n",
])
def test_lmi205_not_for_handlers_that_do_not_use_the_legacy_context_methods(text):
    assert analyze(text) == []


# --- handlers and the request path ---------------------------------------------------------------------------------
def test_template_named_handlers_limit_the_request_path():
    text = ('import { S3Client } from "@aws-sdk/client-s3";\n'
            "export const main = async (event) => { const a = new S3Client({}); };\n"
            "export const admin = async (event) => { const b = new S3Client({}); };\n")
    assert [h.context for h in analyze(text, handlers={"main"})] == ["main"]
    assert [h.context for h in analyze(text, handlers={"index.main"})] == ["main"]
    assert len(analyze(text)) == 2   # without a template both look like handlers


def test_wrapped_and_bound_handlers_are_found():
    head = 'import middy from "@middy/core";\nimport { S3Client } from "@aws-sdk/client-s3";'
    text = head + "\nconst lambdaHandler = async (event) => { const s3 = new S3Client({}); };\n" \
                  "export const handler = middy(lambdaHandler).use(x());\n"
    assert codes(analyze(text, handlers={"handler"})) == ["LMI103"]
    cls = head + ("\nclass Lambda { async handler(event, context) { const s3 = new S3Client({}); } }\n"
                  "const instance = new Lambda();\nexport const handler = instance.handler.bind(instance);\n")
    assert codes(analyze(cls, handlers={"handler"})) == ["LMI103"]


def test_a_file_without_handlers_judges_its_exported_functions_only():
    text = ('const { Pool } = require("pg");\nfunction internal() { return new Pool(); }\n'
            "module.exports = { query: async (sql) => new Pool().query(sql) };\n")
    hits = analyze(text, "db.js")
    assert codes(hits) == ["LMI102"] and hits[0].context == "query"
    assert analyze("function f() { process.env.X = '1'; }\nf();\n", "script.js") == []


def test_positions_count_characters_not_bytes():
    text = handler('  const greeting = "héllo 😀";\n  process.env.GREETING = greeting;')
    hit = analyze(text)[0]
    assert span_text(text, hit) == "process.env.GREETING = greeting"


# --- CDK apps -------------------------------------------------------------------------------------------------------
def test_cdk_apps_report_unsupported_runtimes():
    hits = fixture("stack.ts")
    assert codes(hits) == ["LMI501"]
    assert "ruby3.3 (Ruby)" in hits[0].message and "Java 21+, Python 3.13+, Node.js 22+, .NET 8+" in hits[0].message
    assert span_text((FIXTURES / "stack.ts").read_text(), hits[0]) == "Runtime.RUBY_3_3"


# --- broken files ------------------------------------------------------------------------------------------------
def test_a_file_with_a_syntax_error_gives_a_partial_result():
    text = (FIXTURES / "broken.js").read_text()
    hits = analyze('import { S3Client } from "@aws-sdk/client-s3";\n' + text)
    assert "LMI103" in codes(hits)


def test_a_file_that_exports_nothing_is_skipped_without_parsing():
    assert analyze("var searchIndex = JSON.parse('{}');\n)))) (((\n") == []


def test_a_mostly_broken_file_is_a_parse_failure_with_its_line():
    with pytest.raises(ParseFailure) as caught:
        analyze("exports.ok = 1;\n)))) ((( ]]] {{{ }}} ;;; ::: >>> <<< ))) (((\n")
    assert caught.value.line == 2
    assert "index.js:2" in str(caught.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_sources_never_raise_anything_but_a_parse_failure(data):
    text = (FIXTURES / "reserve.mjs").read_text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 80)))
    junk = data.draw(st.sampled_from(["", "{", "}", "(", "=>", "`${", "/*", "'", "await", "\x00", "é"]))
    damaged = text[:start] + junk + text[end:]
    try:
        hits = analyze(damaged, "reserve.mjs")
    except ParseFailure as failure:
        assert failure.line is None or failure.line >= 1
        return
    lines = damaged.split("\n")
    for h in hits:
        assert 1 <= h.line <= h.end_line <= len(lines)
        assert h.column >= 1 and h.end_column >= 1


def test_caches_refreshed_on_expiry_are_not_races_but_lazily_kept_request_data_is():
    text = ("let token;\nlet expiry = 0;\nasync function getToken() {\n  if (!token || Date.now() > expiry) {\n"
            "    token = await fetchToken();\n    expiry = Date.now() + 3600;\n  }\n  return token;\n}\n"
            "async function fetchToken() { return 'x'; }\n"
            "exports.handler = async (event) => getToken();\n")
    assert analyze(text) == []
    sticky = "let user;\nexports.handler = async (event) => { if (!user) user = event.user; await f(user); };\n"
    assert codes(analyze(sticky)) == ["LMI202"]


def test_lmi201_in_an_anonymous_route_callback_names_the_route_not_an_empty_function():
    """A module-level ``let`` rebound inside an Express route served through serverless-http (issue 12 misses): the
    message named the writer as `` (an anonymous callback has no name); it names the route instead."""
    text = ("const express = require('express');\nconst { Pool } = require('pg');\nlet pool = new Pool();\n"
            "let config = {};\nconst app = express();\n"
            "app.post('/config', async (req, res) => {\n  config = req.body;\n  await pool.end();\n"
            "  pool = new Pool({ host: config.host });\n  res.json(await pool.query('select 1'));\n});\n"
            "module.exports.handler = require('serverless-http')(app);\n")
    hits = [h for h in analyze(text, "routes.js") if h.code in ("LMI201", "LMI202")]
    assert {h.message.split("`")[1] for h in hits} == {"config", "pool"}
    assert all("``" not in h.message and "the `app.post('/config')` route" in h.message for h in hits)
    named = text.replace("async (req, res) =>", "async function saveConfig(req, res)")
    assert all("`saveConfig`" in h.message for h in analyze(named, "routes.js") if h.code in ("LMI201", "LMI202"))


def test_lmi201_python_style_keyword_arguments_in_a_sloppy_script_are_not_shared_state():
    """serverless-observability-workshop (held out): ``await logMetricEMF(name = 'X', unit = Unit.Count, value = 1)``
    in a sloppy-mode script creates globals, but each value goes straight into the call and nothing reads the
    globals back: no invocation can see another's value."""
    text = ("const { logMetricEMF } = require('./logger');\n"
            "exports.handler = async (event, context) => {\n"
            "  await logMetricEMF(name = 'Unsupported', unit = 'Count', value = 1, { op: event.op });\n"
            "  return { ok: true };\n};\n")
    assert analyze(text, "handler.js") == []
    read_back = text.replace("  return { ok: true };", "  return { metric: name };")
    assert [(h.code, h.message.split("`")[1]) for h in analyze(read_back, "handler.js")] == [("LMI201", "name")]


def test_lmi201_an_implicit_global_whose_assignment_is_returned_and_never_read_is_not_shared_state():
    """cdk-patterns (heldout3): ``return response = {...}`` in a sloppy-mode helper creates a global, but the value
    is returned by the same expression and nothing in the file reads the name: no invocation sees another's value.
    Read back elsewhere, it is shared state again."""
    text = ("const AWS = require('aws-sdk');\nconst dynamo = new AWS.DynamoDB.DocumentClient();\n"
            "exports.handler = async function (event) {\n"
            "  await dynamo.update({ TableName: 't', Key: { path: event.rawPath } }).promise();\n"
            "  return createResponse(200, 'ok');\n};\n"
            "const createResponse = (statusCode, body) => {\n"
            "  return response = { statusCode, body };\n}\n")
    assert [h for h in analyze(text, "lambda.js") if h.code in ("LMI201", "LMI202")] == []
    read_back = text.replace("return createResponse(200, 'ok');", "createResponse(200, 'ok'); return response;")
    assert [(h.code, h.message.split("`")[1]) for h in analyze(read_back, "lambda.js")
            if h.code in ("LMI201", "LMI202")] == [("LMI201", "response")]


def test_lmi201_a_memo_map_filled_after_an_early_return_on_has_is_not_shared_state():
    """distributed-load-testing-on-aws (heldout3): ``if (clients.has(region)) return clients.get(region);`` then
    ``clients.set(region, new Client(...))``: a memo of shareable SDK clients per key, the same whoever fills it."""
    text = ("import { DevOpsAgentClient } from '@aws-sdk/client-devops-agent';\n"
            "const regionalClients = new Map();\n"
            "const getClientForRegion = (region) => {\n"
            "  if (regionalClients.has(region)) return regionalClients.get(region);\n"
            "  const client = new DevOpsAgentClient({ region });\n"
            "  regionalClients.set(region, client);\n  return client;\n};\n"
            "export const handler = async (event) => {\n"
            "  const client = getClientForRegion(event.region);\n"
            "  return await client.send(event.command);\n};\n")
    assert [h for h in analyze(text, "client.mjs") if h.code in ("LMI201", "LMI202")] == []
    unguarded = text.replace("  if (regionalClients.has(region)) return regionalClients.get(region);\n", "")
    assert [h.code for h in analyze(unguarded, "client.mjs") if h.code in ("LMI201", "LMI202")] != []


def test_lmi201_a_memo_map_checked_and_filled_in_separate_helpers_is_not_shared_state():
    """automated-security-response-on-aws (heldout12) filterUtils.ts: ``getCachedParentOUs`` tests
    ``parentOUCache.has(accountId)``, ``getParentOUs`` returns the cached value or calls Organizations, and
    ``cacheAndReturnOUs`` / the error helper ``set`` the account's OUs: a memo keyed by account, the same whoever
    fills it (a race only fetches twice). A Map whose new value is computed from its own old one across an
    await (a counter), or one written under a fixed key (a global in disguise), is still shared state."""
    text = ("import { OrganizationsClient, ListParentsCommand } from '@aws-sdk/client-organizations';\n"
            "const client = new OrganizationsClient({});\n"
            "const parentOUCache = new Map<string, string[]>();\n"
            "export function clearCache(): void { parentOUCache.clear(); }\n"
            "function getCached(accountId: string): string[] | null {\n"
            "  if (parentOUCache.has(accountId)) { return parentOUCache.get(accountId) as string[]; }\n"
            "  return null;\n}\n"
            "function cacheAndReturn(accountId: string, ouIds: string[]): string[] {\n"
            "  parentOUCache.set(accountId, ouIds);\n  return ouIds;\n}\n"
            "function onError(accountId: string): string[] {\n  parentOUCache.set(accountId, []);\n  return [];\n}\n"
            "async function getParentOUs(accountId: string): Promise<string[]> {\n"
            "  const cached = getCached(accountId);\n  if (cached !== null) { return cached; }\n"
            "  try {\n    const r = await client.send(new ListParentsCommand({ ChildId: accountId }));\n"
            "    return cacheAndReturn(accountId, (r.Parents ?? []).map((p) => p.Id!));\n"
            "  } catch (e) {\n    return onError(accountId);\n  }\n}\n"
            "export const handler = async (event: any) => {\n"
            "  return await getParentOUs(event.account);\n};\n")
    assert [h for h in analyze(text, "filterUtils.ts") if h.code in ("LMI201", "LMI202")] == []
    counter = text.replace("parentOUCache.set(accountId, ouIds);",
                           "parentOUCache.set(accountId, [...(parentOUCache.get(accountId) ?? []), ...ouIds]);")
    assert {"LMI201", "LMI202"} & {h.code for h in analyze(counter, "filterUtils.ts")}
    fixed_key = text.replace("parentOUCache.set(accountId, ouIds);", "parentOUCache.set('current', ouIds);")
    assert {"LMI201", "LMI202"} & {h.code for h in analyze(fixed_key, "filterUtils.ts")}


def test_lmi201_lazy_initialisation_tested_with_a_nil_helper_is_not_shared_state():
    """workload-discovery-on-aws (heldout3): ``if (R.isNil(cache.regions)) cache.regions = await getRegions();``
    fills a one-time cache of a value that is the same for every request (lodash/Ramda ``isNil``/``isUndefined``
    test "unset" like ``== null``)."""
    text = ("const R = require('ramda');\nconst cache = {};\n"
            "async function getRegions() { return ['eu-west-1']; }\n"
            "exports.handler = async (event, context) => {\n"
            "  if (R.isNil(cache.regions)) cache.regions = await getRegions();\n"
            "  return cache.regions.includes(event.region);\n};\n")
    assert [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")] == []
    unguarded = text.replace("if (R.isNil(cache.regions)) ", "")
    assert [h.code for h in analyze(unguarded, "index.js") if h.code in ("LMI201", "LMI202")] == ["LMI201"]


def test_lmi204_not_for_a_module_setting_set_to_the_same_environment_value_on_every_request():
    """serverless-observability-workshop (held out): ``log.options.debug = process.env.ENABLE_DEBUG !== undefined ?
    process.env.ENABLE_DEBUG : false`` writes the same value on every request (the environment is the function's
    configuration); the closure over the request's trace id on the next line is still reported."""
    text = ("const log = require('lambda-log');\n"
            "exports.handler = async (event, context) => {\n"
            "  log.options.debug = process.env.ENABLE_DEBUG !== undefined ? process.env.ENABLE_DEBUG : false;\n"
            "  log.options.tags = ['items', `${process.env.STAGE}`];\n"
            "  log.options.dynamicMeta = () => ({ trace: event.headers['X-Amzn-Trace-Id'] });\n"
            "  log.info(context.awsRequestId);\n  return 1;\n};\n")
    hits = [h for h in analyze(text, "handler.js") if h.code == "LMI204"]
    assert [h.line for h in hits] == [5] and "`log.options.dynamicMeta`" in hits[0].message


def test_lmi103_a_client_for_the_endpoint_the_request_names_gets_its_own_advice():
    """serverless-trivia-game (held out, judged debatable): an ApiGatewayManagementApiClient built per invocation
    for the WebSocket endpoint taken from the event. Hoisting it to module scope is wrong (the endpoint is not known
    there); the advice is one client per endpoint, kept at module scope, and no automatic fix is offered."""
    text = ("import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';\n"
            "const send = async (msg, domain, stage) => {\n"
            "  const api = new ApiGatewayManagementApiClient({ endpoint: `https://${domain}/${stage}` });\n"
            "  return api;\n};\n"
            "export const handler = async (event, context) => {\n"
            "  const { domainName, stage } = event.requestContext;\n"
            "  await send(event.body, domainName, stage);\n  return { statusCode: 200 };\n};\n")
    hits = [h for h in analyze(text, "app.mjs") if h.code == "LMI103"]
    assert len(hits) == 1 and hits[0].fix is None
    assert "endpoint" in hits[0].message and "one client per endpoint" in hits[0].message
    plain = text.replace("{ endpoint: `https://${domain}/${stage}` }", "{}")
    hits = [h for h in analyze(plain, "app.mjs") if h.code == "LMI103"]
    assert len(hits) == 1 and "build it once at module scope" in hits[0].message


def test_lmi103_a_request_endpoint_passed_through_a_props_object():
    text = ("const AWS = require('aws-sdk');\n"
            "const send = async (data, domain, stage) => {\n"
            "  const props = { apiVersion: '2018-11-29', endpoint: `${domain}/${stage}` };\n"
            "  const api = new AWS.ApiGatewayManagementApi( props );\n  return api;\n};\n"
            "exports.handler = async (event, context) => {\n"
            "  await send(event.body, event.requestContext.domainName, event.requestContext.stage);\n"
            "  return { statusCode: 200 };\n};\n")
    hits = [h for h in analyze(text, "app.js") if h.code == "LMI103"]
    assert len(hits) == 1 and "one client per endpoint" in hits[0].message
    fixed = text.replace("endpoint: `${domain}/${stage}`", "endpoint: process.env.WS_ENDPOINT")
    hits = [h for h in analyze(fixed, "app.js") if h.code == "LMI103"]
    assert len(hits) == 1 and "build it once at module scope" in hits[0].message


def test_lmi103_a_region_read_from_the_environment_in_the_handler_is_not_one_the_request_names():
    """aws-cdk-examples trigger-build.js (heldout2, judged real with a wrong message): ``const region =
    process.env.REGION`` inside the handler, then ``new CodeBuildClient({ region })``: the Region is the same for
    every invocation, so the advice is to build the client once, not one client per endpoint."""
    text = ("const { CodeBuildClient } = require('@aws-sdk/client-codebuild');\n"
            "exports.handler = async (event) => {\n"
            "  const region = process.env.REGION || 'us-east-1';\n"
            "  const codebuild = new CodeBuildClient({ region: region });\n"
            "  return codebuild;\n};\n")
    hits = [h for h in analyze(text, "trigger-build.js") if h.code == "LMI103"]
    assert len(hits) == 1 and "build it once at module scope" in hits[0].message
    named = text.replace("process.env.REGION || 'us-east-1'", "event.region")
    hits = [h for h in analyze(named, "trigger-build.js") if h.code == "LMI103"]
    assert len(hits) == 1 and "one client per endpoint" in hits[0].message


def test_lmi204_not_for_a_library_setting_set_to_a_constant_path_or_library_constant_on_every_request():
    """media2cloud (heldout6, judged false): ``FileMagic.magicFile = PATH.join(PATH.parse(magicPath).dir,
    'magic.mgc')`` with ``const magicPath = require.resolve('...')`` and ``FileMagic.defaulFlags =
    MagicFlags.MAGIC_PRESERVE_ATIME`` write the same value on every request: a path computed from literals and a
    constant exported by the library. A value from the request is still reported."""
    text = ("const PATH = require('path');\n"
            "const { FileMagic, MagicFlags } = require('@npcz/magic');\n"
            "const MGC = 'magic.mgc';\n"
            "async function getMagic() {\n"
            "  const magicPath = require.resolve('@npcz/magic');\n"
            "  FileMagic.magicFile = PATH.join(PATH.parse(magicPath).dir, MGC);\n"
            "  FileMagic.defaulFlags = MagicFlags.MAGIC_PRESERVE_ATIME;\n"
            "  return FileMagic.getInstance();\n"
            "}\n"
            "exports.handler = async (event) => {\n"
            "  const magic = await getMagic();\n"
            "  FileMagic.magicFile = PATH.join('/tmp', event.name);\n"
            "  return magic.detect(event.key);\n"
            "};\n")
    hits = [h for h in analyze(text, "index.js") if h.code == "LMI204"]
    assert [h.line for h in hits] == [12]


@pytest.mark.parametrize("text", [
    # sessions-with-aws-sam lambda-layers (heldout6, judged false): written after the only await inside try,
    # returned after the try; the catch returns, so the read never sees an older value
    ("let response;\nexports.lambdaHandler = async (event, context) => {\n  try {\n"
     "    const ret = await axios(url);\n    response = { statusCode: 200, body: ret.data };\n"
     "  } catch (err) {\n    console.log(err);\n    return err;\n  }\n  return response;\n};\n"),
    # sessions-with-aws-sam appconfig (heldout6, judged false): both branches assign, then it is read at once
    ("let message;\nexports.handler = async (event) => {\n  const options = await getConfig();\n"
     "  if (options.isEnabled === true) {\n    message = 'Hello from ' + options.messageOption;\n  } else {\n"
     "    message = 'Hello';\n  }\n  const response = { statusCode: 200, body: JSON.stringify(message) };\n"
     "  return response;\n};\nasync function getConfig() { return {}; }\n"),
])
def test_lmi201_not_for_module_scratch_written_then_read_within_one_synchronous_stretch_of_an_async_function(text):
    """An async function gives the thread up only at an await: a module variable it assigns (on every path) and
    reads back with no await in between cannot be changed by another invocation meanwhile."""
    assert [h for h in analyze(text) if h.code in ("LMI201", "LMI202")] == []


@pytest.mark.parametrize("text", [
    # an await between the write and the read
    ("let message;\nexports.handler = async (event) => {\n  message = 'a' + Date.now();\n  await getConfig();\n"
     "  return message;\n};\nasync function getConfig() { return {}; }\n"),
    # only one branch assigns: the read may see the previous invocation's value
    ("let message;\nexports.handler = async (event) => {\n  const options = await getConfig();\n"
     "  if (options.isEnabled) {\n    message = 'on';\n  }\n  return message;\n};\n"
     "async function getConfig() { return {}; }\n"),
    # the catch falls through to the read
    ("let response;\nexports.handler = async (event) => {\n  try {\n    const ret = await fetchIt();\n"
     "    response = { body: ret };\n  } catch (err) {\n    console.log(err);\n  }\n  return response;\n};\n"
     "async function fetchIt() { return 1; }\n"),
    # read by a callback that runs after the handler's await
    ("let message;\nexports.handler = async (event) => {\n  message = 'x' + Date.now();\n"
     "  await Promise.all([1, 2].map(async (i) => { await later(i); return message; }));\n};\n"
     "async function later() {}\n"),
])
def test_lmi201_module_state_read_outside_the_synchronous_stretch_of_its_write_is_still_reported(text):
    assert [h.code for h in analyze(text) if h.code in ("LMI201", "LMI202")] != []


@pytest.mark.parametrize("text", [
    # s3-to-lambda-patterns ddbImporter loader (heldout6, judged false): a log counter reset at the top of the
    # handler and incremented before the callee's only await, all in the handler's first synchronous stretch
    ("let batchCount\nexports.handler = async (event) => {\n  batchCount = 0\n  await Promise.all(\n"
     "    event.Records.map(async (record) => {\n      const items = JSON.parse(record.body)\n"
     "      await saveToDDB(items)\n    })\n  )\n}\n"
     "const saveToDDB = async (items) => {\n  const params = { RequestItems: items }\n  try {\n    batchCount++\n"
     "    console.log('Trying batch: ', batchCount)\n    const result = await docClient.batchWrite(params).promise()\n"
     "    console.log(result)\n  } catch (err) {\n    console.error(err)\n  }\n}\n"),
    # s3-to-lambda-patterns addToQueue (heldout6, judged false): a module array filled by the handler and drained
    # by the callee's splice loop before its first await
    ("let messages = []\nexports.handler = async (event) => {\n  event.Records.map((record) => {\n"
     "    messages.push({ Key: record.s3.object.key })\n  })\n  console.log('Messages: ', messages)\n  try {\n"
     "    await addToSQS(messages)\n  } catch (err) {\n    console.error(err)\n  }\n}\n"
     "const addToSQS = async (messages) => {\n  let batches = []\n  while (messages.length > 0) {\n"
     "    batches.push(messages.splice(0, 10))\n  }\n"
     "  await Promise.all(batches.map(async (b) => sqs.sendMessageBatch({ Entries: b }).promise()))\n}\n"),
])
def test_lmi201_not_for_module_state_used_only_in_the_synchronous_start_of_the_request(text):
    """An invocation keeps the thread until its first await: module state it resets (or empties) and uses only
    before that, in the handler and the functions it calls synchronously, is never seen by another invocation."""
    assert [h for h in analyze(text) if h.code in ("LMI201", "LMI202")] == []


@pytest.mark.parametrize("text", [
    # incremented after the callee's await: another invocation's reset runs in between
    ("let batchCount\nexports.handler = async (event) => {\n  batchCount = 0\n"
     "  await Promise.all(event.Records.map(async (record) => { await saveToDDB(record) }))\n}\n"
     "const saveToDDB = async (item) => {\n  const r = await docClient.put(item).promise()\n  batchCount++\n"
     "  console.log(batchCount, r)\n}\n"),
    # never reset: the count carries over from one invocation to the next
    ("let batchCount = 0\nexports.handler = async (event) => {\n  batchCount++\n  console.log(batchCount)\n"
     "  await work(event)\n}\nasync function work() {}\n"),
    # filled but not drained before the await: the next invocation sends this one's messages again
    ("let messages = []\nexports.handler = async (event) => {\n  event.Records.map((record) => {\n"
     "    messages.push({ Key: record.s3.object.key })\n  })\n  await addToSQS(messages)\n}\n"
     "const addToSQS = async (list) => {\n  await sqs.sendMessageBatch({ Entries: list.slice(0, 10) }).promise()\n}\n"),
    # pushed inside a loop that awaits: the later iterations run after other invocations
    ("let seen = []\nexports.handler = async (event) => {\n  seen = []\n  for (const r of event.Records) {\n"
     "    seen.push(r.id)\n    await save(r)\n  }\n  return seen.length\n}\nasync function save() {}\n"),
])
def test_lmi201_module_state_used_after_the_synchronous_start_is_still_reported(text):
    assert [h.code for h in analyze(text) if h.code in ("LMI201", "LMI202")] != []


@pytest.mark.parametrize("text", [
    # machine-downtime-monitor filter-kinesis-stream (heldout8, judged false): set on every invocation to a number
    # parsed from an environment variable, read after awaits
    ("const { EXPIRY_HOURS } = process.env;\nlet expiryHours: number;\n"
     "export const handler = async (event: any) => {\n  await check();\n  await save(event);\n"
     "  return expiryHours * 3600;\n};\nasync function check(): Promise<void> {\n"
     "  expiryHours = parseInt(EXPIRY_HOURS.trim(), 10);\n  if (!Number.isInteger(expiryHours)) {\n"
     "    throw new Error('bad');\n  }\n  await Promise.resolve();\n}\nasync function save(e: any) {}\n"),
    ("let region;\nexports.handler = async (event) => {\n  region = process.env.AWS_REGION.toLowerCase();\n"
     "  await save(event);\n  return region;\n};\nasync function save() {}\n"),
])
def test_lmi201_not_for_module_state_always_set_to_the_same_configuration_value(text):
    """Every write of the variable stores a value computed only from literals and environment variables: the same
    on every invocation, so no invocation can see a value another one chose."""
    rel = "index.ts" if "export const" in text else "index.js"
    assert [h for h in analyze(text, rel) if h.code in ("LMI201", "LMI202")] == []


@pytest.mark.parametrize("text", [
    # another write stores something that changes per request
    ("let expiryHours;\nexports.handler = async (event) => {\n  expiryHours = parseInt(process.env.H, 10);\n"
     "  await save(event);\n  expiryHours = expiryHours + 1;\n  return expiryHours;\n};\nasync function save() {}\n"),
    # a counter changed by ++ as well
    ("let n;\nexports.handler = async (event) => {\n  n = Number(process.env.START);\n  await save(event);\n"
     "  n++;\n  return n;\n};\nasync function save() {}\n"),
    # written only when the request asks for it: later invocations see it set
    ("let region;\nexports.handler = async (event) => {\n  if (event.useEnv) {\n"
     "    region = process.env.AWS_REGION;\n  }\n  await save(event);\n  return region;\n};\n"
     "async function save() {}\n"),
    # parsed from something that is not configuration
    ("let stamp;\nexports.handler = async (event) => {\n  stamp = parseInt(String(Date.now()), 10);\n"
     "  await save(event);\n  return stamp;\n};\nasync function save() {}\n"),
])
def test_lmi201_module_state_not_always_set_to_the_same_value_is_still_reported(text):
    assert [h.code for h in analyze(text) if h.code in ("LMI201", "LMI202")] != []


def test_lmi201_not_for_a_client_built_whole_behind_the_callers_unset_test():
    """machine-downtime-monitor (heldout8, judged false): ``if (!client) await init()`` where init assigns
    ``client = await build()``: the client is stored only once built, so a concurrent invocation at worst builds a
    second equivalent one; it never sees a half-built one."""
    text = ("let client;\nexport const handler = async (event: any) => {\n  await check();\n"
            "  return client.send(event);\n};\nasync function check(): Promise<void> {\n"
            "  if (!client) {\n    await init();\n  }\n}\nasync function init(): Promise<void> {\n"
            "  client = await new Client({ url: process.env.URL }).hydrated();\n}\n")
    assert [h for h in analyze(text, "index.ts") if h.code in ("LMI201", "LMI202")] == []


@pytest.mark.parametrize("text", [
    # assigned first, then filled across an await: a concurrent invocation sees it half loaded
    ("let parser;\nexport const handler = async (event: any) => {\n  if (!parser) {\n    await load();\n  }\n"
     "  return parser.parse(event);\n};\nasync function load(): Promise<void> {\n  parser = new Parser();\n"
     "  await fill(parser);\n}\nasync function fill(p: any) {}\n"),
    # one caller does not test it first: every invocation through it replaces the shared client
    ("let client;\nexport const handler = async (event: any) => {\n  await init();\n"
     "  return client.send(event);\n};\nasync function init(): Promise<void> {\n"
     "  client = await connect(event.url);\n}\nasync function connect(u: any) { return u; }\n"),
])
def test_lmi201_lazy_state_not_stored_whole_behind_an_unset_test_is_still_reported(text):
    assert [h.code for h in analyze(text, "index.ts") if h.code in ("LMI201", "LMI202")] != []


def test_lmi201_a_parenthesised_keyword_style_argument_in_a_sloppy_script_is_not_shared_state():
    """amazon-s3-glacier-refreezer (heldout10, judged false): ``hash.update(buf, (input_encoding = "binary"))`` in a
    sloppy-mode script creates a global, but the value goes straight into the call (the parentheses change nothing)
    and nothing reads the name back. Read back elsewhere, it is shared state again."""
    text = ("const crypto = require('crypto');\n"
            "exports.handler = async (event) => {\n"
            "  const hash = crypto.createHash('sha256');\n"
            "  for await (const chunk of event.stream) {\n"
            "    hash.update(Buffer.from(chunk, 'binary'), (input_encoding = 'binary'));\n"
            "  }\n"
            "  return hash.digest('hex');\n};\n")
    assert [h for h in analyze(text, "treehash.js") if h.code in ("LMI201", "LMI202")] == []
    read_back = text.replace("return hash.digest('hex');", "return hash.digest(input_encoding);")
    assert [(h.code, h.message.split("`")[1]) for h in analyze(read_back, "treehash.js")
            if h.code in ("LMI201", "LMI202")] == [("LMI201", "input_encoding")]


_ONCE_INIT = ("var aws = require('aws-sdk');\n"
              "var transform = require('./transformer');\n"
              "var online = false;\n"
              "var setRegion = process.env['AWS_REGION'];\n"
              "function init(callback) {\n"
              "  if (!online) {\n"
              "    transform.setup(function (err) {\n"
              "      aws.config.update({ region: setRegion });\n"
              "      if (!exports.firehose) {\n"
              "        exports.firehose = new aws.Firehose({ region: setRegion });\n"
              "      }\n"
              "      kinesis = new aws.Kinesis({ region: setRegion });\n"
              "      online = true;\n"
              "      callback(err);\n"
              "    });\n"
              "  } else {\n"
              "    callback(null);\n"
              "  }\n"
              "}\n"
              "var kinesis;\n"
              "exports.handler = async function (event) {\n"
              "  await new Promise((resolve) => init(resolve));\n"
              "  return exports.firehose.putRecord({ DeliveryStreamName: 's', Record: { Data: event.data } })"
              ".promise();\n"
              "};\n")


def test_lmi103_lmi204_one_time_initialisation_behind_a_module_flag_runs_once():
    """lambda-streams-to-firehose (heldout10, judged false): ``init()`` runs its body only while the module flag
    ``online`` is unset and sets it at the end; the Firehose client is also built only ``if (!exports.firehose)``.
    The clients are built once and ``aws.config.update`` sets the environment's Region once: nothing per invocation.
    Without the flag being set the block runs on every invocation again."""
    assert [h for h in analyze(_ONCE_INIT, "index.js") if h.code in ("LMI103", "LMI204")] == []
    every_time = _ONCE_INIT.replace("      online = true;\n", "")
    assert sorted((h.code, h.line) for h in analyze(every_time, "index.js") if h.code in ("LMI103", "LMI204")) == [
        ("LMI103", 12), ("LMI204", 8)]   # exports.firehose stays guarded by its own `if (!exports.firehose)`


def test_lmi204_a_request_value_set_in_a_one_time_block_is_still_reported():
    """The first invocation's own value (here the Region its event names) would become every later invocation's
    setting: a one-time block does not make that harmless."""
    text = _ONCE_INIT.replace("aws.config.update({ region: setRegion });", "aws.config.update({ region: event.region });") \
        .replace("function init(callback) {", "function init(callback, event) {") \
        .replace("init(resolve)", "init(resolve, event)")
    assert [h.line for h in analyze(text, "index.js") if h.code == "LMI204"] == [8]


def test_lmi202_a_cache_keyed_by_the_request_used_only_before_the_first_await_is_not_interleaved():
    """innovator-island (heldout10, judged false): ``alertCache[rideId] = {...}; message = alertCache[rideId]`` in the
    synchronous start of the handler, then ``await eventbridge.putEvents(...)``: a per-ride cache meant to outlive
    the invocation; every use of it runs before the invocation first gives the thread up, so no other invocation can
    run in between (any interleaving is one of the orders standard Lambda already has). Read back after the await,
    the invocation may see another's entry: still reported."""
    text = ("const { EventBridge } = require('@aws-sdk/client-eventbridge');\n"
            "const eventbridge = new EventBridge({});\n"
            "let alertCache = {};\n"
            "exports.handler = async (event) => {\n"
            "  const rideId = event.detail.rideId;\n"
            "  console.log('Cache: ', alertCache);\n"
            "  let message = {};\n"
            "  if (alertCache.hasOwnProperty(rideId) && Date.now() - alertCache[rideId].lastAlert < 180000) {\n"
            "    message = alertCache[rideId];\n"
            "  }\n"
            "  if (Object.keys(message).length === 0) {\n"
            "    alertCache[rideId] = { rideId, lastAlert: Date.now(), wait: event.detail.wait };\n"
            "    message = alertCache[rideId];\n"
            "  }\n"
            "  await eventbridge.putEvents({ Entries: [{ Detail: JSON.stringify(message) }] });\n"
            "  return message;\n"
            "};\n")
    assert [h for h in analyze(text, "app.js") if h.code in ("LMI201", "LMI202")] == []
    read_after = text.replace("  return message;\n", "  return alertCache[rideId];\n")
    assert [(h.code, h.line) for h in analyze(read_after, "app.js") if h.code in ("LMI201", "LMI202")] == [
        ("LMI202", 12)]


def test_lmi205_the_context_handed_on_through_bind_to_a_function_finishing_with_context_done():
    """lambda-streams-to-firehose (heldout10, a miss): ``var finish = onCompletion.bind(undefined, context, event)``
    and ``onCompletion(context, event, err, status)`` ends with ``context.done(...)``: the bound arguments after the
    ``this`` value fill the function's first parameters, so the handler finishes through the legacy completion
    method. A bound function that does not use the context is not a finding."""
    text = ("function onCompletion(context, event, err, status) {\n"
            "  if (err) { context.done(status, 'failed'); } else { context.done(null, 'ok'); }\n"
            "}\n"
            "function handler(event, context) {\n"
            "  var finish = onCompletion.bind(undefined, context, event);\n"
            "  process(event.Records, function (err) { finish(err, err ? 'ERROR' : 'OK'); });\n"
            "}\n"
            "exports.handler = handler;\n")
    hits = [h for h in analyze(text, "index.js") if h.code == "LMI205"]
    assert [h.line for h in hits] == [4] and "context.done()" in hits[0].message and "onCompletion" in hits[0].message
    unused = text.replace("context.done(status, 'failed')", "console.log(status)") \
        .replace("context.done(null, 'ok')", "console.log('ok')")
    assert [h for h in analyze(unused, "index.js") if h.code == "LMI205"] == []


def test_lmi201_lazy_initialisation_finished_in_a_callback_inside_the_unset_check_is_not_shared_state():
    """aws-serverless-security-workshop (heldout10, judged false): ``if (!pems) { request(jwksUrl, function (e, r, body)
    { pems = {}; for (...) pems[kid] = pem; validate(pems, ...) }) }``: the keys of the user pool, downloaded once;
    the callback that stores them runs only from inside the unset check, and stores and fills them in one
    synchronous stretch. Without the check, every invocation replaces them: reported."""
    text = ("const request = require('request');\n"
            "var pems;\n"
            "exports.handler = (event, context, callback) => {\n"
            "  if (!pems) {\n"
            "    request({ url: process.env.JWKS_URL, json: true }, function (error, response, body) {\n"
            "      pems = {};\n"
            "      for (var i = 0; i < body.keys.length; i++) { pems[body.keys[i].kid] = body.keys[i].n; }\n"
            "      validate(pems, event, callback);\n"
            "    });\n"
            "  } else {\n"
            "    validate(pems, event, callback);\n"
            "  }\n"
            "};\n"
            "function validate(keys, event, callback) { callback(null, keys[event.kid] ? 'Allow' : 'Deny'); }\n")
    assert [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")] == []
    unguarded = text.replace("  if (!pems) {\n", "  if (event.refresh) {\n")
    assert [h.code for h in analyze(unguarded, "index.js") if h.code in ("LMI201", "LMI202")] == ["LMI201"]


def test_lmi202_a_memo_filled_in_the_else_branch_of_a_test_on_the_same_key_is_not_shared_state():
    """lambda-streams-to-firehose (heldout10, after merging main): ``if (mapping[streamName]) { use } else if (ddb)
    { mapping[streamName] = streamName; ... }``: a memo keyed by the stream, filled only while the key is unset, the
    same value whoever fills it. Filled in the branch where the key IS set, it overwrites: still reported."""
    text = ("var mapping = { DEFAULT: 'default-stream' };\n"
            "function route(streamName, source, callback) {\n"
            "  if (mapping[streamName]) {\n"
            "    callback(mapping[streamName]);\n"
            "  } else if (source === 'aws:dynamodb') {\n"
            "    mapping[streamName] = streamName;\n"
            "    callback(mapping[streamName]);\n"
            "  } else {\n"
            "    callback(mapping.DEFAULT);\n"
            "  }\n"
            "}\n"
            "exports.handler = async (event) => {\n"
            "  const name = event.Records[0].eventSourceARN.split('/')[1];\n"
            "  return new Promise((resolve) => route(name, event.Records[0].eventSource, resolve));\n"
            "};\n")
    assert [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")] == []
    overwrite = text.replace("  if (mapping[streamName]) {\n    callback(mapping[streamName]);\n",
                             "  if (mapping[streamName]) {\n    mapping[streamName] = event_name(streamName);\n")
    overwrite = overwrite.replace("function route(", "function event_name(s) { return s; }\nfunction route(")
    assert [h.code for h in analyze(overwrite, "index.js") if h.code in ("LMI201", "LMI202")] != []


def test_lmi201_scratch_global_also_written_in_a_synchronous_array_callback_is_not_shared_state():
    """lambda-streams-to-firehose (heldout10, after merging main): in a sloppy script, a callback sets
    ``fallback = DEFAULT`` first, ``data.Tags.map(item => { if (...) fallback = false; })`` may clear it, and the same
    callback reads it right after: Array.prototype.map runs its callback synchronously, so the whole use is one
    synchronous stretch. A callback that is not run synchronously (setTimeout) is another stretch: still reported."""
    text = ("var DEFAULT = true;\n"
            "function build(kinesis, streamName, callback) {\n"
            "  kinesis.listTagsForStream({ StreamName: streamName }, function (err, data) {\n"
            "    fallback = DEFAULT;\n"
            "    data.Tags.map(function (item) {\n"
            "      if (item.Key === 'FORWARD_TO_FIREHOSE_STREAM') {\n"
            "        fallback = false;\n"
            "      }\n"
            "    });\n"
            "    callback(fallback);\n"
            "  });\n"
            "}\n"
            "exports.handler = function (event, context) {\n"
            "  build(exports.kinesis, event.stream, function (f) { context.succeed(f); });\n"
            "};\n")
    assert [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")] == []
    later = text.replace("data.Tags.map(function (item) {", "setTimeout(function (item) {")
    assert [h.code for h in analyze(later, "index.js") if h.code in ("LMI201", "LMI202")] != []


def test_lmi201_implicit_globals_written_and_read_within_a_loop_or_branch_are_synchronous_scratch():
    """serverless-game-for-observability (heldout13): a sloppy-mode script assigns undeclared names inside a loop
    body (``request = JSON.parse(record.body)`` per record, ``x = ...; ret.push({ x })``) or inside an ``if`` whose
    branch writes then reads them, with no await or callback in between and no read after the loop/branch: no other
    invocation can run in between on the one thread, so nothing leaks. Read after the loop (a run of zero
    iterations would see the previous invocation's value), it is shared state again."""
    text = ("const AWS = require('aws-sdk');\n"
            "exports.handler = function (event, context, callback) {\n"
            "  handleMessages(event);\n  callback(null, { targets: randomTargets(event.n), game: update(event.game, event) });\n};\n"
            "function handleMessages(event) {\n"
            "  for (let i = 0; i < event.Records.length; i++) {\n"
            "    request = JSON.parse(event.Records[i].body);\n"
            "    if (request.action === 'stop') { stop(request.data); }\n  }\n}\n"
            "function update(data, result) {\n"
            "  if (result.hit > 0) {\n    status = JSON.parse(data.status);\n    status.n += result.hit;\n"
            "    data.status = JSON.stringify(status);\n  }\n  return data;\n}\n"
            "function randomTargets(n) {\n  const ret = [];\n"
            "  for (let i = 0; i < n; i++) {\n    x = Math.random();\n    ret.push({ x: x });\n  }\n"
            "  return ret;\n}\n"
            "function stop(d) { return d; }\n")
    hits = [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")]
    assert hits == []
    after = text.replace("    ret.push({ x: x });\n  }\n", "  }\n  ret.push({ x: x });\n")
    assert [h.message.split("`")[1] for h in analyze(after, "index.js") if h.code in ("LMI201", "LMI202")] == ["x"]
    read_first = text.replace("  return data;\n", "  data.last = status;\n  return data;\n")
    assert [h.message.split("`")[1] for h in analyze(read_first, "index.js")
            if h.code in ("LMI201", "LMI202")] == ["status"]


def test_lmi201_a_global_rebuilt_with_an_identical_sdk_client_on_every_call_is_not_shared_state():
    """serverless-game-for-observability (heldout13): ``ddb = initDynamoDB()`` in a sloppy-mode script, where
    ``initDynamoDB`` returns ``new AWS.DynamoDB({ apiVersion: '2012-08-10' })``: every invocation stores an equal
    client, so one swapping it for another changes nothing (the client built per call is LMI103's matter). A
    helper building the client from request data is still shared state."""
    text = ("const AWS = require('aws-sdk');\nconst region = process.env.DEFAULT_REGION;\n"
            "exports.handler = function (event, context, callback) {\n"
            "  ddb = initDynamoDB(event);\n"
            "  ddb.deleteItem({ TableName: 't', Key: { id: { S: event.id } } }, function (err) {\n"
            "    ddb.putItem({ TableName: 'log', Item: { id: { S: event.id } } }, callback);\n  });\n};\n"
            "function initDynamoDB(event) {\n  AWS.config.update({ region: region });\n"
            "  return new AWS.DynamoDB({ apiVersion: '2012-08-10' });\n}\n")
    hits = analyze(text, "index.js")
    assert [h for h in hits if h.code in ("LMI201", "LMI202")] == []
    assert "LMI103" in codes(hits)
    per_request = text.replace("{ apiVersion: '2012-08-10' }", "{ region: event.region }")
    assert [h.message.split("`")[1] for h in analyze(per_request, "index.js")
            if h.code in ("LMI201", "LMI202")] == ["ddb"]


def test_the_sdk_module_wrapped_by_xray_capture_aws_is_still_the_sdk():
    """serverless-game-for-observability (heldout13): ``const AWS = process.env.ENABLE_XRAY_SDK == 'true' ?
    AWSXRay.captureAWS(require('aws-sdk')) : require('aws-sdk')``. captureAWS returns the SDK module itself with
    its clients instrumented ("Tracing AWS SDK calls with the X-Ray SDK for Node.js", AWS X-Ray Developer Guide), so
    ``new AWS.DynamoDB(...)`` is an SDK client: built per call it is LMI103, and a global re-assigned with that equal
    client on every call is not shared state."""
    text = ("const AWSXRay = require('aws-xray-sdk');\n"
            "const AWS = process.env.ENABLE_XRAY_SDK == 'true' ? AWSXRay.captureAWS(require('aws-sdk')) : "
            "require('aws-sdk');\n"
            "exports.handler = function (event, context, callback) {\n  cleanup(event.id);\n  callback(null, 1);\n};\n"
            "function cleanup(id) {\n  ddb = initDynamoDB();\n"
            "  ddb.deleteItem({ TableName: 't', Key: { id: { S: id } } }, function (err) {\n"
            "    ddb.putItem({ TableName: 'log', Item: { id: { S: id } } }, function () {});\n  });\n}\n"
            "function initDynamoDB() {\n  return new AWS.DynamoDB({ apiVersion: '2012-08-10' });\n}\n")
    hits = analyze(text, "index.js")
    assert [h for h in hits if h.code in ("LMI201", "LMI202")] == []
    assert "LMI103" in codes(hits)
    plain = text.replace("process.env.ENABLE_XRAY_SDK == 'true' ? AWSXRay.captureAWS(require('aws-sdk')) : "
                         "require('aws-sdk')", "AWSXRay.captureAWS(require('aws-sdk'))")
    assert "LMI103" in codes(analyze(plain, "index.js"))


def test_lmi204_a_library_setting_set_to_the_same_configuration_on_every_request_is_fine():
    """serverless-game-for-observability (heldout13): ``AWS.config.update({ region: defaultRegion })`` in a helper
    every request calls, ``defaultRegion`` a const read from the environment: every invocation sets the same value,
    so none changes what another sees. From request data it is still LMI204."""
    head = 'const AWS = require("aws-sdk");\nconst defaultRegion = process.env.DEFAULT_REGION;'
    assert [h for h in analyze(handler("  AWS.config.update({ region: defaultRegion, apiVersion: '2012-08-10' });",
                                       head)) if h.code == "LMI204"] == []
    assert [h.code for h in analyze(handler("  AWS.config.update({ region: event.region || defaultRegion });",
                                            head)) if h.code == "LMI204"] == ["LMI204"]


def test_lmi201_global_read_only_in_the_first_task_of_async_waterfall_is_synchronous_scratch():
    """serverless-game-for-observability (heldout13): a sloppy-mode script sets ``shootInfo = request`` and reads it
    only in the first task of ``async.waterfall([...])``. The async library runs the first task synchronously, inside
    the waterfall call (caolan/async ``lib/waterfall.js``: ``nextTask([])`` at the end of ``waterfall``; series goes
    through eachOfSeries, which calls the first iteratee at once), so write and read are one synchronous stretch. Read
    in a LATER task (after an asynchronous callback) it is shared state: still reported."""
    text = ("const async = require('async');\n"
            "exports.handler = function (event, context, callback) {\n"
            "  shoot(JSON.parse(event.body), event.requestContext.connectionId);\n  callback(null, {});\n};\n"
            "function shoot(request, connectionId) {\n"
            "  shootInfo = request;\n  shootInfo.connectionId = connectionId;\n"
            "  async.waterfall([\n"
            "    function (callback) {\n"
            "      send(JSON.stringify(shootInfo), function (err, data) { callback(err, data); });\n"
            "    },\n"
            "    function (data, callback) {\n"
            "      send(data, function (err, out) { callback(err, out); });\n"
            "    }\n"
            "  ], function (err, result) { log(err, result); });\n"
            "}\n"
            "function send(body, done) { setTimeout(function () { done(null, body); }, 1); }\n"
            "function log(e, r) { return [e, r]; }\n")
    assert [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")] == []
    series = text.replace("async.waterfall(", "async.series(").replace("function (data, callback)",
                                                                     "function (callback)")
    assert [h for h in analyze(series, "index.js") if h.code in ("LMI201", "LMI202")] == []
    later = text.replace("send(JSON.stringify(shootInfo),", "send('x',").replace(
        "send(data, function (err, out)", "send(shootInfo, function (err, out)")
    assert [h.message.split("`")[1] for h in analyze(later, "index.js")
            if h.code in ("LMI201", "LMI202")] == ["shootInfo"]
    in_callback = text.replace("function (err, data) { callback(err, data); }",
                               "function (err, data) { callback(err, shootInfo); }")
    assert [h.message.split("`")[1] for h in analyze(in_callback, "index.js")
            if h.code in ("LMI201", "LMI202")] == ["shootInfo"]
    other_library = text.replace("require('async')", "require('./flow')")
    assert [h.message.split("`")[1] for h in analyze(other_library, "index.js")
            if h.code in ("LMI201", "LMI202")] == ["shootInfo"]


TOKEN_LIBRARY = (
    "const jwt = require('jsonwebtoken');\n"
    "class Secret {\n"
    "  constructor(name) { this.name = name; this.keys = null; this._lock = false; }\n"
    "  async retrieveKeys() {\n"
    "    if (this._lock) return this.keys;\n"
    "    this._lock = true;\n"
    "    const fetched = await load(this.name);\n"
    "    this.keys = fetched;\n"
    "    this._lock = false;\n"
    "    return this.keys;\n"
    "  }\n"
    "}\n"
    "class Token {\n"
    "  constructor(secret) { this.secret = secret; }\n"
    "  _fill(policy, viewer) {\n"
    "    if (policy.ssn) { this.payloadSsn = viewer.sessionId; }\n"
    "    return { ssn: this.payloadSsn };\n"
    "  }\n"
    "  async generate(viewer, url, policy) {\n"
    "    const keys = await this.secret.retrieveKeys();\n"
    "    const payload = this._fill(policy, viewer);\n"
    "    this.encoded = jwt.sign(payload, keys.primary);\n"
    "    this.count = 0;\n"
    "    if (url) { const parts = url.split('/'); this.output = parts.join('/'); return this.output; }\n"
    "    return this.encoded;\n"
    "  }\n"
    "}\n"
    "function load(name) { return Promise.resolve({ primary: name }); }\n"
    "exports.Token = Token;\nexports.Secret = Secret;\n")


@pytest.mark.parametrize("head", [
    "const lib = require('./lib/token');\nconst token = new lib.Token(new lib.Secret(process.env.S));\n",
    "const { Token, Secret } = require('./lib/token');\nlet token = new Token(new Secret(process.env.S));\n",
])
def test_lmi202_request_data_stored_on_this_of_an_object_built_once_at_module_scope(tmp_path, head):
    """secure-media-delivery (corpus_heldout5): the handler builds one ``Token`` (a class of another file) at module
    scope and every request calls ``token.generate(...)``, whose methods store the viewer's session id, the signed
    JWT and the playback URL on ``this``: request data in one object every invocation shares (LMI202 at each
    write). The Secret's key cache (``this.keys`` from a fetch, a lock flag) and a constant (``this.count = 0``) are
    not request data; an object built per request (inside the handler) is not shared."""
    from workbench.readiness.scanner import scan

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "token.js").write_text(TOKEN_LIBRARY)
    handler_text = head + ("exports.handler = async (event) => {\n"
                           "  return { body: await token.generate(event.viewer, event.url, { ssn: true }) };\n};\n")
    (tmp_path / "index.js").write_text(handler_text)
    found = scan(tmp_path, workers=0, use_cache=False).findings
    assert sorted((f.path, f.line) for f in found if f.rule in ("LMI201", "LMI202")) == [
        ("lib/token.js", 16), ("lib/token.js", 22), ("lib/token.js", 24)]
    assert {f.rule for f in found if f.path == "lib/token.js" and f.rule in ("LMI201", "LMI202")} == {"LMI202"}
    per_request = ("const lib = require('./lib/token');\n"
                   "exports.handler = async (event) => {\n"
                   "  const token = new lib.Token(new lib.Secret(process.env.S));\n"
                   "  return { body: await token.generate(event.viewer, event.url, { ssn: true }) };\n};\n")
    (tmp_path / "index.js").write_text(per_request)
    found = scan(tmp_path, workers=0, use_cache=False).findings
    assert [f for f in found if f.rule in ("LMI201", "LMI202")] == []


def test_lmi202_this_of_a_same_file_class_built_once_at_module_scope():
    """The same with the class in the handler's file: one module-scope object is shared; a per-request one is not."""
    shared = TOKEN_LIBRARY.replace("exports.Token = Token;\nexports.Secret = Secret;\n", "") + (
        "const token = new Token(new Secret(process.env.S));\n"
        "exports.handler = async (event) => token.generate(event.viewer, event.url, { ssn: true });\n")
    assert sorted(h.line for h in analyze(shared, "index.js") if h.code in ("LMI201", "LMI202")) == [16, 22, 24]
    per_request = shared.replace("const token = new Token(new Secret(process.env.S));\n", "").replace(
        "async (event) => token.generate(", "async (event) => new Token(new Secret(process.env.S)).generate(")
    assert [h for h in analyze(per_request, "index.js") if h.code in ("LMI201", "LMI202")] == []


def _lmi103_lines(text: str, rel: str = "app.js") -> list[int]:
    return [h.line for h in analyze(text, rel) if h.code == "LMI103"]


def _scan_lmi103(root: Path, files: dict[str, str]) -> list[tuple[str, int]]:
    from workbench.readiness.scanner import scan

    for rel, text in files.items():
        (root / rel).write_text(text)
    return sorted((f.path, f.line) for f in scan(root, workers=0, use_cache=False).findings if f.rule == "LMI103")


CLIENTS_MODULE = ("import { S3Client } from '@aws-sdk/client-s3';\n"
                  "let cachedS3Client = null;\n"
                  "export class Clients {\n"
                  "  static s3(env) {\n"
                  "    if (cachedS3Client == null) {\n"
                  "      cachedS3Client = tracer.captureAWSv3Client(new S3Client({ customUserAgent: env.UA }));\n"
                  "    }\n"
                  "    return cachedS3Client;\n  }\n}\n")
SINGLETON_MODULE = ("import { S3Client } from '@aws-sdk/client-s3';\n"
                    "class S3Service {\n"
                    "  private readonly client: S3Client;\n"
                    "  private static instance: S3Service;\n"
                    "  private constructor() {\n"
                    "    this.client = new S3Client({});\n"
                    "  }\n"
                    "  static getInstance() {\n"
                    "    if (!S3Service.instance) {\n"
                    "      S3Service.instance = new S3Service();\n"
                    "    }\n"
                    "    return S3Service.instance;\n"
                    "  }\n"
                    "  get() { return this.client; }\n"
                    "}\n"
                    "export default S3Service;\n")
SINGLETON_HANDLER = ("import { Clients } from './clients';\nimport S3Service from './s3';\n"
                     "export const handler = async (event) => {\n"
                     "  Clients.s3(process.env);\n  return S3Service.getInstance().get();\n};\n")


def test_lmi103_a_client_wrapped_before_it_is_cached_in_a_null_checked_module_variable(tmp_path):
    """innovation-sandbox (heldout14, judged false): ``if (cachedS3Client == null) cachedS3Client =
    tracer.captureAWSv3Client(new S3Client(...))`` in a static accessor the handler calls: the client built inside
    a wrapping call whose result fills the module cache is built once per worker. Without the null check it is per
    call."""
    files = {"clients.ts": CLIENTS_MODULE, "s3.ts": SINGLETON_MODULE, "index.ts": SINGLETON_HANDLER}
    assert ("clients.ts", 6) not in _scan_lmi103(tmp_path, files)
    files["clients.ts"] = CLIENTS_MODULE.replace("if (cachedS3Client == null) {", "{")
    assert ("clients.ts", 6) in _scan_lmi103(tmp_path, files)


def test_lmi103_a_client_built_in_the_constructor_of_a_lazily_created_singleton(tmp_path):
    """performance-dashboard (heldout14, judged false): ``S3Service``'s private constructor builds the S3 client and
    runs only from ``getInstance()``, which keeps the instance in a static field while it is unset: one client per
    worker. Without the check, ``getInstance()`` builds one per call."""
    files = {"clients.ts": CLIENTS_MODULE, "s3.ts": SINGLETON_MODULE, "index.ts": SINGLETON_HANDLER}
    assert ("s3.ts", 6) not in _scan_lmi103(tmp_path, files)
    files["s3.ts"] = SINGLETON_MODULE.replace("if (!S3Service.instance) {", "{")
    assert ("s3.ts", 6) in _scan_lmi103(tmp_path, files)


def test_lmi103_a_client_cached_in_a_property_of_a_module_object_while_it_is_unset():
    """``if (!cache.kms) cache.kms = new KMSClient()``: a module-level cache object's property, filled once."""
    text = ("const { KMSClient } = require('@aws-sdk/client-kms');\n"
            "const cache = {};\n"
            "exports.handler = async (event) => {\n"
            "  if (!cache.kms) cache.kms = new KMSClient({});\n"
            "  return cache.kms.send(event);\n};\n")
    assert _lmi103_lines(text) == []
    assert _lmi103_lines(text.replace("if (!cache.kms) ", "")) == [4]


def test_lmi103_a_client_built_only_on_the_branch_that_fills_a_module_cache():
    """Lambda blueprints cloudwatch-alarm-to-slack, lambda-cloudwatch-slack (corpus_heldout7, false positives): the
    KMS client is built only while the decrypted hook URL is not cached yet, and that branch (in the decrypt
    callback) fills the module variable: once per worker, not per invocation. A client built on a branch that
    fills nothing stays a finding."""
    text = ("const AWS = require('aws-sdk');\n"
            "let hookUrl;\n"
            "exports.handler = (event, context, callback) => {\n"
            "  if (hookUrl) {\n"
            "    processEvent(event, callback);\n"
            "  } else {\n"
            "    const kms = new AWS.KMS();\n"
            "    kms.decrypt({ CiphertextBlob: Buffer.from(process.env.URL, 'base64') }, (err, data) => {\n"
            "      hookUrl = `https://${data.Plaintext.toString('ascii')}`;\n"
            "      processEvent(event, callback);\n"
            "    });\n"
            "  }\n};\n")
    assert _lmi103_lines(text) == []
    fills_nothing = text.replace("      hookUrl = `https://${data.Plaintext.toString('ascii')}`;\n", "")
    assert _lmi103_lines(fills_nothing) == [7]


def test_lmi202_implicit_globals_written_first_inside_try_and_catch_are_synchronous_scratch():
    """lambda-cloudwatch-slack (corpus_heldout7, false positives): a sloppy-mode handler helper assigns undeclared
    ``detailType`` and ``header`` from the request inside ``try {}`` (``header`` again in ``catch``) and reads them
    back in the same synchronous function, with nothing after the try reading them: no other invocation can run in
    between. Read after a try whose catch falls through without writing it, the value may be the previous
    invocation's: shared state again."""
    text = ("exports.handler = function (event, context) {\n"
            "  context.succeed(handle(event));\n};\n"
            "function handle(event) {\n"
            "  var fields = [];\n"
            "  try {\n"
            "    message = JSON.parse(event.body);\n"
            "    detailType = message['detail-type'];\n"
            "    if (detailType === 'x') { fields.push(1); }\n"
            "    header = message.state + ': ' + detailType;\n"
            "    fields.push({ value: header });\n"
            "  }\n"
            "  catch (e) {\n"
            "    header = event.body + ': failed';\n"
            "    fields.push({ value: header });\n"
            "  }\n"
            "  return fields;\n}\n")
    scratch = [h for h in analyze(text, "index.js") if h.code in ("LMI201", "LMI202")]
    assert scratch == []
    after = text.replace("  return fields;\n", "  fields.push(detailType);\n  return fields;\n")
    assert [h.message.split("`")[1] for h in analyze(after, "index.js")
            if h.code in ("LMI201", "LMI202")] == ["detailType"]


ENV_SETUP = ("'use strict';\n"
             "let TABLE_NAME;\n"
             "let CONFIG_NAME;\n"
             "function checkTableEnv() {\n"
             "  if (process.env.TABLE_NAME && process.env.INDEX_NAME) {\n"
             "    TABLE_NAME = process.env.TABLE_NAME;\n"
             "  } else {\n"
             "    throw new Error('TABLE_NAME not set');\n"
             "  }\n"
             "}\n"
             "function checkConfigName() {\n"
             "  const DEFAULT_CONFIG_NAME = 'default';\n"
             "  if (process.env.CONFIG_NAME) {\n"
             "    CONFIG_NAME = process.env.CONFIG_NAME;\n"
             "  } else {\n"
             "    process.env.CONFIG_NAME = DEFAULT_CONFIG_NAME;\n"
             "  }\n"
             "}\n"
             "exports.handler = async (event) => {\n"
             "  checkTableEnv();\n  checkConfigName();\n  return event;\n};\n")


def test_lmi201_lmi203_configuration_copied_from_the_environment_behind_an_environment_check():
    """enhanced-document-understanding env-setup.js (heldout14, judged false): module ``let``s assigned
    ``process.env.X`` inside ``if (process.env.X) {...} else { throw }``, and ``process.env.X`` set to a constant
    default when it is missing. Every invocation writes the same value, chosen by the environment alone: idempotent
    configuration, neither request state (LMI201) nor a per-request environment change (LMI203). Chosen by the
    request, or a value from the request, they are findings again."""
    hits = [h for h in analyze(ENV_SETUP, "env-setup.js") if h.code in ("LMI201", "LMI202", "LMI203")]
    assert hits == []
    by_request = ENV_SETUP.replace("if (process.env.CONFIG_NAME)", "if (event.config)").replace(
        "function checkConfigName()", "function checkConfigName(event)").replace(
        "checkConfigName();", "checkConfigName(event);")
    assert "LMI203" in [h.code for h in analyze(by_request, "env-setup.js")]
    request_value = ENV_SETUP.replace("TABLE_NAME = process.env.TABLE_NAME;", "TABLE_NAME = event.table;").replace(
        "function checkTableEnv()", "function checkTableEnv(event)").replace("checkTableEnv();",
                                                                          "checkTableEnv(event);")
    assert [h.code for h in analyze(request_value, "env-setup.js")
            if h.code in ("LMI201", "LMI202", "LMI203")] in (["LMI201"], ["LMI202"])


def test_lmi202_a_secret_fetched_lazily_by_a_configured_name_is_not_request_data(tmp_path):
    """innovation-sandbox authorizer (heldout14, judged false): ``if (jwtSecret === "") jwtSecret = await
    helper.getStringSecret(context.env.JWT_SECRET_NAME)``: the secret named by an environment variable the
    middleware hands over in ``context.env``, filled once while the cache is empty; the same for every invocation.
    Fetched by a name from the request, the first request's value would stay for everyone: still LMI202."""
    from workbench.readiness.scanner import scan

    auth = ("import { secretsManager } from './secrets';\n"
            "let jwtSecret = '';\n"
            "export async function isAuthorized(props, context) {\n"
            "  if (jwtSecret === '') {\n"
            "    const helper = secretsManager(context.env);\n"
            "    jwtSecret = await helper.getStringSecret(\n      context.env.JWT_SECRET_NAME,\n    );\n"
            "  }\n"
            "  const jwt = await verifyJwt(jwtSecret, props.authorizationToken);\n"
            "  return jwt.verified;\n}\n")
    (tmp_path / "secrets.ts").write_text("export function secretsManager(env) {\n"
                                         "  return { getStringSecret: async (name) => name };\n}\n")
    (tmp_path / "index.ts").write_text("import { isAuthorized } from './authorization';\n"
                                       "export const handler = async (event, context) => "
                                       "({ ok: await isAuthorized(event, { env: process.env }) });\n")
    for text, expected in ((auth, []), (auth.replace("context.env.JWT_SECRET_NAME", "props.secretName"),
                                        [("authorization.ts", 6, "LMI202")])):
        (tmp_path / "authorization.ts").write_text(text)
        found = scan(tmp_path, workers=0, use_cache=False).findings
        assert [(f.path, f.line, f.rule) for f in found if f.rule in ("LMI201", "LMI202")] == expected


def test_lmi201_a_module_client_reassigned_with_an_equal_new_client_on_every_invocation():
    """live-call-analytics chime_call_analytics_initialization (heldout14, judged false): the handler assigns
    ``dynamoClient = new DynamoDBClient({ region: REGION })`` at the top of every invocation, with REGION from the
    environment. Swapping an equal client under another invocation changes nothing it relies on (the client per
    invocation is LMI103's matter). A client for a Region the request names is not equal: still LMI201/202."""
    text = ("const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');\n"
            "const REGION = process.env.REGION || 'us-east-1';\n"
            "let dynamoClient;\n"
            "const get = async (id) => dynamoClient.send(new GetItemCommand({ Key: { id } }));\n"
            "exports.handler = async function handler(event, context) {\n"
            "  dynamoClient = new DynamoDBClient({ region: REGION });\n"
            "  return await get(event.id);\n};\n")
    hits = analyze(text, "index.js")
    assert [h.code for h in hits if h.code in ("LMI201", "LMI202")] == []
    assert [h.line for h in hits if h.code == "LMI103"] == [6]
    by_request = text.replace("{ region: REGION }", "{ region: event.region }")
    assert [h.line for h in analyze(by_request, "index.js") if h.code in ("LMI201", "LMI202")] == [6]


def test_lmi103_an_exported_singleton_with_a_public_constructor_may_be_built_elsewhere(tmp_path):
    """The lazy singleton is this module's alone only when its constructor is private: an exported class whose
    constructor other modules may call (here the handler does, per invocation) builds a client per call."""
    files = {"clients.ts": CLIENTS_MODULE, "index.ts": SINGLETON_HANDLER.replace(
        "S3Service.getInstance().get()", "new S3Service().get()"),
        "s3.ts": SINGLETON_MODULE.replace("  private constructor()", "  constructor()")}
    assert ("s3.ts", 6) in _scan_lmi103(tmp_path, files)


def _scan_rule(root: Path, files: dict[str, str], rule: str) -> list[tuple[str, int]]:
    from workbench.readiness.scanner import scan

    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return sorted((f.path, f.line) for f in scan(root, workers=0, use_cache=False).findings if f.rule == rule)


DISPATCHER = {
    "index.js": ("var cfn = require('./cfn')\nvar actions = require('./actions')\n"
                 "exports.handler = function(event, context, cb) {\n"
                 "  if (event.ResourceType) return cfn.update(event, context, cb)\n"
                 "  if (typeof actions[event.action] == 'function') return actions[event.action](event, context, cb)\n"
                 "  cb(new Error('unknown'))\n}\n"),
    "cfn/index.js": "exports.update = function(event, context, cb) {\n  cb(null, 'updated')\n}\n",
    "actions/index.js": ("exports.version = function(event, context, cb) {\n  return cb(null, '1')\n}\n"
                         "exports.build = require('./build')\n"),
    "actions/build.js": "module.exports = runBuild\nfunction runBuild(data, context, cb) {\n  cb(null, data)\n}\n",
}


def test_lmi205_not_at_the_callback_shaped_functions_a_handler_dispatches_to(tmp_path):
    """lambci (corpus_heldout10): with no definition naming the handler (the template's CodeUri is a built zip),
    every ``(event, context, cb)`` function has a handler's shape, but the actions ``index.handler`` dispatches to
    (a module's method, a computed ``actions[event.action](...)`` over a module's exports, a re-exported
    ``exports.build = require('./build')``) are its helpers: LMI205 is about the entry point's signature, reported
    once at the handler. A callback-shaped function nothing calls is still a handler."""
    assert _scan_rule(tmp_path, DISPATCHER, "LMI205") == [("index.js", 3)]
    (tmp_path / "other.js").write_text("exports.handler = function(event, context, cb) {\n  cb(null, 1)\n}\n")
    assert _scan_rule(tmp_path, {}, "LMI205") == [("index.js", 3), ("other.js", 1)]


def test_lmi205_legacy_completion_through_a_module_variable_holding_the_context():
    """zombie workshop (corpus_heldout10): the handler stores ``context`` in a module variable and a callback
    finishes through ``theContext.succeed/fail``. A module variable holding something else is not the context."""
    text = ("var theContext;\nfunction dbCallback(err, data) {\n  if (err) theContext.fail(err);\n"
            "  else theContext.succeed(data);\n}\n"
            "exports.handler = function(event, context) {\n  theContext = context;\n  db.query({}, dbCallback);\n}\n")
    hits = [h for h in analyze(text) if h.code == "LMI205"]
    assert [h.line for h in hits] == [6] and "theContext.fail()" in hits[0].message
    other = text.replace("theContext = context;", "theContext = event;")
    assert [h for h in analyze(other) if h.code == "LMI205"] == []


SENDER = ("module.exports = {\n  sendResponse: function(event, context, status, data) {\n"
          "    request(event.ResponseURL, function() {\n      context.done();\n    });\n  },\n"
          "  log: function(event, context) {\n    console.log(context.logStreamName);\n  }\n};\n")


def test_lmi205_legacy_completion_in_a_method_of_an_object_another_file_exports(tmp_path):
    """The custom-resource handler hands its context (directly, or from a callback through the module variable
    holding it) to ``sender.sendResponse``, a method of the object literal another file assigns to
    ``module.exports``, which calls ``context.done()``: callback-style (LMI205 at the handler's context). Handing it
    to a method that does not finish through it is not."""
    handler = ("var sender = require('./sender');\nvar theContext;\n"
               "exports.handler = function(event, context) {\n  theContext = context;\n"
               "  if (event.RequestType == 'Create') return create(event, done);\n"
               "  sender.sendResponse(event, context, 'SUCCESS', {});\n}\n"
               "function done(err) {\n  sender.sendResponse({}, theContext, err ? 'FAILED' : 'SUCCESS', {});\n}\n")
    assert _scan_rule(tmp_path, {"sender.js": SENDER, "index.js": handler}, "LMI205") == [("index.js", 3)]
    via_variable = handler.replace("  sender.sendResponse(event, context, 'SUCCESS', {});\n", "")
    assert _scan_rule(tmp_path, {"index.js": via_variable}, "LMI205") == [("index.js", 3)]
    logging_only = handler.replace("sender.sendResponse(", "sender.log(")
    assert _scan_rule(tmp_path, {"index.js": logging_only}, "LMI205") == []


@pytest.mark.parametrize("command", [
    "find /tmp -mindepth 1 -maxdepth 1 -exec rm -rf {} +",
    "rm -rf /tmp/*",
    "find /tmp -type f -delete",
])
def test_lmi101_a_shell_command_that_wipes_tmp_on_the_request_path(command):
    """lambci (corpus_heldout10): ``execSync('find /tmp -mindepth 1 -maxdepth 1 -exec rm -rf {} +')`` per build
    deletes the files of every other invocation in flight in the execution environment (LMI101 at the command).
    A command that only lists /tmp, or one run once at import, is not."""
    text = ("const { execSync } = require('child_process');\n"
            f"exports.handler = async (event) => {{\n  execSync('{command}');\n  return 1;\n}};\n")
    hits = [h for h in analyze(text) if h.code == "LMI101"]
    assert [h.line for h in hits] == [3] and "every file in /tmp" in hits[0].message
    listing = text.replace(command, "ls -la /tmp")
    assert [h for h in analyze(listing) if h.code == "LMI101"] == []
    at_import = (f"const {{ execSync }} = require('child_process');\nexecSync('{command}');\n"
                 "exports.handler = async (event) => 1;\n")
    assert [h for h in analyze(at_import) if h.code == "LMI101"] == []


def test_lmi101_an_exported_tmp_constant_another_module_uses_on_the_request_path(tmp_path):
    """lambci (corpus_heldout10): ``exports.BASE_DIR = '/tmp/app'`` (and a path built from it) in a config module,
    read as ``config.BUILD_DIR`` by the handler's module, which empties and refills it per request: one directory
    every concurrent invocation shares (LMI101 at the exported constant: its uses are in other modules). Not
    reported when no module reads it on the request path."""
    config = ("var path = require('path')\nexports.BASE_DIR = '/tmp/app'\n"
              "exports.BUILD_DIR = path.join(exports.BASE_DIR, 'build')\nexports.NAME = 'app'\n")
    handler = ("var config = require('./config')\nvar execSync = require('child_process').execSync\n"
               "exports.handler = async (event) => {\n"
               "  execSync(`rm -rf ${config.BUILD_DIR} && git clone ${event.repo} ${config.BUILD_DIR}`)\n"
               "  return 1\n}\n")
    assert _scan_rule(tmp_path, {"config.js": config, "index.js": handler}, "LMI101") == [("config.js", 2)]
    unused = handler.replace("config.BUILD_DIR", "config.NAME")
    assert _scan_rule(tmp_path, {"index.js": unused}, "LMI101") == []


def test_lmi202_not_for_a_client_built_once_lazily_from_the_function_name():
    """zombie workshop (corpus_heldout10): ``if (!ddb) { var region = context.functionName.split(...)[1];
    ddb = new aws.DynamoDB({ region }) }``: the function's name (its ARN, version, memory) is the same for every
    invocation, configuration rather than request data, so the lazily built client holds the same value whoever
    builds it. Built from the event, it is still request data."""
    text = ("var aws = require('aws-sdk');\nvar ddb;\nfunction init(context) {\n  if (!ddb) {\n"
            "    var region = context.functionName.split('-fn-')[1];\n"
            "    ddb = new aws.DynamoDB({ region: region, params: { TableName: context.functionName + '-t' } });\n"
            "  }\n}\nexports.handler = function(event, context, cb) {\n  init(context);\n  ddb.query({}, cb);\n}\n")
    assert [h for h in analyze(text) if h.code in ("LMI201", "LMI202")] == []
    from_event = text.replace("init(context);", "init(event);").replace("context.functionName", "context.region")
    assert [h.code for h in analyze(from_event) if h.code in ("LMI201", "LMI202")] == ["LMI202"]


def test_lmi201_not_for_a_cache_refreshed_after_its_time_limit_behind_an_early_return():
    """lambci (corpus_heldout10): ``if (Date.now() < CONFIG.fetchedAt + TTL) return cb(null, CONFIG.secret)``, then
    an async read whose callback stores the secret and the time: a cache with an expiry, every invocation that
    refreshes it stores the same value. Without the early return on the time limit it is still reported."""
    text = ("var db = require('./db')\nvar TTL = 60000\nvar CONFIG = { secret: '', fetchedAt: 0 }\n"
            "function getSecret(cb) {\n  if (Date.now() < CONFIG.fetchedAt + TTL) {\n"
            "    return cb(null, CONFIG.secret)\n  }\n  db.getValue('secret', function(err, value) {\n"
            "    if (err) return cb(err)\n    CONFIG.secret = value\n    CONFIG.fetchedAt = Date.now()\n"
            "    cb(null, CONFIG.secret)\n  })\n}\n"
            "exports.handler = function(event, context, cb) {\n  getSecret(function(err, s) { cb(err, s) })\n}\n")
    assert [h for h in analyze(text) if h.code in ("LMI201", "LMI202")] == []
    unguarded = text.replace("  if (Date.now() < CONFIG.fetchedAt + TTL) {\n    return cb(null, CONFIG.secret)\n  }\n",
                             "")
    assert [h.line for h in analyze(unguarded) if h.code == "LMI201"] != []
