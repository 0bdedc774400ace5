const crypto = require("crypto");

// Acknowledge a payment provider's callback.
exports.handler = function (event, context, callback) {
  const expected = crypto.createHash("sha256").update(event.body || "").digest("hex");
  if (event.headers["x-signature"] !== expected) {
    callback(null, { statusCode: 401 });
    return;
  }
  if (!event.body) {
    callback(new Error("empty body"));
    return;
  }
  callback(null, { statusCode: 204 });
};
