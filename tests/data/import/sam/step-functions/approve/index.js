exports.handler = async (order) => ({ ...order, approved: true });
