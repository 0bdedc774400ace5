"""Library rules (LMI401-403) on a Maven/Gradle project from which no Lambda function is built (heldout9:
rdbms-integration/oracle, a Java UDF an Oracle database runs that calls Lambda through the SDK): no handler class,
no function of a template or CDK app, no Lambda runtime library: its dependency versions are not a function's,
so they are not reported, and the report says why."""

from __future__ import annotations

from tests.readiness._pyhelp import found, project

POM = """\
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>oracle-udf</artifactId>
  <version>1.0</version>
  <dependencies>
    <dependency>
      <groupId>com.amazonaws</groupId>
      <artifactId>aws-java-sdk-lambda</artifactId>
      <version>1.11.500</version>
    </dependency>
{extra}  </dependencies>
</project>
"""

UDF = """\
package com.example;

import com.amazonaws.services.lambda.AWSLambdaClientBuilder;

public class InvokeLambda {
    public static String invoke(String name, String payload) {
        return AWSLambdaClientBuilder.defaultClient().invoke(null).toString();
    }
}
"""

HANDLER = """\
package com.example;

import com.amazonaws.services.lambda.AWSLambdaClientBuilder;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Handler implements RequestHandler<String, String> {
    public String handleRequest(String input, Context context) {
        return input;
    }
}
"""

RUNTIME_DEP = """\
    <dependency>
      <groupId>com.amazonaws</groupId>
      <artifactId>aws-lambda-java-core</artifactId>
      <version>1.2.3</version>
    </dependency>
"""


def _lmi402(result):
    return sorted(f.path for f in found(result, "LMI402"))


def test_a_maven_project_without_any_lambda_function_is_not_checked(tmp_path):
    result = project(tmp_path, {
        "rdbms-integration/oracle/pom.xml": POM.format(extra=""),
        "rdbms-integration/oracle/src/main/java/com/example/InvokeLambda.java": UDF,
    })
    assert _lmi402(result) == []
    assert any("rdbms-integration/oracle/" in n and "not checked" in n and "handler" in n
               for n in result.report.notices)


def test_a_gradle_project_without_any_lambda_function_is_not_checked(tmp_path):
    result = project(tmp_path, {
        "udf/build.gradle": "dependencies {\n    implementation 'com.amazonaws:aws-java-sdk-lambda:1.11.500'\n}\n",
        "udf/src/main/java/com/example/InvokeLambda.java": UDF,
    })
    assert _lmi402(result) == []


def test_java_projects_that_are_functions_are_still_checked(tmp_path):
    result = project(tmp_path, {
        "with-handler/pom.xml": POM.format(extra=""),
        "with-handler/src/main/java/com/example/Handler.java": HANDLER,
        "with-runtime-library/pom.xml": POM.format(extra=RUNTIME_DEP),
        "with-runtime-library/src/main/java/com/example/InvokeLambda.java": UDF,
        "spring/pom.xml": POM.format(extra="    <dependency>\n      <groupId>org.springframework.cloud</groupId>\n"
                                           "      <artifactId>spring-cloud-function-adapter-aws</artifactId>\n"
                                           "    </dependency>\n"),
    })
    assert _lmi402(result) == ["spring/pom.xml", "with-handler/pom.xml", "with-runtime-library/pom.xml"]


def test_a_java_project_a_template_points_to_is_still_checked(tmp_path):
    result = project(tmp_path, {
        "template.yaml": """\
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn/
                  Handler: com.example.InvokeLambda::invoke
                  Runtime: java21
            """,
        "fn/pom.xml": POM.format(extra=""),
        "fn/src/main/java/com/example/InvokeLambda.java": UDF,
    })
    assert _lmi402(result) == ["fn/pom.xml"]


def test_a_module_of_a_multi_module_build_with_a_function_is_still_checked(tmp_path):
    """common/ has no handler, but the function module of the build depends on it, so it is packaged into the
    function (a module nothing depends on is not: test_java_heldout8_causes)."""
    result = project(tmp_path, {
        "pom.xml": POM.format(extra=""),
        "common/pom.xml": POM.format(extra="").replace("<artifactId>oracle-udf</artifactId>",
                                                       "<artifactId>common</artifactId>"),
        "common/src/main/java/com/example/InvokeLambda.java": UDF,
        "function/pom.xml": POM.format(extra="    <dependency>\n      <groupId>com.example</groupId>\n"
                                             "      <artifactId>common</artifactId>\n    </dependency>\n"),
        "function/src/main/java/com/example/Handler.java": HANDLER,
    })
    assert _lmi402(result) == ["common/pom.xml", "function/pom.xml", "pom.xml"]
