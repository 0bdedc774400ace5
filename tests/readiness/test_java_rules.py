"""Java rules: positives, negatives and traps for each rule, handlers and the request path, broken files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.readiness.java_rules import ANALYZER
from workbench.readiness.model import Language, ParseFailure, ScanContext, SourceFile

FIXTURES = Path(__file__).parent / "fixtures_java"


def analyze(text: str, rel: str = "src/main/java/Handler.java", handlers: set[str] | None = None):
    source = SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.JAVA)
    return ANALYZER.analyze(source, ScanContext(root=Path("/project"), handlers={rel: handlers} if handlers else {}))


def codes(hits) -> list[str]:
    return sorted(h.code for h in hits)


def handler(body: str, members: str = "", imports: str = "") -> str:
    return (f"import com.amazonaws.services.lambda.runtime.Context;\n"
            f"import com.amazonaws.services.lambda.runtime.RequestHandler;\nimport java.util.*;\n{imports}\n"
            f"public class Handler implements RequestHandler<Map<String, String>, String> {{\n{members}\n"
            f"    public String handleRequest(Map<String, String> event, Context context) {{\n{body}\n"
            f"        return \"ok\";\n    }}\n}}\n")


def test_a_handler_with_every_problem():
    hits = analyze((FIXTURES / "OrderHandler.java").read_text(), "OrderHandler.java")
    assert codes(hits) == ["LMI101", "LMI102", "LMI103", "LMI104", "LMI104", "LMI201", "LMI202", "LMI203",
                           "LMI204", "LMI204"]
    by_context = {(h.code, h.context) for h in hits}
    assert ("LMI102", "save") in by_context and ("LMI101", "save") in by_context
    assert all(h.runtime == "java" for h in hits)


def test_a_ready_handler_is_quiet():
    assert analyze((FIXTURES / "CleanHandler.java").read_text(), "CleanHandler.java") == []


def test_a_handler_taking_a_qualified_context_in_an_unclosed_class_is_still_analysed():
    hits = analyze((FIXTURES / "Generic.java").read_text(), "Generic.java")
    assert codes(hits) == ["LMI202"] and hits[0].context == "handle"


# --- LMI101 ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, members", [
    ('        java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/out.json"), "x");', ""),
    ('        new java.io.File("/tmp", "out.json").delete();', ""),
    ('        java.nio.file.Files.writeString(java.nio.file.Paths.get(TMP, "report.csv"), "x");',
     '    private static final String TMP = "/tmp";'),
    ('        String f = System.getProperty("java.io.tmpdir") + "/report.csv";', ""),
])
def test_lmi101_fixed_paths(body, members):
    hits = analyze(handler(body, members))
    assert codes(hits) == ["LMI101"] and "same file" in hits[0].message


def test_lmi101_unique_but_never_deleted():
    hits = analyze(handler('        java.nio.file.Path p = java.nio.file.Path.of("/tmp", context.getAwsRequestId());'))
    assert codes(hits) == ["LMI101"] and "never deleted" in hits[0].message and hits[0].severity == "info"


TIMED = ('        String name = String.format("%s_%s.raw", event.get("contactId"), STAMP.format(new Date()));\n'
         '        java.nio.file.Path p = java.nio.file.Paths.get("/tmp", name);\n'
         '        try { java.nio.file.Files.writeString(p, "x"); } catch (Exception e) { }\n')
STAMP = '    private static final java.text.DateFormat STAMP = new java.text.SimpleDateFormat("HH:mm:ss.SSS");'


@pytest.mark.parametrize("now", ["STAMP.format(new Date())", "java.time.Instant.now()", "LocalDateTime.now()"])
def test_lmi101_a_name_with_the_current_time_deleted_after_use_is_not_reported(now):
    """corpus_heldout6 (realtime-transcription): ``/tmp/<contact id>_<time>_<track>.raw``, deleted after upload,
    is unique per invocation like a name with System.currentTimeMillis() (which the rule already counts)."""
    body = TIMED.replace("STAMP.format(new Date())", now) + "        p.toFile().delete();"
    assert "LMI101" not in codes(analyze(handler(body, STAMP)))


def test_lmi101_a_name_with_the_current_time_never_deleted_is_still_reported():
    # the rule's definition (and corpus_heldout6's label correction): unique per request but never deleted fills /tmp
    hits = [h for h in analyze(handler(TIMED, STAMP)) if h.code == "LMI101"]
    assert len(hits) == 1 and "never deleted" in hits[0].message


@pytest.mark.parametrize("body, members", [
    ('        // writes /tmp/out.json\n        int x = 1;', ""),
    ('        context.getLogger().log("/tmp/out.json written");', ""),
    ('        System.err.printf("/tmp is full%n");', ""),
    ('        if (event == null) throw new IllegalArgumentException("/tmp/x missing");', ""),
    ("        int x = 1;", '    private static final String OUT = "/tmp/out.json";'),
    ('        java.nio.file.Path p = java.nio.file.Files.createTempFile(java.nio.file.Path.of("/tmp"), "x", ".y");\n'
     "        java.nio.file.Files.deleteIfExists(p);", ""),
])
def test_lmi101_traps(body, members):
    assert [h for h in analyze(handler(body, members)) if h.code == "LMI101"] == []


@pytest.mark.parametrize("body", [
    '        java.io.File f = java.nio.file.Paths.get(System.getProperty("java.io.tmpdir")).toFile();\n'
    '        if ((double) f.getUsableSpace() / f.getTotalSpace() < 0.5) { System.exit(1); }',
    '        long free = new java.io.File(System.getProperty("java.io.tmpdir")).getFreeSpace();',
    '        boolean ok = java.nio.file.Path.of("/tmp").toFile().exists();',
])
def test_lmi101_the_temporary_directory_only_queried_for_space_is_not_reported(body):
    """corpus_heldout6 (javabuilder): a disk-space check on ``java.io.tmpdir`` reads the directory, it writes no
    file another invocation could also write."""
    assert "LMI101" not in codes(analyze(handler(body)))


@pytest.mark.parametrize("body", [
    '        Util.clearDirectory(java.nio.file.Paths.get(System.getProperty("java.io.tmpdir")));',
    '        java.io.File f = new java.io.File(System.getProperty("java.io.tmpdir"), "out.json");\n'
    '        if (f.getUsableSpace() > 0) { java.nio.file.Files.writeString(f.toPath(), "x"); }',
])
def test_lmi101_the_temporary_directory_cleared_or_written_is_still_reported(body):
    assert codes(analyze(handler(body))).count("LMI101") == 1


# --- LMI102, LMI103 ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body, label", [
    ('        java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:x");', "JDBC"),
    ('        var c = DriverManager.getConnection(System.getenv("URL"));', "JDBC"),
    ("        var ds = new com.zaxxer.hikari.HikariDataSource();", "JDBC pool"),
    ('        var mongo = MongoClients.create("mongodb://x");', "MongoDB"),
])
def test_lmi102_connections_per_invocation(body, label):
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI102"] and label in hits[0].message


def test_lmi102_a_pool_built_once_or_lazily_is_fine():
    members = ("    private static final HikariDataSource POOL = new HikariDataSource();\n"
               "    private static java.sql.Connection lazy;")
    body = '        if (lazy == null) { lazy = DriverManager.getConnection("jdbc:x"); }'
    assert analyze(handler(body, members)) == []


CACHE = ("    private final Map<String, Object> cache = new HashMap<>();\n"
         "    public synchronized Object getOrCreate(String conn) {\n"
         "        Object result = cache.get(conn);\n"
         "        if (result == null || !healthy(result)) {\n{create}\n"
         "            cache.put(conn, result);\n        }\n        return result;\n    }\n"
         "    private boolean healthy(Object o) { return o != null; }\n")


@pytest.mark.parametrize("create, helper", [
    ("            result = MongoClients.create(conn);", ""),
    ("            result = open(conn);",
     "    private Object open(String s) { RedisClient c = RedisClient.create(s); return c.connect(); }\n"),
    ("            result = S3Client.create();", ""),
])
def test_lmi102_lmi103_a_connection_or_client_made_on_a_cache_miss_is_made_once_per_key(create, helper):
    """heldout11 (athena-federation DocDB and Redis factories): ``x = cache.get(k); if (x == null) { x = create();
    cache.put(k, x); }`` builds one connection per key and process and hands it to every later request."""
    members = CACHE.replace("{create}", create) + helper
    assert analyze(handler('        Object c = getOrCreate(event.get("c"));', members)) == []


def test_lmi102_a_connection_made_per_call_next_to_an_unrelated_cache_is_still_reported():
    members = ("    private final Map<String, Object> cache = new java.util.concurrent.ConcurrentHashMap<>();\n"
               "    private Object open(String s) { Object seen = cache.get(s); if (seen == null) { cache.put(s, Boolean.TRUE); }\n"
               "        return MongoClients.create(s); }\n")
    # (a URL from the environment: one the request names is per request by design, heldout15)
    assert codes(analyze(handler('        Object c = open(System.getenv("C"));', members))) == ["LMI102"]


@pytest.mark.parametrize("body, client", [
    ("        S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();", "S3Client"),
    ("        var sqs = SqsAsyncClient.create();", "SqsAsyncClient"),
    ("        AmazonS3 s3 = AmazonS3ClientBuilder.standard().withRegion(\"eu-west-1\").build();",
     "AmazonS3ClientBuilder"),
    ("        AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();", "AmazonS3ClientBuilder"),
    ("        var s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.builder().build()).build();", "S3Client"),
    # heldout4: SDK 1.x builders of the services named AWS... (AWSSecretsManagerClientBuilder, AWSLambdaClientBuilder)
    ("        AWSSecretsManager sm = AWSSecretsManagerClientBuilder.standard().withRegion(\"eu-west-1\").build();",
     "AWSSecretsManagerClientBuilder"),
    ("        AWSLambda lambda = AWSLambdaClientBuilder.defaultClient();", "AWSLambdaClientBuilder"),
    # heldout4: a presigner resolves credentials and endpoints like a client and is meant to be shared
    ("        S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1).build();", "S3Presigner"),
    ("        var presigner = S3Presigner.create();", "S3Presigner"),
    # heldout4: the Secrets Manager caching client builds its own Secrets Manager client (and cache) each time
    ("        SecretCache cache = new SecretCache(AWSSecretsManagerClientBuilder.standard().withRegion(r));",
     "SecretCache"),
    ("        SecretCache cache = new SecretCache();", "SecretCache"),
])
def test_lmi103_clients_built_per_invocation(body, client):
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI103"] and f"`{client}`" in hits[0].message


@pytest.mark.parametrize("body, count", [
    # heldout6 (amazon-connect handlers): an SDK 1.x builder kept in a local, then built (once or twice)
    ("        AmazonDynamoDBClientBuilder builder = AmazonDynamoDBClientBuilder.standard();\n"
     "        builder.setRegion(event.get(\"region\"));\n        Object a = new DynamoDB(builder.build());\n"
     "        Object b = new DynamoDB(builder.build());", 2),
    ("        var builder = AmazonS3ClientBuilder.standard().withRegion(\"eu-west-1\");\n"
     "        AmazonS3 s3 = builder.build();", 1),
    ("        S3ClientBuilder b = S3Client.builder();\n        S3Client s3 = b.region(Region.US_EAST_1).build();", 1),
    ("        S3Presigner.Builder b = S3Presigner.builder();\n        S3Presigner p = b.build();", 1),
])
def test_lmi103_a_client_built_from_a_builder_kept_in_a_local_variable(body, count):
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI103"] * count


def test_lmi103_a_client_for_an_endpoint_found_per_request_is_per_request_by_design():
    """heldout6 (amazon-connect KVSUtils): a Kinesis Video media client built for the data endpoint GetDataEndpoint
    returns for the request's stream; a constant endpoint is still reported."""
    members = ("    private AmazonKinesisVideoMedia media(String stream) {\n"
               "        String endPoint = kv.getDataEndpoint(new GetDataEndpointRequest().withStreamName(stream))"
               ".getDataEndpoint();\n"
               "        AmazonKinesisVideoMediaClientBuilder b = AmazonKinesisVideoMediaClientBuilder.standard()\n"
               "            .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endPoint, \"eu-west-1\"));\n"
               "        return b.build();\n    }\n"
               "    private static final AmazonKinesisVideo kv = AmazonKinesisVideoClientBuilder.defaultClient();")
    assert analyze(handler('        Object m = media(event.get("stream"));', members)) == []
    constant = ('        AmazonS3 s3 = AmazonS3ClientBuilder.standard().withEndpointConfiguration(\n'
                '            new AwsClientBuilder.EndpointConfiguration("https://s3.local", "eu-west-1")).build();')
    assert codes(analyze(handler(constant))) == ["LMI103"]


def test_lmi103_a_shared_client_rebuilt_in_a_catch_recovery_path_is_not_per_invocation():
    """heldout6 (javabuilder verifyApiClient): the handler's client is replaced inside ``catch`` only when it was
    found shut down; a client built in a catch and used as a local is still one per failing invocation."""
    members = "    private AmazonS3 s3 = AmazonS3ClientBuilder.defaultClient();"
    body = ("        try { s3.listBuckets(); } catch (IllegalStateException e) {\n"
            "            this.s3 = AmazonS3ClientBuilder.standard().withRegion(\"eu-west-1\").build();\n        }")
    assert "LMI103" not in codes(analyze(handler(body, members)))
    local = ("        try { s3.listBuckets(); } catch (IllegalStateException e) {\n"
             "            AmazonS3 other = AmazonS3ClientBuilder.defaultClient();\n        }")
    assert codes(analyze(handler(local, members))) == ["LMI103"]


def test_lmi103_a_local_builder_that_is_not_an_sdk_client_builder_is_not_a_client():
    body = ("        StringBuilder sb = new StringBuilder();\n        Request.Builder builder = Request.builder();\n"
            "        Object r = builder.build();\n        String s = sb.toString();")
    assert analyze(handler(body)) == []


@pytest.mark.parametrize("imports, body", [
    ("import io.lettuce.core.cluster.RedisClusterClient;",
     '        RedisClusterClient redis = RedisClusterClient.create("redis://cache:6379");'),
    ("import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;",
     "        try (BigQueryReadClient bq = BigQueryReadClient.create()) { bq.shutdown(); }"),
])
def test_lmi103_a_client_class_imported_from_another_library_is_not_an_aws_sdk_client(imports, body):
    """heldout11 (athena-federation): Lettuce's RedisClusterClient.create and Google's BigQueryReadClient.create
    look like ``XClient.create()`` but are not AWS SDK clients."""
    assert "LMI103" not in codes(analyze(handler(body, imports=imports)))


def test_lmi103_an_aws_sdk_client_imported_by_name_is_still_reported_and_a_lettuce_redis_client_is_a_connection():
    body = "        GlueClient glue = GlueClient.create();"
    assert codes(analyze(handler(body, imports="import software.amazon.awssdk.services.glue.GlueClient;"))) == \
        ["LMI103"]
    hits = analyze(handler('        RedisClient redis = RedisClient.create("redis://cache:6379");',
                           imports="import io.lettuce.core.RedisClient;"))
    assert codes(hits) == ["LMI102"] and "Redis" in hits[0].message


def test_lmi103_clients_in_fields_constructors_and_lazy_init_are_fine():
    members = ("    private static final S3Client S3 = S3Client.create();\n    private final SqsClient sqs;\n"
               "    private static DynamoDbClient dynamo;\n"
               "    public Handler() { sqs = SqsClient.builder().build(); }")
    body = "        if (dynamo == null) dynamo = DynamoDbClient.create();"
    assert analyze(handler(body, members)) == []


def test_lmi103_a_secret_cache_or_presigner_kept_in_a_field_is_fine():
    members = ("    private static final SecretCache CACHE = new SecretCache();\n"
               "    private static final S3Presigner PRESIGNER = S3Presigner.create();")
    body = "        String s = CACHE.getSecretString(\"db\");"
    assert analyze(handler(body, members)) == []


# --- LMI104 ----------------------------------------------------------------------------------------------------
def test_lmi104_stdout_lines_are_reported_once_per_method():
    hits = analyze(handler('        System.out.println("a");\n        System.err.println("b");'))
    assert codes(hits) == ["LMI104"] and hits[0].message.startswith("2 log lines in `handleRequest`")


def test_lmi104_lambda_logger_and_lines_with_the_request_id_are_fine():
    body = ('        context.getLogger().log("saved");\n'
            '        System.out.println("saved " + context.getAwsRequestId());')
    assert analyze(handler(body)) == []


# --- LMI201, LMI202 ------------------------------------------------------------------------------------------------
def test_lmi202_lambda_context_values_that_are_the_same_for_every_invocation_are_not_request_data():
    # heldout4: the function's name, version, ARN, memory and log group/stream come from the context object but are
    # the same for every invocation ("Using the Lambda context object to retrieve Java function information");
    # getAwsRequestId() is the request's own
    members = "    private static String name;\n    private static String id;"
    quiet = handler("        name = context.getFunctionName() + context.getFunctionVersion() + context.getLogStreamName();",
                    members)
    assert codes(analyze(quiet)) == ["LMI201"]   # a static written per request, but no request data in it
    assert codes(analyze(handler("        id = context.getAwsRequestId();", members))) == ["LMI202"]
    # a request object's own getFunctionName() is request data
    assert codes(analyze(handler("        name = event.getFunctionName();", members).replace(
        "Map<String, String>", "Job"))) == ["LMI202"]


def test_lmi201_static_and_handler_fields_written_on_the_request_path():
    members = "    private static long total;\n    private int calls;\n    private static final int LIMIT = 3;"
    hits = analyze(handler("        total += 1;\n        this.calls++;", members))
    assert codes(hits) == ["LMI201", "LMI201"]
    assert {h.message.split("`")[3] for h in hits} == {"total", "calls"}


def test_lmi201_not_for_locals_synchronized_atomic_constructor_or_non_handler_instances():
    members = ("    private static int total;\n    private static final Object LOCK = new Object();\n"
               "    private static final java.util.concurrent.atomic.AtomicLong N = new java.util.concurrent.atomic"
               ".AtomicLong();\n    public Handler() { total = 1; }\n"
               "    private synchronized void bump() { total++; }")
    body = ("        int total = 0;\n        total++;\n        N.incrementAndGet();\n"
            "        synchronized (LOCK) { Handler.total += 1; }\n        bump();")
    assert analyze(handler(body, members)) == []
    helper = "public class Counter {\n    private int n;\n    public void add() { n++; }\n}\n"
    assert analyze(helper, "Counter.java") == []   # not a handler: an instance per caller, not shared


def test_lmi202_request_data_in_fields_through_a_helper():
    members = ("    private static String tenant;\n"
               "    private void remember(String t) { tenant = t.trim(); }")
    hits = analyze(handler('        String t = event.get("tenant");\n        remember(t);', members))
    assert codes(hits) == ["LMI202"] and hits[0].context == "remember"


JUL = "import java.util.logging.Logger;\nimport java.util.logging.ConsoleHandler;\n"
TAGGED = ("    static class Tagged extends ConsoleHandler {\n        Tagged(String id) { }\n    }\n")


@pytest.mark.parametrize("body", [
    '        Logger logger = Logger.getLogger("main");\n        logger.addHandler(new Tagged(event.get("session")));',
    '        Logger.getLogger("main").addHandler(new Tagged(context.getAwsRequestId()));',
])
def test_lmi202_a_handler_carrying_request_data_added_to_a_jvm_wide_logger(body):
    """corpus_heldout6 (javabuilder): ``Logger.getLogger(MAIN_LOGGER).addHandler(new LambdaLogHandler(..request
    ids..))`` per invocation: java.util.logging's named loggers are JVM-wide, so every concurrent invocation's records
    go through the handler holding another request's ids."""
    hits = analyze(handler(body, TAGGED, JUL))
    assert codes(hits) == ["LMI202"] and "JVM-wide" in hits[0].message and hits[0].line == body.count("\n") + 13


@pytest.mark.parametrize("members, body", [
    (TAGGED + '    static { Logger.getLogger("main").addHandler(new Tagged("boot")); }', "        int x = 1;"),
    (TAGGED, '        Logger.getLogger("main").addHandler(new ConsoleHandler());'),
    (TAGGED, '        Logger local = Logger.getAnonymousLogger();\n        local.addHandler(new Tagged(event.get("s")));'),
])
def test_lmi202_logger_handlers_without_request_data_or_added_once_are_not_reported(members, body):
    assert "LMI202" not in codes(analyze(handler(body, members, JUL)))


# --- LMI203, LMI204 ---------------------------------------------------------------------------------------------
def test_lmi203_system_properties():
    hits = analyze(handler('        System.setProperty("region", event.get("region"));'))
    assert codes(hits) == ["LMI203"] and "`region`" in hits[0].message
    members = '    static { System.setProperty("a", "b"); }'
    assert analyze(handler("        String r = System.getProperty(\"a\");", members)) == []


LMI203_FIXED = ('        String password = System.getenv("TRUSTSTORE_PASSWORD");\n'
                '        java.io.File trustStore = store("truststore.jks");\n'
                "        System.setProperty(STORE, trustStore.getAbsolutePath());\n"
                '        System.setProperty("javax.net.ssl.trustStorePassword", password);\n'
                '        System.setProperty("javax.net.ssl.trustStoreType", "JKS");\n'
                '        System.setProperty("java.security.krb5.conf", TMP + java.io.File.separator + "krb5.conf");\n')
LMI203_MEMBERS = ('    private static final String STORE = "javax.net.ssl.trustStore";\n'
                  '    private static final String TMP = "/opt/configs";\n'
                  "    private java.io.File store(String name) { return new java.io.File(getClass().getClassLoader()"
                  ".getResource(name).getFile()); }\n")


@pytest.mark.parametrize("members, body", [
    ("    private Object session;\n    private void setUp() {\n        if (session != null) { return; }\n"
     + LMI203_FIXED + "        session = new Object();\n    }", "        setUp();"),
    ("    private static Object conn;", "        if (conn == null) {\n" + LMI203_FIXED + "            conn = new Object();\n"
     "        }"),
    ("    private final Map<String, Object> cache = new HashMap<>();\n"
     "    private synchronized Object connect(String k) {\n        Object c = cache.get(k);\n"
     "        if (c == null) {\n" + LMI203_FIXED + "            c = new Object();\n            cache.put(k, c);\n"
     "        }\n        return c;\n    }", '        connect(event.get("k"));'),
])
def test_lmi203_a_property_set_once_to_the_same_value_for_every_request_is_not_reported(members, body):
    """heldout11 (athena-federation DocDB/HBase factories, keyspaces-examples sessions): a trust store type,
    password or path from literals, constants, the environment or a classpath resource, set by a one-time set-up
    (after ``if (session != null) return;``, behind ``if (conn == null)``, on a cache miss): no request's value
    can leak to another."""
    assert "LMI203" not in codes(analyze(handler(body, LMI203_MEMBERS + members)))


def test_lmi203_a_constant_property_set_on_every_request_is_still_reported():
    # corpus_heldout4 (aws-lambda-sap-oauth): System.setProperty("sun.net.http.allowRestrictedHeaders", "true") on
    # every accessToken request is labelled a real LMI203 (JVM-wide state changed during a request)
    hits = analyze(handler('        System.setProperty("sun.net.http.allowRestrictedHeaders", "true");'))
    assert codes(hits) == ["LMI203"]


@pytest.mark.parametrize("members, body", [
    ("", '        String region = event.get("region");\n        System.setProperty("region", region);'),
    ("", '        System.setProperty("request", context.getAwsRequestId());'),
    ("    private String tenant;", '        tenant = event.get("t");\n        System.setProperty("tenant", tenant);'),
    ("    private void use(String t) { System.setProperty(\"tenant\", t); }", '        use(event.get("t"));'),
    ("", '        System.setProperty("run", java.util.UUID.randomUUID().toString());'),
    ("", '        System.setProperty("started", String.valueOf(System.currentTimeMillis()));'),
    ("", '        java.io.File f = java.io.File.createTempFile("ks", ".jks");\n'
         '        System.setProperty("javax.net.ssl.trustStore", f.getPath());'),
])
def test_lmi203_a_property_set_from_the_request_or_from_mutable_state_is_reported(members, body):
    assert codes(analyze(handler(body, members))).count("LMI203") == 1


@pytest.mark.parametrize("members, body", [
    ("", '        java.util.Properties props = System.getProperties();\n'
         '        props.put("sun.awt.fontconfig", "/opt/fontconfig.properties");'),
    ("", '        System.getProperties().setProperty("tenant", event.get("t"));'),
    ("", '        Properties p = System.getProperties();\n        p.remove("debug");'),
])
def test_lmi203_system_properties_changed_through_the_properties_object_are_reported(members, body):
    """corpus_heldout6 (javabuilder): ``System.getProperties()`` is the JVM's own Properties object, so ``put`` or
    ``setProperty`` on it per request changes JVM-wide state exactly like ``System.setProperty``."""
    assert codes(analyze(handler(body, members))).count("LMI203") == 1


@pytest.mark.parametrize("members, body", [
    ("    private static Object conn;", "        if (conn == null) {\n"
     "            Properties p = System.getProperties();\n"
     '            p.put("javax.net.ssl.trustStoreType", "JKS");\n            conn = new Object();\n        }'),
    ("", "        Properties copy = new Properties();\n"
         '        copy.putAll(System.getProperties());\n        copy.put("tenant", event.get("t"));'),
    ("", '        String v = System.getProperties().getProperty("a");'),
])
def test_lmi203_properties_object_set_up_once_or_a_copy_is_not_reported(members, body):
    assert "LMI203" not in codes(analyze(handler(body, members)))


def test_lmi203_a_constant_property_switched_on_and_off_per_request_is_reported():
    body = ('        System.setProperty("debug", "true");\n        try { event.size(); }\n'
            '        finally { System.clearProperty("debug"); }')
    assert codes(analyze(handler(body))) == ["LMI203", "LMI203"]


@pytest.mark.parametrize("members, body, expected", [
    ("    private static final List<String> SEEN = new ArrayList<>();", "        SEEN.add(\"x\");", "ArrayList"),
    ("    private final Map<String, Integer> counts = new HashMap<>();", "        counts.merge(\"a\", 1, Integer::sum);",
     "HashMap"),
    ("    private static final java.text.DateFormat DAY = new java.text.SimpleDateFormat(\"yyyy\");",
     "        String d = DAY.format(new Date());", "SimpleDateFormat"),
])
def test_lmi204_unsafe_shared_objects(members, body, expected):
    hits = analyze(handler(body, members))
    assert codes(hits) == ["LMI204"] and expected in hits[0].message


@pytest.mark.parametrize("built, reported", [
    ("new HashMap<>()", True), ("new java.util.concurrent.ConcurrentHashMap<>()", False),
])
def test_lmi204_a_map_field_declared_by_its_interface_is_judged_by_what_the_constructor_builds(built, reported):
    """heldout6 (javabuilder): ``private static Map<..> seen;`` given ``new HashMap<>()`` in the constructor and
    written per request is an unsafe shared HashMap; a ConcurrentHashMap there is fine."""
    members = f"    private static Map<String, String> seen;\n    public Handler() {{\n        seen = {built};\n    }}"
    assert ("LMI204" in codes(analyze(handler('        seen.put("k", "v");', members)))) == reported


def test_lmi204_reads_locals_and_concurrent_collections_are_fine():
    members = ("    private static final Map<String, String> CONFIG = new HashMap<>();\n"
               "    private static final Map<String, String> LIVE = new java.util.concurrent.ConcurrentHashMap<>();\n"
               "    static { CONFIG.put(\"a\", \"b\"); }")
    body = ('        String v = CONFIG.get("a");\n        LIVE.put("a", v);\n'
            '        Map<String, String> local = new HashMap<>();\n        local.put("a", v);\n'
            '        java.text.SimpleDateFormat f = new java.text.SimpleDateFormat("yyyy");\n'
            "        f.format(new Date());")
    assert analyze(handler(body, members)) == []


# --- handlers -------------------------------------------------------------------------------------------------------
def test_template_named_handler_methods():
    text = ("public class Api {\n    private static int n;\n    public String handle(String in) { n++; return in; }\n"
            "    public String other(String in) { n--; return in; }\n}\n")
    hits = analyze(text, "Api.java", handlers={"handle"})
    assert [h.context for h in hits] == ["handle"]
    assert [h.context for h in analyze(text, "Api.java", handlers={"com.x.Api::handle"})] == ["handle"]
    assert len(analyze(text, "Api.java")) == 2   # no handler known: every method may be called per request


def test_a_mostly_broken_file_is_a_parse_failure():
    with pytest.raises(ParseFailure) as caught:
        analyze("class A {\n ) ( } { ;; ]] [[ >> << ++ -- ** // \n")
    assert caught.value.line is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_sources_never_raise_anything_but_a_parse_failure(data):
    text = (FIXTURES / "OrderHandler.java").read_text()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 80)))
    junk = data.draw(st.sampled_from(["", "{", "}", "(", ";", '"', "/*", "static", "é"]))
    try:
        hits = analyze(text[:start] + junk + text[end:], "OrderHandler.java")
    except ParseFailure:
        return
    assert all(h.line >= 1 and h.column >= 1 for h in hits)


def test_lmi201_a_singleton_created_lazily_through_a_helper_and_its_constructor_writes_are_fine():
    """heldout6 (javabuilder JavabuilderContext): getInstance() calls create() behind ``if (instance == null)``,
    create() sets the static instance, and the private constructor initialises the new object's field: created
    once, and a constructor's writes touch an object no other thread has yet. A later per-request replacement of
    the field is still reported."""
    text = ("import com.amazonaws.services.lambda.runtime.Context;\n"
            "import com.amazonaws.services.lambda.runtime.RequestHandler;\nimport java.util.*;\n"
            "public class Handler implements RequestHandler<String, String> {\n"
            "    public String handleRequest(String input, Context context) {\n"
            "        Registry.getInstance().reset();\n        return input;\n    }\n}\n"
            "class Registry {\n    private static Registry instance;\n    private Map<String, String> objects;\n"
            "    private Registry() {\n        this.objects = new HashMap<>();\n    }\n"
            "    public static void create() {\n        instance = new Registry();\n    }\n"
            "    public static Registry getInstance() {\n        if (instance == null) {\n"
            "            Registry.create();\n        }\n        return instance;\n    }\n"
            "    public void reset() {\n        this.objects = new HashMap<>();\n    }\n}\n")
    hits = analyze(text)
    assert [(h.code, h.line) for h in hits] == [("LMI201", 26)]
    unguarded = text.replace("        if (instance == null) {\n            Registry.create();\n        }\n",
                             "        Registry.create();\n")
    assert ("LMI201", 17) in [(h.code, h.line) for h in analyze(unguarded)]


def test_lmi201_fields_of_a_singleton_object_called_per_request():
    """A class that keeps its one instance in a static field serves every invocation with that object: its
    fields are shared like the handler's (issue 12: singleton aspects and holders)."""
    text = ("import com.amazonaws.services.lambda.runtime.Context;\n"
            "import com.amazonaws.services.lambda.runtime.RequestHandler;\n"
            "public class Handler implements RequestHandler<String, String> {\n"
            "    public String handleRequest(String input, Context context) {\n"
            "        Counter.INSTANCE.hit(input.length());\n        return input;\n    }\n}\n"
            "final class Counter {\n    static final Counter INSTANCE = new Counter();\n    private int total;\n"
            "    void hit(int n) { total = total + n; }\n}\n")
    hits = analyze(text)
    assert codes(hits) == ["LMI201"] and "`total`" in hits[0].message
    plain = text.replace("Counter.INSTANCE.hit", "new Counter().hit").replace(
        "    static final Counter INSTANCE = new Counter();\n", "")
    assert analyze(plain) == []


# --- held-out set (issue 12): the runtime's logger, one-time initialisation --------------------------------------------
def test_lmi202_not_for_the_runtime_logger_kept_in_a_handler_field():
    """``context.getLogger()`` is the runtime-wide LambdaLogger (aws-lambda-java-runtime-interface-client,
    LambdaContext: ``this.logger = LambdaRuntime.getLogger()``): every invocation stores the same object, no request
    data (held out: aws-samples/serverless-samples das-lambda-java-sam HandlerAuroraStream)."""
    members = "    private com.amazonaws.services.lambda.runtime.LambdaLogger logger;"
    body = ('        logger = context.getLogger();\n'
            '        logger.log(context.getAwsRequestId() + " got " + event.size());')
    assert [h for h in analyze(handler(body, members)) if h.code in ("LMI201", "LMI202")] == []
    other = '        logger = context.getLogger();\n        tenant = event.get("tenant");'
    hits = analyze(handler(other, members + "\n    private String tenant;"))
    assert codes(hits) == ["LMI202"] and "`tenant`" in hits[0].message


LAZY = """import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
public class Handler implements RequestHandler<Map<String, String>, String> {
    private boolean initialized;
    private Object app;
    private String mode = "servlet";
    public String handleRequest(Map<String, String> event, Context context) {
        if (!initialized) {
            initialize();
        }
        return app.toString();
    }
    public void initialize() {
        app = new Object();
        mode = "reactive";
        initialized = true;
    }
}
"""


def test_lmi201_lazy_initialisation_behind_a_flag_is_one_finding_with_its_own_wording():
    """serverless-java-container's ``if (!initialized) { initialize(); }`` in the request method (issue 12 item 5):
    one handler object serves every thread on LMI, so two first invocations can both see the flag false and start
    the application twice. Reported once, at the check, as a one-time-initialisation race (a warning, with the fix),
    instead of once per field the initialiser writes."""
    hits = analyze(LAZY)
    assert codes(hits) == ["LMI201"]
    race = hits[0]
    assert race.line == 9 and race.severity == "warning" and race.context == "handleRequest"
    assert "one-time initialisation" in race.message and "`initialized`" in race.message
    assert "`initialize()`" in race.message and "constructor" in race.message and "synchronized" in race.message


def test_lmi201_lazy_initialisation_written_inline_is_one_finding_too():
    text = LAZY.replace("            initialize();\n", "            app = new Object();\n            initialized = true;\n")
    hits = analyze(text)
    assert codes(hits) == ["LMI201"] and hits[0].line == 9 and "one-time initialisation" in hits[0].message


@pytest.mark.parametrize("change", [
    ("    public void initialize() {", "    public synchronized void initialize() {"),
    ("        if (!initialized) {\n            initialize();\n        }",
     "        if (!initialized) {\n            synchronized (this) {\n                if (!initialized) {\n"
     "                    initialize();\n                }\n            }\n        }"),
])
def test_lmi201_synchronised_lazy_initialisation_is_fine(change):
    assert analyze(LAZY.replace(*change)) == []


def test_lmi201_a_field_the_initialiser_writes_that_requests_also_write_is_still_reported():
    text = LAZY.replace("        return app.toString();", "        mode = event.get(\"mode\");\n        return app.toString();")
    hits = analyze(text)
    assert sorted((h.code, h.line) for h in hits) == [("LMI201", 9), ("LMI202", 12)]


COLD = ("    private static boolean coldBoot = true;\n    private void track(String kind) { }",
        "        if (coldBoot) {\n            track(\"cold\");\n            coldBoot = false;\n        } else {\n"
        "            track(\"warm\");\n        }")


def test_lmi201_a_cold_start_latch_cleared_behind_an_unsynchronised_check_is_a_one_time_race():
    """corpus_heldout6 (javabuilder): ``if (coldBoot) { ...; coldBoot = false; }`` on the request path is the
    check-then-act race of ``if (!initialized)`` the other way round: two first invocations both run the body."""
    hits = analyze(handler(COLD[1], COLD[0]))
    assert codes(hits) == ["LMI201"] and hits[0].line == 9 and "`if (coldBoot)`" in hits[0].message
    assert "see `coldBoot` true" in hits[0].message


@pytest.mark.parametrize("members, body", [
    (COLD[0] + "\n    private synchronized void once() {\n" + COLD[1] + "\n    }", "        once();"),
    (COLD[0], "        synchronized (Handler.class) {\n" + COLD[1] + "\n        }"),
    ("    private static final java.util.concurrent.atomic.AtomicBoolean coldBoot = "
     "new java.util.concurrent.atomic.AtomicBoolean(true);\n    private void track(String kind) { }",
     '        if (coldBoot.compareAndSet(true, false)) {\n            track("cold");\n        }'),
    ("    private static final boolean verbose = true;\n    private void track(String kind) { }",
     '        if (verbose) {\n            track("v");\n        }'),
])
def test_lmi201_a_synchronised_or_atomic_cold_start_latch_is_fine(members, body):
    assert analyze(handler(body, members)) == []


def test_lmi201_a_flag_set_back_to_true_is_no_one_time_latch():
    members = COLD[0] + "\n    public void reset() { coldBoot = true; }"
    assert not any("one-time initialisation" in h.message for h in analyze(handler(COLD[1], members)))


GROUP_INIT = """\
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.*;

public class Handler implements RequestHandler<Map<String, String>, String> {
    private static Object factory;
    private static Object nameBuilder;
    private Object client;
    private Object caClient;
    private String cert;

    private static Object builders() {
        if (factory == null) {
            factory = new Object();
            nameBuilder = new Object();
        }
        return factory;
    }

    private void setUp() {
        if (this.caClient != null && this.client != null) {
            return;
        }
        this.cert = "pem";
        this.caClient = new Object();
        this.client = new Object();
    }

    public String handleRequest(Map<String, String> event, Context context) {
        builders();
        setUp();
        return "ok";
    }
}
"""


def test_lmi201_fields_a_null_guarded_initialiser_writes_together_are_set_once():
    """heldout4 (aws-lambda-sap-oauth, lambda-java-blockchain): the fields written in the block of
    ``if (factory == null) { factory = ...; nameBuilder = ...; }``, and after ``if (a != null && b != null) return;``
    in a method that then sets a and b, are lazy initialisation like ``if (client == null) client = ...``."""
    assert analyze(GROUP_INIT) == []


@pytest.mark.parametrize("change", [
    # the guarded block never sets its guard: it runs on every request while factory stays null
    ("            factory = new Object();\n", ""),
    # the early return tests a field the method never sets
    ("        this.client = new Object();\n", ""),
])
def test_lmi201_a_null_guard_that_is_never_set_is_no_initialiser(change):
    assert "LMI201" in codes(analyze(GROUP_INIT.replace(*change)))


@pytest.mark.parametrize("members, body, expected", [
    # heldout4 (aws-lambda-sap-oauth): json-simple's JSONParser is a stateful lexer
    ("    JSONParser parser = new JSONParser();", "        Object o = parser.parse(event.get(\"body\"));", "JSONParser"),
    ("    private static final MessageDigest SHA = MessageDigest.getInstance(\"SHA-256\");",
     "        byte[] d = SHA.digest(event.get(\"body\").getBytes());", "MessageDigest"),
    ("    private static final DecimalFormat MONEY = new DecimalFormat(\"0.00\");",
     "        String s = MONEY.format(1.5);", "DecimalFormat"),
])
def test_lmi204_stateful_objects_that_are_not_thread_safe(members, body, expected):
    hits = analyze(handler(body, members))
    assert codes(hits) == ["LMI204"] and expected in hits[0].message and hits[0].line == 6


def test_lmi204_a_stateful_object_per_call_is_fine():
    assert analyze(handler("        Object o = new JSONParser().parse(event.get(\"body\"));")) == []


@pytest.mark.parametrize("members, body", [
    # heldout4 (aws-lambda-sap-oauth): request properties put into a Properties field of the shared handler
    ("    Properties props = new Properties();", "        props.setProperty(\"user\", event.get(\"user\"));"),
    ("    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();",
     "        SEEN.put(\"last\", event.get(\"id\"));"),
])
def test_lmi202_request_data_put_into_a_shared_thread_safe_container(members, body):
    hits = analyze(handler(body, members, "import java.util.concurrent.ConcurrentHashMap;"))
    assert codes(hits) == ["LMI202"] and hits[0].line == 8


@pytest.mark.parametrize("members, body", [
    ("    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();",
     "        CURRENT.set(event.get(\"id\"));"),
    ("    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();",
     "        SEEN.put(\"last\", \"constant\");"),
    ("", "        Properties local = new Properties();\n        local.setProperty(\"user\", event.get(\"user\"));"),
])
def test_lmi202_not_for_thread_locals_constants_or_locals(members, body):
    assert analyze(handler(body, members, "import java.util.concurrent.ConcurrentHashMap;")) == []


def test_lmi202_the_lambda_context_kept_in_a_static_field_by_a_helper_of_another_file(tmp_path):
    """The Java counterpart of the .NET SetContext case (heldout2 genai): a helper class keeps the invocation's
    Lambda ``Context`` (or its event object) in a static field; the handler in another file hands them over. By
    LMI202's definition ("a value taken from the event or context and stored in static scope") that is LMI202,
    whatever file the parameter is declared in; an int parameter stored the same way stays LMI201."""
    from workbench.readiness.scanner import scan

    folder = tmp_path / "src/main/java/com/example"
    folder.mkdir(parents=True)
    (folder / "Holder.java").write_text(
        "package com.example;\n\nimport com.amazonaws.services.lambda.runtime.Context;\n"
        "import com.amazonaws.services.lambda.runtime.events.SQSEvent;\n\npublic class Holder {\n"
        "    static Context context;\n    static SQSEvent batch;\n    static int limit;\n\n"
        "    public static void setContext(Context c) { context = c; }\n"
        "    public static void setBatch(SQSEvent b) { batch = b; }\n"
        "    public static void setLimit(int l) { limit = l; }\n}\n")
    (folder / "Handler.java").write_text(
        "package com.example;\n\nimport com.amazonaws.services.lambda.runtime.Context;\n"
        "import com.amazonaws.services.lambda.runtime.RequestHandler;\n"
        "import com.amazonaws.services.lambda.runtime.events.SQSEvent;\n\n"
        "public class Handler implements RequestHandler<SQSEvent, String> {\n"
        "    public String handleRequest(SQSEvent event, Context context) {\n"
        "        Holder.setContext(context);\n        Holder.setBatch(event);\n        Holder.setLimit(10);\n"
        "        return \"ok\";\n    }\n}\n")
    found = scan(tmp_path, workers=0, use_cache=False).findings
    assert sorted((f.rule, f.line) for f in found if f.rule in ("LMI201", "LMI202")) == [
        ("LMI201", 13), ("LMI202", 11), ("LMI202", 12)]


def test_lmi201_a_lazy_singleton_published_before_it_is_initialised_is_reported():
    """heldout11 (keyspaces-examples): ``if (connection == null) { connection = new Session(); connection.connect();
    }`` without synchronisation hands the half-built object to a concurrent first invocation (its session still
    null); the initialiser's own writes behind ``if (session != null) return;`` are no separate finding."""
    members = ("    private static Session connection;\n"
               "    static class Session {\n        private Object session;\n"
               "        void connect() { if (session != null) { return; } session = new Object(); }\n    }\n"
               "    static Session instance() {\n"
               "        if (connection == null) {\n            connection = new Session();\n"
               "            connection.connect();\n        }\n        return connection;\n    }")
    hits = analyze(handler("        Session s = instance();", members))
    assert [(h.code, h.line) for h in hits] == [("LMI201", 13)] and "before" in hits[0].message


@pytest.mark.parametrize("block", [
    "            Session made = new Session();\n            made.connect();\n            connection = made;",
    "            connection = new Session();",
])
def test_lmi201_a_lazy_singleton_assigned_last_or_built_whole_is_not_reported(block):
    members = ("    private static Session connection;\n"
               "    static class Session {\n        private Object session;\n"
               "        void connect() { if (session != null) { return; } session = new Object(); }\n    }\n"
               "    static Session instance() {\n"
               f"        if (connection == null) {{\n{block}\n        }}\n        return connection;\n    }}")
    assert "LMI201" not in codes(analyze(handler("        Session s = instance();", members)))
