const path = require('path');

exports.handler = async (event, context) => {
  const target = path.resolve(event.file);
  if (!target.startsWith('/tmp/')) {
    return { statusCode: 400, body: JSON.stringify({ message: 'only files under /tmp/uploads are served' }) };
  }
  if (target === '/tmp/uploads/index.html') {
    return { statusCode: 302 };
  }
  return { statusCode: 200, body: target };
};
