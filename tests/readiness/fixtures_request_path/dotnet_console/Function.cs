using System;
using Amazon.Lambda.Core;

namespace Hello;

public class Function
{
    public string FunctionHandler(string input, ILambdaContext context)
    {
        Console.WriteLine($"processing {input}");
        Console.Error.WriteLine("done");
        return input;
    }
}
