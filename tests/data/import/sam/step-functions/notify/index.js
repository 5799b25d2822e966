exports.handler = async (order) => ({ announced: `order of ${order.total} approved` });
