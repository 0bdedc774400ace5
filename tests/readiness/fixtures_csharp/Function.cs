using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Lambda.Core;
using Microsoft.Data.SqlClient;

[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))]

namespace Orders;

// Every problem in this handler is deliberate (analyzer test fixture).
public class Function
{
    private static readonly Dictionary<string, string> Cache = new Dictionary<string, string>();
    private static readonly Random Dice = new Random();
    private static int _served;
    private const string Report = "/tmp/report.csv";
    private string _currentOrder;

    public async Task<string> FunctionHandler(Order input, ILambdaContext context)
    {
        _currentOrder = input.Id;
        _served++;
        Cache.Add(input.Id, input.Sku);
        var dynamo = new AmazonDynamoDBClient(RegionEndpoint.EUWest1);
        Environment.SetEnvironmentVariable("TENANT", input.Tenant);
        Console.WriteLine("saving order");
        var roll = Dice.Next(6);
        await SaveAsync(input);
        return _currentOrder + roll;
    }

    private async Task SaveAsync(Order order)
    {
        var conn = new SqlConnection(Environment.GetEnvironmentVariable("DB"));
        await conn.OpenAsync();
        File.WriteAllText(Report, order.Id);
    }
}

public record Order(string Id, string Sku, string Tenant);
