// A callback-style Node.js handler for the tests.
'use strict';
exports.handler = (event, context, callback) => {
  setTimeout(() => {
    if (event.fail) callback(new RangeError('asked to fail'));
    else callback(null, { id: context.getRequestID() });
  }, 1);
};
