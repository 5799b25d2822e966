const { S3Client, ListObjectsV2Command, DeleteObjectCommand } = require("@aws-sdk/client-s3");

const s3 = new S3Client({});

exports.handler = async (event) => {
  const days = Number(event.olderThanDays ?? 30);
  const cutoff = Date.now() - days * 24 * 60 * 60 * 1000;
  const bucket = process.env.BUCKET_NAME;
  let deleted = 0;
  let token;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: "incoming/", ContinuationToken: token })
    );
    for (const obj of page.Contents ?? []) {
      if (obj.LastModified.getTime() < cutoff) {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: obj.Key }));
        deleted++;
      }
    }
    token = page.NextContinuationToken;
  } while (token);
  console.log(`purged ${deleted} objects older than ${days} days from ${process.env.INCOMING}`);
  return { deleted };
};
