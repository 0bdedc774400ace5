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
