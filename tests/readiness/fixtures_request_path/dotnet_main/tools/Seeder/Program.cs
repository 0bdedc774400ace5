using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2;

namespace Seeder;

public class Program
{
    private static readonly List<string> Written = new List<string>();

    public static void Main(string[] args)
    {
        Environment.SetEnvironmentVariable("AWS_REGION", args[0]);
        Seed(args[1]);
    }

    private static void Seed(string table)
    {
        var client = new AmazonDynamoDBClient();
        Written.Add(table);
        System.IO.File.WriteAllText("/tmp/seed.log", table);
    }
}
