const mongoose = require('mongoose');

async function connectToDatabase() {
  await mongoose.connect(process.env.MONGODB_URI);
  return mongoose.connection;
}

module.exports = { connectToDatabase };
