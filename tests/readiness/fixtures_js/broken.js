exports.handler = async (event) => {
  const s3 = new S3Client({});
  if (event.x {
    return
};
