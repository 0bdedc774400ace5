"""Node.js call following across files beyond relative imports: TypeScript path aliases (``compilerOptions.paths``
and ``baseUrl`` of tsconfig.json / jsconfig.json, through ``extends``) and Lambda layers (``/opt/nodejs/x``,
``/opt/nodejs/node_modules/x`` and bare names found through NODE_PATH, resolved to a layer folder of the project).

Each project has a handler that calls a helper in another file; the helper opens a database connection on every
call (LMI102), so the finding appears exactly when the scanner follows the import to the helper's file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.readiness.js_modules import ModuleResolver, read_jsonc
from workbench.readiness.scanner import scan

HELPER_TS = """\
import mongoose from 'mongoose';

export async function connectToDatabase() {
  await mongoose.connect(process.env.MONGODB_URI!);
  return mongoose.connection;
}
"""
HELPER_JS = """\
const mongoose = require('mongoose');

async function connectToDatabase() {
  await mongoose.connect(process.env.MONGODB_URI);
  return mongoose.connection;
}

module.exports = { connectToDatabase };
"""


def handler_ts(spec: str) -> str:
    return (f"import {{ connectToDatabase }} from '{spec}';\n\n"
            "export const handler = async (event: any) => {\n"
            "  const db = await connectToDatabase();\n"
            "  return db.collection('orders').find({ owner: event.owner }).toArray();\n};\n")


def handler_js(spec: str) -> str:
    return (f"const {{ connectToDatabase }} = require('{spec}');\n\n"
            "exports.handler = async (event) => {\n"
            "  const db = await connectToDatabase();\n"
            "  return db.collection('orders').find({ owner: event.owner }).toArray();\n};\n")


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def per_request_connects(root: Path) -> list[str]:
    result = scan(root, workers=0, use_cache=False)
    assert result.report.fatal is None
    return sorted(f"{f.path}:{f.line}" for f in result.findings if f.rule == "LMI102")


# --- TypeScript path aliases ----------------------------------------------------------------------------------------
TSCONFIG_PATHS = """\
{
  // comments and trailing commas are allowed in tsconfig.json (JSONC)
  "compilerOptions": {
    "baseUrl": ".",
    "paths": {
      "@libs/*": ["src/libs/*"], /* a block comment with a "string" */
      "@config": ["src/config/index.ts"],
    },
    "outDir": "https://example.com/not-a-comment",
  },
}
"""


def test_a_paths_alias_is_followed_to_the_helper(tmp_path):
    write(tmp_path, {"src/functions/orders/handler.ts": handler_ts("@libs/db"), "src/libs/db.ts": HELPER_TS})
    assert per_request_connects(tmp_path) == []          # without a tsconfig the alias is an npm package
    write(tmp_path, {"tsconfig.json": TSCONFIG_PATHS})
    assert per_request_connects(tmp_path) == ["src/libs/db.ts:4"]


def test_an_exact_alias_and_base_url_imports(tmp_path):
    write(tmp_path, {"tsconfig.json": TSCONFIG_PATHS, "src/config/index.ts": HELPER_TS,
                     "src/functions/a.ts": handler_ts("@config")})
    assert per_request_connects(tmp_path) == ["src/config/index.ts:4"]
    other = tmp_path / "other"
    write(other, {"tsconfig.json": '{"compilerOptions": {"baseUrl": "src"}}', "src/shared/db.ts": HELPER_TS,
                  "src/handlers/b.ts": handler_ts("shared/db")})
    assert per_request_connects(other) == ["src/shared/db.ts:4"]


def test_paths_inherited_through_extends_are_relative_to_the_config_that_declares_them(tmp_path):
    write(tmp_path, {
        "config/tsconfig.base.json": json.dumps({"compilerOptions": {"baseUrl": "..",
                                                                     "paths": {"@shared/*": ["shared/*"]}}}),
        "services/orders/tsconfig.json": json.dumps({"extends": "../../config/tsconfig.base.json",
                                                     "compilerOptions": {"strict": True}}),
        "services/orders/handler.ts": handler_ts("@shared/db"),
        "shared/db.ts": HELPER_TS,
    })
    assert per_request_connects(tmp_path) == ["shared/db.ts:4"]


def test_paths_without_base_url_are_relative_to_the_config(tmp_path):
    write(tmp_path, {"app/tsconfig.json": json.dumps({"compilerOptions": {"paths": {"~/*": ["./lib/*"]}}}),
                     "app/lib/db.ts": HELPER_TS, "app/handler.ts": handler_ts("~/db")})
    assert per_request_connects(tmp_path) == ["app/lib/db.ts:4"]


def test_an_alias_of_a_missing_file_or_a_broken_tsconfig_is_no_edge_and_no_crash(tmp_path):
    write(tmp_path, {"tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@libs/*": ["nowhere/*"]}',
                     "src/handler.ts": handler_ts("@libs/db"), "src/libs/db.ts": HELPER_TS})
    assert per_request_connects(tmp_path) == []


def test_a_tsconfig_that_extends_itself_in_a_loop_is_read_once(tmp_path):
    write(tmp_path, {"a.json": json.dumps({"extends": "./tsconfig.json"}),
                     "tsconfig.json": json.dumps({"extends": "./a.json",
                                                  "compilerOptions": {"baseUrl": ".", "paths": {"@l/*": ["l/*"]}}}),
                     "l/db.ts": HELPER_TS, "h.ts": handler_ts("@l/db")})
    assert per_request_connects(tmp_path) == ["l/db.ts:4"]


# --- Lambda layers ----------------------------------------------------------------------------------------------------
def test_a_require_of_opt_nodejs_is_followed_to_the_layer_folder(tmp_path):
    write(tmp_path, {"functions/orders/index.js": handler_js("/opt/nodejs/db"),
                     "layers/common/nodejs/db.js": HELPER_JS})
    assert per_request_connects(tmp_path) == ["layers/common/nodejs/db.js:4"]


SERVERLESS_LAYER = """\
service: orders
provider:
  name: aws
  runtime: nodejs22.x
layers:
  dbutil:
    path: layers/dbutil
functions:
  orders:
    handler: functions/orders/index.handler
    layers: [{Ref: DbutilLambdaLayer}]
"""


def test_opt_nodejs_node_modules_resolves_to_a_serverless_framework_layer_package(tmp_path):
    # the layer's package is named by its folder when it has no package.json
    write(tmp_path, {"serverless.yml": SERVERLESS_LAYER, "functions/orders/index.js":
                     handler_js("/opt/nodejs/node_modules/dbutil/db"), "layers/dbutil/db.js": HELPER_JS})
    assert per_request_connects(tmp_path) == ["layers/dbutil/db.js:4"]


SAM_LAYER = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/orders/
      Handler: index.handler
      Runtime: nodejs22.x
      Layers: [!Ref DbLayer]
  DbLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: {content}
      CompatibleRuntimes: [nodejs22.x]
    Metadata:
      BuildMethod: nodejs22.x
"""


@pytest.mark.parametrize("spec", ["/opt/nodejs/node_modules/dbutil", "dbutil"])
def test_a_sam_layer_content_uri_is_the_package_the_function_requires(tmp_path, spec):
    # SAM builds the ContentUri folder (BuildMethod nodejs22.x) into the layer's nodejs/node_modules/<name>;
    # a bare name is found there too, as Lambda's NODE_PATH includes /opt/nodejs/node_modules
    write(tmp_path, {"template.yaml": SAM_LAYER.format(content="layers/db-layer/"),
                     "functions/orders/index.js": handler_js(spec),
                     "layers/db-layer/package.json": json.dumps({"name": "dbutil", "main": "lib/main.js"}),
                     "layers/db-layer/lib/main.js": HELPER_JS})
    assert per_request_connects(tmp_path) == ["layers/db-layer/lib/main.js:4"]


def test_a_sam_layer_content_uri_with_a_nodejs_folder(tmp_path):
    write(tmp_path, {"template.yaml": SAM_LAYER.format(content="shared"),
                     "functions/orders/index.js": handler_js("/opt/nodejs/db"),
                     "shared/nodejs/db.js": HELPER_JS})
    assert per_request_connects(tmp_path) == ["shared/nodejs/db.js:4"]


def test_a_package_of_the_functions_own_node_modules_is_not_taken_for_a_layer(tmp_path):
    # `require('mongoose')` is an npm package: no layer of the project provides it
    write(tmp_path, {"functions/orders/index.js": handler_js("mongoose"), "layers/common/nodejs/db.js": HELPER_JS})
    assert per_request_connects(tmp_path) == []


# --- the resolver on its own --------------------------------------------------------------------------------------------
def test_read_jsonc_keeps_strings_that_look_like_comments():
    assert read_jsonc('{"a": "//x", /* c */ "b": [1, 2,], // d\n}') == {"a": "//x", "b": [1, 2]}
    assert read_jsonc("{ not json") is None


def test_the_resolver_never_reads_a_config_outside_the_root(tmp_path):
    outside = tmp_path / "outside"
    write(outside, {"tsconfig.json": json.dumps({"compilerOptions": {"baseUrl": ".", "paths": {"@x/*": ["x/*"]}}})})
    root = tmp_path / "root"
    write(root, {"tsconfig.json": json.dumps({"extends": "../outside/tsconfig.json"}), "x/db.ts": HELPER_TS})
    resolver = ModuleResolver(root, {"h.ts", "x/db.ts"}, {})
    assert resolver.resolve("h.ts", "@x/db") == []
    assert resolver.resolve("h.ts", "./x/db") == ["x/db.ts"]


# --- package.json "imports" (Node.js subpath imports) --------------------------------------------------------------
@pytest.mark.parametrize("imports, spec", [
    ({"#db": "./src/lib/db.js"}, "#db"),
    ({"#lib/*": "./src/lib/*.js"}, "#lib/db"),
    ({"#lib/*": {"types": "./types/*.d.ts", "node": "./src/lib/*.js", "default": "./x/*.js"}}, "#lib/db"),
])
def test_a_package_json_subpath_import_is_followed(tmp_path, imports, spec):
    write(tmp_path, {"package.json": json.dumps({"name": "orders", "type": "module", "imports": imports}),
                     "src/lib/db.js": HELPER_TS.replace("process.env.MONGODB_URI!", "process.env.MONGODB_URI"),
                     "src/handler.ts": handler_ts(spec)})
    assert per_request_connects(tmp_path) == ["src/lib/db.js:4"]


def test_a_list_of_extended_configs_the_last_one_wins(tmp_path):
    # TypeScript 5: "extends": [a, b] applies a then b, so b's paths win over a's
    write(tmp_path, {"a.json": json.dumps({"compilerOptions": {"baseUrl": ".", "paths": {"@db": ["wrong/db.ts"]}}}),
                     "b.json": json.dumps({"compilerOptions": {"paths": {"@db": ["right/db.ts"]}}}),
                     "tsconfig.json": json.dumps({"extends": ["./a.json", "./b"]}),
                     "wrong/db.ts": HELPER_TS, "right/db.ts": HELPER_TS, "h.ts": handler_ts("@db")})
    assert per_request_connects(tmp_path) == ["right/db.ts:4"]


# --- local packages (file: dependencies) --------------------------------------------------------------------------
def test_a_local_file_dependency_is_followed_to_the_package(tmp_path):
    """aws-data-lake-solution (corpus_heldout3): each service depends on a shared package of the repository with
    ``"access-validator": "file:../../../resources/access-validator/"`` (npm docs, "package.json": dependencies,
    Local Paths) and requires it by name; npm installs that folder, so its code is the function's code. A bare name
    the package.json does not map to a local path is still no edge."""
    write(tmp_path, {
        "services/cart/package.json": '{"name": "cart", "dependencies": '
                                      '{"db-helper": "file:../../resources/db-helper/", "left-pad": "^1.3.0"}}',
        "services/cart/index.js": handler_js("db-helper"),
        "services/other/index.js": handler_js("db-helper").replace("exports.handler", "exports.handler2"),
        "resources/db-helper/package.json": '{"name": "db-helper", "main": "helper.js"}',
        "resources/db-helper/helper.js": HELPER_JS,
    })
    assert per_request_connects(tmp_path) == ["resources/db-helper/helper.js:4"]
    resolver = ModuleResolver(tmp_path, {"services/cart/index.js", "services/other/index.js",
                                         "resources/db-helper/helper.js"}, {})
    assert resolver.resolve("services/cart/index.js", "db-helper") == ["resources/db-helper/helper.js"]
    assert resolver.resolve("services/cart/index.js", "left-pad") == []
    assert resolver.resolve("services/other/index.js", "db-helper") == []


def test_a_package_a_layers_package_json_installs_from_a_project_folder_is_followed(tmp_path):
    """secure-media-delivery (corpus_heldout5): the layer folder holds only a package.json whose dependency
    ``"sdk": "file:../../../../sdk/v1/"`` npm installs into the layer's node_modules (/opt/nodejs/node_modules on
    Lambda's NODE_PATH), and the function requires the bare ``sdk``: its code is the project folder. A package the
    layer does not install from a folder stays unresolved."""
    layer = {"name": "layer", "dependencies": {"sdk": "file:../../../../sdk/v1/", "debug": "^4.3.3"}}
    write(tmp_path, {"functions/orders/index.js": handler_js("sdk"),
                     "lambda/layers/common/nodejs/package.json": json.dumps(layer),
                     "sdk/v1/package.json": json.dumps({"name": "sdk", "main": "db.js"}),
                     "sdk/v1/db.js": HELPER_JS})
    assert per_request_connects(tmp_path) == ["sdk/v1/db.js:4"]
    write(tmp_path, {"functions/orders/index.js": handler_js("debug")})
    assert per_request_connects(tmp_path) == []
