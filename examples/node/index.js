// A FunctionGraph Node.js handler for a DIS trigger: decode every record.
// Run it: disload run default -t node:examples/node/index.handler -r 100/s -d 2s
'use strict';

exports.handler = async (event, context) => {
  const records = event.Message.records;
  let bytes = 0;
  for (const r of records) bytes += Buffer.from(r.data, 'base64').length;
  context.getLogger().info(`${records.length} records, ${bytes} bytes`);
  return { records: records.length, bytes };
};
