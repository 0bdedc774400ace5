package com.example.clean;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

// Ready for multi-concurrency: the analyzer must stay quiet here ("/tmp" in this comment is not a path).
public class CleanHandler implements RequestHandler<Map<String, String>, String> {
    private static final DynamoDbClient DYNAMO = DynamoDbClient.create();
    private static final HikariDataSource POOL = new HikariDataSource();
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final AtomicInteger SERVED = new AtomicInteger();
    private static final Object LOCK = new Object();
    private static int guarded;
    private final String table;

    static {
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }

    public CleanHandler() {
        table = System.getenv("TABLE");
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        SERVED.incrementAndGet();
        CACHE.put(event.get("id"), DAY.format(java.time.LocalDate.now()));
        synchronized (LOCK) {
            guarded++;
        }
        int count = 0;
        count++;
        Path file = Path.of("/tmp", context.getAwsRequestId() + ".json");
        try {
            Files.writeString(file, event.get("id"));
            context.getLogger().log("wrote /tmp file for " + context.getAwsRequestId());
            System.out.println("request " + context.getAwsRequestId() + " done");
        } catch (Exception e) {
            throw new IllegalStateException("cannot write /tmp/out.json", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (Exception ignored) {
                // nothing to clean
            }
        }
        return table + count;
    }
}
