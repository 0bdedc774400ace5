import connectToDatabase from './db.mjs';

export const handler = async (event) => {
  const conn = await connectToDatabase();
  return conn.model('Order').find({ owner: event.owner });
};
