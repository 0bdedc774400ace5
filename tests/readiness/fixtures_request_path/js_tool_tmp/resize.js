const { execSync } = require('child_process');
const fs = require('fs');

exports.handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  execSync(`convert /tmp/${key} -resize 200x200 /tmp/thumb-${key}`);
  return fs.readFileSync(`/tmp/thumb-${key}`).length;
};
