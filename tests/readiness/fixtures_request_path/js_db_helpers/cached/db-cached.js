const mongoose = require('mongoose');

let cached = null;

async function connectToDatabase() {
  if (cached) return cached;
  cached = await mongoose.connect(process.env.MONGODB_URI);
  return cached;
}

module.exports = { connectToDatabase };
