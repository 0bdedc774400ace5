import { handler } from './handler';

export let last: unknown;

export const run = async (event: unknown, context: unknown) => {
  process.env.STAGE = 'test';
  last = await handler(event, context);
  return last;
};
