using Amazon.Lambda.Core;

namespace Orders;

public class Function
{
    public string FunctionHandler(string input, ILambdaContext context)
    {
        context.Logger.LogInformation($"order {input}");
        return input.ToUpper();
    }
}
