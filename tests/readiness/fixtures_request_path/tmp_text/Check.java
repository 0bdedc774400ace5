import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Check implements RequestHandler<Map<String, String>, String> {
    public String handleRequest(Map<String, String> event, Context context) {
        String p = event.get("path");
        if (p.startsWith("/tmp/cache")) {
            return "cached";
        }
        return p.equals("/tmp/index") ? "index" : "other";
    }
}
