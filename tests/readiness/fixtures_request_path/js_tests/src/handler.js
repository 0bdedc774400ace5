exports.handler = async (event, context) => {
  return { statusCode: 200, body: JSON.stringify({ id: event.id, requestId: context.awsRequestId }) };
};
