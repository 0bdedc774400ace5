const { connectToDatabase } = require('./db');

exports.handler = async (event) => {
  const db = await connectToDatabase();
  return db.collection('orders').find({ owner: event.owner }).toArray();
};
