const save = require('./save');

exports.handler = async function (event, context) {
  total = event.items.length;
  await save(event.items);
  return { total: total, requestId: context.awsRequestId };
};
