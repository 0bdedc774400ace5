// Reserve stock for an order (written for the analyzer's tests: every problem here is deliberate).
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { Pool } from "pg";
import fs from "node:fs";

const TABLE = process.env.TABLE_NAME;
const REPORT = "/tmp/report.csv";

let lastTenant;
let served = 0;
const seen = new Map();

async function saveRow(row) {
  const db = new Pool({ connectionString: process.env.DATABASE_URL });
  await db.query("insert into reservations values ($1)", [row.id]);
}

export const handler = async (event, context) => {
  const order = JSON.parse(event.body);
  lastTenant = order.tenant;
  const dynamo = new DynamoDBClient({ region: "eu-west-1" });
  await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: order.id } } }));
  await saveRow(order);
  fs.writeFileSync(REPORT, `${order.id},${order.qty}\n`);
  served += 1;
  seen.set(order.id, order);
  return { statusCode: 200 };
};
