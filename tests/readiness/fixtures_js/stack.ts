import * as cdk from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";

export class Stack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, "Api", { runtime: lambda.Runtime.NODEJS_22_X, handler: "index.handler",
      code: lambda.Code.fromAsset("src/api") });
    new lambda.Function(this, "Legacy", { runtime: lambda.Runtime.RUBY_3_3, handler: "app.handler",
      code: lambda.Code.fromAsset("src/legacy") });
    // runtime: lambda.Runtime.GO_1_X was the old one
  }
}
