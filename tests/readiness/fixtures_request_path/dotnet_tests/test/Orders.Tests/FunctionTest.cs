using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.Lambda.TestUtilities;
using Xunit;

namespace Orders.Tests;

public class FunctionTest
{
    private static readonly List<string> Seen = new List<string>();
    private static int _runs;

    [Fact]
    public void UppercasesTheOrder()
    {
        Environment.SetEnvironmentVariable("TABLE", "orders-test");
        _runs++;
        Seen.Add("x");
        var client = new AmazonDynamoDBClient();
        System.IO.File.WriteAllText("/tmp/order.json", "{}");
        var result = new Function().FunctionHandler("abc", new TestLambdaContext());
        Assert.Equal("ABC", result);
    }
}
