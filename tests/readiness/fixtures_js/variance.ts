import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { Context, SQSEvent } from "aws-lambda";

interface Box<in out A> {
  value: A;
}

let current: Box<string> | undefined;

export const handler = async (event: SQSEvent, context: Context): Promise<void> => {
  const sqs = new SQSClient({ region: "us-east-1" });
  current = { value: event.Records[0].body };
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: current.value }));
  process.env.LAST_MESSAGE = current.value;
};
