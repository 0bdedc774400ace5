import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { connectToDatabase, getPool, getRedis } from './db';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const db = await connectToDatabase();
  const rows = await getPool().query('select 1');
  const redis = await getRedis();
  await redis.set('last', event.path);
  return { statusCode: 200, body: JSON.stringify({ n: await db.collection('x').countDocuments(), rows }) };
};
