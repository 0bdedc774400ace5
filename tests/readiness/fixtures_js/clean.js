// A handler that is ready for multi-concurrency: the analyzer must stay quiet here.
// Files go to /tmp/<request id>.json and are removed in finally; "/tmp" alone in this comment is no path.
const { S3Client, GetObjectCommand } = require("@aws-sdk/client-s3");
const mysql = require("mysql2/promise");
const fs = require("fs");
const path = require("path");
const { AsyncLocalStorage } = require("node:async_hooks");

const s3 = new S3Client({});
const pool = mysql.createPool({ host: process.env.DB_HOST, connectionLimit: 4 });
const requestContext = new AsyncLocalStorage();
let settings;                     // loaded once per worker, lazily
const cache = new Map();          // a memo cache: same value whoever fills it

async function loadSettings() {
  if (!settings) {
    settings = await s3.send(new GetObjectCommand({ Bucket: "cfg", Key: "settings.json" }));
  }
  return settings;
}

async function lookup(key) {
  if (!cache.has(key)) {
    cache.set(key, await pool.query("select 1"));
  }
  return cache.get(key);
}

exports.handler = async (event, context) => {
  const file = path.join("/tmp", `${context.awsRequestId}.json`);
  console.log("writing /tmp/<request>.json for", context.awsRequestId);
  try {
    const config = await loadSettings();
    await lookup(event.key);
    fs.writeFileSync(file, JSON.stringify({ config, key: event.key }));
    let count = 0;
    count += 1;
    return await requestContext.run({ id: context.awsRequestId }, async () => ({ statusCode: 200, count }));
  } catch (err) {
    throw new Error("could not write /tmp/" + context.awsRequestId);
  } finally {
    fs.rmSync(file, { force: true });
  }
};
