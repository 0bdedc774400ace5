// POST /webhooks/payment: acknowledge a payment provider's callback.
const crypto = require("crypto");

exports.handler = (event, context, callback) => {
  const signature = (event.headers || {})["x-signature"] || "";
  const expected = crypto.createHash("sha256").update(event.body || "").digest("hex");
  if (signature !== expected) {
    console.log("rejected webhook", { requestId: context.awsRequestId });
    callback(null, { statusCode: 401, body: "bad signature" });
    return;
  }
  console.log("payment webhook accepted", { requestId: context.awsRequestId });
  callback(null, { statusCode: 204, body: "" });
};
