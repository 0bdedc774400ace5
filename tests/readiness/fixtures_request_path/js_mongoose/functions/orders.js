const { connectToDatabase } = require('../lib/db');

module.exports.list = async (event) => {
  const db = await connectToDatabase();
  return db.collection('orders').find({ owner: event.requestContext.authorizer.principalId }).toArray();
};
