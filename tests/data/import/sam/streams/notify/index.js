exports.handler = async (event) => {
  for (const record of event.Records ?? []) {
    const change = JSON.parse(record.Sns.Message);
    console.log(`order ${change.order} for ${change.customer}: ${change.from ?? "new"} -> ${change.to}`);
  }
  return { notified: (event.Records ?? []).length };
};
