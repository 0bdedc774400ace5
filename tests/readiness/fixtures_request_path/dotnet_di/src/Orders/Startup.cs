using Amazon.DynamoDBv2;
using Amazon.Lambda.Annotations;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orders;

[LambdaStartup]
public class Startup
{
    private static IAmazonS3 _s3;

    public void ConfigureServices(IServiceCollection services)
    {
        _s3 = new AmazonS3Client();
        services.TryAddSingleton<IAmazonS3>(_s3);
        services.AddOrders();
    }
}

public static class OrderServices
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        var dynamo = new AmazonDynamoDBClient();
        services.TryAddSingleton<IAmazonDynamoDB>(dynamo);
        return services;
    }
}
