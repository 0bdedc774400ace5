"""POST /orders: store the order, record it in MySQL, write a receipt to S3."""

import json
import logging
import os
import uuid

import boto3
import pymysql

from reports import write_daily_summary

logger = logging.getLogger()
logger.setLevel(logging.INFO)

dynamodb = boto3.resource("dynamodb")
orders_table = dynamodb.Table(os.environ["ORDERS_TABLE"])

# Per-process caches: each invocation slot has its own copy.
_price_cache = {}
_invocations = 0


def _price(sku):
    if sku not in _price_cache:
        item = orders_table.get_item(Key={"pk": f"PRICE#{sku}"}).get("Item", {})
        _price_cache[sku] = float(item.get("price", 0))
    return _price_cache[sku]


def handler(event, context):
    global _invocations
    _invocations += 1

    body = json.loads(event.get("body") or "{}")
    order_id = str(uuid.uuid4())
    total = sum(_price(line["sku"]) * line["qty"] for line in body.get("lines", []))

    orders_table.put_item(Item={"pk": f"ORDER#{order_id}", "total": str(total), "lines": body.get("lines", [])})

    connection = pymysql.connect(
        host=os.environ["DB_HOST"],
        user="orders_app",
        password=_db_password(),
        database="orders",
        connect_timeout=5,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO orders (id, total) VALUES (%s, %s)", (order_id, total))
        connection.commit()
    finally:
        connection.close()

    receipt_path = "/tmp/receipt.json"
    with open(receipt_path, "w") as receipt:
        json.dump({"order_id": order_id, "total": total}, receipt)
    s3 = boto3.client("s3")
    s3.upload_file(receipt_path, os.environ["RECEIPT_BUCKET"], f"receipts/{order_id}.json")

    logger.info("order %s created, total %.2f", order_id, total)
    write_daily_summary(context, order_id, total)
    return {"statusCode": 201, "body": json.dumps({"orderId": order_id, "total": total})}


def _db_password():
    secrets = boto3.client("secretsmanager")
    return secrets.get_secret_value(SecretId=os.environ["DB_SECRET_ARN"])["SecretString"]
