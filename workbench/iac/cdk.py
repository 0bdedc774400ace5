"""CDK apps (TypeScript by default, JavaScript and Python) rendered from the infrastructure model.

aws-cdk-lib 2.231.0 is the first release with ``lambda.CapacityProvider`` (aws/aws-cdk#36255).
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from workbench.iac.model import (
    ACCOUNT,
    MIGRATION_NOTE,
    PARTITION,
    REGION,
    SG_ARN_TOKEN,
    SUBNET_ARN_TOKEN,
    InfraModel,
)

# Exact versions, so every install of a generated project resolves the same packages. aws-cdk-lib must be >= 2.231.0;
# these are the versions tests/iac/test_cdk_synth.py installs from npm and synthesises with.
CDK_LIB_VERSION = "2.276.0"
CONSTRUCTS_VERSION = "10.8.1"  # aws-cdk-lib 2.276.0 asks for constructs ^10.5.0
CDK_CLI_VERSION = "2.1148.1"  # the aws-cdk CLI has its own version line (2.1xxx)
TYPESCRIPT_VERSIONS = {"typescript": "5.9.3", "ts-node": "10.9.2", "@types/node": "22.20.5"}


def _c(text: str, pad: str, mark: str = "//") -> str:
    return "".join(f"{pad}{mark} {line}\n" for line in textwrap.wrap(text, 110 - len(pad)))


def _camel(text: str) -> str:
    return text[0].lower() + text[1:]


# --- TypeScript / JavaScript ----------------------------------------------------------------------------------


def _js_string(text: str) -> str:
    if ACCOUNT in text or REGION in text or PARTITION in text:
        inner = (text.replace("`", "\\`").replace(ACCOUNT, "${cdk.Aws.ACCOUNT_ID}")
                 .replace(REGION, "${cdk.Aws.REGION}").replace(PARTITION, "${cdk.Aws.PARTITION}"))
        return f"`{inner}`"
    return json.dumps(text)


def _js_value(value: Any, pad: str) -> str:
    inner = pad + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {_js_value(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        items = []
        for v in value:
            if isinstance(v, str) and SUBNET_ARN_TOKEN in v:
                items.append(f"{inner}...subnets.map((s) => {_js_string(v.replace(SUBNET_ARN_TOKEN, '${s.subnetId}'))}),")
            elif isinstance(v, str) and SG_ARN_TOKEN in v:
                items.append(f"{inner}...securityGroups.map((g) => "
                             f"{_js_string(v.replace(SG_ARN_TOKEN, '${g.securityGroupId}'))}),")
            else:
                items.append(f"{inner}{_js_value(v, inner)},")
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, str):
        return _js_string(value)
    return json.dumps(value)


def _js_runtime(runtime: str) -> str:
    family = {"python": "PYTHON", "nodejs": "NODEJS", "java": "JAVA", "dotnet": "DOTNET_CORE"}
    for prefix, name in family.items():
        if runtime.startswith(prefix):
            return f"new lambda.Runtime({json.dumps(runtime)}, lambda.RuntimeFamily.{name})"
    return f"new lambda.Runtime({json.dumps(runtime)})"


def _arch(arch: str) -> str:
    return "lambda.Architecture.ARM_64" if arch == "arm64" else "lambda.Architecture.X86_64"


def _stack_body(model: InfraModel, *, ts: bool) -> str:
    fn, cp, net = model.function, model.capacity_provider, model.network
    p = "    "
    lines: list[str] = []
    add = lines.append
    if net.create:
        add("\n" + _c(net.why, p))
        add(f"""{p}const vpc = new ec2.Vpc(this, 'Vpc', {{
{p}  ipAddresses: ec2.IpAddresses.cidr({json.dumps(net.vpc_cidr)}),
{p}  maxAzs: 3,
{p}  natGateways: 1,
{p}}});
{p}const subnets = vpc.privateSubnets;
{p}const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {{
{p}  vpc,
{p}  description: 'LMI instances: HTTPS egress only, no ingress',
{p}  allowAllOutbound: false,
{p}}});
{p}securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs (CloudWatch Logs, metrics)');
{p}const securityGroups = [securityGroup];
""")
    else:
        add("\n" + _c(net.why, p))
        subnet_list = ", ".join(json.dumps(s) for s in net.subnet_ids)
        group_list = ", ".join(json.dumps(g) for g in net.security_group_ids)
        add(f"""{p}const subnetIds{': string[]' if ts else ''} = this.node.tryGetContext('subnetIds') ?? [{subnet_list}];
{p}const securityGroupIds{': string[]' if ts else ''} = this.node.tryGetContext('securityGroupIds') ?? [{group_list}];
{p}const subnets = subnetIds.map((id{': string' if ts else ''}, i{': number' if ts else ''}) => ec2.Subnet.fromSubnetId(this, `Subnet${{i}}`, id));
{p}const securityGroups = securityGroupIds.map((id{': string' if ts else ''}, i{': number' if ts else ''}) =>
{p}  ec2.SecurityGroup.fromSecurityGroupId(this, `SecurityGroup${{i}}`, id, {{ allowAllOutbound: false }}));
{p}// Imported subnets carry no route table; the capacity provider needs only their ids.
{p}cdk.Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-ec2:noSubnetRouteTableId',
{p}  'The capacity provider uses the subnet ids only');
""")
    for role in model.roles:
        var = _camel(role.key)
        add("\n" + _c(role.why, p))
        policies = "".join(f"{p}    {json.dumps(pol.name)}: iam.PolicyDocument.fromJson({_js_value(pol.document, p + '    ')}),\n"
                           for pol in role.policies)
        managed = "".join(f"{p}    iam.ManagedPolicy.fromAwsManagedPolicyName({json.dumps(name)}),\n"
                          for name in role.managed_policies)
        add(f"""{p}const {var} = new iam.Role(this, '{role.key}', {{
{p}  roleName: {json.dumps(role.name)},
{p}  assumedBy: new iam.ServicePrincipal({json.dumps(role.service)}),
""" + (f"{p}  managedPolicies: [\n{managed}{p}  ],\n" if managed else "")
            + (f"{p}  inlinePolicies: {{\n{policies}{p}  }},\n" if policies else "") + f"{p}}});\n")
    filt = ""
    if cp.allowed_instance_types or cp.excluded_instance_types:
        kind = "allow" if cp.allowed_instance_types else "exclude"
        types = cp.allowed_instance_types or cp.excluded_instance_types
        listed = ", ".join(f"new ec2.InstanceType({json.dumps(t)})" for t in types)
        filt = _c(cp.why["instance_types"], p + "  ") + f"{p}  instanceTypeFilter: lambda.InstanceTypeFilter.{kind}([{listed}]),\n"
    scaling = ("lambda.ScalingOptions.auto()" if cp.target_cpu_pct is None else
               f"lambda.ScalingOptions.manual([lambda.TargetTrackingScalingPolicy.cpuUtilization({cp.target_cpu_pct:g})])")
    add(f"""\n{p}// VPC, permissions and instance requirements cannot change after creation (replacement).
{p}const capacityProvider = new lambda.CapacityProvider(this, 'CapacityProvider', {{
{p}  capacityProviderName: {json.dumps(cp.name)},
{p}  subnets,
{p}  securityGroups,
{p}  operatorRole,
{_c(cp.why['architecture'], p + '  ')}{p}  architectures: [{_arch(cp.architecture)}],
{filt}{_c(cp.why['max_vcpu_count'], p + '  ')}{p}  maxVCpuCount: {cp.max_vcpu_count},
{_c(cp.why['scaling_mode'], p + '  ')}{p}  scalingOptions: {scaling},
{p}}});
""")
    s3 = fn.code_s3
    code = (f"lambda.Code.fromBucket(s3.Bucket.fromBucketName(this, 'CodeBucket', {json.dumps(s3[0])}), "
            f"{json.dumps(s3[1])})" if s3 else f"lambda.Code.fromAsset({json.dumps(fn.code_location)})")
    scaling_cfg = f"minExecutionEnvironments: {fn.min_execution_environments}"
    if fn.max_execution_environments is not None:
        scaling_cfg += f", maxExecutionEnvironments: {fn.max_execution_environments}"
    cfn_scaling = {"MinExecutionEnvironments": fn.min_execution_environments}
    if fn.max_execution_environments is not None:
        cfn_scaling["MaxExecutionEnvironments"] = fn.max_execution_environments
    cast = " as lambda.CfnVersion" if ts else ""
    if model.keeps_latest_published:
        latest_published = (_c("Kept as asked: $LATEST.PUBLISHED runs its own minimum beside the numbered version.",
                               p + "  ") + f"{p}  publishToLatestPublished: true,\n"
                            f"{p}  latestPublishedScalingConfig: {{ {scaling_cfg} }},\n")
    else:
        latest_published = (_c("addFunction publishes $LATEST.PUBLISHED by default (minimum 3 EEs of its own): off, "
                               "the numbered version below is the only published version.", p + "  ")
                            + f"{p}  publishToLatestPublished: false,\n")
    if s3:
        add("\n" + _c("The code is an object in S3: CloudFormation updates the function, and the version, only when "
                      "the key changes, so upload each build under a new key (its hash, say).", p)
            + f"{p}cdk.Annotations.of(this).acknowledgeWarning('@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified',\n"
            f"{p}  'Each build is uploaded under a new key');\n")
    add(f"""\n{p}const fn = new lambda.Function(this, 'Function', {{
{p}  functionName: {json.dumps(fn.name)},
{p}  runtime: {_js_runtime(fn.runtime)},
{p}  handler: {json.dumps(fn.handler)},
{p}  code: {code},
{p}  role: executionRole,
{p}  // must match the capacity provider's architecture
{p}  architecture: {_arch(fn.architecture)},
{_c(fn.why['memory_mb'], p + '  ')}{p}  memorySize: {fn.memory_mb},
{_c(fn.why['timeout_s'], p + '  ')}{p}  timeout: cdk.Duration.seconds({fn.timeout_s}),
{p}}});

{p}capacityProvider.addFunction(fn, {{
{_c(fn.why['concurrency'], p + '  ')}{p}  perExecutionEnvironmentMaxConcurrency: {fn.per_execution_environment_max_concurrency},
{_c(fn.why['memory_gib_per_vcpu'], p + '  ')}{p}  executionEnvironmentMemoryGiBPerVCpu: {float(fn.memory_gib_per_vcpu)},
{latest_published}{p}}});

{_c(model.version_why, p)}{_c('The numbered version for the alias: ' + fn.why['min_execution_environments'], p)}{p}const version = fn.currentVersion;
{p}(version.node.defaultChild{cast}).addPropertyOverride('FunctionScalingConfig', {json.dumps(cfn_scaling)});
{p}const alias = new lambda.Alias(this, 'Alias', {{ aliasName: {json.dumps(fn.alias)}, version }});
""")
    for alarm in model.alarms:
        add("\n" + _c(alarm.why, p))
        if alarm.kind == "throttle-rate":
            add(f"""{p}const throttleRate = new cloudwatch.MathExpression({{
{p}  label: 'Throttle rate (%)',
{p}  expression: '100 * throttles / (invocations + throttles)',
{p}  usingMetrics: {{
{p}    throttles: alias.metricThrottles({{ period: cdk.Duration.minutes(5), statistic: 'Sum' }}),
{p}    invocations: alias.metricInvocations({{ period: cdk.Duration.minutes(5), statistic: 'Sum' }}),
{p}  }},
{p}  period: cdk.Duration.minutes(5),
{p}}});
{p}const {_camel(alarm.key)} = throttleRate.createAlarm(this, '{alarm.key}', {{
""")
        else:
            add(f"""{p}const cpuMetric = new cloudwatch.Metric({{
{p}  namespace: 'AWS/Lambda',
{p}  metricName: 'ExecutionEnvironmentCPUUtilization',
{p}  dimensionsMap: {{
{p}    CapacityProviderName: capacityProvider.capacityProviderName,
{p}    FunctionName: fn.functionName,
{p}    Resource: `${{fn.functionName}}:${{version.version}}`,
{p}  }},
{p}  statistic: 'Average',
{p}  period: cdk.Duration.minutes(5),
{p}}});
{p}const {_camel(alarm.key)} = cpuMetric.createAlarm(this, '{alarm.key}', {{
""")
        add(f"""{p}  alarmName: {json.dumps(alarm.name)},
{p}  alarmDescription: {json.dumps(alarm.description)},
{p}  threshold: {alarm.threshold:g},
{p}  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
{p}  evaluationPeriods: 3,
{p}  datapointsToAlarm: 2,
{p}  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
{p}}});
""")
        if model.alarm_topic_arn:
            add(f"{p}{_camel(alarm.key)}.addAlarmAction(new cloudwatchActions.SnsAction("
                f"sns.Topic.fromTopicArn(this, '{alarm.key}Topic', {json.dumps(model.alarm_topic_arn)})));\n")
    for s in model.schedules:
        scheduled: dict[str, Any] = {"MinExecutionEnvironments": s.min_execution_environments}
        if s.max_execution_environments is not None:
            scheduled["MaxExecutionEnvironments"] = s.max_execution_environments
        add("\n" + _c(s.why, p) + f"""{p}new scheduler.CfnSchedule(this, '{s.key}', {{
{p}  name: {json.dumps(s.name)},
{p}  scheduleExpression: {json.dumps(s.cron)},
{p}  scheduleExpressionTimezone: {json.dumps(s.timezone)},
{p}  flexibleTimeWindow: {{ mode: 'OFF' }},
{p}  target: {{
{p}    arn: 'arn:aws:scheduler:::aws-sdk:lambda:putFunctionScalingConfig',
{p}    roleArn: schedulerRole.roleArn,
{p}    input: cdk.Stack.of(this).toJsonString({{
{p}      FunctionName: fn.functionName,
{p}      Qualifier: version.version,
{p}      FunctionScalingConfig: {json.dumps(scheduled)},
{p}    }}),
{p}  }},
{p}}});
""")
    add(f"""\n{p}new cdk.CfnOutput(this, 'FunctionAliasArn', {{
{p}  value: alias.functionArn,
{p}  description: 'Invoke this ARN (the alias on the published version)',
{p}}});
""")
    return "".join(lines)


def _imports(model: InfraModel, *, ts: bool) -> str:
    modules = [("cdk", "aws-cdk-lib"), ("cloudwatch", "aws-cdk-lib/aws-cloudwatch"), ("ec2", "aws-cdk-lib/aws-ec2"),
               ("iam", "aws-cdk-lib/aws-iam"), ("lambda", "aws-cdk-lib/aws-lambda")]
    if model.function.code_s3:
        modules.append(("s3", "aws-cdk-lib/aws-s3"))
    if model.schedules:
        modules.append(("scheduler", "aws-cdk-lib/aws-scheduler"))
    if model.alarm_topic_arn:
        modules += [("cloudwatchActions", "aws-cdk-lib/aws-cloudwatch-actions"), ("sns", "aws-cdk-lib/aws-sns")]
    if ts:
        out = [f"import * as {name} from '{mod}';" for name, mod in modules]
        out.append("import { Construct } from 'constructs';")
    else:
        out = [f"const {name} = require('{mod}');" for name, mod in modules]
    return "\n".join(out) + "\n"


def _zones_getter(model: InfraModel, *, ts: bool) -> str:
    """For a new VPC: three zones that CloudFormation resolves (Fn::GetAZs), as the CloudFormation output does.

    With an account and Region in the stack's env, the default getter looks the zones up in the account at synth
    time; overriding it (the extension point aws-cdk-lib documents) keeps ``cdk synth`` free of AWS calls.
    """
    if not model.network.create:
        return ""
    return ("\n" + _c("Three Availability Zones, resolved by CloudFormation at deploy time (Fn::GetAZs), so synth "
                       "needs no account lookup.", "  ")
            + f"  get availabilityZones(){': string[]' if ts else ''} {{\n"
            "    return [0, 1, 2].map((i) => cdk.Fn.select(i, cdk.Fn.getAzs()));\n  }\n")


def _class_name(model: InfraModel) -> str:
    return "".join(part.capitalize() for part in model.function.name.replace("_", "-").split("-") if part) + "LmiStack"


def _package_json(model: InfraModel, *, ts: bool) -> str:
    pkg: dict[str, Any] = {
        "name": f"{model.function.name.lower().replace('_', '-')}-lmi",
        "version": "0.1.0",
        "private": True,
        "bin": {"app": "bin/app.js"},
        "scripts": {"cdk": "cdk", "synth": "cdk synth"},
        "dependencies": {"aws-cdk-lib": CDK_LIB_VERSION, "constructs": CONSTRUCTS_VERSION},
        "devDependencies": {"aws-cdk": CDK_CLI_VERSION},
    }
    if ts:
        pkg["scripts"]["build"] = "tsc"
        pkg["devDependencies"] |= TYPESCRIPT_VERSIONS
    return json.dumps(pkg, indent=2) + "\n"


def _cdk_json(app: str) -> str:
    return json.dumps({"app": app, "context": {}}, indent=2) + "\n"


README = """# {name} on Lambda Managed Instances ({lang} CDK app)

Generated by LMI Workbench. Needs aws-cdk-lib >= 2.231.0 (the first release with `lambda.CapacityProvider`).

    {install}
    npx cdk synth
    npx cdk deploy{context}

The published version becomes ACTIVE once its minimum execution environments are ready (minutes).
Cleanup: `npx cdk destroy` deletes the function before the capacity provider.

{versions}

{migration}
"""


def cdk_typescript(model: InfraModel) -> dict[str, str]:
    cls = _class_name(model)
    context = "" if model.network.create else " -c subnetIds='[\"subnet-...\"]' -c securityGroupIds='[\"sg-...\"]'"
    stack = (f"// Lambda Managed Instances for {model.function.name}, generated by LMI Workbench.\n"
             + _imports(model, ts=True) +
             f"\nexport class {cls} extends cdk.Stack {{\n"
             "  constructor(scope: Construct, id: string, props?: cdk.StackProps) {\n"
             "    super(scope, id, props);\n\n" + _stack_body(model, ts=True) + "  }\n"
             + _zones_getter(model, ts=True) + "}\n")
    app = (f"#!/usr/bin/env node\nimport * as cdk from 'aws-cdk-lib';\nimport {{ {cls} }} from '../lib/stack';\n\n"
           "const app = new cdk.App();\n"
           f"new {cls}(app, '{cls}', {{\n"
           "  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION"
           + (f" ?? {json.dumps(model.region)}" if model.region else "") + " },\n});\n")
    tsconfig = {"compilerOptions": {"target": "ES2022", "module": "commonjs", "lib": ["es2022"], "strict": True,
                                    "esModuleInterop": True, "skipLibCheck": True, "declaration": False,
                                    "outDir": "dist", "rootDir": "."},
                "include": ["bin/**/*.ts", "lib/**/*.ts"], "exclude": ["node_modules", "cdk.out"]}
    return {
        "package.json": _package_json(model, ts=True),
        "cdk.json": _cdk_json("npx ts-node --prefer-ts-exts bin/app.ts"),
        "tsconfig.json": json.dumps(tsconfig, indent=2) + "\n",
        "bin/app.ts": app,
        "lib/stack.ts": stack,
        "README.md": README.format(name=model.function.name, lang="TypeScript", install="npm install",
                                   context=context, versions=model.version_why, migration=MIGRATION_NOTE),
    }


def cdk_javascript(model: InfraModel) -> dict[str, str]:
    cls = _class_name(model)
    stack = (f"// Lambda Managed Instances for {model.function.name}, generated by LMI Workbench.\n"
             + _imports(model, ts=False) +
             f"\nclass {cls} extends cdk.Stack {{\n"
             "  constructor(scope, id, props) {\n"
             "    super(scope, id, props);\n\n" + _stack_body(model, ts=False) + "  }\n"
             + _zones_getter(model, ts=False) + "}\n\n"
             f"module.exports = {{ {cls} }};\n")
    app = (f"#!/usr/bin/env node\nconst cdk = require('aws-cdk-lib');\nconst {{ {cls} }} = require('../lib/stack');\n\n"
           f"const app = new cdk.App();\nnew {cls}(app, '{cls}', {{\n"
           "  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },\n});\n")
    context = "" if model.network.create else " -c subnetIds='[\"subnet-...\"]' -c securityGroupIds='[\"sg-...\"]'"
    return {
        "package.json": _package_json(model, ts=False),
        "cdk.json": _cdk_json("node bin/app.js"),
        "bin/app.js": app,
        "lib/stack.js": stack,
        "README.md": README.format(name=model.function.name, lang="JavaScript", install="npm install",
                                   context=context, versions=model.version_why, migration=MIGRATION_NOTE),
    }

