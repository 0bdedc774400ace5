const mongoose = require('mongoose');

// opens a new connection on every call: nothing keeps it between invocations
async function connectToDatabase() {
  await mongoose.connect(process.env.MONGODB_URI);
  return mongoose.connection;
}

module.exports = { connectToDatabase };
