import { OrderStore } from './store';

export const handler = async (event: { owner: string }) => {
  const store = new OrderStore();
  await store.connect();
  return store.find(event.owner);
};
