const AWS = require('aws-sdk');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { STSClient, AssumeRoleCommand } = require('@aws-sdk/client-sts');

const sts = new STSClient({});

exports.handler = async (event, context) => {
  const role = await sts.send(new AssumeRoleCommand({ RoleArn: event.tenantRoleArn, RoleSessionName: context.awsRequestId }));
  const tenantCreds = {
    accessKeyId: role.Credentials.AccessKeyId,
    secretAccessKey: role.Credentials.SecretAccessKey,
    sessionToken: role.Credentials.SessionToken,
  };
  const s3 = new S3Client({ credentials: tenantCreds });
  const request = new AWS.HttpRequest(new AWS.Endpoint(process.env.SEARCH_URL), 'eu-west-1');
  const signer = new AWS.Signers.V4(request, 'es');
  signer.addAuthorization(AWS.config.credentials, new Date());
  return s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
};
