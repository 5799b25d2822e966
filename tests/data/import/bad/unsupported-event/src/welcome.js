// Cognito triggers must hand the event back.
exports.handler = async (event) => {
  console.log(`welcome, ${event.request?.userAttributes?.email ?? event.userName}`);
  return event;
};
