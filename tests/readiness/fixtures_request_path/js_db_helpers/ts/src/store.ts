import mongoose from 'mongoose';

export class OrderStore {
  async connect(): Promise<void> {
    await mongoose.connect(process.env.MONGODB_URI as string);
  }

  async find(owner: string) {
    return mongoose.connection.collection('orders').find({ owner }).toArray();
  }
}
