using Amazon.DynamoDBv2;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.Core;

namespace Orders;

public class Functions
{
    private readonly IAmazonDynamoDB _dynamo;

    public Functions(IAmazonDynamoDB dynamo)
    {
        _dynamo = dynamo;
    }

    [LambdaFunction]
    public string GetOrder(string id, ILambdaContext context)
    {
        context.Logger.LogInformation($"get {id}");
        return id;
    }
}
