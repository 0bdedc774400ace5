const fs = require('fs');
const { S3Client } = require('@aws-sdk/client-s3');
const { handler } = require('../handler');

let calls = 0;

describe('handler', () => {
  beforeEach(() => {
    process.env.TABLE = 'orders-test';
  });

  it('answers', async () => {
    calls = calls + 1;
    const s3 = new S3Client({});
    fs.writeFileSync('/tmp/event.json', '{}');
    const result = await handler({ id: 1 }, { awsRequestId: 'r-1' });
    expect(result.statusCode).toBe(200);
  });
});

exports.helpers = { calls };
