export const handler = async (event) => {
  const seen = [];
  for (const record of event.Records ?? []) {
    // Keys arrive URL-encoded, with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    const what = record.eventName.startsWith("ObjectRemoved") ? "removed" : "created";
    console.log(`${what}: s3://${record.s3.bucket.name}/${key} (${record.s3.object.size ?? 0} bytes)`);
    seen.push({ key, what });
  }
  return { seen };
};
