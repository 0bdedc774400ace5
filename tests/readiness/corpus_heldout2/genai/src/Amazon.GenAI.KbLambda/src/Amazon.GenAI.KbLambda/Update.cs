namespace Amazon.GenAI.KbLambda;

public static class Update
{
    public static async Task<object> Collection(string? nameSuffix, string? namePrefix)
    {
        throw new NotImplementedException();
    }

    public static async Task<object> KnowledgeBase(string? nameSuffix, string? namePrefix)
    {
        throw new NotImplementedException();
    }
}