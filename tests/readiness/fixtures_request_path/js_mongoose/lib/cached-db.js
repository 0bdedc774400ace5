const mongoose = require('mongoose');

let conn = null;

exports.connect = async function connect() {
  if (conn == null) {
    conn = mongoose.connect(process.env.MONGODB_URI, { serverSelectionTimeoutMS: 5000 }).then(() => mongoose);
    await conn;
  }
  return conn;
};
