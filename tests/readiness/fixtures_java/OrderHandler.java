package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.text.SimpleDateFormat;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

// Every problem in this handler is deliberate (analyzer test fixture).
public class OrderHandler implements RequestHandler<Map<String, String>, String> {
    private static final Map<String, String> CACHE = new HashMap<>();
    private static final SimpleDateFormat STAMP = new SimpleDateFormat("yyyy-MM-dd");
    private static final String REPORT = "/tmp/report.csv";
    private static int served = 0;
    private String currentOrder;

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String order = event.get("orderId");
        currentOrder = order;
        served++;
        CACHE.put(order, STAMP.format(new java.util.Date()));
        S3Client s3 = S3Client.builder()
                .region(Region.EU_WEST_1)
                .build();
        System.setProperty("tenant", event.get("tenant"));
        System.out.println("saving order");
        save(order);
        return currentOrder;
    }

    private void save(String order) {
        try (Connection c = DriverManager.getConnection(System.getenv("JDBC_URL"))) {
            Files.writeString(Paths.get(REPORT), order);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
