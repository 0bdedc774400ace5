const db = require('../lib/db');
const cached = require('../lib/cached-db');

module.exports.get = async (event) => {
  await cached.connect();
  const connection = await db.connectToDatabase();
  return connection.collection('users').findOne({ id: event.pathParameters.id });
};
