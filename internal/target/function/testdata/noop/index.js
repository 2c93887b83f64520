// A no-op async Node.js handler (the benchmark of the runtime's own cost).
exports.handler = async () => '';
