"""C# rules: positives, negatives and traps for each rule, handlers (methods, top-level lambdas, templates),
broken files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.readiness.csharp_rules import ANALYZER
from workbench.readiness.model import Language, ParseFailure, ScanContext, SourceFile

FIXTURES = Path(__file__).parent / "fixtures_csharp"


def analyze(text: str, rel: str = "src/Function.cs", handlers: set[str] | None = None):
    source = SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.CSHARP)
    return ANALYZER.analyze(source, ScanContext(root=Path("/project"), handlers={rel: handlers} if handlers else {}))


def codes(hits) -> list[str]:
    return sorted(h.code for h in hits)


def handler(body: str, members: str = "") -> str:
    return ("using System;\nusing System.Collections.Generic;\nusing Amazon.Lambda.Core;\n\nnamespace Demo;\n\n"
            f"public class Function\n{{\n{members}\n"
            "    public async Task<string> FunctionHandler(Request input, ILambdaContext context)\n    {\n"
            f"{body}\n        return \"ok\";\n    }}\n}}\n")


def test_a_handler_with_every_problem():
    hits = analyze((FIXTURES / "Function.cs").read_text(), "Function.cs")
    # its Console.WriteLine is not LMI104: the .NET runtime's Console writer adds the request id (lmi-facts.md)
    assert codes(hits) == ["LMI101", "LMI102", "LMI103", "LMI201", "LMI202", "LMI203", "LMI204", "LMI204"]
    assert {(h.code, h.context) for h in hits if h.context == "SaveAsync"} == {("LMI101", "SaveAsync"),
                                                                               ("LMI102", "SaveAsync")}
    assert all(h.runtime == "dotnet" for h in hits)


def test_a_ready_handler_is_quiet():
    assert analyze((FIXTURES / "Clean.cs").read_text(), "Clean.cs") == []


def test_top_level_statements_with_a_lambda_handler():
    hits = analyze((FIXTURES / "TopLevel.cs").read_text(), "TopLevel.cs")
    assert codes(hits) == ["LMI103", "LMI203"] and {h.context for h in hits} == {"handler"}


# --- LMI101 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, members", [
    ('        File.WriteAllText("/tmp/out.json", input.Body);', ""),
    ('        File.WriteAllText(Path.Combine("/tmp", "out.json"), "");', ""),
    ('        File.WriteAllText(Path.Combine(Path.GetTempPath(), "report.csv"), "");', ""),
    ('        File.WriteAllText($"/tmp/{input.Name}.json", "");', ""),
    ('        File.WriteAllText(Path.Combine(Dir, "x.csv"), "");', '    private const string Dir = "/tmp";'),
    ('        File.WriteAllText(@"/tmp/out.json", "");', ""),
])
def test_lmi101_fixed_paths(body, members):
    hits = analyze(handler(body, members))
    assert codes(hits) == ["LMI101"] and "same file" in hits[0].message


def test_lmi101_unique_but_never_deleted():
    hits = analyze(handler('        File.WriteAllText($"/tmp/{context.AwsRequestId}.json", "");'))
    assert codes(hits) == ["LMI101"] and "never deleted" in hits[0].message and hits[0].severity == "info"


@pytest.mark.parametrize("body, members", [
    ('        // writes /tmp/out.json\n        var x = 1;', ""),
    ('        context.Logger.LogLine("/tmp/out.json written");', ""),
    ('        if (input == null) throw new ArgumentException("/tmp/x missing");', ""),
    ("        var x = 1;", '    private const string Out = "/tmp/out.json";'),
    ('        var f = Path.Combine("/tmp", Path.GetRandomFileName());\n        File.Delete(f);', ""),
])
def test_lmi101_traps(body, members):
    assert [h for h in analyze(handler(body, members)) if h.code == "LMI101"] == []


# --- LMI102, LMI103 ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, words", [
    ("        var c = new NpgsqlConnection(cs);", "never disposes"),
    ("        using var c = new MySqlConnection(cs);", "Max Pool Size"),
    ("        using (var c = new SqlConnection(cs)) { }", "Max Pool Size"),
    ("        using NpgsqlConnection c = new(cs);", "Max Pool Size"),   # a target-typed new (heldout4)
    ('        var redis = ConnectionMultiplexer.Connect("localhost");', "static readonly"),
])
def test_lmi102_connections_per_invocation(body, words):
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI102"] and words in hits[0].message


@pytest.mark.parametrize("body, members", [
    ("        var s3 = new AmazonS3Client();", ""),
    ("        IAmazonSQS sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = input.Url });", ""),
])
def test_lmi103_clients_per_invocation(body, members):
    assert codes(analyze(handler(body, members))) == ["LMI103"]


def test_lmi103_a_client_built_with_a_target_typed_new_in_the_handler():
    # heldout4 (bedrock-dotnet): `AmazonBedrockRuntimeClient bedrockClient = new();` inside the handler was missed
    hits = analyze(handler("        AmazonBedrockRuntimeClient bedrockClient = new();\n"
                           "        AmazonDynamoDBClient ddb = new(new AmazonDynamoDBConfig());"))
    assert codes(hits) == ["LMI103", "LMI103"]
    assert {h.message.split("`")[1] for h in hits} == {"AmazonBedrockRuntimeClient", "AmazonDynamoDBClient"}
    # a target-typed new of something that is not a client, or a client field set once, is not a finding
    members = "    private static readonly AmazonS3Client S3 = new();\n    private AmazonSQSClient _sqs;"
    assert analyze(handler("        List<string> names = new();\n        if (_sqs == null) _sqs = new();", members)) == []
    # per-request credentials (a tenant's role) make a per-request client, whichever way it is written
    creds = "        var creds = new SessionAWSCredentials(input.A, input.B, input.C);\n"
    assert analyze(handler(creds + "        AmazonS3Client s3 = new(creds, RegionEndpoint.USEast1);")) == []


def test_lmi103_a_client_for_an_endpoint_the_request_names_is_advised_per_endpoint():
    # heldout4 (bedrock-dotnet): the WebSocket management client's ServiceURL comes from the message; a static
    # readonly field cannot hold it as is, one client per endpoint can
    body = ('        var domain = input.Domain;\n'
            '        AmazonApiGatewayManagementApiClient api = new(new AmazonApiGatewayManagementApiConfig\n'
            '        {\n            ServiceURL = "https://" + domain + "/prod"\n        });')
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI103"] and "endpoint" in hits[0].message and "ConcurrentDictionary" in hits[0].message
    assert hits[0].fix is None
    plain = analyze(handler('        var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = "http://x" });'))
    assert codes(plain) == ["LMI103"] and "static readonly field" in plain[0].message


def test_lmi103_static_constructor_and_lazy_clients_are_fine():
    members = ("    private static readonly AmazonS3Client S3 = new AmazonS3Client();\n"
               "    private readonly AmazonSQSClient _sqs;\n    private static AmazonSNSClient _sns;\n"
               "    public Function() { _sqs = new AmazonSQSClient(); }")
    body = "        if (_sns == null) { _sns = new AmazonSNSClient(); }"
    assert analyze(handler(body, members)) == []


# --- LMI104 ----------------------------------------------------------------------------------------------------
def test_lmi104_console_lines_are_not_findings_the_runtime_adds_the_request_id():
    # lmi-facts.md (checked against AWS's pages on 2026-12-07): under LMI the .NET runtime's Console writer adds
    # the request id to each line, so Console.* logging is not a missing-request-id finding
    assert analyze(handler('        Console.WriteLine("a");\n        Console.Error.WriteLine("b");')) == []
    assert analyze(handler('        context.Logger.LogInformation("a");\n'
                           '        Console.WriteLine($"b {context.AwsRequestId}");')) == []


def test_lmi104_powertools_logger_needs_the_logging_attribute():
    text = handler('        Logger.LogInformation("saved");').replace(
        "using Amazon.Lambda.Core;", "using Amazon.Lambda.Core;\nusing AWS.Lambda.Powertools.Logging;")
    assert codes(analyze(text)) == ["LMI104"]
    assert analyze(text.replace("    public async Task<string> FunctionHandler",
                                "    [Logging]\n    public async Task<string> FunctionHandler")) == []


# --- LMI201, LMI202 ----------------------------------------------------------------------------------------------
def test_lmi201_static_fields_properties_and_handler_fields():
    members = ("    private static int _total;\n    public static string Mode { get; set; }\n    private int _calls;")
    hits = analyze(handler('        _total += 1;\n        Mode = "fast";\n        this._calls++;', members))
    assert codes(hits) == ["LMI201", "LMI201", "LMI201"]


def test_lmi202_lambda_context_values_that_are_the_same_for_every_invocation_are_not_request_data():
    # heldout4 (dotnet-observability): `Source = new ActivitySource(ServiceName ?? context.FunctionName)` is no
    # request data; ILambdaContext.FunctionName, FunctionVersion, InvokedFunctionArn, MemoryLimitInMB, LogGroupName
    # and LogStreamName describe the function or its environment ("Using the Lambda context object to retrieve C#
    # function information", AWS Lambda Developer Guide); AwsRequestId, RemainingTime, Identity, ClientContext do not
    members = "    private static string _name;\n    private static string _id;"
    quiet = handler("        _name = context.FunctionName + context.FunctionVersion + context.LogGroupName;", members)
    assert codes(analyze(quiet)) == ["LMI201"]   # still a static written per request, but no request data in it
    hits = analyze(handler("        _id = context.AwsRequestId;", members))
    assert codes(hits) == ["LMI202"]



def test_the_context_logger_stored_in_a_handler_field_is_neither_request_data_nor_a_race():
    """corpus_heldout9 (an FTP-upload handler): ``if (context != null) logger = context.Logger; else logger = new
    LocalLambdaLogger();``. ``ILambdaContext.Logger`` is ``new LambdaConsoleLogger(_consoleLogger)`` around the one
    process-wide console writer (aws-lambda-dotnet RuntimeSupport, Context/LambdaContext.cs and
    LambdaConsoleLogger.cs): no request data, and every writer stores an equivalent logger. The ``else`` branch runs
    only when the context is null, which Lambda never passes: not request code. The trap: another value of the
    context (the request id) or another field written in that handler stays reported."""
    members = "    private ILambdaLogger logger;\n    private string _id;"
    quiet = handler("        if (context != null) logger = context.Logger;\n        else logger = new LocalLambdaLogger();\n"
                    "        logger.LogLine(input.Name);", members)
    assert codes(analyze(quiet)) == []
    quiet = handler("        if (context == null) { logger = new LocalLambdaLogger(); } else { logger = context.Logger; }",
                    members)
    assert codes(analyze(quiet)) == []
    loud = handler("        if (context != null) _id = context.AwsRequestId;\n        else _id = input.Name;", members)
    assert codes(analyze(loud)) == ["LMI202"]
    loud = handler("        if (context != null) logger = context.Logger;\n        else _id = \"local\";", members)
    assert codes(analyze(loud)) == []
    loud = handler("        if (input != null) _id = \"x\";", members)
    assert codes(analyze(loud)) == ["LMI201"]


def test_lmi202_request_data_in_static_state():
    members = "    private static string _tenant;\n    private static void Remember(string t) { _tenant = t; }"
    hits = analyze(handler("        var t = input.Tenant;\n        Remember(t);", members))
    assert codes(hits) == ["LMI202"] and hits[0].context == "Remember"


def test_lmi201_not_for_locals_locks_interlocked_readonly_or_constructors():
    members = ("    private static int _n;\n    private static readonly object Sync = new();\n"
               "    private readonly string _table;\n    public Function() { _table = \"t\"; _n = 1; }")
    body = ("        var _n2 = 0;\n        _n2++;\n        lock (Sync) { _n++; }\n"
            "        System.Threading.Interlocked.Increment(ref _n);")
    assert analyze(handler(body, members)) == []


ASPECT = """using AspectInjector.Broker;
using Amazon.Lambda.Core;

public class Function
{
    public string FunctionHandler(string input, ILambdaContext context) => input;
}

[Aspect(Scope.Global)]
public class TracingAspect
{
    private bool _isAnnotationsCaptured;
    private int _depth;

    [Advice(Kind.Around, Targets = Target.Method)]
    public object Around([Argument(Source.Target)] Func<object[], object> target, [Argument(Source.Arguments)] object[] args)
    {
        _depth++;
        _isAnnotationsCaptured = true;
        return target(args);
    }
}
"""


def test_lmi201_instance_fields_of_a_singleton_are_shared():
    """One object of a singleton class serves every invocation: an AspectInjector aspect of Scope.Global, a class
    that keeps its own instance in a static field. Its instance fields are as shared as the handler's."""
    hits = analyze(ASPECT, "src/TracingAspect.cs")
    assert codes(hits) == ["LMI201"] and "`_depth`" in hits[0].message
    # ``_isAnnotationsCaptured = true`` is its only write: a latch every racing thread sets to the same value (the
    # one-way flag of semantic.one_way_flag), benign even when shared
    per_target = ASPECT.replace("[Aspect(Scope.Global)]", "[Aspect(Scope.PerInstance)]")
    assert analyze(per_target, "src/TracingAspect.cs") == []
    singleton = ("using Amazon.Lambda.Core;\npublic class Function\n{\n"
                 "    public string FunctionHandler(string input, ILambdaContext context) { Counter.Instance.Hit(input); "
                 "return input; }\n}\npublic sealed class Counter\n{\n"
                 "    public static readonly Counter Instance = new Counter();\n    private string _last;\n"
                 "    public void Hit(string s) { _last = s; }\n}\n")
    hits = analyze(singleton, "src/Function.cs")
    assert [h.message.split("`")[3] for h in hits] == ["_last"]
    plain = singleton.replace("Counter.Instance.Hit(input);", "new Counter().Hit(input);").replace(
        "    public static readonly Counter Instance = new Counter();\n", "")
    assert analyze(plain, "src/Function.cs") == []


def test_lmi201_a_field_only_ever_reset_to_one_constant_is_not_a_race():
    """held-out false positive (LambdaSharp LoggingStreamAnalyzerFunction): ``_size = 0`` where every write of the
    field stores 0 and nothing increments it: racing writes all store the same value. A counter reset to 0 and
    incremented (++ or +=) per request is still a race."""
    text = ("using Amazon.Lambda.Core;\npublic class Function\n{\n    private int _size = 0;\n"
            "    public string FunctionHandler(string input, ILambdaContext context) { _size = 0; return input; }\n}\n")
    assert analyze(text, "src/Function.cs") == []
    for bump in ("_size++;", "++_size;", "_size += 2;", "_size--;"):
        hits = analyze(text.replace("return input;", bump + " return input;"), "src/Function.cs")
        assert codes(hits) == ["LMI201"], bump


def test_lmi201_not_for_the_members_an_object_initializer_sets_on_a_new_object():
    """``new Ctx { AwsRequestId = x.AwsRequestId }`` sets the new object's properties, not the shared object's,
    even in a class that keeps its one instance in a static property."""
    text = ("using Amazon.Lambda.Core;\npublic class Function\n{\n"
            "    public string FunctionHandler(string input, ILambdaContext context) { Ctx.Extract(context); "
            "return input; }\n}\npublic class Ctx\n{\n    internal string AwsRequestId { get; private set; }\n"
            "    internal static Ctx Instance { get; private set; }\n"
            "    public static void Extract(ILambdaContext x)\n    {\n"
            "        var made = new Ctx { AwsRequestId = x.AwsRequestId };\n        Use(made);\n    }\n"
            "    private static void Use(Ctx c) { }\n}\n")
    assert analyze(text, "src/Function.cs") == []


_STORES = ("\npublic class Store\n{\n    public async Task Put(string key)\n    {\n"
           "        var s3 = new Amazon.S3.AmazonS3Client();\n        await s3.PutObjectAsync(null);\n    }\n}\n"
           "\npublic class Cache\n{\n    public async Task Put(string key) { await Task.CompletedTask; }\n}\n")


@pytest.mark.parametrize("lookup", ["GetService<Store>()", "GetRequiredService<Store>()"])
def test_lmi103_a_service_resolved_from_a_service_provider_runs_its_methods(lookup):
    """corpus_heldout9 (a PGP handler): the handler builds a ServiceCollection, then ``var store =
    provider.GetService<S3Facade>()`` and ``store.UploadFile(...)``, which builds an AmazonS3Client per call.
    ``GetService<T>()`` / ``GetRequiredService<T>()`` return a T ("ServiceProviderServiceExtensions.GetRequiredService",
    .NET API reference), so the call runs T's method. The trap: the same method name on a service of another class
    that builds no client stays quiet."""
    body = ("        var sc = new ServiceCollection();\n        var sp = sc.BuildServiceProvider();\n"
            f"        var store = sp.{lookup};\n        await store.Put(input.Key);")
    hits = analyze(handler(body) + _STORES)
    assert [(h.code, h.context) for h in hits] == [("LMI103", "Put")]
    quiet = body.replace("<Store>", "<Cache>")
    assert codes(analyze(handler(quiet) + _STORES)) == []


def test_a_method_that_names_its_lambda_serializer_is_a_handler_even_without_parameters(tmp_path):
    """corpus_heldout9 (the PGP handler, next to other functions of the same repository): ``[LambdaSerializer(...)]
    public async Task<object> Invoke()`` takes neither an input nor a context (a handler may take none: "Define
    Lambda function handler in C#", AWS Lambda Developer Guide); the method-level LambdaSerializer attribute only
    means something on a handler. A method without it and without a context stays a plain method."""
    from workbench.readiness.scanner import scan

    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "Function.cs").write_text(handler('        Console.WriteLine("x");'))
    src = ("using Amazon.Lambda.Core;\nnamespace Demo;\npublic class Fn\n{\n"
           "    [LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]\n"
           "    public async Task<object> Invoke()\n    {\n        var s3 = new Amazon.S3.AmazonS3Client();\n"
           "        return await s3.ListBucketsAsync();\n    }\n}\n")
    (tmp_path / "pgp").mkdir()
    (tmp_path / "pgp" / "Fn.cs").write_text(src)

    def found():
        result = scan(tmp_path, use_cache=False, workers=0)
        return sorted((rel, h.code) for rel, hits in result.hits.items() for h in hits if h.code == "LMI103")

    assert found() == [("pgp/Fn.cs", "LMI103")]
    (tmp_path / "pgp" / "Fn.cs").write_text(
        src.replace("    [LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]\n", ""))
    assert found() == []


# --- LMI203, LMI204 --------------------------------------------------------------------------------------------
def test_lmi204_process_wide_console_streams_swapped_during_a_request():
    """corpus_heldout9 (a Slack command base class): ``Console.SetOut(writer)`` / ``Console.SetError(writer)`` in the
    handler redirect the process's one Console.Out/Error ("Console.SetOut(TextWriter) Method", .NET API reference:
    it sets the Out property) to this invocation's StringWriter, so concurrent invocations write into each other's
    capture. LMI204, the .NET counterpart of Node.js's process.chdir / global settings: a process-wide object
    changed during a request (LMI203 is the environment only; LMI201 is the project's own fields). The same calls in
    a constructor (once, at init) or in a helper no handler calls stay quiet."""
    body = ("        using var writer = new System.IO.StringWriter();\n        Console.SetOut(writer);\n"
            "        System.Console.SetError(writer);\n        Environment.CurrentDirectory = \"/tmp\";")
    hits = analyze(handler(body))
    assert [(h.code, h.line) for h in hits] == [("LMI204", 13), ("LMI204", 14), ("LMI204", 15)]
    assert "Console" in hits[0].message
    # the restore in ``finally`` is the same swap of the same stream in the same function: one finding per stream
    restored = ("        var original = Console.Out;\n        try { Console.SetOut(new System.IO.StringWriter()); }\n"
                "        finally { Console.SetOut(original); }")
    assert [(h.code, h.line) for h in analyze(handler(restored))] == [("LMI204", 13)]
    once = handler('        Console.WriteLine("x");', "    public Function() { Console.SetOut(new System.IO.StringWriter()); }\n"
                   "    private static void Unused() { Console.SetError(Console.Out); }")
    assert codes(analyze(once)) == []


@pytest.mark.parametrize("body", [
    # heldout8 (an Alexa skill): the session attribute read through TryGetValue's out variable
    '        if (input.Session.Attributes.TryGetValue("Game", out object g)) { _game = g.ToString(); }',
    '        if (int.TryParse(input.Count, out var n)) { _game = n.ToString(); }',
    '        string s;\n        Lookup.TryGetValue(input.Key, out s);\n        _game = s;',
    '        string s;\n        s = input.Name;\n        _game = s;',
])
def test_lmi202_request_data_reached_through_an_out_variable_or_a_later_assignment(body):
    """A value a call hands back through ``out`` is request data when the call's receiver or inputs are (the
    session attributes' TryGetValue, int.TryParse of a request field); so is a local assigned from request data
    after its declaration. The static written from it is LMI202, not LMI201."""
    members = ("    private static string _game;\n"
               "    private static readonly Dictionary<string, string> Lookup = new();")
    hits = analyze(handler(body, members))
    assert codes(hits) == ["LMI202"], body


@pytest.mark.parametrize("body", [
    '        if (int.TryParse(Environment.GetEnvironmentVariable("N"), out var n)) { _game = n.ToString(); }',
    '        if (Lookup.TryGetValue("fixed", out var v)) { _game = v; }',
    '        string s;\n        s = "constant";\n        _game = s;',
])
def test_lmi201_an_out_variable_of_configuration_is_not_request_data(body):
    members = ("    private static string _game;\n"
               "    private static readonly Dictionary<string, string> Lookup = new();")
    assert codes(analyze(handler(body, members))) == ["LMI201"], body


def test_lmi202_request_data_written_into_an_object_a_shared_field_holds():
    """heldout8 (an Alexa skill): ``_state.Game = slot`` writes this invocation's data into the one object a handler
    field holds, which every concurrent invocation shares: LMI202 at the write, once per function and field. A
    field first set from request data in the same function carries it (``_requested = slot; _state.Game =
    _requested``). Quiet: an AsyncLocal's Value (one per async flow), a new local object, a constant written into
    the shared object (not request data; not this rule's), and the members a new object's initializer sets."""
    members = ("    private State _state = new State();\n    private string _requested;\n"
               "    private static readonly AsyncLocal<string> Current = new();")
    body = ("        _requested = input.Slot;\n        _state.Game = _requested;\n        this._state.Version = input.V;\n"
            "        Current.Value = input.Slot;\n        var mine = new State();\n        mine.Game = input.Slot;\n"
            "        _state.Mode = \"fixed\";\n        var made = new State { Game = input.Slot };")
    hits = analyze(handler(body, members) + "public class State { public string Game { get; set; } "
                   "public string Version { get; set; } public string Mode { get; set; } }\n")
    assert [(h.code, h.message.split("`")[3]) for h in hits] == [("LMI202", "_requested"), ("LMI202", "_state")]
    assert hits[1].line == hits[0].line + 1


def test_lmi203_environment_variables():
    hits = analyze(handler('        Environment.SetEnvironmentVariable("REGION", input.Region);'))
    assert codes(hits) == ["LMI203"] and "`REGION`" in hits[0].message
    assert analyze(handler('        var r = Environment.GetEnvironmentVariable("REGION");')) == []


@pytest.mark.parametrize("members, body, expected", [
    ("    private static readonly List<string> Seen = new();", "        Seen.Add(input.Id);", "List"),
    ("    private static readonly Dictionary<string, int> Counts = new();", '        Counts["a"] = 1;', "indexer"),
    ("    private readonly HashSet<string> _ids = new HashSet<string>();", "        _ids.Remove(input.Id);",
     "HashSet"),
    ("    private static readonly Random Rng = new Random(42);", "        var n = Rng.Next();", "Random"),
])
def test_lmi204_unsafe_shared_objects(members, body, expected):
    hits = analyze(handler(body, members))
    assert codes(hits) == ["LMI204"] and expected in hits[0].message


def test_lmi204_reads_locks_and_locals_are_fine():
    members = ("    private static readonly Dictionary<string, string> Config = new() { [\"a\"] = \"b\" };\n"
               "    private static readonly List<string> Seen = new();\n    private static readonly object Gate = new();")
    body = ('        var v = Config["a"];\n        lock (Gate) { Seen.Add(v); }\n'
            "        var local = new Dictionary<string, string>();\n        local.Add(\"a\", v);\n"
            "        var n = Random.Shared.Next();")
    assert analyze(handler(body, members)) == []


# --- handlers -------------------------------------------------------------------------------------------------------
def test_template_named_handler_methods():
    text = ("public class Api\n{\n    private static int _n;\n    public string Handle(string s) { _n++; return s; }\n"
            "    public string Other(string s) { _n--; return s; }\n}\n")
    assert [h.context for h in analyze(text, "Api.cs", handlers={"Handle"})] == ["Handle"]
    assert [h.context for h in analyze(text, "Api.cs", handlers={"Api::Demo.Api::Handle"})] == ["Handle"]


def test_annotations_handlers_are_found():
    text = ("using Amazon.Lambda.Annotations;\npublic class Api\n{\n    private static int _n;\n"
            "    [LambdaFunction]\n    public string Get(string id) { _n++; return id; }\n"
            "    public Api() { _n = 0; }\n}\n")
    assert codes(analyze(text, "Api.cs")) == ["LMI201"]


def test_a_mostly_broken_file_is_a_parse_failure():
    with pytest.raises(ParseFailure) as caught:
        analyze("class A {\n ) ( } { ;; ]] [[ >> << ++ -- ** $$ \n")
    assert caught.value.line is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_sources_never_raise_anything_but_a_parse_failure(data):
    text = (FIXTURES / "Function.cs").read_text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 80)))
    junk = data.draw(st.sampled_from(["", "{", "}", "(", ";", '"', "$\"", "/*", "static", "é"]))
    try:
        hits = analyze(text[:start] + junk + text[end:], "Function.cs")
    except ParseFailure:
        return
    assert all(h.line >= 1 and h.column >= 1 for h in hits)


CS_LAZY = """using Amazon.Lambda.Core;
namespace Demo;
public class Function
{
    private bool _initialized;
    private object _app;
    public string FunctionHandler(string input, ILambdaContext context)
    {
        if (!_initialized)
        {
            Initialize();
        }
        return _app.ToString();
    }
    private void Initialize()
    {
        _app = new object();
        _initialized = true;
    }
}
"""


def test_lmi201_lazy_initialisation_behind_a_flag_is_one_finding_at_the_check():
    """The .NET form of issue 12 item 5: ``if (!_initialized) { Initialize(); }`` in the handler is a
    one-time-initialisation race (one handler object serves every concurrent invocation), reported once at the
    check as a warning with the fix, not once per field Initialize writes."""
    hits = analyze(CS_LAZY)
    assert codes(hits) == ["LMI201"]
    assert hits[0].line == 9 and hits[0].severity == "warning"
    assert "one-time initialisation" in hits[0].message and "`_initialized`" in hits[0].message
    assert "Lazy<T>" in hits[0].message and "lock" in hits[0].message
    locked = CS_LAZY.replace("            Initialize();\n", "            lock (this) { Initialize(); }\n")
    assert analyze(locked) == []


def test_lmi204_a_collection_written_through_a_getter_that_returns_its_field():
    """held-out miss (LambdaSharp LoggingStreamAnalyzerFunction): ``Cache => _cache ?? throw ...`` is the field
    itself, so ``Cache[key] = value`` per request writes the shared Dictionary."""
    text = ("using System;\nusing System.Collections.Generic;\nusing Amazon.Lambda.Core;\npublic class Function\n{\n"
            "    private Dictionary<string, string>? _cache;\n"
            "    private Dictionary<string, string> Cache => _cache ?? throw new InvalidOperationException();\n"
            "    public Function() { _cache = new Dictionary<string, string>(); }\n"
            "    public string FunctionHandler(string input, ILambdaContext context) { Cache[input] = input; "
            "return input; }\n}\n")
    hits = analyze(text, "src/Function.cs")
    assert [(h.code, h.line) for h in hits] == [("LMI204", 6)]


def test_lmi202_the_lambda_context_kept_in_a_static_field_by_a_helper_of_another_file(tmp_path):
    """heldout2 (dotnet-genai-samples): ``LambdaBaseFunction.SetContext(ILambdaContext? context) => Context =
    context``, called by the handler in another file with its own context. LMI202's definition is "a value taken
    from the event or context and stored in static scope": an ``ILambdaContext`` (or an event object) is request
    data by its type wherever it is passed, so the write is LMI202, not the LMI201 of a value the scanner cannot
    trace. A parameter of another type written the same way stays LMI201."""
    from workbench.readiness.scanner import scan

    (tmp_path / "LambdaBaseFunction.cs").write_text(
        "using Amazon.Lambda.Core;\nusing Amazon.Lambda.SQSEvents;\n\npublic class LambdaBaseFunction\n{\n"
        "    protected static ILambdaContext? Context;\n    protected static SQSEvent? Batch;\n"
        "    protected static int Limit;\n\n"
        "    public static void SetContext(ILambdaContext? context) => Context = context;\n"
        "    public static void SetBatch(SQSEvent batch) { Batch = batch; }\n"
        "    public static void SetLimit(int limit) { Limit = limit; }\n}\n")
    (tmp_path / "Function.cs").write_text(
        "using Amazon.Lambda.Core;\nusing Amazon.Lambda.SQSEvents;\n\npublic class Function : LambdaBaseFunction\n{\n"
        "    public string FunctionHandler(SQSEvent input, ILambdaContext context)\n    {\n"
        "        LambdaBaseFunction.SetContext(context);\n        LambdaBaseFunction.SetBatch(input);\n"
        "        LambdaBaseFunction.SetLimit(10);\n        return \"ok\";\n    }\n}\n")
    found = scan(tmp_path, workers=0, use_cache=False).findings
    assert sorted((f.rule, f.path, f.line) for f in found if f.rule in ("LMI201", "LMI202")) == [
        ("LMI201", "LambdaBaseFunction.cs", 12), ("LMI202", "LambdaBaseFunction.cs", 10),
        ("LMI202", "LambdaBaseFunction.cs", 11)]


def test_lmi201_a_static_set_behind_an_empty_string_test_is_a_lazy_initialisation():
    """heldout13 false positive (dotnet-imagerec OAuth metadata): ``if (string.IsNullOrEmpty(region)) region =
    FallbackRegionFactory.GetRegionEndpoint().SystemName;`` sets the static once, to the process's region, like
    ``if (x == null) x = ...`` (lazily_set): whichever invocation gets there first writes the value every other
    would. Writing it without that test, or behind a test of something else, is still a race."""
    members = "    private static string region = Environment.GetEnvironmentVariable(\"AWS_REGION\") ?? string.Empty;"
    for test in ("string.IsNullOrEmpty(region)", "String.IsNullOrWhiteSpace(region)",
                 "string.IsNullOrEmpty(Function.region)"):
        body = f"        if ({test}) region = FallbackRegionFactory.GetRegionEndpoint().SystemName;"
        assert analyze(handler(body, members)) == [], test
    for body in ("        region = FallbackRegionFactory.GetRegionEndpoint().SystemName;",
                 "        if (string.IsNullOrEmpty(input.Name)) region = FallbackRegionFactory.GetRegionEndpoint().SystemName;",
                 "        if (string.IsNullOrEmpty(input.region)) region = FallbackRegionFactory.GetRegionEndpoint().SystemName;"):
        assert codes(analyze(handler(body, members))) == ["LMI201"], body



def test_lmi201_a_ttl_cache_refreshed_behind_a_null_or_expiry_test_is_not_a_lazy_initialisation():
    """corpus_heldout9 (a change-log service): ``if (_content == null || _next < DateTime.Now) { _content = await
    ...; _next = DateTime.Now.AddMinutes(5); }``: the null test makes the first fill look like a lazy
    initialisation, but the other half of the ``||`` (which does not test the field) re-runs the write every
    time the TTL passes, on whichever requests arrive together: both statics are LMI201. A null test alone, or
    one with an extra condition on the same field, stays a lazy initialisation."""
    members = "    private static string _content;\n    private static DateTime _next;"
    body = ("        if (_content == null || _next < DateTime.Now)\n        {\n"
            "            _content = await Fetch();\n            _next = DateTime.Now.AddMinutes(5);\n        }")
    hits = analyze(handler(body, members + "\n    private static Task<string> Fetch() => Task.FromResult(\"x\");"))
    assert sorted((h.code, h.line) for h in hits) == [("LMI201", 16), ("LMI201", 17)]
    lazy = ("        if (_content == null || _content.Length == 0)\n        {\n"
            "            _content = await Fetch();\n        }")
    assert analyze(handler(lazy, members + "\n    private static Task<string> Fetch() => Task.FromResult(\"x\");")) == []


_TTL_SERVICE = ("using System;\nusing System.Threading.Tasks;\nnamespace Common;\n"
                "public interface IFetcher { Task<string> GetAsync(); }\n"
                "public class Fetcher : IFetcher\n{\n    static DateTime _next;\n    static string _content;\n"
                "    public async Task<string> GetAsync()\n    {\n"
                "        if (_content == null || _next < DateTime.Now)\n        {\n"
                "            _content = await Task.FromResult(\"x\");\n            _next = DateTime.Now.AddMinutes(5);\n"
                "        }\n        return _content;\n    }\n}\n")
_CONTROLLER = ("using Microsoft.AspNetCore.Mvc;\nusing Common;\nnamespace Web.Controllers;\n"
               "[Route(\"api/log\")]\npublic class LogController : ControllerBase\n{\n"
               "    private readonly IFetcher _fetcher;\n    public LogController(IFetcher fetcher) { _fetcher = fetcher; }\n"
               "    [HttpGet]\n    public async Task<IActionResult> Get() => Content(await _fetcher.GetAsync());\n}\n")
_ENTRY_POINT = ("namespace Web;\npublic class LambdaEntryPoint : "
                "Amazon.Lambda.AspNetCoreServer.APIGatewayHttpApiV2ProxyFunction\n{\n"
                "    protected override void Init(IWebHostBuilder builder) { builder.UseStartup<Startup>(); }\n}\n")


def test_lmi201_controller_actions_of_an_aspnet_core_app_on_lambda_are_request_functions(tmp_path):
    """corpus_heldout9 (an ASP.NET Core API behind ``LambdaEntryPoint : APIGatewayHttpApiV2ProxyFunction``):
    Amazon.Lambda.AspNetCoreServer turns each invocation into one HTTP request through the app's pipeline, so each
    controller action runs per invocation; the action calls the service injected into the controller (a field of
    an interface type), whose implementation refreshes a static TTL cache: LMI201 at both writes. The same
    controller in a web app that Lambda does not host (no entry point) is not function code."""
    from workbench.readiness.scanner import scan

    (tmp_path / "Common").mkdir()
    (tmp_path / "Common" / "Common.csproj").write_text('<Project Sdk="Microsoft.NET.Sdk">\n</Project>\n')
    (tmp_path / "Common" / "Fetcher.cs").write_text(_TTL_SERVICE)
    web = tmp_path / "Web"
    (web / "Controllers").mkdir(parents=True)
    (web / "Web.csproj").write_text('<Project Sdk="Microsoft.NET.Sdk.Web">\n</Project>\n')
    (web / "Controllers" / "LogController.cs").write_text(_CONTROLLER)

    def found():
        result = scan(tmp_path, use_cache=False, workers=0)
        return sorted((rel, h.code, h.line) for rel, hits in result.hits.items() for h in hits
                      if h.code in ("LMI201", "LMI202"))

    assert found() == []
    (web / "LambdaEntryPoint.cs").write_text(_ENTRY_POINT)
    assert found() == [("Common/Fetcher.cs", "LMI201", 13), ("Common/Fetcher.cs", "LMI201", 14)]

def test_lmi101_a_temp_path_that_is_only_checked_and_deleted_is_not_a_shared_file():
    """dotnet-serverless-imagerecognition (heldout13): ``tmpPath = Path.Combine(Path.GetTempPath(), name)`` whose
    only uses are ``File.Exists(tmpPath)`` and ``File.Delete(tmpPath)`` in ``finally`` (the image is read from the
    S3 stream): the process never creates the file, so no invocation collides with another's. Written too, it is
    the shared fixed-name file again."""
    body = ('        var tmpPath = Path.Combine(Path.GetTempPath(), Path.GetFileName(input.Key));\n'
            '        try\n        {\n            await Task.Delay(1);\n        }\n'
            '        finally\n        {\n            if (File.Exists(tmpPath)) File.Delete(tmpPath);\n        }')
    assert codes(analyze(handler(body))) == []
    written = body.replace("await Task.Delay(1);", "await File.WriteAllTextAsync(tmpPath, input.Body);")
    assert codes(analyze(handler(written))) == ["LMI101"]


def test_lmi103_a_client_factory_delegate_called_by_the_handler_builds_a_client_per_invocation():
    """heldout6 miss (C# cause 3): ``var factory = (Func<string, AmazonXClient>)(endpoint => new AmazonXClient(...))``
    at top level (or a static ``Func<...>`` field), called by the handler: the delegate's body runs on every call,
    so a client is built per invocation. The same factory called once, outside the handler, builds one client."""
    top = ("using Amazon.Lambda.Core;\nusing Amazon.SQS;\n\n"
           "var url = Environment.GetEnvironmentVariable(\"URL\")!;\n"
           "var factory = (Func<string, AmazonSQSClient>)((endpoint) =>\n{\n"
           "    return new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = endpoint });\n});\n"
           "var handler = async (string input, ILambdaContext context) =>\n{\n"
           "    var sqs = factory(url);\n    await sqs.SendMessageAsync(\"q\", input);\n    return input;\n};\n")
    assert [(h.code, h.line) for h in analyze(top, "Top.cs")] == [("LMI103", 7)]
    once = top.replace("    var sqs = factory(url);\n", "").replace("var handler", "var sqs = factory(url);\nvar handler")
    assert analyze(once, "Top.cs") == []
    members = ("    private static readonly Func<string, AmazonSQSClient> Factory =\n"
               "        endpoint => new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = endpoint });")
    hits = analyze(handler("        var sqs = Factory(\"https://q\");", members))
    assert [(h.code, h.line) for h in hits] == [("LMI103", 10)]
    assert analyze(handler("        await Task.Delay(1);", members)) == []


_MINIMAL_API = ("using Amazon;\nusing Amazon.SimpleNotificationService;\n\n"
                "var builder = WebApplication.CreateBuilder(args);\n"
                "builder.Services.AddAWSLambdaHosting(LambdaEventSource.RestApi);\n"
                "var region = RegionEndpoint.GetBySystemName(Environment.GetEnvironmentVariable(\"AWS_REGION\"));\n"
                "builder.Services.{register}(_ => new AmazonSimpleNotificationServiceClient(region));\n"
                "var app = builder.Build();\n"
                "app.MapPost(\"/users\", async (AmazonSimpleNotificationServiceClient sns) => "
                "await sns.PublishAsync(\"arn\", \"m\"));\napp.Run();\n")


@pytest.mark.parametrize("register, found", [
    ("AddScoped", True), ("AddTransient", True), ("TryAddScoped", True),
    ("AddSingleton", False), ("TryAddSingleton", False)])
def test_lmi103_a_client_registered_scoped_or_transient_in_an_aspnet_core_app_on_lambda(register, found):
    """heldout6 miss (C# cause 3): an ASP.NET Core app hosted on Lambda (AddAWSLambdaHosting /
    Amazon.Lambda.AspNetCoreServer) runs each invocation as one HTTP request, and ASP.NET Core makes a DI scope per
    request: a scoped service is "created once per client request", a transient one "each time it's requested"
    (Microsoft Learn, ".NET dependency injection: Service lifetimes"). A client registered so is built per
    invocation; a singleton (or AddAWSService, a singleton by default) is built once."""
    text = _MINIMAL_API.replace("{register}", register)
    assert [(h.code, h.line) for h in analyze(text, "Program.cs")] == ([("LMI103", 7)] if found else [])


def test_lmi103_a_scoped_client_in_an_app_not_hosted_on_lambda_is_not_judged():
    """The same registration in a web app with no Lambda hosting (a container or server app) is not a Lambda
    function's code; AddAWSService (the AWSSDK.Extensions.NETCore.Setup registration, singleton by default) is quiet."""
    plain = _MINIMAL_API.replace("{register}", "AddScoped").replace(
        "builder.Services.AddAWSLambdaHosting(LambdaEventSource.RestApi);\n", "")
    assert analyze(plain, "Program.cs") == []
    service = _MINIMAL_API.replace("builder.Services.{register}(_ => new AmazonSimpleNotificationServiceClient(region));",
                                   "builder.Services.AddAWSService<IAmazonSimpleNotificationService>();")
    assert analyze(service, "Program.cs") == []


_STARTUP = ("using Amazon.SimpleNotificationService;\nusing Microsoft.Extensions.DependencyInjection;\n\n"
            "namespace Api;\n\npublic class Startup\n{\n"
            "    public void ConfigureServices(IServiceCollection services)\n    {\n"
            "        services.AddControllers();\n"
            "        services.{register}(_ => new AmazonSimpleNotificationServiceClient());\n    }\n}\n")
_ENTRY = ("namespace Api;\n\npublic class LambdaEntryPoint : Amazon.Lambda.AspNetCoreServer.APIGatewayProxyFunction\n"
          "{\n    protected override void Init(IWebHostBuilder builder)\n    {\n"
          "        builder.UseStartup<Startup>();\n    }\n}\n")


@pytest.mark.parametrize("register, found", [("AddScoped", True), ("AddTransient", True), ("AddSingleton", False)])
def test_lmi103_a_scoped_client_registered_by_a_startup_class_a_lambda_entry_point_uses(tmp_path, register, found):
    """The two-file form of the ASP.NET Core app on Lambda (the ``serverless.AspNetCoreWebAPI`` template): a
    ``LambdaEntryPoint : APIGatewayProxyFunction`` in one file calls ``builder.UseStartup<Startup>()``, and Startup's
    ConfigureServices in another file registers ``AddScoped(_ => new AmazonXClient())``. Each invocation is one
    HTTP request with its own DI scope, so the scoped (or transient) factory runs per invocation (Microsoft Learn,
    ".NET dependency injection: Service lifetimes"). Quiet: a singleton; the same Startup when no Lambda entry point
    uses it (a container app); an entry point that starts another Startup class."""
    from workbench.readiness.scanner import scan

    (tmp_path / "Startup.cs").write_text(_STARTUP.replace("{register}", register))
    (tmp_path / "LambdaEntryPoint.cs").write_text(_ENTRY)
    found_now = [(f.rule, f.path, f.line) for f in scan(tmp_path, workers=0, use_cache=False).findings
                 if f.rule == "LMI103"]
    assert found_now == ([("LMI103", "Startup.cs", 11)] if found else [])
    (tmp_path / "LambdaEntryPoint.cs").write_text(_ENTRY.replace("UseStartup<Startup>", "UseStartup<OtherStartup>"))
    assert [f for f in scan(tmp_path, workers=0, use_cache=False).findings if f.rule == "LMI103"] == []
    (tmp_path / "LambdaEntryPoint.cs").unlink()
    assert [f for f in scan(tmp_path, workers=0, use_cache=False).findings if f.rule == "LMI103"] == []


def test_lmi201_lmi204_state_of_an_object_the_handler_owns_reached_through_its_field(tmp_path):
    """heldout6 miss (C# cause 4): the handler's constructor builds a helper (``_chaos = new Chaos()``) that builds
    a cache and a rate limiter; per request the handler calls ``this._chaos.Run()``, which calls
    ``this._cache.Get()`` and ``this._limiter.Should()``. ``this._cache.Get()`` is a call of the cache's method (on
    the object the field holds), not of a method ``Get`` of the caller's own class: the cache's TTL refresh writes its
    fields (LMI201) and the limiter's System.Random is used by every invocation (LMI204)."""
    from workbench.readiness.scanner import scan

    (tmp_path / "Function.cs").write_text(
        "using Amazon.Lambda.Core;\n\npublic class Function\n{\n    private readonly Chaos _chaos;\n"
        "    public Function() { this._chaos = new Chaos(); }\n\n"
        "    public async Task<string> Handle(string input, ILambdaContext context)\n    {\n"
        "        await this._chaos.Run();\n        return input;\n    }\n}\n")
    (tmp_path / "Chaos.cs").write_text(
        "public class Chaos\n{\n    private readonly Cache _cache;\n    private readonly Limiter _limiter;\n"
        "    public Chaos() { this._cache = new Cache(); this._limiter = new Limiter(); }\n\n"
        "    public async Task Run()\n    {\n        var config = await this._cache.Get();\n"
        "        if (this._limiter.Should(config)) await Task.Delay(config);\n    }\n}\n")
    (tmp_path / "Cache.cs").write_text(
        "public class Cache\n{\n    private int _config;\n    private DateTime _lastLoad;\n\n"
        "    public async Task<int> Get()\n    {\n        if ((DateTime.UtcNow - this._lastLoad).TotalSeconds > 60)\n"
        "        {\n            this._config = await Task.FromResult(5);\n            this._lastLoad = DateTime.UtcNow;\n"
        "        }\n        return this._config;\n    }\n}\n")
    (tmp_path / "Limiter.cs").write_text(
        "public class Limiter\n{\n    private readonly Random _random;\n    public Limiter() { this._random = new Random(); }\n"
        "    public bool Should(int rate) => this._random.NextDouble() < rate;\n}\n")
    found = scan(tmp_path, workers=0, use_cache=False).findings
    assert sorted((f.rule, f.path, f.line) for f in found if f.rule in ("LMI201", "LMI204")) == [
        ("LMI201", "Cache.cs", 10), ("LMI201", "Cache.cs", 11), ("LMI204", "Limiter.cs", 3)]


def test_a_handler_a_template_deploys_is_function_code_whatever_its_folder_is_named(tmp_path):
    """heldout6 (dotnet-lambda-chaos): the example function's project is ``Chaos.FunctionTest`` (a name read as a
    test project), but the SAM template deploys its handler (CodeUri, Handler, Runtime): its request path is judged.
    The same project with no definition naming it stays test code."""
    from workbench.readiness.scanner import scan

    project = tmp_path / "example" / "Chaos.FunctionTest"
    project.mkdir(parents=True)
    (project / "Function.cs").write_text(
        "using Amazon.Lambda.Core;\n\npublic class Function\n{\n    private static int _count;\n\n"
        "    public string Handle(string input, ILambdaContext context)\n    {\n        _count++;\n"
        "        return input;\n    }\n}\n")
    assert [f.rule for f in scan(tmp_path, workers=0, use_cache=False).findings if f.rule == "LMI201"] == []
    (tmp_path / "example" / "template.yaml").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
        "  ChaosFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      CodeUri: Chaos.FunctionTest\n      Handler: Chaos.FunctionTest::Function::Handle\n"
        "      Runtime: dotnet8\n")
    found = scan(tmp_path, workers=0, use_cache=False).findings
    assert [(f.rule, f.path, f.line) for f in found if f.rule == "LMI201"] == [
        ("LMI201", "example/Chaos.FunctionTest/Function.cs", 9)]
