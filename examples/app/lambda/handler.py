"""The API's Lambda function: stores and lists items in the table named by TABLE_NAME."""
import json
import os
import uuid

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def handler(event, _context):
    if event.get("requestContext", {}).get("http", {}).get("method") == "POST":
        item = {"id": str(uuid.uuid4()), "body": event.get("body") or ""}
        TABLE.put_item(Item=item)
        return {"statusCode": 201, "body": json.dumps(item)}
    items = TABLE.scan(Limit=50).get("Items", [])
    return {"statusCode": 200, "body": json.dumps(items)}
