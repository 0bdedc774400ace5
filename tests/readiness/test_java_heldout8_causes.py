"""Java rules: the general causes of corpus_heldout8's misses and false positives (fix round S8B), each with the
idiom that must be reported and the trap next to it that must stay quiet."""

from __future__ import annotations

import pytest

from tests.readiness.test_java_rules import analyze, codes, handler


# --- cause 1: SDK for Java 1.x clients made with their public constructor ----------------------------------------
@pytest.mark.parametrize("imports, body, client", [
    ("import com.amazonaws.services.s3.AmazonS3Client;", "        AmazonS3 s3 = new AmazonS3Client();",
     "AmazonS3Client"),
    ("", "        var emr = new com.amazonaws.services.elasticmapreduce.AmazonElasticMapReduceClient();",
     "AmazonElasticMapReduceClient"),
    ("import com.amazonaws.services.dynamodbv2.*;",
     "        AmazonDynamoDB db = new AmazonDynamoDBClient(new DefaultAWSCredentialsProviderChain());",
     "AmazonDynamoDBClient"),
    ("import com.amazonaws.services.lambda.AWSLambdaClient;", "        AWSLambda lambda = new AWSLambdaClient();",
     "AWSLambdaClient"),
])
def test_lmi103_a_v1_client_made_with_its_constructor_per_invocation(imports, body, client):
    """corpus_heldout8 (aws-big-data-blog): ``new AmazonS3Client()`` / ``new AmazonElasticMapReduceClient()`` in a
    handler — the deprecated SDK 1.x constructors (AWS SDK for Java 1.x API reference, e.g. ``AmazonS3Client()``:
    "Deprecated. use AmazonS3ClientBuilder.defaultClient()") build a client like the builders do."""
    hits = analyze(handler(body, imports=imports))
    assert codes(hits) == ["LMI103"] and f"`{client}`" in hits[0].message


def test_lmi103_a_v1_client_constructed_once_or_from_another_library_is_not_reported():
    members = ("    private static final AmazonS3 S3 = new AmazonS3Client();\n"
               "    private AmazonSNS sns;")
    body = "        if (sns == null) { sns = new AmazonSNSClient(); }"
    sdk = "import com.amazonaws.services.s3.AmazonS3Client;\nimport com.amazonaws.services.sns.AmazonSNSClient;"
    assert analyze(handler(body, members, imports=sdk)) == []
    foreign = "import org.example.fake.AmazonWidgetClient;"
    assert analyze(handler("        Object w = new AmazonWidgetClient();", imports=foreign)) == []
    # corpus (code.org javabuilder): the project's own AWSMetricClient, same package, no import
    assert analyze(handler("        Object c = new AWSMetricClient(context.getFunctionName());")) == []
    assert analyze(handler("        Object w = new HttpClient();")) == []


# --- cause 2: JDBC connections opened through a java.sql.Driver ------------------------------------------------
@pytest.mark.parametrize("body", [
    '        java.sql.Connection c = new com.mysql.jdbc.Driver().connect(System.getenv("URL"), new Properties());',
    '        java.sql.Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://db/x", null);',
    '        java.sql.Driver d = new com.mysql.cj.jdbc.Driver();\n'
    '        java.sql.Connection c = d.connect("jdbc:mysql://db/x", new Properties());',
])
def test_lmi102_a_connection_opened_through_a_jdbc_driver_per_invocation(body):
    """corpus_heldout8 (aws-big-data-blog): ``new com.mysql.jdbc.Driver().connect(url, props)`` in each handler —
    java.sql.Driver.connect "Attempts to make a database connection to the given URL" (Java SE API, java.sql.Driver),
    the same physical connection DriverManager.getConnection opens."""
    hits = analyze(handler(body))
    assert codes(hits) == ["LMI102"] and "JDBC" in hits[0].message


def test_lmi102_a_driver_connection_made_once_and_other_connect_calls_are_not_reported():
    members = ("    private static java.sql.Connection conn;\n"
               "    private static final Object sock = null;")
    body = ('        if (conn == null) { conn = new com.mysql.jdbc.Driver().connect("jdbc:mysql://db/x", null); }\n'
            '        Object s = new java.net.Socket().isConnected();\n'
            '        Object w = new WebSocketDriver().connect("ws://x");')
    assert analyze(handler(body, members)) == []


# --- cause 3: false positives ----------------------------------------------------------------------------------
def test_lmi103_a_client_for_a_region_the_request_names_is_per_request_by_design():
    """corpus_heldout8 (saas-factory CopyS3Objects): ``S3Client.builder().region(Region.of(sourceRegion))`` with the
    Region read from the custom-resource request, inside a Runnable the handler starts: one client per Region the
    request names, by design. A Region from the environment or a constant is still one client for every request."""
    body = ('        final String sourceRegion = (String) event.get("SourceRegion");\n'
            '        Runnable r = () -> {\n'
            '            S3Client s3 = S3Client.builder().region(Region.of(sourceRegion)).build();\n'
            '            s3.listBuckets();\n        };\n        r.run();\n'
            '        AmazonS3 old = AmazonS3ClientBuilder.standard().withRegion(event.get("region")).build();')
    assert analyze(handler(body)) == []
    fixed = ('        S3Client a = S3Client.builder().region(Region.of(System.getenv("AWS_REGION"))).build();\n'
             '        S3Client b = S3Client.builder().region(Region.EU_WEST_1).build();')
    assert codes(analyze(handler(fixed))) == ["LMI103", "LMI103"]


INIT = ("    private String input;\n    private String output;\n    private int retries;\n    private Object client;\n"
        "    private void initialize(final String name, final int tries) {\n"
        "        this.input = name;\n        output = name + \"-out\";\n        retries = tries;\n"
        "        client = new Object();\n    }\n")


def test_lmi201_a_field_set_to_the_same_configuration_value_on_every_invocation_is_no_race():
    """corpus_heldout8 (KVS parser library's Rekognition example): ``initialize(System.getProperty("KVSStreamName"),
    ..)`` on every invocation writes the stream names into handler fields — always the same string, so concurrent
    writers store an equal value. The new object written next to them is still a race (LMI201)."""
    body = '        initialize(System.getProperty("StreamName"), 3);'
    hits = analyze(handler(body, INIT))
    assert codes(hits) == ["LMI201"] and "`client`" in hits[0].message


def test_lmi201_lmi202_a_field_set_from_a_value_that_changes_is_still_reported():
    body = '        initialize(event.get("stream"), Integer.parseInt(event.get("n")));'
    assert codes(analyze(handler(body, INIT))).count("LMI202") >= 2
    # a method other classes may call with other values: its writes are still judged
    public = INIT.replace("private void initialize", "public void initialize")
    assert codes(analyze(handler('        initialize(System.getProperty("StreamName"), 3);', public))).count(
        "LMI201") == 4
    changing = '        initialize(java.util.UUID.randomUUID().toString(), 3);'
    assert [h for h in analyze(handler(changing, INIT)) if "`input`" in h.message]


LOGGED = ("    private LambdaLogger logger;\n"
          "    private void logIt(String message) {\n"
          "        if (logger != null) logger.log(message);\n        else System.out.println(message);\n    }\n")


def test_lmi104_a_stdout_fallback_for_a_logger_field_every_handler_sets_first_is_not_reported():
    """corpus_heldout8 (aws-big-data-blog KinesisToFirehose): ``logIt`` prints to System.out only when the
    ``logger`` field is null, and the handler sets it from the context before anything else."""
    body = '        logger = context.getLogger();\n        logIt("start");'
    assert "LMI104" not in codes(analyze(handler(body, LOGGED)))


def test_lmi104_a_stdout_fallback_for_a_logger_field_the_handler_never_sets_is_still_reported():
    assert "LMI104" in codes(analyze(handler('        logIt("start");', LOGGED)))
    later = '        logIt("start");\n        if (event.isEmpty()) { logger = context.getLogger(); }'
    assert "LMI104" in codes(analyze(handler(later, LOGGED)))


def test_lmi201_a_flag_set_true_here_and_false_there_still_races():
    """tuning corpus (code.org javabuilder): ``isSessionInitialized = true`` in ``initialize`` and ``= false`` in
    ``shutDown``, both per invocation: each write is a constant, but concurrent invocations flip it."""
    members = ("    private boolean ready;\n    private void start() { ready = true; }\n"
               "    private void stop() { ready = false; }\n")
    assert codes(analyze(handler("        start();\n        stop();", members))) == ["LMI201", "LMI201"]


# --- cause 4: request data written into an object a handler field holds -----------------------------------------
HELD = "    private final Processor processor = new Processor();\n"   # (a class of another file)


@pytest.mark.parametrize("body", [
    '        processor.setOutputs(List.of(event.get("outputs")));',
    '        this.processor.name = event.get("name");',
])
def test_lmi202_request_data_written_into_an_object_a_handler_field_holds(body):
    """corpus_heldout8 (KVS parser library's Rekognition example): ``h264FrameProcessor.setRekognizedOutputs(outputs)``
    stores this invocation's outputs in the processor every invocation shares — LMI202 at the caller's statement."""
    hits = [h for h in analyze(handler(body, HELD)) if h.code == "LMI202"]
    assert len(hits) == 1 and "`processor`" in hits[0].message


def test_lmi202_a_setter_given_configuration_or_a_local_object_is_not_reported():
    body = ('        processor.setOutputs(List.of(System.getenv("X")));\n'
            '        Processor mine = new Processor();\n        mine.setOutputs(List.of(event.get("o")));\n'
            '        mine.name = event.get("name");')
    assert "LMI202" not in codes(analyze(handler(body, HELD)))


# --- cause 3 of the README (S8B cause 5): handler methods with no parameters ------------------------------------
CONTAINER = """import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.s3.AmazonS3Client;
public class Jobs {
    private String name = "jobs";
    public void onUpload(S3Event event, Context ctx) throws Exception {
        java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:x");
    }
    public void monitor() throws Exception {
        AmazonS3Client s3 = new AmazonS3Client();
        System.out.println("checking " + s3);
    }
    public String getName() { System.out.println("name"); return name; }
    public String toString() { System.out.println("jobs"); return name; }
    public static void main(String[] args) { System.out.println(new AmazonS3Client()); }
}
"""


def test_a_public_no_argument_method_next_to_event_context_handlers_is_a_handler():
    """corpus_heldout8 (aws-big-data-blog LambdaContainer): ``checkConditionStatusAndFireEMRStep()`` and
    ``monitorEMRStep()`` take nothing and are deployed as handlers (``--handler ...LambdaContainer::monitorEMRStep``)
    of a POJO class whose other public methods take (event, Context); the Java runtime calls a handler method
    with no argument as well (aws-lambda-java-runtime-interface-client, EventHandlerLoader: a handler method may
    take no parameter, the input, or the input and a Context). Getters, Object's methods and main are not."""
    hits = analyze(CONTAINER, "src/main/java/Jobs.java")
    assert sorted((h.code, h.context) for h in hits) == [("LMI102", "onUpload"), ("LMI103", "monitor"),
                                                         ("LMI104", "monitor")]


def test_a_no_argument_method_of_a_request_handler_class_is_not_a_handler():
    text = CONTAINER.replace("public class Jobs {", "public class Jobs implements RequestHandler<S3Event, String> {")\
        .replace("public void onUpload(S3Event event, Context ctx) throws Exception {",
                 "public String handleRequest(S3Event event, Context ctx) {") \
        .replace('getConnection("jdbc:x");', 'getConnection("jdbc:x"); return "";')
    text = "import com.amazonaws.services.lambda.runtime.RequestHandler;\n" + text
    assert sorted((h.code, h.context) for h in analyze(text, "src/main/java/Jobs.java")) == [
        ("LMI102", "handleRequest")]


# --- cause 6: a library module (no handler of its own) whose packages a function's code imports ------------------
from tests.readiness._pyhelp import found, project   # noqa: E402
from tests.readiness.test_java_non_lambda_projects import HANDLER, POM, UDF   # noqa: E402

LIB_CLASS = ("package org.example.core.services;\n\nimport com.amazonaws.services.lambda.AWSLambda;\n\n"
             "public class Tracing {\n    public static void start(AWSLambda client) { }\n}\n")
USER = HANDLER.replace("package com.example;\n", "package com.example;\n\nimport org.example.core.services.Tracing;\n")


def test_a_library_module_whose_classes_a_function_imports_is_function_code(tmp_path):
    """corpus_heldout8 (connectedcar): ``core/main/services/pom.xml`` (a Maven module with no handler, its parent
    pom elsewhere) builds the services the Lambda functions import (``import org.johng.connectedcar.core.services
    ...`` in their base class): its dependency versions ship inside the functions, so they are checked."""
    result = project(tmp_path, {
        "core/services/pom.xml": POM.format(extra=""),
        "core/services/src/main/java/org/example/core/services/Tracing.java": LIB_CLASS,
        "functions/src/main/java/com/example/Handler.java": USER,
        "functions/src/main/java/com/example/Base.java": "package com.example;\n\npublic class Base { }\n",
    })
    assert sorted(f.path for f in found(result, "LMI402")) == ["core/services/pom.xml"]


def test_a_project_without_a_function_that_no_function_imports_is_still_not_checked(tmp_path):
    result = project(tmp_path, {
        "udf/pom.xml": POM.format(extra=""),
        "udf/src/main/java/com/example/InvokeLambda.java": UDF,
        "other/src/main/java/org/example/Handler.java": HANDLER.replace("package com.example;",
                                                                         "package org.example;"),
    })
    assert found(result, "LMI402") == []


# --- heldout14 cause 7 (Java): SDK 1.x artifacts declared but never imported ----------------------------------------
GRADLE = """\
dependencies {
    compile('com.amazonaws:aws-lambda-java-core:1.2.0')
    compile('com.amazonaws:aws-lambda-java-events:2.2.2')
    compile 'com.amazonaws:aws-java-sdk-core:1.11.433'
%s}
"""
SNS_ONLY = ("package fishing;\n\nimport com.amazonaws.services.lambda.runtime.Context;\n"
            "import com.amazonaws.services.lambda.runtime.RequestHandler;\n"
            "import com.amazonaws.services.lambda.runtime.events.SNSEvent;\n\n"
            "public class Handler implements RequestHandler<SNSEvent, String> {\n"
            "    public String handleRequest(SNSEvent event, Context context) { return \"\"; }\n}\n")
SQS_USER = SNS_ONLY.replace("import com.amazonaws.services.lambda.runtime.events.SNSEvent;\n",
                            "import com.amazonaws.services.lambda.runtime.events.SNSEvent;\n"
                            "import com.amazonaws.services.sqs.AmazonSQSClientBuilder;\n")


def _lmi402_lines(result):
    return sorted((f.path, f.message.split("`")[1]) for f in found(result, "LMI402"))


def test_lmi402_sdk_v1_artifacts_no_source_of_the_function_uses_are_not_reported(tmp_path):
    """heldout14 (serverless-retail-workshop): null_lambda declares aws-java-sdk-core and -sns but only receives an
    SNSEvent (aws-lambda-java-events); sqs_order_forwarder declares -dynamodb beside the -sqs it uses. Nothing loads
    an artifact no class of the function references, so its version is not the function's problem."""
    result = project(tmp_path, {
        "template.yaml": ("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n"
                          "Resources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                          "      CodeUri: null_lambda/\n      Handler: fishing.Handler::handleRequest\n"
                          "      Runtime: java21\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                          "      CodeUri: forwarder/\n      Handler: fishing.Handler::handleRequest\n"
                          "      Runtime: java21\n"),
        "null_lambda/build.gradle": GRADLE % "    compile 'com.amazonaws:aws-java-sdk-sns:1.11.433'\n",
        "null_lambda/src/main/java/fishing/Handler.java": SNS_ONLY,
        "forwarder/build.gradle": GRADLE % ("    compile 'com.amazonaws:aws-java-sdk-dynamodb:1.11.433'\n"
                                            "    compile 'com.amazonaws:aws-java-sdk-sqs:1.11.433'\n"),
        "forwarder/src/main/java/fishing/Handler.java": SQS_USER,
    })
    assert _lmi402_lines(result) == [("forwarder/build.gradle", "com.amazonaws:aws-java-sdk-core"),
                                     ("forwarder/build.gradle", "com.amazonaws:aws-java-sdk-sqs")]
    assert any("aws-java-sdk-sns" in n and "imports" in n for n in result.report.notices)


def test_lmi402_an_artifact_whose_package_is_named_differently_is_kept_when_its_classes_are_used(tmp_path):
    """aws-java-sdk-sts holds com.amazonaws.services.securitytoken: a reference the declared artifacts' names do not
    explain keeps every artifact (the check never drops what it cannot tell apart)."""
    user = SNS_ONLY.replace("import com.amazonaws.services.lambda.runtime.events.SNSEvent;\n",
                            "import com.amazonaws.services.lambda.runtime.events.SNSEvent;\n"
                            "import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;\n")
    result = project(tmp_path, {
        "fn/build.gradle": GRADLE % "    compile 'com.amazonaws:aws-java-sdk-sts:1.11.433'\n",
        "fn/src/main/java/fishing/Handler.java": user,
    })
    assert _lmi402_lines(result) == [("fn/build.gradle", "com.amazonaws:aws-java-sdk-core"),
                                     ("fn/build.gradle", "com.amazonaws:aws-java-sdk-sts")]


# --- heldout15 (p15's judgements, Java false positives): a connection to the database the request names ------------
@pytest.mark.parametrize("body", [
    '        String url = "jdbc:postgresql://" + event.get("Host") + ":5432/" + event.get("Database");\n'
    '        try (java.sql.Connection c = DriverManager.getConnection(url, event.get("User"), "x")) { }',
    '        java.sql.Connection c = DriverManager.getConnection(jdbcUrl(event.get("Host")), new Properties());',
])
def test_lmi102_a_connection_to_the_database_the_request_names_is_per_request_by_design(body):
    """heldout15 (aws-saas-boost RdsBootstrap, RedshiftTable custom resources): host, database and user come from the
    CloudFormation event's ResourceProperties (a tenant's new database): no connection could be shared with another
    invocation. A connection to a fixed URL is still reported."""
    members = '    private static String jdbcUrl(String host) { return "jdbc:postgresql://" + host + "/db"; }'
    assert analyze(handler(body, members)) == []
    fixed = '        java.sql.Connection c = DriverManager.getConnection(System.getenv("URL"), event.get("User"), "x");'
    assert codes(analyze(handler(fixed))) == ["LMI102"]


def test_a_module_of_an_aggregator_build_that_no_function_module_depends_on_is_not_checked(tmp_path):
    """heldout15 (aws-saas-boost): the root pom lists every module, but ``metrics-java-sdk`` (a library for tenants'
    own applications) has no handler, no module depends on it and no handler imports it: it ships in no function.
    A module a function module depends on (by artifactId) is still checked."""
    lib_pom = POM.format(extra="").replace("<artifactId>oracle-udf</artifactId>", "<artifactId>tenant-sdk</artifactId>")
    common_pom = POM.format(extra="").replace("<artifactId>oracle-udf</artifactId>", "<artifactId>common</artifactId>")
    fn_pom = POM.format(extra="    <dependency>\n      <groupId>com.example</groupId>\n"
                              "      <artifactId>common</artifactId>\n    </dependency>\n")
    result = project(tmp_path, {
        "pom.xml": POM.format(extra=""),
        "sdk/pom.xml": lib_pom,
        "sdk/src/main/java/org/tenant/Sdk.java": "package org.tenant;\n\npublic class Sdk { }\n",
        "common/pom.xml": common_pom,
        "common/src/main/java/com/example/common/Util.java": LIB_CLASS.replace("org.example.core.services",
                                                                                "com.example.common"),
        "function/pom.xml": fn_pom,
        "function/src/main/java/com/example/Handler.java": HANDLER,
    })
    assert sorted(f.path for f in found(result, "LMI402")) == ["common/pom.xml", "function/pom.xml", "pom.xml"]
    assert any("sdk/" in n and "no other module depends on" in n for n in result.report.notices)


def test_a_module_whose_code_uses_the_lambda_runtime_types_is_still_checked(tmp_path):
    """heldout15 (building-serverless-arch): Gradle modules of one build whose handlers take a Context (deployed by a
    template elsewhere, not recognised by shape) are functions."""
    handler_like = ("package com.example;\n\nimport com.amazonaws.services.lambda.AWSLambda;\n"
                    "import com.amazonaws.services.lambda.runtime.Context;\n\n"
                    "public class Welcome {\n    public void handle(Object in) { }\n}\n")
    result = project(tmp_path, {
        "pom.xml": POM.format(extra=""),
        "welcome/pom.xml": POM.format(extra=""),
        "welcome/src/main/java/com/example/Welcome.java": handler_like,
        "function/pom.xml": POM.format(extra=""),
        "function/src/main/java/com/example/Handler.java": HANDLER,
    })
    assert sorted(f.path for f in found(result, "LMI402")) == ["function/pom.xml", "pom.xml", "welcome/pom.xml"]


@pytest.mark.parametrize("folder, extra", [
    ("layers/sdk-config", ""),   # heldout14 (edu): a layer's artifacts serve functions whose code is elsewhere
    ("fn", "    compile 'software.amazon.lambda:powertools-tracing:1.18.0'\n"),   # loads the SDK 1.x X-Ray client
])
def test_lmi402_an_unreferenced_sdk_artifact_of_a_layer_or_beside_a_library_using_it_is_kept(tmp_path, folder, extra):
    result = project(tmp_path, {
        f"{folder}/build.gradle": GRADLE % ("    compile 'com.amazonaws:aws-java-sdk-xray:1.12.778'\n" + extra),
        f"{folder}/src/main/java/fishing/Handler.java": SNS_ONLY,
    })
    assert ("%s/build.gradle" % folder, "com.amazonaws:aws-java-sdk-xray") in _lmi402_lines(result)


@pytest.mark.parametrize("members, body", [
    ("    private final CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.create();",
     '        cognito.setUICustomization(r -> r.css(event.get("css")));'),
    ("    private final SettingsDAL dal = new SettingsDAL();", '        dal.setAppConfig(event.get("config"));'),
])
def test_lmi202_a_set_call_that_sends_or_persists_is_not_a_value_kept_in_the_shared_object(members, body):
    """heldout15 (aws-saas-boost): ``cognito.setUICustomization(request -> ..)`` is an SDK API call and
    ``dal.setAppConfig(config)`` writes to the database: the shared object keeps nothing of the request."""
    assert "LMI202" not in codes(analyze(handler(body, members)))
