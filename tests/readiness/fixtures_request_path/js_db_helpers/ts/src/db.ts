import { MongoClient, Db } from 'mongodb';
import { Pool } from 'pg';
import { createClient } from 'redis';

export async function connectToDatabase(): Promise<Db> {
  const client = await MongoClient.connect(process.env.MONGODB_URI as string);
  return client.db('shop');
}

export const getPool = (): Pool => new Pool({ connectionString: process.env.DATABASE_URL });

export async function getRedis() {
  const redis = createClient({ url: process.env.REDIS_URL });
  await redis.connect();
  return redis;
}
