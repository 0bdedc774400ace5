exports.handler = async (event) => {
  return { count: event.Records.length };
};
