import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.setContentType('text/plain');
  await pipeline(Readable.from([`hello ${context.awsRequestId}`]), responseStream);
});
