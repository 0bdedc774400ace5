using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.SQS;

var handler = async (string input, ILambdaContext context) =>
{
    var sqs = new AmazonSQSClient();
    Environment.SetEnvironmentVariable("LAST", input);
    await sqs.SendMessageAsync(Environment.GetEnvironmentVariable("QUEUE"), input);
    return input;
};

await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
