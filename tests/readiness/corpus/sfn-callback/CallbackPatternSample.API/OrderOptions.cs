namespace CallbackPatternSample.API
{
    // Option class to map the configuration
    public class OrderOptions
    {
        public string? OrdersStateMachine { get; set; }
        public string? TokenStoreBucket { get; set;}
    }
}
