import { connectToDatabase as viaCache } from './db-cached';
import connect from './db-ready';
import { connectToDatabase } from './db-client';
import { connection } from './db-module';

export const handler = async (event: { id: string }) => {
  await viaCache();
  await connect();
  const db = await connectToDatabase();
  await connection();
  return db.collection('items').findOne({ id: event.id });
};
