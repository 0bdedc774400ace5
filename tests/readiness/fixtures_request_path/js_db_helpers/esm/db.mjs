import mongoose from 'mongoose';

export default async function connectToDatabase() {
  return mongoose.connect(process.env.MONGODB_URI);
}
