"""LMI401-403 in manifests and lock files: below, at and above each minimum, ranges by their lower bound, the
file and line of each declaration, fixes that raise a version, and malformed files."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

import pytest

from workbench.lmi_facts import MIN_LIBRARY_VERSIONS
from workbench.readiness.manifests.analyzer import ANALYZER, ANALYZERS
from workbench.readiness.model import (
    Applicability,
    Language,
    ParseFailure,
    ScanContext,
    SourceFile,
    rules,
)


def analyze(text: str, rel: str):
    text = textwrap.dedent(text)
    source = SourceFile(path=Path("/project") / rel, rel=rel, text=text,
                        sha256=hashlib.sha256(text.encode()).hexdigest(), language=Language.MANIFEST)
    return ANALYZER.analyze(source, ScanContext(root=Path("/project")))


def at(text: str, hit) -> str:
    """The text a hit points at (one line)."""
    line = textwrap.dedent(text).split("\n")[hit.line - 1]
    return line[hit.column - 1:hit.end_column - 1]


def apply(text: str, fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def test_rules_and_analyzers():
    registered = rules()
    assert {"LMI401", "LMI402", "LMI403"} <= set(registered)
    assert registered["LMI401"].runtimes == ("python", "nodejs", "java", "dotnet")
    assert all(registered["LMI401"].rationale[r] for r in ("python", "nodejs", "java", "dotnet", "config"))
    assert "3.23.0" in registered["LMI401"].rationale["python"] and "2.34.0" in registered["LMI402"].rationale["java"]
    assert ANALYZER in ANALYZERS and any(Language.TEMPLATE in a.languages for a in ANALYZERS)


# --- Python ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line, flagged", [
    ("aws-lambda-powertools==3.22.1", True),
    ("aws-lambda-powertools==3.23.0", False),
    ("aws-lambda-powertools==3.24.0", False),
    # open ranges: pip installs the newest release they allow, which is at or above the minimum (issue 12)
    ("aws-lambda-powertools[tracer,parser]>=2.40", False),
    ("aws_lambda_powertools ~= 3.23", False),
    ("Aws-Lambda-Powertools>=3.0,<4", False),
    ("aws-lambda-powertools>=2.0,<3.20", True),
    ("aws-lambda-powertools~=3.4.0", True),
    ("aws-lambda-powertools<3.0", True),
    ("aws-lambda-powertools<4", False),
    ("aws-lambda-powertools", False),
    ("aws-lambda-powertools==3.*", False),
    ("aws-lambda-powertools==2.*", True),
    ("aws-lambda-powertools>=3.23.0 ; python_version >= '3.9'", False),
    ("# aws-lambda-powertools==2.0.0", False),
    ("boto3==1.20.0", False),
])
def test_requirements(line, flagged):
    text = f"requests==2.31.0\n{line}\n"
    hits = analyze(text, "requirements.txt")
    assert [h.code for h in hits] == (["LMI401"] if flagged else [])
    if flagged:
        assert hits[0].line == 2 and hits[0].runtime == "config" and "3.23.0" in hits[0].message


def test_requirements_fix_raises_the_version():
    text = "aws-lambda-powertools[tracer]==2.40.0  # pinned\n"
    hit = analyze(text, "requirements-prod.txt")[0]
    assert at(text, hit) == "==2.40.0"
    assert hit.fix.applicability is Applicability.NEEDS_REVIEW
    fixed = apply(text, hit.fix)
    assert fixed == "aws-lambda-powertools[tracer]==3.23.0  # pinned\n"
    assert analyze(fixed, "requirements-prod.txt") == []
    ranged = analyze("aws-lambda-powertools>=2.0,<3\n", "requirements.txt")[0]
    assert ranged.fix is None   # two bounds: raising one is not enough


def test_pyproject_pep621_poetry_and_pipfile():
    pyproject = """\
        [project]
        name = "svc"
        dependencies = ["aws-lambda-powertools[all]>=3.1.0", "boto3"]

        [tool.poetry.dependencies]
        python = "^3.12"
        aws-lambda-powertools = { version = "^2.40", extras = ["tracer"] }
        """
    hits = analyze(pyproject, "pyproject.toml")
    assert [(h.line, at(pyproject, h)) for h in hits] == [(7, "^2.40")]  # >=3.1.0 resolves to the minimum
    assert analyze('[packages]\naws-lambda-powertools = "==3.30.0"\nrequests = "*"\n', "Pipfile") == []
    assert len(analyze('[packages]\naws-lambda-powertools = "==3.2.0"\n', "Pipfile")) == 1


def test_python_lock_files():
    poetry = """\
        [[package]]
        name = "aws-lambda-powertools"
        version = "3.10.0"
        description = "x"

        [[package]]
        name = "boto3"
        version = "1.34.0"
        """
    hits = analyze(poetry, "poetry.lock")
    assert len(hits) == 1 and hits[0].line == 3 and "locked at 3.10.0" in hits[0].message and hits[0].fix is None
    assert analyze(poetry.replace("3.10.0", "3.23.0"), "uv.lock") == []
    pipfile_lock = json.dumps({"default": {"aws-lambda-powertools": {"version": "==3.0.0"}}}, indent=4)
    hit = analyze(pipfile_lock, "Pipfile.lock")[0]
    assert at(pipfile_lock, hit) == "==3.0.0"


# --- Node.js ---------------------------------------------------------------------------------------------------
PACKAGE = """\
{
  "name": "svc",
  "devDependencies": {
    "@aws-sdk/client-s3": "3.1.0"
  },
  "dependencies": {
    "@aws-lambda-powertools/logger": "^2.28.0",
    "@aws-lambda-powertools/tracer": "^2.29.0",
    "@aws-sdk/client-s3": "~3.620.0",
    "@aws-sdk/client-dynamodb": ">=3.940.0 <4",
    "@aws-sdk/lib-dynamodb": "3.933.0",
    "aws-xray-sdk-core": "3.11.9",
    "aws-sdk": "^2.1500.0",
    "left-pad": "1.0.0"
  }
}
"""


def test_package_json():
    hits = analyze(PACKAGE, "package.json")
    # ^2.28.0 installs the newest 2.x (at least 2.29.0, the minimum): not a finding; ~3.620.0 stays on 3.620.x
    assert [(h.code, h.line, at(PACKAGE, h)) for h in hits] == [
        ("LMI402", 9, "~3.620.0"), ("LMI403", 12, "3.11.9"), ("LMI402", 13, "^2.1500.0")]
    assert "AWS SDK for JavaScript v2" in hits[2].message and hits[2].fix is None
    fixed = apply(PACKAGE, hits[0].fix)
    assert '"@aws-sdk/client-s3": "~3.933.0"' in fixed and '"@aws-sdk/client-s3": "3.1.0"' in fixed
    assert [h.line for h in analyze(fixed, "package.json")] == [12, 13]


@pytest.mark.parametrize("spec, flagged", [
    ("latest", False), ("*", False), ("workspace:*", False), ("file:../sdk", False), ("3.x", False),
    ("^3.900.0 || ^3.950.0", False), ("npm:@aws-sdk/client-s3@^3.950.0", False), ("<3.933.0", True),
    ("~3.620.0", True), ("3.620.x", True), ("3.620.0", True), ("^3.620.0 <3.900.0", True),
])
def test_npm_ranges(spec, flagged):
    text = json.dumps({"dependencies": {"@aws-sdk/client-sqs": spec}})
    assert len(analyze(text, "package.json")) == (1 if flagged else 0)


def test_package_lock_reports_once_per_family_naming_the_direct_dependency():
    lock = {"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"@aws-sdk/client-s3": "^3.620.0"}},
        "node_modules/@aws-sdk/core": {"version": "3.620.0"},
        "node_modules/@aws-sdk/client-s3": {"version": "3.620.1"},
        "node_modules/@aws-sdk/credential-providers": {"version": "3.620.0"},
        "node_modules/@aws-sdk/client-sts": {"version": "3.950.0"},
        "node_modules/aws-xray-sdk-core": {"version": "3.5.0", "dev": True},
    }}
    text = json.dumps(lock, indent=2)
    hits = analyze(text, "package-lock.json")
    assert len(hits) == 1 and hits[0].code == "LMI402"
    # core is a helper with its own version line (not counted); credential-providers is released with the clients
    assert "`@aws-sdk/client-s3` is locked at 3.620.1 (and 1 more @aws-sdk package below it)" in hits[0].message
    assert at(text, hits[0]) == "3.620.1"


def test_a_lock_whose_only_aws_sdk_packages_are_helpers_of_another_library_is_not_reported_as_sdk_v3():
    # aws-xray-sdk-core 3.x requires @aws-sdk/types and @aws-sdk/service-error-classification (type declarations,
    # an error table): no SDK v3 client is installed, so the v3 minimum is about nothing here (heldout2:
    # lambda-refarch-webapp). The SDK v2 and the X-Ray SDK are still reported, and a v3 client makes them count.
    lock = {"lockfileVersion": 1, "dependencies": {
        "@aws-sdk/service-error-classification": {"version": "3.127.0"},
        "@aws-sdk/types": {"version": "3.127.0"},
        "aws-sdk": {"version": "2.1198.0"},
        "aws-xray-sdk-core": {"version": "3.3.6", "requires": {"@aws-sdk/types": "^3.4.1"}},
    }}
    hits = analyze(json.dumps(lock, indent=2), "package-lock.json")
    assert sorted((h.code, h.context) for h in hits) == [("LMI402", "aws-sdk"), ("LMI403", "aws-xray-sdk-core")]
    lock["dependencies"]["@aws-sdk/client-s3"] = {"version": "3.127.0"}
    hits = analyze(json.dumps(lock, indent=2), "package-lock.json")
    sdk = sorted((h.context, h.message) for h in hits if h.code == "LMI402")
    assert len(sdk) == 2 and sdk[1][0] == "aws-sdk" and sdk[0][0] == "@aws-sdk/client-s3"
    assert "locked at 3.127.0;" in sdk[0][1]   # the two helpers are not counted as packages to raise


def test_sdk_v3_helpers_with_their_own_version_line_do_not_hold_an_up_to_date_sdk_below_the_minimum():
    # @aws-sdk/util-locate-window, @aws-sdk/types, @aws-sdk/util-arn-parser and the core packages are not released
    # with every client (util-locate-window 3.568.0 and types 3.609.0 sit in locks whose clients are at 3.982.0;
    # core and the credential providers moved to a 3.97x line): the SDK's version is its clients' (and lib-*, the
    # credential providers'), so a lock or manifest whose clients meet the minimum is not reported for a helper
    # (heldout3: workload-discovery, quota-monitor, load-testing). An old client is still reported, counted alone.
    lock = {"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"@aws-sdk/client-s3": "^3.645.0", "@aws-sdk/util-arn-parser": "3.568.0"},
             "devDependencies": {"@aws-sdk/types": "3.609.0"}},
        "node_modules/@aws-sdk/client-s3": {"version": "3.982.0"},
        "node_modules/@aws-sdk/lib-dynamodb": {"version": "3.982.0"},
        "node_modules/@aws-sdk/credential-provider-node": {"version": "3.972.5"},
        "node_modules/@aws-sdk/core": {"version": "3.973.6"},
        "node_modules/@aws-sdk/types": {"version": "3.609.0", "dev": True},
        "node_modules/@aws-sdk/util-arn-parser": {"version": "3.568.0"},
        "node_modules/@aws-sdk/util-locate-window": {"version": "3.568.0"},
    }}
    assert analyze(json.dumps(lock, indent=2), "package-lock.json") == []
    manifest = {"dependencies": {"@aws-sdk/client-s3": "^3.945.0", "@aws-sdk/util-arn-parser": "3.568.0",
                                 "@aws-sdk/types": "3.609.0"}}
    assert analyze(json.dumps(manifest, indent=2), "package.json") == []
    lock["packages"]["node_modules/@aws-sdk/client-s3"]["version"] = "3.637.0"
    hits = analyze(json.dumps(lock, indent=2), "package-lock.json")
    assert [(h.code, h.context) for h in hits] == [("LMI402", "@aws-sdk/client-s3")]
    assert "locked at 3.637.0;" in hits[0].message   # the helpers are not counted as packages to raise


def test_sdk_v2_only_pulled_in_by_other_packages_of_a_version_1_lock_is_not_reported():
    # A lockfileVersion 1 lock does not say which packages the package.json asked for; a package another one of the
    # lock requires came in through it, like the non-direct packages of a version 2/3 lock, which are not reported as
    # the unsupported SDK v2 either (heldout5: a CDK app's lock where aws-sdk 2.x comes only through the aws-cdk CLI
    # and aws-sdk-mock; the package.json beside it, which names what the app itself depends on, is scanned apart).
    lock = {"lockfileVersion": 1, "dependencies": {
        "aws-cdk": {"version": "1.132.0", "requires": {"aws-sdk": "^2.979.0"}},
        "aws-sdk": {"version": "2.1030.0"},
        "aws-sdk-mock": {"version": "5.5.0", "requires": {"aws-sdk": "^2.928.0"}},
    }}
    assert analyze(json.dumps(lock, indent=2), "package-lock.json") == []
    del lock["dependencies"]["aws-cdk"], lock["dependencies"]["aws-sdk-mock"]
    [hit] = analyze(json.dumps(lock, indent=2), "package-lock.json")
    assert (hit.code, hit.context) == ("LMI402", "aws-sdk")


def test_sdk_v2_a_version_1_lock_requires_only_from_dev_packages_is_a_direct_dependency():
    # corpus_heldout7 miss (lambda-cloudwatch-slack): npm marks a version 1 entry "dev": true when only the dev
    # dependencies need it, so a runtime entry that only dev entries require was asked for by the package.json itself
    # (a dev-only aws-xray-sdk-core requiring aws-sdk does not make the runtime aws-sdk transitive).
    lock = {"lockfileVersion": 1, "dependencies": {
        "aws-sdk": {"version": "2.331.0"},
        "aws-xray-sdk-core": {"version": "2.5.0", "dev": True, "requires": {"aws-sdk": "^2.304.0"}},
    }}
    [hit] = analyze(json.dumps(lock, indent=2), "package-lock.json")
    assert (hit.code, hit.context) == ("LMI402", "aws-sdk")
    lock["dependencies"]["aws-xray-sdk-core"].pop("dev")   # a runtime package requiring it: transitive, quiet
    assert [h for h in analyze(json.dumps(lock, indent=2), "package-lock.json") if h.context == "aws-sdk"] == []


def test_yarn_and_pnpm_locks():
    yarn = """\
        # yarn lockfile v1

        "@aws-sdk/client-s3@^3.620.0":
          version "3.620.0"
          resolved "https://registry.yarnpkg.com/x"

        aws-xray-sdk-core@3.12.0:
          version "3.12.0"
        """
    hits = analyze(yarn, "yarn.lock")
    assert [(h.code, h.line) for h in hits] == [("LMI402", 4)]
    berry = '"@aws-lambda-powertools/logger@npm:^2.0.0":\n  version: 2.10.0\n  resolution: "x"\n'
    assert [h.code for h in analyze(berry, "yarn.lock")] == ["LMI401"]
    pnpm = """\
        lockfileVersion: '9.0'
        importers:
          .:
            dependencies:
              '@aws-sdk/client-s3':
                specifier: ^3.620.0
                version: 3.620.0(aws-crt@1.0.0)
        """
    hits = analyze(pnpm, "pnpm-lock.yaml")
    assert len(hits) == 1 and hits[0].line == 7 and at(pnpm, hits[0]) == "3.620.0"


# --- Java ------------------------------------------------------------------------------------------------------
POM = """\
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <properties>
    <aws.sdk.version>2.30.1</aws.sdk.version>
    <powertools.version>2.8.0</powertools.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>software.amazon.awssdk</groupId>
        <artifactId>bom</artifactId>
        <version>${aws.sdk.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>software.amazon.lambda</groupId>
      <artifactId>powertools-logging</artifactId>
      <version>${powertools.version}</version>
    </dependency>
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>s3</artifactId>
    </dependency>
    <dependency>
      <groupId>com.amazonaws</groupId>
      <artifactId>aws-xray-recorder-sdk-core</artifactId>
      <version>[2.15.0,3.0)</version>
    </dependency>
    <!--
    <dependency>
      <groupId>software.amazon.lambda</groupId>
      <artifactId>powertools-tracing</artifactId>
      <version>1.0.0</version>
    </dependency>
    -->
    <dependency>
      <groupId>com.amazonaws</groupId>
      <artifactId>aws-java-sdk-dynamodb</artifactId>
      <version>1.12.700</version>
    </dependency>
  </dependencies>
</project>
"""


def test_pom_with_properties_a_bom_ranges_and_comments():
    hits = analyze(POM, "pom.xml")
    assert [(h.code, h.line, at(POM, h)) for h in hits] == [
        ("LMI402", 3, "2.30.1"), ("LMI403", 30, "[2.15.0,3.0)"), ("LMI402", 42, "1.12.700")]
    assert "AWS SDK for Java 1.x" in hits[2].message
    fixed = apply(POM, hits[0].fix)
    assert "<aws.sdk.version>2.34.0</aws.sdk.version>" in fixed
    assert [h.line for h in analyze(fixed, "pom.xml")] == [30, 42]


def test_gradle_groovy_kotlin_and_the_version_catalog():
    groovy = """\
        def awsSdk = '2.31.0'
        dependencies {
            implementation platform("software.amazon.awssdk:bom:$awsSdk")
            implementation 'software.amazon.lambda:powertools-tracing:2.8.1'
            implementation group: 'com.amazonaws', name: 'aws-xray-recorder-sdk-core', version: '2.19.0'
            // implementation 'software.amazon.lambda:powertools-metrics:1.0.0'
        }
        """
    hits = analyze(groovy, "build.gradle")
    assert [(h.code, h.line, at(groovy, h)) for h in hits] == [("LMI402", 1, "2.31.0"), ("LMI403", 5, "2.19.0")]
    kts = 'val sdk = "2.20.+"\ndependencies { implementation("software.amazon.awssdk:s3:${sdk}") }\n'
    assert [(h.code, h.line) for h in analyze(kts, "build.gradle.kts")] == [("LMI402", 1)]
    catalog = """\
        [versions]
        awssdk = "2.33.9"
        [libraries]
        s3 = { module = "software.amazon.awssdk:s3", version.ref = "awssdk" }
        logging = { group = "software.amazon.lambda", name = "powertools-logging", version = "2.7.0" }
        """
    hits = analyze(catalog, "libs.versions.toml")
    assert [(h.code, h.line, at(catalog, h)) for h in hits] == [("LMI402", 2, "2.33.9"), ("LMI401", 5, "2.7.0")]
    lock = "software.amazon.awssdk:s3:2.20.0=runtimeClasspath\nsoftware.amazon.awssdk:core:2.20.0=runtimeClasspath\n"
    hits = analyze(lock, "gradle.lockfile")
    assert len(hits) == 1 and "1 more" in hits[0].message


# --- .NET ------------------------------------------------------------------------------------------------------
CSPROJ = """\
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <PowertoolsVersion>3.0.2</PowertoolsVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Amazon.Lambda.Core" Version="2.5.0" />
    <PackageReference Include="AWS.Lambda.Powertools.Logging" Version="$(PowertoolsVersion)" />
    <PackageReference Include="AWSSDK.Core" Version="4.0.0.31" />
    <PackageReference Include="AWSSDK.S3" Version="3.7.400" />
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="4.0.1" />
    <PackageReference Include="AWSXRayRecorder.Core">
      <Version>2.16.0</Version>
    </PackageReference>
    <PackageReference Include="AWSXRayRecorder.Handlers.AwsSdk" Version="[2.10.0,)" />
  </ItemGroup>
</Project>
"""


def test_csproj():
    hits = analyze(CSPROJ, "src/Orders/Orders.csproj")
    assert [(h.code, h.line, at(CSPROJ, h)) for h in hits] == [
        ("LMI401", 4, "3.0.2"), ("LMI402", 9, "4.0.0.31"), ("LMI402", 10, "3.7.400"), ("LMI403", 15, "[2.10.0,)")]
    assert "AWSSDK.Core 3.x" in hits[2].message and hits[2].fix is None
    fixed = apply(CSPROJ, hits[1].fix)
    assert '"AWSSDK.Core" Version="4.0.0.32"' in fixed


def test_central_package_management_packages_config_and_the_nuget_lock():
    props = '<Project><ItemGroup><PackageVersion Include="AWS.Lambda.Powertools.Metrics" Version="1.8.0" />' \
            "</ItemGroup></Project>\n"
    assert [h.code for h in analyze(props, "Directory.Packages.props")] == ["LMI401"]
    config = '<?xml version="1.0"?>\n<packages>\n  <package id="AWSSDK.Core" version="3.7.300" />\n</packages>\n'
    assert analyze(config, "packages.config") == []   # a .NET Framework project's: see the test below
    lock = {"version": 1, "dependencies": {"net8.0": {
        "AWSSDK.S3": {"type": "Direct", "resolved": "3.7.400"},
        "AWSSDK.Core": {"type": "Transitive", "resolved": "3.7.400"}}}}
    hits = analyze(json.dumps(lock, indent=2), "packages.lock.json")
    assert sorted(h.message.split("`")[1] for h in hits) == ["AWSSDK.Core", "AWSSDK.S3"]


# --- minimums come from the facts, exactly at them nothing fires -----------------------------------------------------
def test_each_minimum_itself_is_accepted():
    node = MIN_LIBRARY_VERSIONS["nodejs"]
    deps = {"@aws-lambda-powertools/logger": node["@aws-lambda-powertools/*"], "@aws-sdk/client-s3":
            node["@aws-sdk/*"], "aws-xray-sdk-core": node["aws-xray-sdk-core"]}
    assert analyze(json.dumps({"dependencies": deps}), "package.json") == []
    assert analyze(f"aws-lambda-powertools=={MIN_LIBRARY_VERSIONS['python']['aws-lambda-powertools']}\n",
                   "requirements.txt") == []


# --- bad input -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rel, text, line", [
    ("package.json", '{\n  "dependencies": {\n    "a": 1,\n  }\n}\n', 4),
    ("pom.xml", "<project>\n  <dependencies>\n</project>\n", 3),
    ("libs.versions.toml", "[versions]\nx = \n", 2),
    ("pnpm-lock.yaml", "importers:\n  .: [\n", None),
])
def test_malformed_manifests_are_parse_failures_with_a_line(rel, text, line):
    with pytest.raises(ParseFailure) as caught:
        analyze(text, rel)
    if line is not None:
        assert caught.value.line == line


def test_unrelated_manifests_are_quiet():
    assert analyze('{"name": "x", "dependencies": {"express": "^4.0.0"}}', "package.json") == []
    assert analyze("[tool.ruff]\nline-length = 120\n", "pyproject.toml") == []


@pytest.mark.parametrize("rel", ["test/HelloWorld.Test/HelloWorld.Tests.csproj", "tests/pom.xml",
                                 "src/Orders.Tests/Orders.Tests.csproj", "e2e/package.json",
                                 "Orders.IntegrationTests.csproj"])
def test_a_test_projects_dependencies_are_not_findings(rel):
    """Test projects never run in the function: their SDK and Powertools versions are not LMI findings."""
    text = {".csproj": '<Project><ItemGroup><PackageReference Include="AWSSDK.Core" Version="3.7.0" />'
                       "</ItemGroup></Project>",
            ".xml": "<project><dependencies><dependency><groupId>software.amazon.awssdk</groupId>"
                    "<artifactId>s3</artifactId><version>2.20.0</version></dependency></dependencies></project>",
            ".json": json.dumps({"dependencies": {"@aws-sdk/client-s3": "3.1.0"}})}[Path(rel).suffix]
    assert analyze(text, rel) == []
    assert len(analyze(text, rel.replace("Test", "Service").replace("test", "src").replace("e2e", "app"))) == 1


# --- packages that are not functions (issue 12: sampled false positive) -------------------------------------------
BROWSER_APP = {"name": "shop-frontend", "private": True, "scripts": {"serve": "vue-cli-service serve"},
               "dependencies": {"aws-amplify": "^1.2.3", "vue": "^2.6.10", "@aws-sdk/client-s3": "3.1.0"},
               "devDependencies": {"@vue/cli-service": "^4.0.0"}, "browserslist": ["> 1%", "last 2 versions"]}
YARN_LOCK = ('# yarn lockfile v1\n\n"@aws-sdk/client-s3@3.1.0":\n  version "3.1.0"\n'
             '  resolved "https://registry.yarnpkg.com/@aws-sdk/client-s3/-/client-s3-3.1.0.tgz"\n')


def scan_hits(root: Path, *rules_: str) -> list[tuple[str, str]]:
    from workbench.readiness.scanner import scan

    result = scan(root, use_cache=False, workers=0)
    return sorted((rel, h.code) for rel, hits in result.hits.items() for h in hits if h.code in rules_)


def scan_findings(root: Path, *rules_: str) -> list:
    from workbench.readiness.scanner import scan

    result = scan(root, use_cache=False, workers=0)
    return [h for hits in result.hits.values() for h in hits if h.code in rules_]


@pytest.mark.parametrize("app", [
    BROWSER_APP,
    {**{k: v for k, v in BROWSER_APP.items() if k != "browserslist"}},   # a Vue app without a browserslist
    {"name": "web", "dependencies": {"react": "^18.0.0", "react-dom": "^18.0.0", "aws-sdk": "^2.1.0"},
     "devDependencies": {"vite": "^5.0.0"}},
])
def test_a_browser_front_end_package_is_not_a_function(tmp_path, app):
    """A browser app (Vue, React, Angular, Svelte, Vite...) with no Lambda handler in its package never runs on
    Lambda: neither its package.json nor its lock file is an LMI finding."""
    (tmp_path / "frontend").mkdir()
    (tmp_path / "frontend" / "package.json").write_text(json.dumps(app))
    (tmp_path / "frontend" / "yarn.lock").write_text(YARN_LOCK)
    (tmp_path / "frontend" / "main.js").write_text("import Vue from 'vue';\nnew Vue({}).$mount('#app');\n")
    assert scan_hits(tmp_path, "LMI402") == []


def test_a_front_end_package_that_holds_a_handler_is_still_checked(tmp_path):
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "package.json").write_text(json.dumps(BROWSER_APP))
    (tmp_path / "web" / "yarn.lock").write_text(YARN_LOCK)
    (tmp_path / "web" / "ssr.js").write_text("const { S3Client } = require('@aws-sdk/client-s3');\n"
                                             "exports.handler = async (event, context) => ({ statusCode: 200 });\n")
    assert scan_hits(tmp_path, "LMI402") == [("web/package.json", "LMI402"), ("web/yarn.lock", "LMI402")]


def test_a_function_package_next_to_a_front_end_is_still_checked(tmp_path):
    (tmp_path / "frontend").mkdir()
    (tmp_path / "frontend" / "package.json").write_text(json.dumps(BROWSER_APP))
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend" / "package.json").write_text(json.dumps({"dependencies": {"@aws-sdk/client-s3": "3.1.0"}}))
    (tmp_path / "backend" / "yarn.lock").write_text(YARN_LOCK)
    assert scan_hits(tmp_path, "LMI402") == [("backend/package.json", "LMI402"), ("backend/yarn.lock", "LMI402")]


# heldout16 cause 2: browser packages without a framework dependency (a webpack web app, a Rollup UMD bundle, a
# library with a ``browser`` field or built on a browser-only SDK) are not Lambda functions either.
_SDK_V2_PACKAGE = {"name": "web", "dependencies": {"aws-sdk": "^2.1.0"}}
_SDK_V2_LOCK = json.dumps({"name": "web", "lockfileVersion": 3, "packages": {
    "": {"dependencies": {"aws-sdk": "^2.1.0"}}, "node_modules/aws-sdk": {"version": "2.1.0"}}}, indent=2)


def _sdk_v2_package(folder: Path, package: dict, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps(package))
    (folder / "package-lock.json").write_text(_SDK_V2_LOCK)
    (folder / "src").mkdir(exist_ok=True)
    (folder / "src" / "index.js").write_text("const AWS = require('aws-sdk');\nmodule.exports = new AWS.S3();\n")
    for name, text in files.items():
        (folder / name).write_text(text)


@pytest.mark.parametrize("package, files", [
    # webpack's default target is the browser ("target": defaults to 'browserslist', or 'web' without one)
    (_SDK_V2_PACKAGE, {"webpack.config.js": "module.exports = { entry: './src/index.js',\n"
                                            "  output: { filename: 'main.js' } };\n"}),
    # Rollup output as a <script>-tag bundle (iife/umd) or resolved for the browser
    (_SDK_V2_PACKAGE, {"rollup.config.js": "export default { input: 'src/index.js',\n"
                                           "  output: [{ file: 'b.min.js', format: 'umd', name: 'X' }] };\n"}),
    (_SDK_V2_PACKAGE, {"rollup.config.mjs": "export default { input: 'src/index.js', output: { format: 'es' },\n"
                                            "  plugins: [resolve({ browser: true })] };\n"}),
    # the package.json says which file browsers load
    ({**_SDK_V2_PACKAGE, "browser": "dist/web.js"}, {}),
    # built on a client library that runs only in browsers (WebRTC meetings)
    ({"name": "provider", "main": "dist/index.js",
      "dependencies": {"aws-sdk": "^2.1.0", "amazon-chime-sdk-js": "^3.7.0"}}, {}),
])
def test_a_browser_bundle_or_library_is_not_a_function(tmp_path, package, files):
    _sdk_v2_package(tmp_path / "web", package, files)
    assert scan_hits(tmp_path, "LMI402") == []


@pytest.mark.parametrize("files", [
    {"webpack.config.js": "module.exports = { target: 'node', entry: './src/index.js' };\n"},
    {"webpack.config.js": "module.exports = { entry: slsw.lib.entries, externals: [nodeExternals()] };\n"},
    {"rollup.config.js": "export default { input: 'src/index.js', output: { format: 'cjs' } };\n"},
])
def test_a_bundle_built_for_node_is_still_checked(tmp_path, files):
    """The trap: webpack/Rollup also bundle Lambda functions (target node, CommonJS output); those stay checked."""
    _sdk_v2_package(tmp_path / "fn", _SDK_V2_PACKAGE, files)
    assert scan_hits(tmp_path, "LMI402") == [("fn/package-lock.json", "LMI402"), ("fn/package.json", "LMI402")]


def test_a_browser_bundle_that_holds_a_handler_is_still_checked(tmp_path):
    _sdk_v2_package(tmp_path / "web", {**_SDK_V2_PACKAGE, "browser": "dist/web.js"},
                    {"handler.js": "const AWS = require('aws-sdk');\n"
                                   "exports.handler = async (event) => ({ statusCode: 200 });\n"})
    assert scan_hits(tmp_path, "LMI402") == [("web/package-lock.json", "LMI402"), ("web/package.json", "LMI402")]


# --- held-out set (issue 12): manifests of programs that are not Lambda functions ------------------------------------
SAM_FUNCTION = ("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
                "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: lambda/\n"
                "      Handler: index.handler\n      Runtime: nodejs22.x\n")
NODE_LOCK = json.dumps({"name": "x", "lockfileVersion": 3, "packages": {
    "": {"dependencies": {"@aws-sdk/client-s3": "^3.1.0"}},
    "node_modules/@aws-sdk/client-s3": {"version": "3.1.0"}}}, indent=2)


def node_package(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps({"name": folder.name, "dependencies": {"@aws-sdk/client-s3":
                                                                                          "^3.1.0"}}))
    (folder / "package-lock.json").write_text(NODE_LOCK)
    # the package's code loads the SDK it declares (a declared package no file imports is no finding)
    (folder / "s3.js").write_text("const { S3Client } = require('@aws-sdk/client-s3');\nmodule.exports = S3Client;\n")
    for name, text in files.items():
        (folder / name).write_text(text)


def test_a_container_service_package_is_not_a_function(tmp_path):
    """serverless-samples fargate-rest-api: an Express service built into a node image and run on ECS (Dockerfile,
    ``app.listen``), next to the project's Lambda functions: its dependency versions are no LMI findings."""
    node_package(tmp_path / "src" / "api" / "bookings", {
        "Dockerfile": "FROM public.ecr.aws/docker/library/node:14.18\nCOPY . .\nCMD [ \"node\", \"server.js\" ]\n",
        "server.js": "const { app } = require('./app');\napp.listen(8080, '0.0.0.0');\n"})
    assert scan_hits(tmp_path, "LMI402") == []
    lambda_image = tmp_path / "src" / "api" / "bookings" / "Dockerfile"
    lambda_image.write_text("FROM public.ecr.aws/lambda/nodejs:22\nCOPY . .\nCMD [ \"server.handler\" ]\n")
    assert scan_hits(tmp_path, "LMI402") == [("src/api/bookings/package-lock.json", "LMI402")]


def test_a_package_no_defined_function_uses_is_not_a_function(tmp_path):
    """serverless-samples apigw-eventbridge-schema-validation: the template's function lives in lambda/; the
    cicd-driven-solution/ package next to it is a script a CI workflow runs (no handler, no Lambda package)."""
    (tmp_path / "template.yaml").write_text(SAM_FUNCTION)
    node_package(tmp_path / "lambda", {"index.mjs": "export const handler = async (event) => ({ ok: 1 });\n"})
    node_package(tmp_path / "cicd-driven-solution", {"updateSchema.mjs": "await main(process.env.API_ID);\n"})
    assert scan_hits(tmp_path, "LMI402") == [("lambda/package-lock.json", "LMI402")]


@pytest.mark.parametrize("extra", [
    {"layers/common/nodejs/package.json": None},   # a layer's packages ship into the functions
    {"cicd-driven-solution/package.json": {"name": "x", "dependencies": {"@aws-sdk/client-s3": "^3.1.0",
                                                                          "@types/aws-lambda": "^8.10.0"}}},
])
def test_packages_that_may_still_be_functions_are_checked(tmp_path, extra):
    (tmp_path / "template.yaml").write_text(SAM_FUNCTION)
    node_package(tmp_path / "lambda", {"index.mjs": "export const handler = async (event) => ({ ok: 1 });\n"})
    for rel, doc in extra.items():
        folder = (tmp_path / rel).parent
        node_package(folder, {})
        if doc is not None:
            (folder / "package.json").write_text(json.dumps(doc))
    found = {rel for rel, _ in scan_hits(tmp_path, "LMI402")}
    assert {str(Path(rel).parent / "package-lock.json") for rel in extra} <= found


def test_a_dotnet_console_program_is_not_a_function(tmp_path):
    """dotnet-handler-cookbook utilities/ConfigureUserPoolUtility: OutputType Exe, Console.ReadLine, no
    Amazon.Lambda package: a program a person runs, not a function."""
    program = ('<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n'
               "    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n"
               '    <PackageReference Include="AWSSDK.CognitoIdentityProvider" Version="3.7.302.7" />\n'
               "  </ItemGroup>\n</Project>\n")
    assert analyze(program, "utilities/Configure/Configure.csproj") == []
    custom_runtime = program.replace("  </ItemGroup>", '    <PackageReference Include="Amazon.Lambda.RuntimeSupport" '
                                                       'Version="1.10.0" />\n  </ItemGroup>')
    assert [h.code for h in analyze(custom_runtime, "src/Fn/Fn.csproj")] == ["LMI402"]
    library = program.replace("    <OutputType>Exe</OutputType>\n", "")
    assert [h.code for h in analyze(library, "src/Shared/Shared.csproj")] == ["LMI402"]


def test_a_dotnet_framework_project_is_not_a_function():
    """heldout15 (aws-net-guides MediaLibrary4.8): an ASP.NET MVC app on .NET Framework 4.8 (packages.config,
    ``<TargetFrameworkVersion>v4.8``) runs on IIS or a Windows container. Lambda's .NET runtimes run .NET (Core)
    ("Building Lambda functions with C#", AWS Lambda Developer Guide: dotnet8, dotnet6...), whose projects are
    SDK-style and list packages with PackageReference; packages.config is the package list of non-SDK-style
    (.NET Framework) projects only ("Check project format", NuGet documentation, Microsoft Learn). An SDK-style
    project that targets only .NET Framework monikers (net48, net472) is no function either; one that also targets
    net8.0 or netstandard2.0 may be (or be a library of one)."""
    config = ('<?xml version="1.0" encoding="utf-8"?>\n<packages>\n'
              '  <package id="AWSXRayRecorder.Core" version="2.11.1" targetFramework="net48" />\n'
              '  <package id="AWSSDK.S3" version="3.7.9.43" targetFramework="net48" />\n</packages>\n')
    assert analyze(config, "MediaLibrary/packages.config") == []
    legacy = ('<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n'
              "  <PropertyGroup>\n    <OutputType>Library</OutputType>\n"
              "    <TargetFrameworkVersion>v4.8</TargetFrameworkVersion>\n  </PropertyGroup>\n  <ItemGroup>\n"
              '    <PackageReference Include="AWSSDK.S3" Version="3.7.9.43" />\n  </ItemGroup>\n</Project>\n')
    assert analyze(legacy, "MediaLibrary/MediaLibrary.csproj") == []
    sdk = ('<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFrameworks>net48;net472</TargetFrameworks>\n'
           "  </PropertyGroup>\n  <ItemGroup>\n"
           '    <PackageReference Include="AWSSDK.S3" Version="3.7.9.43" />\n  </ItemGroup>\n</Project>\n')
    assert analyze(sdk, "src/Old/Old.csproj") == []
    for frameworks in ("net48;net8.0", "netstandard2.0", "net8.0", "$(LibraryFrameworks)"):
        modern = sdk.replace("net48;net472", frameworks)
        assert [h.code for h in analyze(modern, "src/Lib/Lib.csproj")] == ["LMI402"], frameworks


XRAY_API = ('<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net6.0</TargetFramework>\n'
            "    <AWSProjectType>Lambda</AWSProjectType>\n  </PropertyGroup>\n  <ItemGroup>\n"
            '    <PackageReference Include="Amazon.Lambda.AspNetCoreServer" Version="7.2.0" />\n'
            '    <PackageReference Include="AWSSDK.S3" Version="3.7.9.20" />\n'
            '    <PackageReference Include="AWSXRayRecorder.Handlers.AwsSdk" Version="2.10.0" />\n'
            "  </ItemGroup>\n</Project>\n")


def test_a_dotnet_xray_package_no_code_of_the_project_uses_is_not_reported(tmp_path):
    """heldout15 (sfn-callback-dotnet): AWSXRayRecorder.Handlers.AwsSdk 2.10.0 declared by a Lambda API whose code
    never touches X-Ray. The X-Ray SDK for .NET acts only when code calls it (``AWSSDKHandler.
    RegisterXRayForAllServices()``, ``AWSXRayRecorder.Instance``, ``app.UseXRay``: "Instrumenting calls to AWS
    services" / "Tracing incoming requests with the X-Ray SDK for .NET", AWS X-Ray Developer Guide), so its version
    floor (LMI403) does not matter there; the AWSSDK 3 package (LMI402) still does. Kept: when a source of the
    project names Amazon.XRay, when another project references this one (its code may use the package it brings),
    when it declares Powertools Tracing (built on the X-Ray SDK) and when the scan read no C# source of the project
    (nothing is known)."""
    api = tmp_path / "Api"
    api.mkdir()
    (api / "Api.csproj").write_text(XRAY_API)
    code = "using Amazon.S3;\nnamespace Api;\npublic class LambdaEntryPoint { }\n"
    (api / "LambdaEntryPoint.cs").write_text(code)
    assert scan_hits(tmp_path, "LMI402", "LMI403") == [("Api/Api.csproj", "LMI402")]
    (api / "Startup.cs").write_text("using Amazon.XRay.Recorder.Handlers.AwsSdk;\nnamespace Api;\n"
                                    "public class Startup { public Startup() { AWSSDKHandler.RegisterXRayForAllServices(); } }\n")
    assert scan_hits(tmp_path, "LMI403") == [("Api/Api.csproj", "LMI403")]
    # code that traces through Powertools (its package brought by a referenced project): the X-Ray SDK runs
    (api / "Startup.cs").write_text("using AWS.Lambda.Powertools.Tracing;\nnamespace Api;\n"
                                    "public class Startup { public Startup() { Tracing.RegisterForAllServices(); } }\n")
    assert scan_hits(tmp_path, "LMI403") == [("Api/Api.csproj", "LMI403")]
    (api / "Startup.cs").unlink()
    # a project it references calls the X-Ray SDK: that code runs in this function, with this package's version
    lib = tmp_path / "Lib"
    lib.mkdir()
    (lib / "Lib.csproj").write_text('<Project Sdk="Microsoft.NET.Sdk">\n</Project>\n')
    (lib / "Tracing.cs").write_text("using Amazon.XRay.Recorder.Handlers.AwsSdk;\nnamespace Lib;\n"
                                    "public static class T { public static void On() => AWSSDKHandler.RegisterXRayForAllServices(); }\n")
    (api / "Api.csproj").write_text(XRAY_API.replace("</Project>", '  <ItemGroup>\n    <ProjectReference '
                                                     'Include="..\\Lib\\Lib.csproj" />\n  </ItemGroup>\n</Project>'))
    assert scan_hits(tmp_path, "LMI403") == [("Api/Api.csproj", "LMI403")]
    (lib / "Tracing.cs").write_text("namespace Lib;\npublic static class T { }\n")
    assert scan_hits(tmp_path, "LMI403") == []
    (api / "Api.csproj").write_text(XRAY_API)
    host = tmp_path / "Host"
    host.mkdir()
    (host / "Host.csproj").write_text('<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
                                      '    <ProjectReference Include="..\\Api\\Api.csproj" />\n  </ItemGroup>\n</Project>\n')
    assert scan_hits(tmp_path, "LMI403") == [("Api/Api.csproj", "LMI403")]
    assert [h.code for h in analyze(XRAY_API, "Api/Api.csproj")] == ["LMI402", "LMI403"]   # no code read
    (host / "Host.csproj").unlink()
    assert scan_hits(tmp_path, "LMI403") == []
    (api / "Api.csproj").write_text(XRAY_API.replace("  </ItemGroup>", '    <PackageReference Include='
                                                     '"AWS.Lambda.Powertools.Tracing" Version="1.0.0" />\n  </ItemGroup>'))
    assert scan_hits(tmp_path, "LMI403") == [("Api/Api.csproj", "LMI403")]   # Powertools Tracing wraps X-Ray


def test_an_aspnet_core_web_app_without_a_lambda_package_is_not_a_function():
    """dotnet-immersionday-samples (heldout7) xray-dotnet-sample/blog-app: a Microsoft.NET.Sdk.Web project with the
    AWS SDK and no Amazon.Lambda package runs as a web server (container, EC2); an ASP.NET Core app runs on Lambda only
    through Amazon.Lambda.AspNetCoreServer(.Hosting) or Amazon.Lambda.RuntimeSupport."""
    web = ('\ufeff<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n'
           "  </PropertyGroup>\n  <ItemGroup>\n"
           '    <PackageReference Include="AWSSDK.S3" Version="3.7.305.8" />\n'
           "  </ItemGroup>\n</Project>\n")
    assert analyze(web, "blog-app/blog-app.csproj") == []
    on_lambda = web.replace("  </ItemGroup>", '    <PackageReference Include="Amazon.Lambda.AspNetCoreServer.Hosting" '
                                              'Version="1.7.0" />\n  </ItemGroup>')
    assert [h.code for h in analyze(on_lambda, "src/Api/Api.csproj")] == ["LMI402"]
    lambda_project = web.replace("  </PropertyGroup>", "    <AWSProjectType>Lambda</AWSProjectType>\n  </PropertyGroup>")
    assert [h.code for h in analyze(lambda_project, "src/Api/Api.csproj")] == ["LMI402"]



def test_an_aspnet_core_worker_with_only_lambda_event_types_is_not_a_function():
    """heldout16 cause 2 (a container worker: Microsoft.NET.Sdk.Web, a Dockerfile, a BackgroundService polling SQS):
    an ``Amazon.Lambda.*Events`` package only brings event classes (the worker deserialises a CloudWatch event); it
    hosts nothing. An ASP.NET Core app runs on Lambda only through Amazon.Lambda.AspNetCoreServer(.Hosting) or
    Amazon.Lambda.RuntimeSupport ("Deploying ASP.NET applications", AWS Lambda Developer Guide), and a function
    project references Amazon.Lambda.Core (or Annotations/Serialization that bring it)."""
    worker = ('<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n'
              "  </PropertyGroup>\n  <ItemGroup>\n"
              '    <PackageReference Include="Amazon.Lambda.CloudWatchEvents" Version="4.3.0" />\n'
              '    <PackageReference Include="AWSSDK.SQS" Version="3.7.200.37" />\n'
              "  </ItemGroup>\n</Project>\n")
    assert analyze(worker, "src/Worker/Worker.csproj") == []
    # the trap: the same project with Lambda hosting or the Lambda core library is a function
    for entry in ("Amazon.Lambda.AspNetCoreServer.Hosting", "Amazon.Lambda.Core", "Amazon.Lambda.RuntimeSupport"):
        hosted = worker.replace("  </ItemGroup>", f'    <PackageReference Include="{entry}" Version="1.7.0" />\n'
                                                  "  </ItemGroup>")
        assert [h.code for h in analyze(hosted, "src/Worker/Worker.csproj")] == ["LMI402"], entry


_LIBRARY = ('<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net7.0</TargetFramework>\n'
            "  </PropertyGroup>\n  <ItemGroup>\n"
            '    <PackageReference Include="AWSSDK.DynamoDBv2" Version="3.7.3.68" />\n'
            "  </ItemGroup>\n</Project>\n")


def test_a_dotnet_class_library_in_a_repository_without_any_function_is_not_function_code(tmp_path):
    """heldout16 cause 2 (an event-sourcing class library, the whole repository): no project references a Lambda
    package or is a Lambda project, no template or CDK app defines a function and no C# handler was found, so no
    function ships the library's AWSSDK packages. A library that a function project references stays judged, and
    so does one scanned alone (nothing is known about the rest)."""
    lib = tmp_path / "src" / "Store"
    lib.mkdir(parents=True)
    (lib / "Store.csproj").write_text(_LIBRARY)
    (lib / "Repository.cs").write_text("using Amazon.DynamoDBv2;\nnamespace Store;\n"
                                       "public class Repository { public Repository(IAmazonDynamoDB db) { } }\n")
    assert scan_hits(tmp_path, "LMI402") == []
    assert [h.code for h in analyze(_LIBRARY, "src/Store/Store.csproj")] == ["LMI402"]   # no code read
    fn = tmp_path / "src" / "Fn"
    fn.mkdir()
    (fn / "Fn.csproj").write_text(
        '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n'
        "    <AWSProjectType>Lambda</AWSProjectType>\n  </PropertyGroup>\n  <ItemGroup>\n"
        '    <PackageReference Include="Amazon.Lambda.Core" Version="2.2.0" />\n'
        '    <ProjectReference Include="..\\Store\\Store.csproj" />\n  </ItemGroup>\n</Project>\n')
    (fn / "Function.cs").write_text("using Amazon.Lambda.Core;\nnamespace Fn;\npublic class Function {\n"
                                    "    public string Handler(string input, ILambdaContext context) => input;\n}\n")
    assert scan_hits(tmp_path, "LMI402") == [("src/Store/Store.csproj", "LMI402")]


@pytest.mark.parametrize("scope", ["provided", "test"])
def test_java_dependencies_that_are_not_packaged_into_the_function_are_quiet(scope):
    """aws-lambda-java-libs aws-lambda-java-events-sdk-transformer: the SDK 1.x dependency of a library is
    ``<scope>provided</scope>`` (the user brings it); test-scoped ones never ship either."""
    pom = ("<project>\n  <dependencies>\n    <dependency>\n      <groupId>com.amazonaws</groupId>\n"
           "      <artifactId>aws-java-sdk-dynamodb</artifactId>\n      <version>1.11.914</version>\n"
           f"      <scope>{scope}</scope>\n    </dependency>\n    <dependency>\n"
           "      <groupId>software.amazon.awssdk</groupId>\n      <artifactId>s3</artifactId>\n"
           "      <version>2.20.0</version>\n    </dependency>\n  </dependencies>\n</project>\n")
    assert [(h.code, h.line) for h in analyze(pom, "pom.xml")] == [("LMI402", 12)]


def test_a_pom_dependency_with_exclusions_is_named_by_its_own_artifact():
    """serverless-observability-workshop (held out): the finding named ``apache-client``, an artifact of the
    dependency's <exclusions>, instead of ``dynamodb`` itself."""
    pom = ("<project>\n  <dependencies>\n    <dependency>\n      <groupId>software.amazon.awssdk</groupId>\n"
           "      <artifactId>dynamodb</artifactId>\n      <version>2.20.22</version>\n      <exclusions>\n"
           "        <exclusion>\n          <groupId>software.amazon.awssdk</groupId>\n"
           "          <artifactId>apache-client</artifactId>\n        </exclusion>\n      </exclusions>\n"
           "    </dependency>\n  </dependencies>\n</project>\n")
    hits = analyze(pom, "pom.xml")
    assert [(h.code, h.line) for h in hits] == [("LMI402", 6)]
    assert "`software.amazon.awssdk:dynamodb`" in hits[0].message and "apache-client" not in hits[0].message


def test_a_package_is_judged_only_against_the_functions_of_its_own_project(tmp_path):
    """heldout2 (kick next to the WAF solution, one scan root): a template elsewhere under the root defines
    functions, but none of them belongs to this package's project, so that template says nothing about whether
    the package is a function. Its own project (no template here; the handler is exported by name, which no
    shape recognises) is checked as before. A template in ``deployment/`` whose function code sits in a sibling
    ``source/`` folder still speaks for the packages of that whole project (the template's folder and its
    functions' folders together)."""
    (tmp_path / "shop" / "deployment").mkdir(parents=True)
    (tmp_path / "shop" / "deployment" / "main.template").write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Timer:\n    Type: AWS::Lambda::Function\n"
        "    Properties:\n      Code:\n        S3Bucket: artefacts\n        S3Key: timer.zip\n"
        "      Handler: timer.handler\n      Runtime: nodejs22.x\n")
    node_package(tmp_path / "shop" / "source" / "timer",
                 {"timer.js": "exports.handler = async (event) => ({ ok: 1 });\n"})
    node_package(tmp_path / "shop" / "source" / "tools", {"release.js": "await main(process.env.STAGE);\n"})
    node_package(tmp_path / "kiosk" / "services" / "devices", {
        "index.js": "function handler(event, context) {\n  return Promise.resolve(event.cmd);\n}\n"
                    "exports.handler = handler;\n"})
    assert scan_hits(tmp_path, "LMI402") == [("kiosk/services/devices/package-lock.json", "LMI402"),
                                             ("shop/source/timer/package-lock.json", "LMI402")]


# --- Powertools public layers (issue 12, heldout9 webhook-forwarder: AWSLambdaPowertoolsTypeScript:11) --------------
# The public layers name their major version: AWSLambdaPowertoolsPython (1.x), ...PythonV2 (2.x), ...PythonV3-*
# (3.x); AWSLambdaPowertoolsTypeScript (1.x), ...TypeScriptV2 (2.x) ("Lambda Layer" in the Powertools for AWS Lambda
# (Python) and (TypeScript) installation docs, accounts 017000801446 and 094274105915). A 1.x or 2.x Python layer and
# a 1.x TypeScript layer are below LMI's minimums (Python 3.23.0, TypeScript 2.29.0, lmi-facts "Minimum library
# versions"); a V3 Python or V2 TypeScript layer's release is not in its name, so it is not judged.
POWERTOOLS_TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.13
      Layers:
        - !Sub arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPython:39
        - !Sub arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV2:79
        - !Sub arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-x86_64:7
"""
POWERTOOLS_CDK = """import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class WebhookStack extends Stack {
  build() {
    const powertools = lambda.LayerVersion.fromLayerVersionArn(this, 'Powertools',
      `arn:aws:lambda:${Stack.of(this).region}:094274105915:` + 'layer:AWSLambdaPowertoolsTypeScript:11');
    const current = lambda.LayerVersion.fromLayerVersionArn(this, 'PowertoolsV2',
      `arn:aws:lambda:${Stack.of(this).region}:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:21`);
    return new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler',
      code: lambda.Code.fromAsset('dist'), layers: [powertools, current] });
  }
}
"""


def test_a_powertools_layer_whose_major_version_is_below_the_minimum_is_reported(tmp_path):
    (tmp_path / "template.yaml").write_text(POWERTOOLS_TEMPLATE)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("def handler(event, context):\n    return 1\n")
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "stack.ts").write_text(POWERTOOLS_CDK)
    from workbench.readiness.scanner import scan

    found = [f for f in scan(tmp_path, workers=0, use_cache=False).findings if f.rule == "LMI401"]
    assert sorted((f.path, f.line) for f in found) == [("infra/stack.ts", 7), ("template.yaml", 11),
                                                      ("template.yaml", 12)]
    by_line = {(f.path, f.line): f.message for f in found}
    assert "1.x" in by_line[("template.yaml", 11)] and "3.23.0" in by_line[("template.yaml", 11)]
    assert "2.x" in by_line[("template.yaml", 12)]
    assert "1.x" in by_line[("infra/stack.ts", 7)] and "2.29.0" in by_line[("infra/stack.ts", 7)]


def test_sdk_packages_a_function_declares_but_never_loads_are_not_findings(tmp_path):
    """serverless-game-for-observability (heldout13): the connect function's package.json declares ``aws-sdk`` and
    ``aws-xray-sdk`` but its only ``require`` is ``https``: a version floor only matters for a library the
    function's code loads, so neither the package.json nor the lock is a finding (a notice says why). Once any file
    of the package requires one, that family is reported again; a package whose code the scan did not read is
    judged as before."""
    folder = tmp_path / "lambda" / "connect"
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": "connect", "dependencies": {
        "aws-sdk": "", "aws-xray-sdk": "^3.3.0", "async": "^3.2.0"}}))
    (folder / "package-lock.json").write_text(json.dumps({"name": "connect", "lockfileVersion": 3, "packages": {
        "": {"dependencies": {"aws-sdk": "*", "aws-xray-sdk": "^3.3.0"}},
        "node_modules/aws-sdk": {"version": "2.1500.0"},
        "node_modules/aws-xray-sdk": {"version": "3.9.0"},
        "node_modules/aws-xray-sdk-core": {"version": "3.9.0"}}}, indent=2))
    (folder / "index.js").write_text("const https = require('https');\n"
                                     "exports.handler = function (event, context, callback) {\n"
                                     "  https.get('https://example.com', () => callback(null, { statusCode: 200 }));\n"
                                     "};\n")
    assert scan_hits(tmp_path, "LMI402", "LMI403") == []
    (folder / "util.js").write_text("const AWSXRay = require('aws-xray-sdk');\nmodule.exports = AWSXRay;\n")
    assert scan_hits(tmp_path, "LMI402", "LMI403") == [("lambda/connect/package-lock.json", "LMI403")]
    (folder / "index.js").write_text("import { S3 } from 'aws-sdk';\nexport const handler = async () => 1;\n")
    assert ("lambda/connect/package.json", "LMI402") in scan_hits(tmp_path, "LMI402", "LMI403")


def test_a_v3_client_declared_beside_imported_clients_but_never_imported_itself_is_not_a_finding(tmp_path):
    """heldout14 (firewall-manager automations, digital-evidence-archive): a function declares
    ``@aws-sdk/client-sqs`` beside the v3 clients it does import; no source imports client-sqs, so the function never
    loads it and its version is no finding. Each v3 client is its own package (``@aws-sdk/types``, imported for its
    types, loads none). A client a helper package of the same service loads (``@aws-sdk/lib-dynamodb`` needs
    ``@aws-sdk/client-dynamodb`` as a peer) stays a finding, and so does the imported client."""
    folder = tmp_path / "fn"
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"name": "fn", "dependencies": {
        "@aws-sdk/client-s3": "~3.535.0", "@aws-sdk/client-sqs": "~3.535.0",
        "@aws-sdk/client-dynamodb": "~3.535.0"}}, indent=2))
    (folder / "index.ts").write_text("import { S3Client } from '@aws-sdk/client-s3';\n"
                                     "import { UserAgent } from '@aws-sdk/types';\n"
                                     "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n"
                                     "export const handler = async () => new S3Client({}).config;\n")
    found = scan_findings(tmp_path, "LMI402")
    assert sorted(f.context for f in found) == ["@aws-sdk/client-dynamodb", "@aws-sdk/client-s3"]
    (folder / "index.ts").write_text("import { SQSClient } from '@aws-sdk/client-sqs';\n"
                                     "export const handler = async () => new SQSClient({}).config;\n")
    assert sorted(f.context for f in scan_findings(tmp_path, "LMI402")) == ["@aws-sdk/client-sqs"]


def test_an_sdk_loaded_by_a_subpath_or_through_unscanned_code_is_still_reported(tmp_path):
    """corpus ecommerce check: ``require('aws-sdk/clients/dynamodb')`` loads aws-sdk; corpus kick devices: the code
    requires ``./libs``, a file the scan did not read, so what the package loads is unknown and it is judged as
    before."""
    folder = tmp_path / "check"
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"name": "check", "dependencies": {"aws-sdk": "^2.814.0"}}))
    (folder / "index.js").write_text("const DynamoDB = require('aws-sdk/clients/dynamodb');\n"
                                     "exports.handler = async () => new DynamoDB().listTables().promise();\n")
    assert scan_hits(tmp_path, "LMI402") == [("check/package.json", "LMI402")]
    (folder / "index.js").write_text("const libs = require('./libs');\nexports.handler = async () => libs.go();\n")
    assert scan_hits(tmp_path, "LMI402") == [("check/package.json", "LMI402")]
    (folder / "libs.js").write_text("exports.go = async () => 1;\n")
    assert scan_hits(tmp_path, "LMI402") == []


def test_a_pom_that_imports_the_sdk_bom_without_any_sdk_artifact_is_not_a_finding():
    """aws-serverless-workshop-greater-china-region Lab14 (heldout13): the software.amazon.awssdk BOM is imported in
    dependencyManagement but no SDK 2.x artifact is a dependency: the pin governs nothing that runs. With an SDK
    artifact (its version from the BOM) or in a parent pom of modules (they may declare one), it is reported."""
    bom = ("<project>\n  <dependencies>\n{deps}  </dependencies>\n{modules}  <dependencyManagement>\n"
           "    <dependencies>\n      <dependency>\n        <groupId>software.amazon.awssdk</groupId>\n"
           "        <artifactId>bom</artifactId>\n        <version>2.17.100</version>\n        <type>pom</type>\n"
           "        <scope>import</scope>\n      </dependency>\n    </dependencies>\n  </dependencyManagement>\n"
           "</project>\n")
    spring = ("    <dependency>\n      <groupId>org.springframework.cloud</groupId>\n"
              "      <artifactId>spring-cloud-function-adapter-aws</artifactId>\n    </dependency>\n")
    assert analyze(bom.format(deps=spring, modules=""), "pom.xml") == []
    sdk = ("    <dependency>\n      <groupId>software.amazon.awssdk</groupId>\n      <artifactId>s3</artifactId>\n"
           "    </dependency>\n")
    assert [h.code for h in analyze(bom.format(deps=spring + sdk, modules=""), "pom.xml")] == ["LMI402"]
    parent = bom.format(deps=spring, modules="  <modules>\n    <module>fn</module>\n  </modules>\n")
    assert [h.code for h in analyze(parent, "pom.xml")] == ["LMI402"]


def test_a_pom_that_imports_the_sdk_v1_bom_with_only_lambda_libraries_of_its_group_is_not_a_finding():
    """sam-java-s3-datastore QuotesApi (heldout16): ``com.amazonaws:aws-java-sdk-bom`` 1.12.1 imported, no SDK 1.x
    artifact declared; ``aws-lambda-java-core`` and ``-events`` share the group id com.amazonaws but are not the SDK
    (the BOM lists only aws-java-sdk-* artifacts), so the pin governs nothing. An ``aws-java-sdk-*`` artifact makes
    it a finding again."""
    bom = ("<project>\n  <dependencies>\n{deps}  </dependencies>\n  <dependencyManagement>\n"
           "    <dependencies>\n      <dependency>\n        <groupId>com.amazonaws</groupId>\n"
           "        <artifactId>aws-java-sdk-bom</artifactId>\n        <version>1.12.1</version>\n"
           "        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n    </dependencies>\n"
           "  </dependencyManagement>\n</project>\n")
    core = ("    <dependency>\n      <groupId>com.amazonaws</groupId>\n      <artifactId>aws-lambda-java-core</artifactId>\n"
            "      <version>1.2.1</version>\n    </dependency>\n")
    assert analyze(bom.format(deps=core), "pom.xml") == []
    sdk = ("    <dependency>\n      <groupId>com.amazonaws</groupId>\n      <artifactId>aws-java-sdk-s3</artifactId>\n"
           "    </dependency>\n")
    assert [h.code for h in analyze(bom.format(deps=core + sdk), "pom.xml")] == ["LMI402"]


def test_a_cdk_apps_own_package_is_not_function_code(tmp_path):
    """dotnet-appsignals (heldout13): the CDK app in src/iac/aws depends on aws-cdk-lib, constructs and an EKS
    blueprints library that pulls ``@aws-sdk/client-eks`` 3.666.0 into its lock; its code defines stacks (cdk synth
    runs it on the developer's machine or in CI), no Lambda function is built from it, so neither its package.json
    nor its lock is a finding. A function folder inside the same CDK repository with its own package.json is still
    judged, and so is a CDK package that holds a handler itself (a function bundled from the app's package)."""
    app = tmp_path / "iac"
    app.mkdir()
    (app / "package.json").write_text(json.dumps({"name": "iac", "bin": {"iac": "bin/iac.js"},
                                                  "devDependencies": {"aws-cdk": "2.147.3"},
                                                  "dependencies": {"aws-cdk-lib": "2.147.3", "constructs": "^10.0.0",
                                                                   "eks-blueprints": "^1.15.1"}}))
    (app / "package-lock.json").write_text(json.dumps({"name": "iac", "lockfileVersion": 3, "packages": {
        "": {"dependencies": {"aws-cdk-lib": "2.147.3", "eks-blueprints": "^1.15.1"}},
        "node_modules/aws-cdk-lib": {"version": "2.147.3"},
        "node_modules/eks-blueprints": {"version": "1.15.1"},
        "node_modules/@aws-sdk/client-eks": {"version": "3.666.0"}}}, indent=2))
    (app / "bin").mkdir()
    (app / "bin" / "iac.ts").write_text("import * as cdk from 'aws-cdk-lib';\nimport * as blueprints from "
                                        "'eks-blueprints';\nconst app = new cdk.App();\n"
                                        "blueprints.EksBlueprint.builder().build(app, 'cluster');\n")
    assert scan_hits(tmp_path, "LMI402") == []
    # a function of the CDK repository, in its own package: judged
    node_package(app / "lambda" / "fn", {"index.js": "exports.handler = async (event) => ({ ok: 1 });\n"})
    (app / "lib").mkdir()
    (app / "lib" / "stack.ts").write_text(
        "import * as cdk from 'aws-cdk-lib';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\n"
        "export class S extends cdk.Stack {\n  constructor(scope: any, id: string) {\n    super(scope, id);\n"
        "    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler',\n"
        "      code: lambda.Code.fromAsset('lambda/fn') });\n  }\n}\n")
    assert scan_hits(tmp_path, "LMI402") == [("iac/lambda/fn/package-lock.json", "LMI402")]
    # a handler inside the CDK app's own package (bundled with the app's node_modules): the app's lock is judged
    (app / "handler.js").write_text("const { EKSClient } = require('@aws-sdk/client-eks');\n"
                                    "exports.handler = async (event) => new EKSClient({}).send(event);\n")
    assert ("iac/package-lock.json", "LMI402") in scan_hits(tmp_path, "LMI402")


# --- dev and test dependency groups (heldout14 cause 6: no function is built with them) ----------------------------
DEV_PYPROJECT = """\
    [project]
    name = "svc"
    dependencies = ["aws-lambda-powertools==3.1.0"]

    [project.optional-dependencies]
    tracer = ["aws-lambda-powertools[tracer]==3.2.0"]
    dev = [
        "pytest==8.0.0",
        "aws-lambda-powertools==2.40.0",
    ]
    "test" = ["aws-lambda-powertools==2.41.0"]

    [tool.hatch.envs.test]
    dependencies = ["aws_lambda_powertools==2.42.0"]

    [tool.hatch.envs.lint]
    dependencies = [
      "aws_lambda_powertools==2.42.0",
    ]

    [tool.poetry.group.dev.dependencies]
    aws-lambda-powertools = "^2.30"

    [tool.poetry.dev-dependencies]
    aws-lambda-powertools = "2.31.0"

    [dependency-groups]
    dev = ["aws-lambda-powertools==2.32.0"]

    [tool.uv]
    dev-dependencies = ["aws-lambda-powertools==2.33.0"]
    """


def test_dev_and_test_groups_of_a_pyproject_are_not_function_dependencies():
    """Dev/test extras, hatch environments, Poetry dev groups, PEP 735 groups and uv dev dependencies are tooling:
    no function is built with them. The runtime dependencies and a runtime extra are still judged."""
    hits = analyze(DEV_PYPROJECT, "pyproject.toml")
    assert [(h.line, at(DEV_PYPROJECT, h)) for h in hits] == [(3, "==3.1.0"), (6, "==3.2.0")]


def test_dev_groups_of_pipfile_and_setup_cfg_are_not_function_dependencies():
    pipfile = ('[packages]\naws-lambda-powertools = "==3.2.0"\n\n[dev-packages]\naws-lambda-powertools = "==2.0.0"\n')
    assert [h.line for h in analyze(pipfile, "Pipfile")] == [2]
    setup_cfg = ("[options]\ninstall_requires =\n    aws-lambda-powertools==3.2.0\n\n[options.extras_require]\n"
                 "test =\n    pytest\n    aws-lambda-powertools==2.0.0\nlambda =\n    aws-lambda-powertools==3.3.0\n")
    assert [h.line for h in analyze(setup_cfg, "setup.cfg")] == [3, 10]


@pytest.mark.parametrize("rel", ["requirements-dev.txt", "lca-ai-stack/requirements/requirements-dev.txt",
                                 "dev-requirements.txt", "requirements_test.txt", "requirements/dev.txt",
                                 "test-requirements.txt", "requirements.lint.txt", "requirements-docs.txt"])
def test_dev_requirements_files_are_not_function_dependencies(rel):
    assert analyze("aws-lambda-powertools==2.40.0\n", rel) == []


@pytest.mark.parametrize("rel", ["requirements.txt", "src/requirements.txt", "requirements-prod.txt",
                                 "requirements/lambda.txt", "device-requirements.txt", "latest-requirements.txt"])
def test_function_requirements_files_are_still_judged(rel):
    assert len(analyze("aws-lambda-powertools==2.40.0\n", rel)) == 1


# --- Python manifests no deployed function is built from (heldout14 cause 6) ---------------------------------------
PY_SAM = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello_world/
      Handler: app.lambda_handler
      Runtime: python3.13
"""
OLD_PT = "aws-lambda-powertools==2.40.0\n"
PY_HANDLER = "def lambda_handler(event, context):\n    return {'ok': 1}\n"


def test_a_python_manifest_outside_every_functions_code_folder_is_not_judged(tmp_path):
    """sam build installs the requirements of each function's CodeUri ("Building Python Lambda functions with
    .zip file archives", AWS SAM Developer Guide); a repository-root project for tests and tooling (a hatch
    pyproject) is no function's. The function's own requirements stay judged."""
    (tmp_path / "template.yaml").write_text(PY_SAM)
    (tmp_path / "hello_world").mkdir()
    (tmp_path / "hello_world" / "app.py").write_text(PY_HANDLER)
    (tmp_path / "hello_world" / "requirements.txt").write_text(OLD_PT)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "tooling"\ndependencies = ["aws-lambda-powertools==2.42.0"]\n')
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "requirements.txt").write_text(OLD_PT)
    assert scan_hits(tmp_path, "LMI401") == [("hello_world/requirements.txt", "LMI401")]


@pytest.mark.parametrize("layout", ["no-definition", "code-at-root", "layer", "handler-beside"])
def test_python_manifests_a_function_may_be_built_from_stay_judged(tmp_path, layout):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text(PY_HANDLER)
    if layout == "no-definition":          # nothing says where the function is built from
        rel = "requirements.txt"
    elif layout == "code-at-root":         # CodeUri: . — the root is the function's code folder
        (tmp_path / "template.yaml").write_text(PY_SAM.replace("hello_world/", ".").replace("app.", "src.app."))
        rel = "requirements.txt"
    elif layout == "layer":                # a layer's requirements ship into the functions that use it
        (tmp_path / "template.yaml").write_text(PY_SAM.replace("hello_world/", "src/"))
        rel = "layers/common/requirements.txt"
    else:                                  # a handler file right beside it, whatever the template says
        (tmp_path / "template.yaml").write_text(PY_SAM.replace("hello_world/", "src/"))
        (tmp_path / "jobs").mkdir()
        (tmp_path / "jobs" / "app.py").write_text(PY_HANDLER)
        rel = "src/requirements.txt"
    (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / rel).write_text(OLD_PT)
    assert (rel, "LMI401") in scan_hits(tmp_path, "LMI401")


@pytest.mark.parametrize("code", ["LMI401", "LMI402", "LMI403"])
def test_each_manifest_rules_examples_say_what_the_analyzer_does(code):
    """corpus_heldout7 label correction: the rule's own example_bad must be a finding and example_good must not
    (an open range like ``^3.620.0`` without a lock installs the newest release it allows: not a finding)."""
    info = rules()[code]

    def hits(example: str):
        if example.startswith('"'):
            return analyze('{"dependencies": {%s}}' % example, "package.json")
        return analyze(example + "\n", "requirements.txt")

    assert [h.code for h in hits(info.example_bad)] == [code]
    assert hits(info.example_good) == []
    assert [h.code for h in analyze('{"dependencies": {"@aws-sdk/client-s3": "^3.620.0"}}', "package.json")] == []


def test_a_project_manifest_stays_judged_when_functions_are_not_built_from_their_folders(tmp_path):
    """corpus_heldout5 coa: CDK functions deployed with Code.fromBucket (a build script packages them from the
    project's pyproject): nothing says the pyproject is not theirs."""
    (tmp_path / "lambda" / "api").mkdir(parents=True)
    (tmp_path / "lambda" / "api" / "api.py").write_text(PY_HANDLER)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.ts").write_text(
        "import { Function, Runtime, Code } from 'aws-cdk-lib/aws-lambda';\n"
        "new Function(this, 'Api', { runtime: Runtime.PYTHON_3_13, handler: 'api.lambda_handler',\n"
        "  code: Code.fromBucket(bucket, 'api.zip') });\n")
    (tmp_path / "pyproject.toml").write_text('[tool.poetry.dependencies]\naws-lambda-powertools = "3.4.1"\n')
    assert scan_hits(tmp_path, "LMI401") == [("pyproject.toml", "LMI401")]
    (tmp_path / "lib" / "stack.ts").write_text((tmp_path / "lib" / "stack.ts").read_text().replace(
        "Code.fromBucket(bucket, 'api.zip')", "Code.fromAsset('lambda/api')"))
    assert scan_hits(tmp_path, "LMI401") == []
