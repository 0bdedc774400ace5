const fs = require('fs');
const { randomUUID } = require('crypto');

exports.handler = async (event, context) => {
  const name = `${context.awsRequestId}.json`;
  const file = '/tmp/' + name;
  const id = randomUUID();
  const other = `/tmp/${id}-thumb.png`;
  try {
    fs.writeFileSync(file, JSON.stringify(event));
    fs.writeFileSync(other, '');
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(other, { force: true });
  }
};
