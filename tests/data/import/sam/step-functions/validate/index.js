// Throws on an order without a numeric total.
exports.handler = async (event) => {
  if (typeof event.total !== 'number') throw new Error('an order needs a numeric total');
  return event;
};
