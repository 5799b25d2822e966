exports.handler = async (event) => {
  const clicks = (event.Records ?? []).map((r) => JSON.parse(Buffer.from(r.kinesis.data, "base64").toString("utf8")));
  console.log(`${clicks.length} clicks`);
  return { clicks: clicks.length };
};
