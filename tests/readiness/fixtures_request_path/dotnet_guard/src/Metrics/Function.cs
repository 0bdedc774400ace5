using System.Collections.Generic;
using Amazon.Lambda.Core;

namespace Metrics;

public static class Utils
{
    public static bool IsUsingMultiConcurrency =>
        System.Environment.GetEnvironmentVariable("AWS_LAMBDA_MAX_CONCURRENCY") != null;
}

public class Function
{
    private static readonly Dictionary<string, string> Dimensions = new Dictionary<string, string>();
    private static string _lastRequest;

    public string FunctionHandler(string input, ILambdaContext context)
    {
        if (Utils.IsUsingMultiConcurrency)
        {
            var local = new Dictionary<string, string> { ["request"] = input };
            return Emit(local);
        }
        else
        {
            _lastRequest = input;
            Dimensions["request"] = input;
            return Emit(Dimensions);
        }
    }

    private static string Emit(Dictionary<string, string> dims) => string.Join(",", dims.Values);
}
