"""Java rules: the general causes of heldout15's and heldout16's Java false positives (fix round S8C), each with the
idiom that must stay quiet and the trap next to it that must still be reported."""

from __future__ import annotations

from tests.readiness.test_java_rules import analyze, codes, handler


# --- a volatile field written with a value that is not request data ----------------------------------------------
def test_lmi201_a_volatile_cache_refreshed_with_process_wide_data_is_not_reported():
    """heldout15 (a last-known-good ``private static volatile Location cachedLocation``) and heldout16 (a TTL cache
    of one SSM parameter in two volatile fields): a write to a volatile field is a safe publication (Java Language
    Specification 17.4.5: a write to a volatile field happens-before every subsequent read of it), and a value that
    is the same kind of process-wide data for every request leaves nothing for another invocation to trip on."""
    members = ("    private static volatile String cached;\n"
               "    private volatile long expiry = 0;")
    body = ('        cached = System.getenv("LOCATION");\n'
            "        expiry = System.currentTimeMillis() + 300000L;")
    assert analyze(handler(body, members)) == []


def test_lmi201_lmi202_a_volatile_counter_or_request_data_is_still_reported():
    assert codes(analyze(handler("        count = count + 1;", "    private volatile int count;"))) == ["LMI201"]
    assert codes(analyze(handler("        hits++;", "    private static volatile int hits;"))) == ["LMI201"]
    assert codes(analyze(handler('        user = event.get("user");',
                                 "    private static volatile String user;"))) == ["LMI202"]


# --- a field set on every call to what configuration decides, the same for every request -------------------------
def test_lmi201_a_field_set_from_configuration_in_every_branch_is_not_reported():
    """heldout15 (bedrock-idp-java): a String field set from one SSM parameter or, when that is empty, from an
    environment value; every invocation takes the same branch and stores an equal String."""
    members = ("    private final java.util.function.Supplier<String> ssm = () -> \"x\";\n"
               "    private String prompt = \"default\";")
    body = ('        String fromSsm = System.getProperty("PROMPT");\n'
            '        String fromEnv = System.getenv("PROMPT");\n'
            "        if (!fromSsm.isEmpty()) {\n            prompt = fromSsm;\n"
            "        } else if (fromEnv != null) {\n            prompt = \"Extract: \" + fromEnv;\n        }")
    assert analyze(handler(body, members)) == []


def test_lmi201_a_stateless_service_chosen_by_configuration_per_call_is_not_reported():
    """heldout15 (serverless-cookbook): ``service = new ServiceImpl2()`` or ``new ServiceImpl1()`` by an
    environment value on every call: another thread swapping in an equivalent object of the project's own class
    changes nothing for this one."""
    members = "    private Service service;"
    body = ('        final String version = System.getenv("API_VERSION");\n'
            '        if (version != null && version.equals("V2")) {\n            service = new ServiceImpl2();\n'
            "        } else {\n            service = new ServiceImpl1();\n        }\n        service.run();")
    assert analyze(handler(body, members)) == []


def test_lmi201_a_field_set_by_a_request_decided_branch_or_a_jdk_container_is_still_reported():
    members = "    private boolean admin;"
    body = '        if (event.get("role") != null) {\n            admin = true;\n        } else {\n            admin = false;\n        }'
    assert codes(analyze(handler(body, members))) == ["LMI201"]
    members = "    private Service service;"
    body = '        if (event.containsKey("v2")) {\n            service = new ServiceImpl2();\n        }'
    assert codes(analyze(handler(body, members))) == ["LMI201"]
    assert codes(analyze(handler("        names = new ArrayList<>();\n        names.add(\"x\");",
                                 "    private List<String> names;"))) != []


def test_lmi201_configuration_writes_that_do_not_exclude_each_other_or_carry_state_are_still_reported():
    """``done = false`` then ``done = true`` on one path toggles a flag another invocation reads (corpus: javabuilder's
    isSessionInitialized); a client of a library replaced and then configured (``setEndpoint``) is half-set for
    another thread (corpus: aws-blog-firehose-lambda); an object of a class with fields of its own carries state."""
    members = "    private boolean done;"
    assert codes(analyze(handler("        done = false;\n        work();\n        done = true;", members))) == ["LMI201"]
    members = "    private Service service;"
    body = "        service = new ServiceImpl1();\n        service.setEndpoint(System.getenv(\"URL\"));"
    assert codes(analyze(handler(body, members))) == ["LMI201"]
    text = handler("        service = new Service();", members) + "class Service {\n    private int calls;\n}\n"
    assert codes(analyze(text)) == ["LMI201"]


# --- a non-Lambda module whose package a function imports from ANOTHER module ------------------------------------
from tests.readiness._pyhelp import found, project   # noqa: E402
from tests.readiness.test_java_non_lambda_projects import HANDLER, POM   # noqa: E402

ENGINE = "package com.example.engine;\n\nimport com.amazonaws.services.lambda.AWSLambda;\n\npublic class Vendor {\n    public static String token() { return \"\"; }\n}\n"
CLI = ("package com.example;\n\nimport com.amazonaws.services.lambda.AWSLambdaClientBuilder;\n\npublic class Main {\n    public static void main(String[] args) {\n"
       "        System.out.println(com.example.engine.Vendor.token());\n    }\n}\n")
IMPORTER = HANDLER.replace("package com.example;\n", "package com.example;\n\nimport com.example.engine.Vendor;\n")


def _module_pom(name: str) -> str:
    return POM.format(extra="").replace("<artifactId>oracle-udf</artifactId>", f"<artifactId>{name}</artifactId>")


def test_lmi402_a_console_module_in_the_package_a_function_imports_from_elsewhere_is_not_checked(tmp_path):
    """heldout15 (saas-dynamic-policy's command-line-example, saas-boost's Spring sample app): a module of the
    aggregator whose classes sit in the same package as the handlers' (``com.example``), while the handlers import
    ``com.example.engine.Vendor`` from the engine module: a shared package name is not an import of the console
    module's classes. The engine module, whose class the handler imports, is still checked."""
    result = project(tmp_path, {
        "pom.xml": _module_pom("parent"),
        "cli/pom.xml": _module_pom("cli"),
        "cli/src/main/java/com/example/Main.java": CLI,
        "engine/pom.xml": _module_pom("engine"),
        "engine/src/main/java/com/example/engine/Vendor.java": ENGINE,
        "function/pom.xml": _module_pom("function"),
        "function/src/main/java/com/example/Handler.java": IMPORTER,
    })
    assert sorted(f.path for f in found(result, "LMI402")) == ["engine/pom.xml", "function/pom.xml", "pom.xml"]


# --- corpus_heldout9 misses ------------------------------------------------------------------------------------
import pytest   # noqa: E402


@pytest.mark.parametrize("members, body, client", [
    # corpus_heldout9 (a GraalVM S3 sample): the builder kept in a field, a new client built from it per request
    ("    private S3ClientBuilder builder = S3Client.builder();",
     "        try (S3Client client = builder.build()) {\n            client.listBuckets();\n        }", "S3Client"),
    ("    private final AmazonS3ClientBuilder b = AmazonS3ClientBuilder.standard();",
     "        AmazonS3 s3 = b.build();", "AmazonS3ClientBuilder"),
    # corpus_heldout9 (an ORC parser): SDK 1.x TransferManagerBuilder.standard().build() makes its own AmazonS3
    # client and thread pool ("TransferManagerBuilder.build: Construct a TransferManager with the default
    # ExecutorService", AWS SDK for Java 1.x API reference)
    ("", "        TransferManager tm = TransferManagerBuilder.standard().build();\n        tm.shutdownNow();",
     "TransferManager"),
    ("", "        TransferManager tm = TransferManagerBuilder.defaultTransferManager();", "TransferManager"),
])
def test_lmi103_a_client_built_from_a_field_builder_or_an_sdk_utility_per_invocation(members, body, client):
    imports = "import com.amazonaws.services.s3.transfer.*;" if "Transfer" in body else ""
    hits = analyze(handler(body, members, imports))
    assert codes(hits) == ["LMI103"] and f"`{client}`" in hits[0].message


def test_lmi103_a_client_built_once_from_a_field_builder_is_not_reported():
    members = ("    private S3ClientBuilder builder = S3Client.builder();\n"
               "    private final S3Client s3 = builder.build();\n    private StringBuilder text = new StringBuilder();")
    assert analyze(handler("        String s = text.toString();", members)) == []
    foreign = "import org.example.transfer.TransferManagerBuilder;"
    assert analyze(handler("        Object t = TransferManagerBuilder.standard().build();", imports=foreign)) == []


def test_lmi102_a_momento_cache_client_created_per_invocation():
    """corpus_heldout9 (Momento's Java Lambda example): ``CacheClient.create(credentials, config, ttl)`` in the
    handler opens the client's gRPC channels to the cache service on every call (Momento Java SDK: "CacheClient ...
    should be reused", its Lambda example closes it per request). Once in a static field it is fine; another
    library's CacheClient is not Momento's."""
    imports = "import momento.sdk.CacheClient;"
    body = "        try (CacheClient c = CacheClient.create(creds, Configurations.Lambda.latest(), TTL)) {\n        }"
    hits = analyze(handler(body, imports=imports))
    assert codes(hits) == ["LMI102"] and "Momento" in hits[0].message
    members = "    private static final CacheClient C = CacheClient.create(creds, Configurations.Lambda.latest(), TTL);"
    assert analyze(handler("        C.get(\"a\", \"b\");", members, imports)) == []
    assert analyze(handler(body, imports="import org.example.cache.CacheClient;")) == []


@pytest.mark.parametrize("member, call", [
    ("    private static DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();",
     "factory.newDocumentBuilder()"),
    ("    private static final DocumentBuilder parser = newParser();", "parser.parse(stream)"),
    ("    private final Transformer transformer = newTransformer();", "transformer.transform(source, result)"),
    ("    private static final XPath XPATH = XPathFactory.newInstance().newXPath();", "XPATH.evaluate(\"/a\", doc)"),
])
def test_lmi204_a_shared_jaxp_object_used_per_request(member, call):
    """corpus_heldout9 (nowellpoint): a static DocumentBuilderFactory every request calls newDocumentBuilder() on.
    JAXP: "An implementation of the DocumentBuilderFactory class is NOT guaranteed to be thread safe"
    (javax.xml.parsers.DocumentBuilderFactory); "Transformers may not be used in multiple threads running
    concurrently" (javax.xml.transform.Transformer); "An XPath object is not thread-safe and not reentrant"
    (javax.xml.xpath.XPath)."""
    hits = analyze(handler(f"        Object o = {call};", member))
    assert codes(hits) == ["LMI204"] and "thread-safe" in hits[0].message


def test_lmi204_a_jaxp_object_used_once_per_thread_or_under_a_lock_or_a_thread_safe_one_is_not_reported():
    members = ("    private static final DocumentBuilderFactory F = DocumentBuilderFactory.newInstance();\n"
               "    private static final Templates T = load();\n"
               "    private static final DocumentBuilder B;\n    static {\n        B = make(F.newDocumentBuilder());\n    }")
    body = ("        synchronized (F) {\n            Object b = F.newDocumentBuilder();\n        }\n"
            "        Object t = T.newTransformer();")
    assert analyze(handler(body, members)) == []


def test_lmi201_a_service_of_the_projects_own_sub_package_is_own_code_and_a_library_class_is_not():
    """The cookbook imports its services from a sub-package of the handler's (``...serverlesscookbook.services``);
    ``service.putItem(request)`` uses it, configures nothing. A class imported from a library stays a race."""
    members = "    private Service service;"
    body = "        service = new ServiceImpl1();\n        service.putItem(event);"
    text = "package com.example;\n" + handler(body, members, "import com.example.services.ServiceImpl1;")
    assert analyze(text) == []
    text = "package com.example;\n" + handler(body, members, "import org.other.ServiceImpl1;")
    assert codes(analyze(text)) == ["LMI201"]
