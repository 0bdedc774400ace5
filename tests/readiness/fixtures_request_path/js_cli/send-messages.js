#!/usr/bin/env node
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

let sent = 0;

async function sendBatch(queueUrl, count) {
  const sqs = new SQSClient({});
  for (let i = 0; i < count; i++) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `m${i}` }));
    sent += 1;
  }
  process.env.LAST_QUEUE = queueUrl;
}

module.exports = { sendBatch };

if (require.main === module) {
  sendBatch(process.argv[2], 10).then(() => console.log(`sent ${sent}`));
}
