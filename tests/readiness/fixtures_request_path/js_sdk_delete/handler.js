const AWS = require('aws-sdk');

const dynamoDb = new AWS.DynamoDB.DocumentClient();
const seen = new Map();

module.exports.remove = async (event, context) => {
  const params = { TableName: process.env.TABLE, Key: { id: event.pathParameters.id } };
  await dynamoDb.delete(params).promise();
  seen.set(event.pathParameters.id, context.awsRequestId);
  return { statusCode: 204 };
};
