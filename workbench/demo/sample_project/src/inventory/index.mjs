// POST /inventory/reserve: reserve stock for an order in MySQL and mark the order in DynamoDB.
import { DynamoDBClient, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import mysql from "mysql2/promise";

const dynamo = new DynamoDBClient({});
const secrets = new SecretsManagerClient({});

let currentOrder = null;
let reservedCount = 0;

async function dbPassword() {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
  return out.SecretString;
}

export const handler = async (event, context) => {
  const body = JSON.parse(event.body ?? "{}");
  currentOrder = { id: body.orderId, sku: body.sku, qty: body.qty };
  process.env.TENANT_ID = body.tenantId;

  const connection = await mysql.createConnection({
    host: process.env.DB_HOST,
    user: "inventory_app",
    password: await dbPassword(),
    database: "inventory",
  });
  try {
    await connection.execute(
      "UPDATE stock SET reserved = reserved + ? WHERE sku = ? AND tenant = ?",
      [currentOrder.qty, currentOrder.sku, process.env.TENANT_ID],
    );
  } finally {
    await connection.end();
  }

  await dynamo.send(new UpdateItemCommand({
    TableName: process.env.ORDERS_TABLE,
    Key: { pk: { S: `ORDER#${currentOrder.id}` } },
    UpdateExpression: "SET reserved = :t",
    ExpressionAttributeValues: { ":t": { BOOL: true } },
  }));

  reservedCount += 1;
  console.log(`reserved ${currentOrder.qty} x ${currentOrder.sku} for order ${currentOrder.id}`);
  return { statusCode: 200, body: JSON.stringify({ orderId: currentOrder.id, reserved: true }) };
};
