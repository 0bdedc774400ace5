let lastEvent;

exports.hello = (event, context, callback) => {
  lastEvent = event;
  callback(null, { message: 'hello from Function Compute' });
};
